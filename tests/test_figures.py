"""Quantity extraction and figure comparison (annotator.figures); pure Python, no dictionary."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.extract.figures import (
    Mismatch,
    Quantity,
    compare_quantities,
    compare_texts,
    describe,
    extract_quantities,
)

SEED = (Path(__file__).resolve().parent.parent / "corpus" / "deepseek-export-controls"
        / "000_504d558f0a83e77d.txt")
INTERESTING = ("multiple", "fraction", "percent", "money", "count")


def only(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


# (text, kind, low, high, unit, approx, verbatim span)
EXTRACTION = [
    ("約10倍です", "multiple", 10, 10, "", True, "約10倍"),
    ("2~3倍に相当", "multiple", 2, 3, "", False, "2~3倍"),
    ("2〜3倍に相当", "multiple", 2, 3, "", False, "2〜3倍"),
    ("約2～3倍", "multiple", 2, 3, "", True, "約2～3倍"),
    ("約1.68倍の割合", "multiple", 1.68, 1.68, "", True, "約1.68倍"),
    ("小規模(~1.2倍)", "multiple", 1.2, 1.2, "", True, "~1.2倍"),
    ("三倍になった", "multiple", 3, 3, "", False, "三倍"),
    ("a 10x speedup", "multiple", 10, 10, "", False, "10x"),
    ("ten times the cost", "multiple", 10, 10, "", False, "ten times"),
    ("3-4 times cheaper", "multiple", 3, 4, "", False, "3-4 times"),
    ("between 3 and 4 times", "multiple", 3, 4, "", False, "3 and 4 times"),
    ("a tenfold rise", "multiple", 10, 10, "", False, "tenfold"),
    ("約10分の1になった", "fraction", 0.1, 0.1, "", True, "約10分の1"),
    ("3分の1に", "fraction", 1 / 3, 1 / 3, "", False, "3分の1"),
    ("cut to 1/10 of", "fraction", 0.1, 0.1, "", False, "1/10"),
    ("one tenth of the price", "fraction", 0.1, 0.1, "", False, "one tenth"),
    ("a third of the chips", "fraction", 1 / 3, 1 / 3, "", False, "a third"),
    ("成功率は20%", "percent", 20, 20, "", False, "20%"),
    ("成功率は２０％", "percent", 20, 20, "", False, "２０％"),
    ("20パーセント増", "percent", 20, 20, "", False, "20パーセント"),
    ("rose 20 percent", "percent", 20, 20, "", False, "20 percent"),
    ("株価は約17%下落", "percent", 17, 17, "", True, "約17%"),
    ("3割が", "percent", 30, 30, "", False, "3割"),
    ("費用は600万ドル", "money", 6e6, 6e6, "USD", False, "600万ドル"),
    ("数千万ドルかかる", "money", 2e7, 9e7, "USD", True, "数千万ドル"),
    ("1億2000万ドル", "money", 1.2e8, 1.2e8, "USD", False, "1億2000万ドル"),
    ("cost $120 million", "money", 1.2e8, 1.2e8, "USD", False, "$120 million"),
    ("120 million dollars", "money", 1.2e8, 1.2e8, "USD", False, "120 million dollars"),
    ("約10億ドルである", "money", 1e9, 1e9, "USD", True, "約10億ドル"),
    ("数百億ドルのコスト", "money", 2e10, 9e10, "USD", True, "数百億ドル"),
    ("5,000万ドルを", "money", 5e7, 5e7, "USD", False, "5,000万ドル"),
    ("一億二千万円", "money", 1.2e8, 1.2e8, "JPY", False, "一億二千万円"),
    ("tens of millions of dollars", "money", 2e7, 9e7, "USD", True, "tens of millions of dollars"),
    ("約5万個で", "count", 5e4, 5e4, "個", True, "約5万個"),
    ("数百万個のチップ", "count", 2e6, 9e6, "個", True, "数百万個"),
    ("何百万ものチップ", "count", 2e6, 9e6, "", True, "何百万もの"),
    ("二十五人が", "count", 25, 25, "人", False, "二十五人"),
    ("9~12カ月前", "count", 9, 12, "か月", False, "9~12カ月"),
    ("50,000 chips", "count", 5e4, 5e4, "", False, "50,000 chips"),
    ("50,000 ホッパー", "number", 5e4, 5e4, "", False, "50,000"),
    ("2023年に", "year", 2023, 2023, "", False, "2023年"),
    ("令和5年に", "year", 2023, 2023, "", False, "令和5年"),
    ("2026年から2027年にかけて", "year", 2026, 2027, "", False, "2026年から2027年"),
    ("2020年から2023年まで", "year", 2020, 2023, "", False, "2020年から2023年"),
    ("back in 2023, they", "year", 2023, 2023, "", False, "2023"),
    ("11~12月に", "number", 11, 12, "月", False, "11~12月"),
]


@pytest.mark.parametrize("text,kind,low,high,unit,approx,span", EXTRACTION)
def test_extraction(text: str, kind: str, low: float, high: float, unit: str, approx: bool,
                    span: str) -> None:
    q = only(text)
    assert (q.kind, q.unit, q.approx, q.text) == (kind, unit, approx, span)
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text,expected", [
    ("2026年から2027年に実現", [2026.0, 2027.0]),  # から without まで: two years, not a range
    ("100万ドルから1億ドルに増加", [1e6, 1e8]),  # a change, not a range
    ("20%から60%に増加", [20.0, 60.0]),
    ("1000億ドルや100億ドル", [1e11, 1e10]),
    ("rose from 20 to 30 percent", [20.0, 30.0]),
])
def test_from_to_without_until_gives_two_quantities(text: str, expected: list[float]) -> None:
    found = extract_quantities(text)
    assert [q.low for q in found] == expected and all(q.low == q.high for q in found)


@pytest.mark.parametrize("text,inverse,bound", [
    ("3.5倍安いモデル", True, ""),
    ("2-3倍少ない", True, ""),
    ("10 times cheaper", True, ""),
    ("約2倍悪い", False, ""),
    ("10倍以上", False, "min"),
    ("at least $5 billion", False, "min"),
    ("100万ドル未満", False, "max"),
])
def test_direction_and_bounds(text: str, inverse: bool, bound: str) -> None:
    q = only(text)
    assert (q.inverse, q.bound) == (inverse, bound)


@pytest.mark.parametrize("text", [
    "GPT-4の性能", "Claude 3.5 Sonnetは", "例えば、Claude 3.5 SonnetのAPI", "DeepSeek-V3は", "H100、H800、H20",
    "o1-previewモデル", "GPT-4oよりも", "R1は", "第2段階", "第一に", "唯一の方法", "一時的なリード", "十分な速度",
    "一極集中", "version 1.2.3", "the 10th run", "20XX年", "they use Llama 3 models",
])
def test_identifiers_and_words_are_not_quantities_of_interest(text: str) -> None:
    assert [q for q in extract_quantities(text) if q.kind in INTERESTING] == []


def test_model_name_next_to_a_figure() -> None:
    found = extract_quantities("Claude 3.5 SonnetのAPI価格はGPT-4の約10倍です")
    assert [(q.kind, q.low, q.text) for q in found] == [("multiple", 10.0, "約10倍")]


@pytest.mark.parametrize("a,b", [
    ("10分の1", "1/10"), ("10分の1", "one tenth"), ("5万個", "50,000個"), ("1億2000万ドル", "$120 million"),
    ("20%", "２０％"), ("三倍", "3倍"), ("一億二千万円", "1億2000万円"), ("２０２３年", "2023年"),
])
def test_equal_values_in_other_forms(a: str, b: str) -> None:
    qa, qb = only(a), only(b)
    assert (qa.kind, qa.unit) == (qb.kind, qb.unit)
    assert (qa.low, qa.high) == (pytest.approx(qb.low), pytest.approx(qb.high))


# (claim, source, reason or None)
COMPARISON = [
    ("約10倍", "約10分の1", "inverted"),
    ("10分の1", "10倍", "inverted"),
    ("API価格はGPT-4の約10倍", "API価格は約10分の1になった", "inverted"),
    ("2~3倍", "10倍", "value"),
    ("3倍", "2倍", "value"),
    ("600万ドル", "6,000万ドル", "value"),
    ("30%", "20%と60%", "value"),
    ("17%", "20%", "value"),
    ("10分の1", "1/10", None),
    ("10分の1", "one tenth", None),
    ("2~3倍", "3倍", None),
    ("3倍", "2~3倍", None),
    ("5万個", "50,000", None),
    ("約5万個", "50,000 Hopper chips", None),
    ("1億2000万ドル", "$120 million", None),
    ("20%", "２０％", None),
    ("約1.7倍", "1.68倍", None),
    ("2倍", "1.68倍", None),  # rounding as written
    ("約17%", "20%", None),
    ("3.5倍安い", "3.5分の1", None),  # stated downward = the fraction
    ("10倍", "10倍安い", None),  # two multiples: wording varies, magnitudes agree
    ("10倍", "10分の1と10倍", None),  # one agreeing value is enough
    ("数百万個", "何百万ものチップ", None),
    ("1000億ドル", "少なくとも数百億ドル", None),  # a bounded source is an open range
    ("10倍以上", "20倍", None),  # bounded claims are not compared
    ("5%", "60%", None),  # too far apart to measure the same thing
    ("600万ドル", "数十億ドル", None),
    ("2023年", "2024年", None),  # years are never compared
    ("20%", "10倍", None),  # different kinds
    ("約10倍", "特に数字はない", None),
]


@pytest.mark.parametrize("claim,source,reason", COMPARISON)
def test_comparison(claim: str, source: str, reason: str | None) -> None:
    found = compare_texts(claim, source)
    assert [m.reason for m in found] == ([reason] if reason else [])


def test_mismatch_detail_says_what_was_compared() -> None:
    (m,) = compare_texts("約10倍", "約10分の1")
    assert isinstance(m, Mismatch)
    assert m.claim.text == "約10倍" and m.source.text == "約10分の1"
    assert m.detail.startswith("claim says 約10倍 (×10); source says 約10分の1 (×0.1)")


def test_compare_quantities_takes_lists() -> None:
    claim = extract_quantities("約600万ドルで、約2~3倍の約5万個")
    source = extract_quantities("600万ドル。2~3倍はある。50,000 チップ")
    assert compare_quantities(claim, source) == []


@pytest.mark.parametrize("text,expected", [
    ("約10倍", "×10"), ("3.5倍安い", "÷3.5"), ("10分の1", "×0.1"), ("20%", "20%"),
    ("600万ドル", "6,000,000 USD"), ("数千万ドル", "20,000,000–90,000,000 USD"), ("10倍以上", "×10 or more"),
])
def test_describe(text: str, expected: str) -> None:
    assert describe(only(text)) == expected


def seed_parts() -> dict[str, str]:
    text = SEED.read_text(encoding="utf-8")
    summary_at, source_at = text.index("\n速読\n"), text.index("\nクリティカル・リーディング")
    return {"all": text, "summary": text[summary_at:source_at], "source": text[source_at:]}


def test_whole_seed_extracts_and_slices_back() -> None:
    text = seed_parts()["all"]
    found = extract_quantities(text)
    assert len(found) > 50
    assert all(text[q.start:q.end] == q.text for q in found)
    names = ("GPT", "H100", "V3", "o1", "ソネット")
    assert not [q for q in found if q.kind in INTERESTING and any(n in q.text for n in names)]


def test_seed_curve_shift_claim_contradicts_its_source_sentence() -> None:
    parts = seed_parts()
    claim = next(line for line in parts["summary"].splitlines() if "API価格" in line)
    sentence = next(s for s in parts["source"].split("。") if "API価格" in s)
    found = compare_texts(claim, sentence)
    assert {(m.reason, m.claim.text, m.source.text) for m in found} == {("inverted", "約10倍", "約10分の1")}


PIECES = ["0", "1", "3", "10", "1,000", "1.5", ",", ".", "~", "〜", "-", "/", "約", "数", "何", "十", "千", "万",
          "億", "倍", "分の", "%", "％", "ドル", "個", "年", "から", "まで", "にかけて", " ", "x", "$", "GPT", "一",
          "三", " times", " to ", " million", "tens of ", "a third", "one", "twice", "以上", "安い", "令和", "もの"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=40))
def test_any_text_slices_back(text: str) -> None:
    for q in extract_quantities(text):
        assert text[q.start:q.end] == q.text and q.low <= q.high
    compare_texts(text, text[::-1])
