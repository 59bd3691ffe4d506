"""Masked spans (annotator.redactions): the seed's X runs and other conventions."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.extract.redactions import find_masks

SEED = (Path(__file__).resolve().parent.parent / "corpus" / "deepseek-export-controls"
        / "000_504d558f0a83e77d.txt")


def test_seed_has_seven_x_masks_and_its_bold_pair_is_not_one() -> None:
    text = SEED.read_text(encoding="utf-8")
    masks = find_masks(text)
    assert [m[2] for m in masks] == ["XXX", "XXXX", "XXXX", "XX", "XXX", "XX", "XXXX"]
    assert all(text[start:end] == masked for start, end, masked in masks)
    assert "**" in text and not any("*" in m[2] for m in masks)


@pytest.mark.parametrize("text,expected", [
    ("いわゆる「XXXの脅威」", ["XXX"]),
    ("中国がXXの優位性を", ["XX"]),
    ("ＸＸ社の発表", ["ＸＸ"]),
    ("20XX年に", ["XX"]),
    ("size XXXL only", ["XXX"]),
    ("××社と○○氏", ["××", "○○"]),
    ("〇〇年に△△が", ["〇〇", "△△"]),
    ("本文●●です", ["●●"]),
    ("本文■■■です", ["■■■"]),
    ("価格は＊＊＊ドル", ["＊＊＊"]),
    ("価格は**ドル", ["**"]),
    ("名前：＿＿＿＿", ["＿＿＿＿"]),
    ("氏名：____ 様", ["____"]),
    ("□□□の件", ["□□□"]),
    ("黒塗り███部分", ["███"]),
    # not masks
    ("xAIのColossus", []),
    ("XXLサイズとXbox", []),
    ("the AXXXB token", []),
    ("二〇〇〇年", []),
    ("●● 見出し", []),
    ("■■見出し\n本文", []),
    ("これは**太字**です", []),
    ("__init__ と snake__case", []),
    ("***", []),
    ("前文\n---\n***\n", []),
    ("X線とx軸", []),
])
def test_mask_styles(text: str, expected: list[str]) -> None:
    assert [m[2] for m in find_masks(text)] == expected


PIECES = ["X", "x", "Ｘ", "A", "*", "**", "＿", "_", "■", "●", "〇", "二", "○", "█", "\n", " ", "あ", "×"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_masks_slice_back_and_do_not_overlap(text: str) -> None:
    masks = find_masks(text)
    assert all(text[start:end] == masked and start < end for start, end, masked in masks)
    assert all(a[1] <= b[0] for a, b in zip(masks, masks[1:]))


MASK_ALPHABET = "XxＸｘ×○◯△□〇█●■*＊_＿ a\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MASK_ALPHABET, max_size=60))
def test_searching_from_the_first_characters_finds_every_match(text: str) -> None:
    from annotator.extract import redactions as r

    pairs = [(r._X_RUN, "XxＸｘ"), *r._ANYWHERE, (r._MID_LINE, "●■"), (r._STARS, "*＊"), (r._UNDERSCORES, "_＿")]
    for pattern, first in pairs:
        assert [m.span() for m in r._from_first(pattern, first, text)] == [m.span() for m in pattern.finditer(text)]
