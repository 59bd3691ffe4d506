"""number_mismatch end to end: a summary of our own that changes figures of every kind, and one
that restates them faithfully (in other forms) or adds unrelated figures."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.pipeline import build_edition

MANIFEST = """title = "市営バスの再編"
[[documents]]
file = "summary.txt"
lang = "ja"
role = "summary"
[[documents]]
file = "source.txt"
lang = "ja"
role = "source"
"""

SOURCE = """市営バスの再編を問う

利用の現状
市営バスの年間利用者は2.4万人で、十年前の半分に減った。運転士の平均年齢は52歳である。
バス通学の生徒の割合は24%にとどまる。利用者の満足度は前年より8ポイント下がった。

運行の課題
始発から終点までの所要時間は平均3時間45分に及ぶ。朝の始発は午前6時に出る。
新しい時刻表は4月1日に始まる。路線の見直しは2019年に始まった。
"""

CHANGED = {
    "利用者": "市営バスの年間利用者は24万人で、十年前の半分に減った。",
    "割合": "バス通学の生徒の割合は2.4%にとどまる。",
    "満足度": "利用者の満足度は前年より18ポイント下がった。",
    "所要時間": "始発から終点までの所要時間は平均3時間54分に及ぶ。",
    "始発": "朝の始発は午前7時に出る。",
    "時刻表": "新しい時刻表は4月10日に始まる。",
    "見直し": "路線の見直しは2021年に始まった。",
}

FAITHFUL = [
    "市営バスの年間利用者は約24,000人で、十年前の半分に減った。",
    "バス通学の生徒の割合は約4分の1にとどまり、利用者の満足度は8ポイント下がった。",
    "始発から終点までは平均225分かかり、朝の始発は6時に出る。",
    "新しい時刻表は4月1日に始まり、路線の見直しは2019年に始まった。",
    "筆者によれば、運転士の平均年齢は52歳で、市内の高校は12校ある。",
]


def _build(tmp_path: Path, bullets: list[str]):  # type: ignore[no-untyped-def]
    (tmp_path / "corpus.toml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "summary.txt").write_text("要約\n" + "".join(f"- {b}\n" for b in bullets), encoding="utf-8")
    return build_edition(tmp_path)


def test_every_changed_figure_is_flagged(tmp_path: Path) -> None:
    edition = _build(tmp_path, list(CHANGED.values()))
    units = {u.id: u for u in edition.units}
    flagged = {units[f.unit].text for f in edition.flags if f.kind == "number_mismatch"}
    missed = [name for name, bullet in CHANGED.items() if not any(bullet in text or text in bullet for text in flagged)]
    assert missed == [], [f.detail for f in edition.flags]


def test_faithful_figures_in_other_forms_raise_no_flag(tmp_path: Path) -> None:
    edition = _build(tmp_path, FAITHFUL)
    assert [f.detail for f in edition.flags if f.kind == "number_mismatch"] == []


@pytest.mark.parametrize("name", ["所要時間", "満足度"])
def test_the_detail_names_both_figures(tmp_path: Path, name: str) -> None:
    edition = _build(tmp_path, [CHANGED[name]])
    (flag,) = [f for f in edition.flags if f.kind == "number_mismatch"]
    assert "claim says" in flag.detail and "source says" in flag.detail


EN_MANIFEST = MANIFEST.replace('file = "source.txt"\nlang = "ja"', 'file = "source.txt"\nlang = "en"')

EN_SOURCE = """Why the Bus Matters

Ridership

Last year the city's buses carried 2.4 million passengers, and unemployment among young drivers stood at 2.4%. The average trip took 3 hours 45 minutes on the longest route. Satisfaction fell 8 percentage points after the timetable changed on April 1.

Costs

The service costs $12 million a year. Fares cover about 30% of that.
"""

EN_CHANGED = ["昨年、市のバスは240万人を運び、若い運転手の失業率は24%だった。",
              "最長路線の平均所要時間は3時間54分だった。",
              "時刻表が4月10日に変わった後、満足度は18ポイント下がった。"]
EN_FAITHFUL = ["昨年、市のバスは240万人を運び、若い運転手の失業率は2.4%だった。",
               "最長路線の平均所要時間は225分だった。",
               "時刻表が4月1日に変わった後、満足度は8ポイント下がった。",
               "運行費は年1200万ドルで、運賃はその約3割を賄う。"]


def _build_en(tmp_path: Path, bullets: list[str]):  # type: ignore[no-untyped-def]
    (tmp_path / "corpus.toml").write_text(EN_MANIFEST, encoding="utf-8")
    (tmp_path / "source.txt").write_text(EN_SOURCE, encoding="utf-8")
    (tmp_path / "summary.txt").write_text("要約\n" + "".join(f"- {b}\n" for b in bullets), encoding="utf-8")
    return build_edition(tmp_path)


def test_changed_figures_against_an_english_source(tmp_path: Path) -> None:
    edition = _build_en(tmp_path, EN_CHANGED)
    said = sorted(f.detail.split(" (", 1)[0] for f in edition.flags if f.kind == "number_mismatch")
    assert said == ["claim says 18ポイント", "claim says 24%", "claim says 3時間54分", "claim says 4月10日"]


def test_faithful_figures_against_an_english_source(tmp_path: Path) -> None:
    edition = _build_en(tmp_path, EN_FAITHFUL)
    assert [f.detail for f in edition.flags if f.kind == "number_mismatch"] == []
