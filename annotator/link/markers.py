"""Find citation markers such as 【元記事「ディープシークのモデル」のパートII】 in a claim.

A marker is a bracketed span (【】 [] ［］ （） () 〔〕 《》 〈〉 ＜＞ <> …) that names the source or one of
its sections. It is read by what it holds, not by a list of spellings:

- a source word (元記事, 原文, 社説, 論文, 出典, source, essay …), an ordinal (第2章, §1, Part 2,
  セクション3, 前半, 冒頭, 結論 …) and/or a quoted title (「」『』“”): any of them makes it a marker;
- or nothing but plain words (《データの読み方》, ＜費用の問題＞) at the end of a sentence or claim: a
  *bare* span, a marker only when it reads as one of the source's section titles, which only
  resolution (``link.citations``) knows, so ``find_spans`` returns it with ``bare=True``.

Not markers: notes and readings ((注), （えいきょう）, （筆者訳）), figures and units (（2023年）, （%）),
and a bracket that opens its line (【速報】…, a label).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

_OPEN_CLOSE = {"【": "】", "[": "]", "［": "］", "（": "）", "(": ")", "〔": "〕", "《": "》", "〈": "〉",
               "＜": "＞", "<": ">", "〘": "〙", "〖": "〗", "⟨": "⟩"}
_SPAN = re.compile("|".join(
    re.escape(o) + "([^" + re.escape(o + c) + r"\n]{1,80})" + re.escape(c) for o, c in _OPEN_CLOSE.items()))
_SOURCE_WORDS = re.compile(
    r"元記事|原文|原典|原著|原作|出典|出所|引用元|元の記事|本文|記事|社説|論説|論文|報告書|レポート|コラム|寄稿|"
    r"エッセイ|本稿|同稿|同記事|本書|同書|筆者|著者|講義|講演|"
    r"\b(?:source|original|article|essay|editorial|report|paper|column|op-ed|lecture|blog)\b", re.IGNORECASE)
_TITLE = re.compile(r"「([^「」]{1,60})」|『([^『』]{1,60})』|“([^“”]{1,60})”|\"([^\"]{1,60})\"|‘([^‘’]{1,60})’|"
                    r"(?:(?<=^)|(?<=[\s:：,、]))'([^']{1,60})'(?=$|[\s,.;:、。])")
_NOTE = re.compile(r"^\s*(?:注|※|\*|補足|補注|参考|笑|ママ|sic\b|note\b|n\.b\.)|(?:筆者|訳者|編者|原|訳|編)(?:注|訳)|"
                   r"注\s*\d*\s*$", re.IGNORECASE)
_FIGURE = re.compile(r"^[\s\d.,~〜\-–—/:+±×年月日時分秒度期号%約万億千百円ドル人名社件回倍割位台歳頃以上下未満前後第pt$€£¥]+$")
_READING = re.compile(r"^[\u3040-\u309fー・\s]+$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_KANJI = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_NUMBER = r"([0-9]{1,2}|[一二三四五六七八九十]|(?:ix|iv|v?i{1,3}|vi{0,3}|x)(?![a-z]))"
# (pattern, the section it names, vague?): vague hints (前半) lean toward a part of the source;
# the others name one section, counting the source's sections in order (-1: the last)
_ORDINALS = [
    (re.compile(r"前編|前半|上編|上巻|第一部分|first half", re.IGNORECASE), 1, True),
    (re.compile(r"中編|中盤"), 2, True),
    (re.compile(r"後編|後半|下編|下巻|second half", re.IGNORECASE), -1, True),
    (re.compile(r"第" + _NUMBER + r"(?:部|編|章|回|節|項)"), None, False),
    (re.compile(r"(?:パート|セクション|チャプター|part|section|chapter|sec\.|ch\.|pt\.?|その|§)\s*" + _NUMBER,
                re.IGNORECASE), None, False),
    (re.compile(r"([0-9]{1,2})\s*(?:部|編|章|節)(?!分)"), None, False),  # not 一部 (a part of)
    (re.compile(r"冒頭|序論|序章|はじめに|導入部|introduction|opening", re.IGNORECASE), 1, False),
    (re.compile(r"結論|結び|むすび|末尾|終章|おわりに|conclusion|closing", re.IGNORECASE), -1, False),
]
_SEPARATORS = re.compile(r"[・、,，:：/／;；\s]+")
_FILLER = re.compile(r"^\s*(?:の|より|から|参照|を参照|参考|see|cf\.?|in|from)\s|(?:の|より|から|を?参照|参考)\s*$|"
                     r"\b(?:see|cf\.?|in|from|the|of)\b", re.IGNORECASE)
_END = re.compile(r"[\s\u3000]*(?:[。．.！!？?]+[\s\u3000]*)?$")
_BEFORE_SENTENCE_END = re.compile(r"[。．.！!？?]")


@dataclass(frozen=True)
class Marker:
    """A citation marker as written; offsets index the text that was searched."""

    start: int
    end: int
    text: str
    title: Optional[str]
    part: Optional[int]  # 1, 2, … ; -1 for "the last part" (後編, 結論)
    source_word: Optional[str]
    vague: bool = False  # the part is a leaning (前半, 後編), not one numbered section
    bare: bool = False  # plain words only: a marker if its title reads as a section's (see module doc)
    loose: bool = False  # an unquoted title beside a source word (＜社説・導入の狙い＞): a title only if it reads as one

    def shifted(self, origin: int) -> Marker:
        """The same marker with offsets moved by ``origin``."""
        return replace(self, start=self.start + origin, end=self.end + origin)


def find_markers(text: str) -> list[Marker]:
    """Every marker of ``text`` that says by itself that it cites (no bare spans), in order."""
    return [m for m in find_spans(text) if not m.bare]


def find_spans(text: str) -> list[Marker]:
    """Every marker of ``text`` and every bare span in a marker's place, in order."""
    found = []
    for span in _SPAN.finditer(text):
        line_start = text.rfind("\n", 0, span.start()) + 1
        line_end = text.find("\n", span.end())
        before, after = text[line_start:span.start()], text[span.end():len(text) if line_end < 0 else line_end]
        read = _read_marker(span.group(), _position(before, after, line_start))
        if read is not None:
            found.append(Marker(span.start(), span.end(), span.group(), *read))
    return found


