"""Marked spans inside a text: locating them, cutting text into styled segments, char diffs."""
from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Iterator, NamedTuple, Optional

from ..text.records import Unit


class Mark(NamedTuple):
    """A styled span of a document's text, in document offsets."""

    start: int
    end: int
    css: str
    title: str = ""


class Segment(NamedTuple):
    """A run of text with the styles of every mark covering it ('' = plain)."""

    text: str
    css: str = ""
    title: str = ""


class MarkIndex:
    """A document's marks sorted by start, so the marks over a span are found without a full scan,
    and the document cut once into runs of equal style, so that a span's segments are a lookup."""

    def __init__(self, marks: Iterable[Mark]) -> None:
        self.marks = tuple(sorted(marks, key=lambda m: m.start))  # stable: ties keep their order
        self._starts = [m.start for m in self.marks]
        self._reach = list(accumulate((m.end for m in self.marks), max))  # furthest end so far
        self._runs = _runs(self.marks)
        self._run_ends = [run[1] for run in self._runs]

    def over(self, start: int, end: int) -> list[Mark]:
        """The marks that overlap ``[start, end)``, in the order given."""
        first = bisect_right(self._reach, start)  # every mark before it ends at or before start
        last = bisect_left(self._starts, end)  # every mark from here on starts at or after end
        return [m for m in self.marks[first:last] if m.end > start]

    def cut(self, doc_text: str, start: int, end: int) -> tuple[Segment, ...]:
        """``segments`` of ``doc_text[start:end]`` for a span inside the text: its share of the runs."""
        runs = self._runs
        at = bisect_right(self._run_ends, start)  # the first run that ends after start
        if at == len(runs) or runs[at][0] >= end:
            return (Segment(doc_text[start:end]),)
        out, cursor = [], start
        while at < len(runs) and runs[at][0] < end:
            run_start, run_end, css, title = runs[at]
            if run_start > cursor:
                out.append(Segment(doc_text[cursor:run_start]))
                cursor = run_start
            right = min(run_end, end)
            out.append(Segment(doc_text[cursor:right], css, title))
            cursor, at = right, at + 1
        if cursor < end:
            out.append(Segment(doc_text[cursor:end]))
        return tuple(out)


def _runs(marks: Iterable[Mark]) -> list[tuple[int, int, str, str]]:
    """The styled stretches of a whole document: disjoint, in order, neighbours never equal in style.

    Cut inside a span, they are the span's ``segments``: the cuts inside the span are the
    boundaries of the marks over it, and each piece is covered by the same marks in the same order.
    """
    inside = sorted((m for m in marks if m.start < m.end), key=_outer_first)
    runs: list[tuple[int, int, str, str]] = []
    first = 0
    while first < len(inside):
        # the marks that overlap this one, or one of those, and so on: the rest of the text is apart
        last, reach = first + 1, inside[first].end
        while last < len(inside) and inside[last].start < reach:
            reach = max(reach, inside[last].end)
            last += 1
        group = inside[first:last]
        if len(group) == 1:
            pieces: Iterable[tuple[int, int, str, str]] = ((group[0].start, group[0].end, *_style(group)),)
        else:
            pieces = _pieces(group, sorted({m.start for m in group} | {m.end for m in group}))
        for left, right, css, title in pieces:
            if not css and not title:
                continue  # plain text is what lies between runs
            if runs and runs[-1][1] == left and runs[-1][2:] == (css, title):
                runs[-1] = (runs[-1][0], right, css, title)
            else:
                runs.append((left, right, css, title))
        first = last
    return runs


def locate(doc_text: str, unit: Optional[Unit], start: int, end: int, text: str) -> Optional[tuple[int, int]]:
    """Document offsets of ``text``: as given, relative to the unit, or found inside the unit."""
    if text and doc_text[start:end] == text:
        return start, end
    if unit is not None and text:
        if 0 <= start < end and unit.text[start:end] == text:
            return unit.start + start, unit.start + end
        found = unit.text.find(text)
        if found >= 0:
            return unit.start + found, unit.start + found + len(text)
        return None
    if not text and 0 <= start < end <= len(doc_text):
        return start, end
    return None


