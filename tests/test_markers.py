"""Citation markers in many bracket styles, and their part hints."""
from __future__ import annotations

import pytest

from annotator.link.markers import find_markers, part_number


@pytest.mark.parametrize("text, title, part", [
    ("本文【元記事「ディープシークのモデル」のパートII】。", "ディープシークのモデル", 2),
    ("本文[元記事「DeepSeekのモデル」のパートII]", "DeepSeekのモデル", 2),
    ("本文【原文記事・前編「3つの重要な力学」】", "3つの重要な力学", 1),
    ("本文[原文第二部「輸出規制」]", "輸出規制", 2),
    ("本文【元記事「ディープシークのモデル」後編】", "ディープシークのモデル", -1),
    ("本文（出典：『背景と課題』第1部）", "背景と課題", 1),
    ("本文〔原典「結論」前半〕", "結論", 1),
    ("本文《元記事“Objections” part 2》", "Objections", 2),
    ("本文［元記事「三つの論点」パート1］", "三つの論点", 1),
    ("本文(source: “Export controls”)", "Export controls", None),
    ("本文【元記事】", None, None),
    ("本文【「第三の道」第３部】", "第三の道", 3),
])
def test_marker_forms(text, title, part):
    markers = find_markers(text)
    assert len(markers) == 1
    marker = markers[0]
    assert (marker.title, marker.part) == (title, part)
    assert text[marker.start:marker.end] == marker.text
    assert marker.text[0] in "【[（〔《［("


@pytest.mark.parametrize("text", [
    "チップ(H100、H800、H20を含む)は約5万個",
    "モデル(特にDeepSeek-V3)は",
    "彼は「重要だ」と言った",
    "【速報】米国が規制",
])
def test_not_markers(text):
    assert find_markers(text) == []


@pytest.mark.parametrize("hint, number", [
    ("前編", 1), ("前半", 1), ("後編", -1), ("後半", -1), ("第2部", 2), ("第二部", 2),
    ("パートII", 2), ("パート1", 1), ("part 3", 3), ("第三部", 3), ("中編", 2), ("見出し", None),
])
def test_part_hints(hint, number):
    assert part_number(hint) == number
