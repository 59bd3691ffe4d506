"""Quotations of the source's title and subtitle are found there (exact or close), never 原文にない."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.pipeline import build_edition

MANIFEST = """title = "{title}"
[[documents]]
file = "summary.txt"
lang = "ja"
role = "summary"
[[documents]]
file = "source.txt"
lang = "{lang}"
role = "source"
"""

JA_SOURCE = """商店街はなぜ消えるのか
――郊外型店舗と暮らしの距離を考える

はじめに
駅前の商店街では空き店舗が目立つようになった。買い物客の多くは車で郊外へ向かう。

これからの課題
歩いて暮らせる町をどう守るかが問われている。
"""

EN_SOURCE = """Libraries After the Screen
How reading rooms are finding a new public

Visitors now come for the space as much as for the books. Many branches have added quiet rooms.

What Changed
Loans of printed books fell while attendance at events rose.
"""

# (source language, source text, summary bullet, expected status, expected match kind)
CASES = [
    ("ja", JA_SOURCE, "筆者は「商店街はなぜ消えるのか」と問う。", "exact", "title"),
    ("ja", JA_SOURCE, "副題は「郊外型店舗と暮らしの距離を考える」である。", "exact", "title"),
    ("ja", JA_SOURCE, "副題のとおり「郊外の店舗と暮らしの距離を考える」論考だ。", "close", "title"),
    ("ja", JA_SOURCE, "筆者は「商店街はなぜ消えたのか」と問う。", "close", "title"),
    ("ja", JA_SOURCE, "筆者は「空き店舗が目立つようになった」と書く。", "exact", "sentence"),
    ("en", EN_SOURCE, "題名は「Libraries After the Screen」である。", "exact", "title"),
    ("en", EN_SOURCE, "副題は「How reading rooms are finding a new public」だ。", "exact", "title"),
    ("en", EN_SOURCE, "「Loans of printed books fell」と書かれている。", "exact", "sentence"),
]


def _edition(tmp_path: Path, lang: str, source: str, bullet: str):  # type: ignore[no-untyped-def]
    (tmp_path / "corpus.toml").write_text(MANIFEST.format(title="試験", lang=lang), encoding="utf-8")
    (tmp_path / "source.txt").write_text(source, encoding="utf-8")
    (tmp_path / "summary.txt").write_text(f"要約\n- {bullet}\n", encoding="utf-8")
    return build_edition(tmp_path)


@pytest.mark.parametrize("lang, source, bullet, status, kind", CASES)
def test_title_quotations(tmp_path: Path, lang: str, source: str, bullet: str, status: str, kind: str) -> None:
    edition = _edition(tmp_path, lang, source, bullet)
    units = {u.id: u for u in edition.units}
    (quote,) = edition.quotes
    assert quote.status == status, quote
    assert units[quote.match].kind == kind
    assert quote.match_text and quote.match_text in units[quote.match].text


def test_a_quotation_of_the_title_raises_no_flag(tmp_path: Path) -> None:
    edition = _edition(tmp_path, "ja", JA_SOURCE, "筆者は「商店街はなぜ消えるのか」と問う。")
    assert not [f for f in edition.flags if "商店街はなぜ" in f.detail]
    assert [q.status for q in edition.quotes] == ["exact"]


def test_words_the_source_never_says_stay_absent(tmp_path: Path) -> None:
    edition = _edition(tmp_path, "ja", JA_SOURCE, "筆者は「大型店は規制すべきだ」と述べる。")
    assert [q.status for q in edition.quotes] == ["absent"]
