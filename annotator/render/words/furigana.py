"""Furigana: readings from UniDic (the tokens' own) over the words a reader may not know.

A word gets a reading when one of its kanji is beyond the chosen list: ``beyond-joyo`` (not a jōyō
kanji), ``grade:N`` (not taught by school grade N) or ``all`` (any kanji). The reading covers the
word's kanji part: kana the word starts or ends with, and that its reading repeats, stay outside.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import cache
from typing import Callable, Mapping, NamedTuple, Optional

from ..catalog import Catalog
from ..spans import Segment
from .kanji import is_kanji, known

RUBY = "rb"  # a segment whose css starts with this is a word with its reading in ``title``


class Ruby(NamedTuple):
    """A reading over text[start:end]."""

    start: int
    end: int
    reading: str


def hiragana(text: str) -> str:
    """Katakana turned into hiragana (UniDic writes readings in katakana)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def needs_reading(surface: str, policy: str) -> bool:
    """Whether a word has a kanji a reader under ``policy`` may not know."""
    return any(is_kanji(c) and not known(c, policy) for c in surface)


def ruby_of(surface: str, start: int, reading: str) -> Optional[Ruby]:
    """The reading over a word's kanji part: kana at either end that the reading repeats are left out."""
    said = hiragana(reading)
    head, tail = 0, len(surface)
    while head < tail and said and hiragana(surface[head]) == said[0] and not is_kanji(surface[head]):
        head, said = head + 1, said[1:]
    while tail > head and said and hiragana(surface[tail - 1]) == said[-1] and not is_kanji(surface[tail - 1]):
        tail, said = tail - 1, said[:-1]
    if head >= tail or not said:
        return None
    return Ruby(start + head, start + tail, said)


def rubies(text: str, policy: str) -> tuple[Ruby, ...]:
    """The readings to print over a Japanese text, in order."""
    from ...text.nlp import analyze, reading  # spaCy is loaded only when furigana are asked for

    found = []
    for token in analyze(text, "ja"):
        kana = reading(token)
        if kana and needs_reading(token.text, policy):
            ruby = ruby_of(token.text, token.idx, kana)
            if ruby is not None:
                found.append(ruby)
    return tuple(found)


@cache
def ruby_index(policy: str) -> Callable[[Catalog], Mapping[str, tuple[Ruby, ...]]]:
    """A maker of each Japanese document's readings under ``policy``, for ``Catalog.kept`` (one
    function per policy, so a catalog keeps one index per policy)."""
    def make(catalog: Catalog) -> Mapping[str, tuple[Ruby, ...]]:
        return {doc.id: rubies(doc.text, policy) for doc in catalog.edition.corpus.documents if doc.lang == "ja"}
    return make


def with_ruby(segments: tuple[Segment, ...], start: int, found: tuple[Ruby, ...]) -> tuple[Segment, ...]:
    """Segments of text[start:…] cut so each reading's word is a segment of its own (css ``rb …``)."""
    if not found or not segments:
        return segments
    end = start + sum(len(s.text) for s in segments)
    first = bisect_left(found, (start, -1, ""))
    inside = [r for r in found[first:] if r.start < end]
    if not inside:
        return segments
    out: list[Segment] = []
    position = start
    for segment in segments:
        out += _cut(segment, position, inside)
        position += len(segment.text)
    return tuple(out)


def _cut(segment: Segment, start: int, found: list[Ruby]) -> list[Segment]:
    end = start + len(segment.text)
    out: list[Segment] = []
    cursor = start
    for ruby in found:
        if ruby.end <= cursor or ruby.start >= end:
            continue
        if ruby.start < cursor or ruby.end > end:
            continue  # a word split by a mark keeps no reading rather than a wrong half
        if ruby.start > cursor:
            out.append(Segment(segment.text[cursor - start:ruby.start - start], segment.css, segment.title))
        css = f"{RUBY} {segment.css}".strip()
        out.append(Segment(segment.text[ruby.start - start:ruby.end - start], css, ruby.reading))
        cursor = ruby.end
    if cursor < end:
        out.append(Segment(segment.text[cursor - start:], segment.css, segment.title))
    return out


def heading_with_ruby(doc_text: str, heading: str, near: int, found: tuple[Ruby, ...]) -> tuple[Segment, ...]:
    """A section heading (a line of the document, at or just before ``near``) cut for its readings;
    empty when it has none."""
    if not found or not heading:
        return ()
    at = doc_text.find(heading, max(0, near - len(heading) - 8))
    if at < 0:
        return ()
    cut = with_ruby((Segment(heading),), at, found)
    return cut if any(s.css.startswith(RUBY) for s in cut) else ()
