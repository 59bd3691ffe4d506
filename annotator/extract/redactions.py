"""Masked spans in a text: XXX, ××, ○○, ■■, ＊＊, □□, ＿＿, █.

What counts as a mask:

- A run of X or x (ASCII or full-width) of two or more, unless it sits inside a Latin word: xAI,
  Xbox and XXL are words. A run of three or more counts even when one side touches a letter
  (XXXL, XXXsan), but never when both sides do (a hex-like token inside a word).
- ××, ○○, 〇〇, ◯◯, △△, □□, ＿＿ (two or more). 〇 next to a kanji numeral is a zero (二〇〇〇).
- ●● and ■■ (two or more) except at the start of a line, where they mark a bullet or heading.
- ** / ＊＊ (two or more) except a Markdown emphasis pair on one line (**text**, __text__) and a
  line made only of the run (a horizontal rule).
- __ (two or more) unless attached to a Latin letter or digit (__init__, snake__case).
- █ (one or more): only ever used as a blackout bar.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

# Each pattern begins with a fixed character or class, so `re` skips ahead to where a match can
# start (X{2,} would be tried at every offset); _from_first skips to the first such character.
_X_RUN = re.compile(r"[XxＸｘ][XxＸｘ]+")
_ANYWHERE = ((re.compile(r"××+"), "×"), (re.compile(r"[○◯△□][○◯△□]+"), "○◯△□"), (re.compile(r"〇〇+"), "〇"),
             (re.compile(r"██*"), "█"))  # with the characters their matches begin with
_MID_LINE = re.compile(r"●●+|■■+")
_STARS = re.compile(r"[*＊][*＊]+")
_UNDERSCORES = re.compile(r"[_＿][_＿]+")
_EMPHASIS = re.compile(r"(\*\*\*?|___?)(?=\S)([^\n]+?)(?<=\S)\1")
_KANJI_NUMERALS = set("〇一二三四五六七八九十百千万億兆")


def find_masks(text: str) -> list[tuple[int, int, str]]:
    """Every masked span of ``text`` as (start, end, text), in order."""
    spans: list[tuple[int, int]] = []
    spans += [m.span() for m in _from_first(_X_RUN, "XxＸｘ", text) if _x_is_mask(text, m.start(), m.end())]
    for pattern, first in _ANYWHERE:
        spans += [m.span() for m in _from_first(pattern, first, text) if not _is_zero(text, m.start(), m.end())]
    spans += [m.span() for m in _from_first(_MID_LINE, "●■", text) if not _at_line_start(text, m.start())]
    emphasis = _emphasis_marks(text)
    spans += [m.span() for m in _from_first(_STARS, "*＊", text)
              if m.span() not in emphasis and not _whole_line(text, m.start(), m.end())]
    spans += [m.span() for m in _from_first(_UNDERSCORES, "_＿", text)
              if m.span() not in emphasis and not _whole_line(text, m.start(), m.end())
              and not _attached(text, m.start(), m.end(), _ascii_alnum)]
    return [(start, end, text[start:end]) for start, end in sorted(set(spans))]


def _from_first(pattern: re.Pattern[str], chars: str, text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches begin with one of ``chars``.

    The search starts at the first of them (a fast scan; most texts hold none), which finds the
    same matches: lookbehinds still see the text before it.
    """
    found = [at for at in map(text.find, chars) if at >= 0]
    return pattern.finditer(text, min(found)) if found else iter(())


def _latin(c: str) -> bool:
    return ("a" <= c.lower() <= "z") or ("ａ" <= c <= "ｚ") or ("Ａ" <= c <= "Ｚ")


def _ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _side_chars(text: str, start: int, end: int) -> tuple[str, str]:
    return (text[start - 1] if start else "", text[end] if end < len(text) else "")


def _attached(text: str, start: int, end: int, test: Callable[[str], bool]) -> bool:
    return any(c and test(c) for c in _side_chars(text, start, end))


def _x_is_mask(text: str, start: int, end: int) -> bool:
    before, after = _side_chars(text, start, end)
    left, right = bool(before) and _latin(before), bool(after) and _latin(after)
    if not left and not right:
        return True
    return end - start >= 3 and not (left and right)


def _is_zero(text: str, start: int, end: int) -> bool:
    """〇 beside a kanji numeral is the digit zero (二〇〇〇年), not a mask."""
    if text[start] != "〇":
        return False
    return any(c in _KANJI_NUMERALS for c in _side_chars(text, start, end) if c)


def _at_line_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _whole_line(text: str, start: int, end: int) -> bool:
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return _at_line_start(text, start) and not text[end:line_end].strip()


def _emphasis_marks(text: str) -> set[tuple[int, int]]:
    """The delimiters of Markdown emphasis pairs on one line: **text**, __text__."""
    marks: set[tuple[int, int]] = set()
    for m in _from_first(_EMPHASIS, "*_", text):
        width = len(m.group(1))
        marks.add((m.start(), m.start() + width))
        marks.add((m.end() - width, m.end()))
    return marks