def segments(doc_text: str, start: int, end: int, marks: Iterable[Mark]) -> tuple[Segment, ...]:
    """Cut ``doc_text[start:end]`` at every mark boundary; each piece carries its marks' styles."""
    inside = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    if not inside and start < end:
        return (Segment(doc_text[start:end]),)
    inside.sort(key=_outer_first)
    cuts = sorted({start, end, *[max(start, m.start) for m in inside], *[min(end, m.end) for m in inside]})
    pieces: list[Segment] = []
    for left, right, css, title in _pieces(inside, cuts):
        text = doc_text[left:right]
        if pieces and (pieces[-1].css, pieces[-1].title) == (css, title):
            pieces[-1] = Segment(pieces[-1].text + text, css, title)
        elif text:
            pieces.append(Segment(text, css, title))
    return tuple(pieces)


def _pieces(inside: list[Mark], cuts: list[int]) -> Iterator[tuple[int, int, str, str]]:
    """Each stretch between two cuts with the style of the marks over it (``inside`` sorted by
    ``_outer_first``, so the marks over each stretch come in that order too)."""
    waiting, covering = 0, []  # marks not yet begun; marks over the current stretch
    for left, right in zip(cuts, cuts[1:]):
        # every mark ends at a cut, so a mark that has begun covers each stretch until it ends
        covering = [m for m in covering if m.end > left]
        while waiting < len(inside) and inside[waiting].start <= left:
            covering.append(inside[waiting])
            waiting += 1
        yield (left, right, *_style(covering)) if covering else (left, right, "", "")


def _outer_first(mark: Mark) -> tuple[int, int, str]:
    return mark.start, -mark.end, mark.css


def _style(covering: list[Mark]) -> tuple[str, str]:
    """The classes (each once) and titles of the marks over a piece."""
    if len(covering) == 1:
        return _classes(covering[0].css), covering[0].title
    css = " ".join(dict.fromkeys(c for m in covering for c in m.css.split()))
    return css, " · ".join(dict.fromkeys(m.title for m in covering if m.title))


@lru_cache(maxsize=256)
def _classes(css: str) -> str:
    return " ".join(dict.fromkeys(css.split()))


def styled(doc_text: str, start: int, end: int, marks: MarkIndex) -> tuple[Segment, ...]:
    """``segments`` of ``doc_text[start:end]`` with the marks of a document's index."""
    if 0 <= start < end <= len(doc_text):
        return marks.cut(doc_text, start, end)
    return segments(doc_text, start, end, marks.over(start, end))


NO_MARKS = MarkIndex(())


def char_diff(source: str, quote: str) -> tuple[Segment, ...]:
    """The quote against its source span: 'del' = only in the source, 'ins' = only in the quote."""
    matcher = difflib.SequenceMatcher(None, source, quote, autojunk=False)
    out: list[Segment] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Segment(quote[b1:b2]))
            continue
        if a2 > a1:
            out.append(Segment(source[a1:a2], "del"))
        if b2 > b1:
            out.append(Segment(quote[b1:b2], "ins"))
    return tuple(out)


def best_window(text: str, quote: str) -> str:
    """The stretch of ``text`` that best matches ``quote`` (for a diff when no span was recorded)."""
    if not text or not quote:
        return text
    blocks = [b for b in difflib.SequenceMatcher(None, text, quote, autojunk=False).get_matching_blocks()
              if b.size]
    if not blocks:
        return ""
    # keep the blocks of the densest stretch: those within one quote-length of the largest block
    anchor = max(blocks, key=lambda b: (b.size, -b.a))
    near = [b for b in blocks if abs(b.a - anchor.a) <= len(quote)]
    return text[min(b.a for b in near):max(b.a + b.size for b in near)]


def guess_lang(text: str) -> str:
    """'ja' when the text holds kana or kanji, else 'en' (for pipeline-written details)."""
    return "ja" if any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text) else "en"


def clip(text: str, width: float) -> str:
    """The text cut to about ``width`` em (wide characters count 1, narrow ones 0.55)."""
    if len(text) <= width:  # even if every character were wide
        return text
    used = 0.0
    for i, c in enumerate(text):
        wide = "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff00" <= c <= "\uff60" or "\u3000" <= c <= "\u303f"
        used += 1.0 if wide else 0.55
        if used > width:
            return text[:max(i - 1, 0)] + "…"
    return text


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) folded to one space."""
    return " ".join(text.split())