def _position(before: str, after: str, line_start: int) -> str:
    """Where a span stands: "end" of a sentence or line, "alone" on a later line, "opens" a line
    (a label, or the searched text's first line), or "inside" a sentence."""
    if not before.strip():
        return "alone" if line_start > 0 and _END.match(after) else "opens"
    return "end" if _at_end(after, before) else "inside"


def _at_end(after: str, before: str) -> bool:
    """True where a span closes its sentence or line: nothing but a full stop, or another span, follows."""
    if _END.match(after):
        return True
    rest = after.lstrip()
    if rest[:1] in _OPEN_CLOSE:  # 【第2章】【結論】: the next span decides
        closing = _OPEN_CLOSE[rest[0]]
        return closing in rest and _at_end(rest[rest.index(closing) + 1:], before)
    return rest[:1] in "。．！？!?" or bool(_BEFORE_SENTENCE_END.search(before[-1:])) and rest[:1] not in "、，,"


@lru_cache(maxsize=1 << 12)  # a text cites the same few markers again and again
def _read_marker(marker: str, position: str) -> Optional[tuple[Optional[str], Optional[int], Optional[str], bool, bool, bool]]:
    """(title, part, source word, vague, bare, loose) of a bracketed span, or None when it is no marker."""
    folded = unicodedata.normalize("NFKC", marker[1:-1])  # within the one-character brackets
    if not folded.strip() or _NOTE.search(folded) or _FIGURE.match(folded) or _READING.match(folded):
        return None
    source = _SOURCE_WORDS.search(folded)
    title_match = _TITLE.search(folded)
    title = next((g for g in title_match.groups() if g), None) if title_match else None
    without_title = _TITLE.sub(" ", folded)
    part, vague, cue = _ordinal(without_title)
    if source is not None:
        loose = None if title else _unquoted_title(without_title, cue)
        return title or loose, part, source.group(), vague, False, loose is not None
    if title and part is not None:
        return title, part, None, vague, False, False
    if position in ("opens", "inside"):  # 【背景】… opens a label; (特にV3) is part of its sentence
        return None
    if part is not None and "回" not in cue and _only_ordinal(without_title, cue):  # （第3回会合）: a meeting
        return title, part, None, vague, False, False
    bare = title or folded.strip()
    if sum(ch.isalnum() for ch in bare) >= 2:
        return bare, part, None, vague, True, False
    return None


def _unquoted_title(text: str, cue: str) -> Optional[str]:
    """The words beside the source word, when they name a section (＜社説・導入の狙い＞ → 導入の狙い).

    Not numbers (第2段落, p.3): those are places no heading is named after."""
    rest = _SOURCE_WORDS.sub(" ", text.replace(cue, " ", 1) if cue else text)
    rest = _FILLER.sub(" ", rest)
    words = _SEPARATORS.split(rest)
    title = " ".join(w.strip() for w in words if w.strip()).strip("「」『』“”\"‘’' ")
    if sum(ch.isalnum() for ch in title) < 2 or any(ch.isdigit() for ch in title) or _READING.match(title):
        return None
    return title


def _only_ordinal(text: str, cue: str) -> bool:
    """True when little but the ordinal is left (第2章, 〈§1〉, (Part 2 参照), （詳しくは第2章）): no ordinary parenthesis."""
    rest = text.replace(cue, " ", 1)
    return sum(ch.isalnum() for ch in rest) <= 5  # 参照, より, 詳しくは, see


def ordinal(text: str) -> tuple[Optional[int], bool]:
    """The section an ordinal names (第2章 → 2, 結論 → -1) and whether it is vague (前半); (None, False) if none."""
    part, vague, _ = _ordinal(unicodedata.normalize("NFKC", text))
    return part, vague


def part_number(text: str) -> Optional[int]:
    """The part a hint names: 前編 → 1, 第二部 → 2, パートII → 2, 後編 → -1 (last); None if none."""
    return ordinal(text)[0]


def _ordinal(text: str) -> tuple[Optional[int], bool, str]:
    for pattern, fixed, vague in _ORDINALS:
        found = pattern.search(text)
        if found:
            number = fixed if fixed is not None else _number(found.group(1))
            if number is not None:
                return number, vague, found.group()
    return None, False, ""


def _number(token: str) -> Optional[int]:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _KANJI.get(token) or _ROMAN.get(token)


def only_quotation(marker: str) -> bool:
    """True for a bracket holding a quotation and nothing else (（「…」）): a citation only if it names a section."""
    return _TITLE.fullmatch(unicodedata.normalize("NFKC", marker[1:-1]).strip()) is not None


def bracket_of(marker: str) -> str:
    """A marker's opening bracket, folded (（ and ( are one style)."""
    return unicodedata.normalize("NFKC", marker[:1])


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
