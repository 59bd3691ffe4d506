"""Find citation markers such as 【元記事「ディープシークのモデル」のパートII】 in a claim.

A marker is a bracketed span (【】 [] ［］ （） () 〔〕 《》 〈〉) that names the source — a source
word (元記事, 原文, 出典 …, or English "source", "original") and/or a quoted section title
(「」『』“”) with a part hint (前編, 後半, 第2部, パートII, part 1 …). Brackets that hold
neither, like (H100、H800、H20を含む), are ordinary text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

_OPEN_CLOSE = {"【": "】", "[": "]", "［": "］", "（": "）", "(": ")", "〔": "〕", "《": "》", "〈": "〉"}
_MARKER = re.compile("|".join(
    re.escape(o) + "([^" + re.escape(o + c) + r"\n]{1,80})" + re.escape(c) for o, c in _OPEN_CLOSE.items()))
_SOURCE_WORDS = re.compile(
    r"元記事|原文|原典|原著|原作|出典|出所|引用元|元の記事|本文|記事|論文|エッセイ|本稿|同稿|同記事|"
    r"\bsource\b|\boriginal\b|\barticle\b|\bessay\b", re.IGNORECASE)
_TITLE = re.compile(r"「([^「」]{1,60})」|『([^『』]{1,60})』|“([^“”]{1,60})”|\"([^\"]{1,60})\"")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_KANJI = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_NUMBER = r"([0-9]+|[一二三四五六]|(?:iv|v?i{1,3}|vi?)(?![a-z]))"
_PART_PATTERNS = [
    (re.compile(r"前編|前半|上編|上巻|第一部分"), 1),
    (re.compile(r"中編|中盤"), 2),
    (re.compile(r"後編|後半|下編|下巻"), -1),  # the last part
    (re.compile(r"第" + _NUMBER + r"(?:部|編|章|回|節)"), None),
    (re.compile(r"(?:パート|part|pt\.?|その)\s*" + _NUMBER, re.IGNORECASE), None),
    (re.compile(_NUMBER + r"\s*(?:部|編)(?!分)"), None),
]


@dataclass(frozen=True)
class Marker:
    """A citation marker as written; offsets index the text that was searched."""

    start: int
    end: int
    text: str
    title: Optional[str]
    part: Optional[int]  # 1, 2, … ; -1 for "the last part" (後編)
    source_word: Optional[str]


def find_markers(text: str) -> list[Marker]:
    """Every citation marker in ``text``, in order."""
    markers = []
    for found in _MARKER.finditer(text):
        read = _read_marker(found.group())
        if read is not None:
            markers.append(Marker(found.start(), found.end(), found.group(), *read))
    return markers


@lru_cache(maxsize=1 << 12)  # a text cites the same few markers again and again
def _read_marker(marker: str) -> Optional[tuple[Optional[str], Optional[int], Optional[str]]]:
    """(title, part, source word) of a bracketed span, or None when it names no source."""
    folded = unicodedata.normalize("NFKC", marker[1:-1])  # within the one-character brackets
    source = _SOURCE_WORDS.search(folded)
    title_match = _TITLE.search(folded)
    title = next((g for g in title_match.groups() if g), None) if title_match else None
    without_title = _TITLE.sub(" ", folded)
    part = part_number(without_title)
    if source is None and not (title and part is not None):
        return None
    return title, part, source.group() if source else None


def part_number(text: str) -> Optional[int]:
    """The part a hint names: 前編 → 1, 第二部 → 2, パートII → 2, 後編 → -1 (last); None if none."""
    for pattern, fixed in _PART_PATTERNS:
        found = pattern.search(text)
        if found:
            return fixed if fixed is not None else _number(found.group(1))
    return None


def _number(token: str) -> Optional[int]:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _KANJI.get(token) or _ROMAN.get(token)


def strip_markers(text: str, markers: list[Marker]) -> str:
    """The text with every marker replaced by spaces, so offsets still line up."""
    pieces = []
    at = 0
    for start, end in sorted((m.start, m.end) for m in markers):
        if end > at:
            start = max(start, at)
            pieces += [text[at:start], " " * (end - start)]
            at = end
    return "".join(pieces) + text[at:] if pieces else text
