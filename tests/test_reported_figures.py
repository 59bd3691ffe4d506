"""Changed figures found wherever a text restates the source: a month of a year, a lone year, a duration
whose clause opens with a point in time, a count with a counter against an English count, and figures a
commentary attributes to the source (社説は…と書く, 記事によれば, the report says). Faithful restatements
in other forms, figures of another measure and the commentary's own figures stay quiet."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.check.reported import reported
from annotator.extract.measures import measure_at
from annotator.extract.quantities import extract_quantities
from annotator.pipeline import build_edition

SOURCES = {
    "ja": """シェア自転車を街の足に

始まり
市のシェア自転車は2021年6月に始まった。事業は2018年に計画された。貸出回数は昨年18万回で、登録者は1万2千人に増えた。

使われ方
1回あたりの平均利用時間は、導入前の40分から23分に短くなった。利用者の41%は通勤に使う。

費用
市は運営費を年間約6千万円と見積もっている。駐輪場の数を増やすべきだ。
""",
    "en": """Bikes for Everyone

How It Began
The city's bike-share scheme began in June 2021. It was first planned in 2018. Last year riders made 1.2 million journeys.

Who Rides
The average hire now lasts 23 minutes. About 41% of riders use the bikes to get to work.

What It Costs
The council puts the running cost at £600,000 a year. More docking stations should be built.
""",
}

# (source language, role of the restating text, its sentence, whether it must be flagged)
CASES = [
    # a month of a year, against the one month of the sentence it was taken from, in either language
    ("ja", "summary", "市のシェア自転車は2021年9月に始まった", True),
    ("en", "summary", "市のシェア自転車は2021年9月に始まった", True),
    ("ja", "summary", "市のシェア自転車は2021年6月に始まった", False),
    ("en", "summary", "市のシェア自転車は2021年6月に始まった", False),
    ("ja", "summary", "市のシェア自転車は2021年に始まった", False),  # the year of that month
    # a lone year, whatever the words around it
    ("en", "summary", "事業は2016年に計画された", True),
    ("en", "summary", "事業は2018年に計画された", False),
    # a duration whose clause opens with a point in time (導入前の40分から23分)
    ("ja", "summary", "平均利用時間は40分から32分に短くなった", True),
    ("ja", "summary", "平均利用時間は40分から23分に短くなった", False),
    # a count with a counter against an English count without one
    ("en", "summary", "昨年のライダーのジャーニーは240万回だった", True),
    ("en", "summary", "昨年のライダーのジャーニーは120万回だった", False),
    # figures a commentary attributes to the source
    ("ja", "commentary", "社説は運営費を年間約1億2千万円と見積もるが、人件費が入っていない。", True),
    ("en", "commentary", "記事は運営費を年120万ポンドと見積もるが、人件費が入っていない。", True),
    ("ja", "commentary", "社説によれば利用者の14%が通勤に使うというが、それでは少なすぎる。", True),
    ("en", "commentary", "記事が挙げる年120万ポンドの運営費は、人件費を含まない。", True),
    ("ja", "commentary", "社説は登録者が12,000人に増えたと書くが、退会者の数は書いていない。", False),
    ("en", "commentary", "記事は60万ポンドの運営費を挙げるが、人件費が入っていない。", False),
    ("en", "commentary", "記事は昨年の走行距離を460万キロとしているが、一人が何度も借りている。", False),
    # the commentary's own figures: another town, its own estimate
    ("ja", "commentary", "隣の町では貸出回数が30万回に達したが、費用は市の倍だった。", False),
    ("en", "commentary", "隣の町では利用者の60%が通勤に使っているという。", False),
    ("ja", "commentary", "私の試算では運営費は年1億円を超えると思う。", False),
]

MANIFEST = """title = "シェア自転車"
[[documents]]
file = "source.txt"
lang = "{lang}"
role = "source"
[[documents]]
file = "{role}.txt"
lang = "ja"
role = "{role}"
"""


def _flags(tmp_path: Path, lang: str, role: str, sentence: str) -> list[str]:
    (tmp_path / "corpus.toml").write_text(MANIFEST.format(lang=lang, role=role), encoding="utf-8")
    (tmp_path / "source.txt").write_text(SOURCES[lang], encoding="utf-8")
    text = f"要約\n- {sentence}\n" if role == "summary" else f"意見\n\n1. 数字の見方\n・{sentence}\n"
    (tmp_path / f"{role}.txt").write_text(text, encoding="utf-8")
    edition = build_edition(tmp_path)
    units = {u.id: u for u in edition.units}
    return [f.detail for f in edition.flags if f.kind == "number_mismatch" and units[f.unit].doc == role]


@pytest.mark.parametrize("lang,role,sentence,flagged", CASES, ids=[f"{c[0]}-{c[1]}-{c[2][:14]}" for c in CASES])
def test_restated_figure(tmp_path: Path, lang: str, role: str, sentence: str, flagged: bool) -> None:
    found = _flags(tmp_path, lang, role, sentence)
    assert bool(found) == flagged, found


MONTHS = [
    ("市は2025年4月から試行する", [("month", 202504)]),
    ("In September 2023 the school", [("month", 202309)]),
    ("令和5年4月に始まった", [("month", 202304)]),
    ("2025年4月1日に始まる", [("year", 2025), ("date", 401)]),  # with its day: a year and a date, as before
    ("2020年4月から2021年3月まで", [("month", 202004), ("month", 202103)]),
    ("April 1, 2025", [("date", 401), ("year", 2025)]),
]


@pytest.mark.parametrize("text,expected", MONTHS)
def test_a_year_with_its_month_is_one_figure(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(q.kind, int(q.low)) for q in extract_quantities(text)] == expected


ATTRIBUTED = [
    ("社説は、職員の3.2%が利用したと書くが", True),
    ("報告書が見積もる1億ドルの費用", True),
    ("筆者によれば、利用者は5万人だ", True),
    ("報告書では受診者は延べ8千人である", True),
    ("集中できると答えた生徒が12ポイント増えたというが", True),  # no topic of its own: the source speaks
    ("The report says 4.6 million people visited", True),
    ("According to the author, 30% of riders walk", True),
    ("隣の市では22%減った", False),
    ("隣の市では22%減ったという", False),  # a topic of its own, no source named
    ("私の町では利用者が3万人だと思う", False),  # the writer's judgement
    ("社説は費用を挙げるが、隣の市では22%減った", False),  # another clause
    ("In our town, 30% of pupils walk", False),
]


@pytest.mark.parametrize("text,expected", ATTRIBUTED)
def test_reported_figures(text: str, expected: bool) -> None:
    figure = extract_quantities(text)[-1]
    assert reported(text, figure) == expected


MEASURES = [
    ("月平均残業時間は、導入前の14時間30分", "14時間30分", ""),  # a point in time measures nothing
    ("利用した職員が32%", "32%", "職員"),  # nor does a verbal noun used as a verb
    ("食材費は過去3年間で約24%", "約24%", "食材費"),
    ("年間約120億円", "約120億円", ""),
]


@pytest.mark.parametrize("text,figure,head", MEASURES)
def test_measure_skips_time_and_verbs(text: str, figure: str, head: str) -> None:
    start = text.index(figure)
    measure = measure_at(text, start, start + len(figure), figure)
    assert measure.head == head
    assert not [n for n in measure.others if n.endswith("前") or n in ("利用", "過去", "年間")]
