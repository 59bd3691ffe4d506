"""Quotations in a claim and how closely the source says them.

``coverage`` is the share of the quotation's characters found in order in one source
sentence (difflib's matching blocks), discounted when the matched characters lie spread
over a span much longer than the quotation. Thresholds:

- exact: the NFKC-folded quotation occurs verbatim in the folded sentence;
- close: coverage ≥ CLOSE_AT (0.75) — a paraphrase of one source span;
- absent: below that — the source never says it;
- redacted: the quotation holds a mask (XXX, ○○ …), so it cannot be verified.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate
from typing import Any, Iterable, Optional, Sequence

import numpy

from .redactions import find_masks

CLOSE_AT = 0.75
CANDIDATES = 8  # sentences aligned character by character, after a bigram prefilter
_SEPARATOR = "\x00"  # between sentences in the joined text searched for exact quotations
_QUOTE = re.compile(r"「([^「」\n]{2,200})」|『([^『』\n]{2,200})』|“([^“”\n]{2,200})”")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation as written: offsets of its inner text in the searched text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class QuoteMatch:
    """The best source sentence for a quotation."""

    target: Optional[str]
    similarity: float
    status: str
    match_start: int = 0  # the matched span, as offsets into the target's text
    match_end: int = 0


def find_quotes(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[QuoteSpan]:
    """Quotations in ``text`` outside the ``skip`` spans (citation markers)."""
    starts, ends = _merged(skip)
    quotes = []
    for found in _QUOTE.finditer(text):
        at = bisect_right(starts, found.start()) - 1
        if at >= 0 and found.start() < ends[at]:
            continue
        group = next(i for i, g in enumerate(found.groups(), 1) if g is not None)
        quotes.append(QuoteSpan(found.start(group), found.end(group), found.group(group)))
    return quotes


def _merged(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Starts and ends of the spans' union, as sorted disjoint intervals (empty spans dropped)."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(span for span in spans if span[0] < span[1]):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def fold(text: str) -> str:
    """NFKC and lowercase: the form quotations are compared in."""
    return unicodedata.normalize("NFKC", text).lower()


class QuotePool:
    """Source sentences (id, text) indexed once, so each quotation is matched without a full scan."""

    def __init__(self, sentences: Iterable[tuple[str, str]]) -> None:
        self._ids: list[str] = []
        self._texts: list[str] = []
        for sid, text in sentences:
            self._ids.append(sid)
            self._texts.append(_folded(text))
        self._joined = _SEPARATOR.join(self._texts)
        self._offsets = list(accumulate((len(t) + 1 for t in self._texts[:-1]), initial=0))
        self._bigrams = _Bigrams(self._texts, self._joined)
        self._matchers: dict[int, SequenceMatcher[str]] = {}  # difflib indexes a sentence once
        self._found: dict[str, QuoteMatch] = {}

    def match(self, quote: str) -> QuoteMatch:
        """The sentence that best holds the quotation, with a status."""
        if quote not in self._found:
            self._found[quote] = self._match(quote)
        return self._found[quote]

    def _match(self, quote: str) -> QuoteMatch:
        needle = fold(quote)
        best = self._exact(needle) or self._closest(needle)
        if find_masks(quote):
            return QuoteMatch(best.target, best.similarity, "redacted", best.match_start, best.match_end)
        return best if best.status != "absent" or best.similarity > 0 else QuoteMatch(None, 0.0, "absent")

    def _exact(self, needle: str) -> Optional[QuoteMatch]:
        """The first sentence holding the needle verbatim: one search of the joined sentences."""
        if not self._texts or _SEPARATOR in needle:
            return self._exact_each(needle)
        found = self._joined.find(needle)
        if found < 0:
            return None
        place = bisect_right(self._offsets, found) - 1
        at = found - self._offsets[place]
        return QuoteMatch(self._ids[place], 1.0, "exact", at, at + len(needle))

    def _exact_each(self, needle: str) -> Optional[QuoteMatch]:
        for sid, text in zip(self._ids, self._texts):
            at = text.find(needle)
            if at >= 0:
                return QuoteMatch(sid, 1.0, "exact", at, at + len(needle))
        return None

    def _closest(self, needle: str) -> QuoteMatch:
        """Align the quotation only with the sentences sharing most of its bigrams: difflib is slow.

        A sentence sharing no bigram has no matching block, so only sentences that share one
        are candidates; ties keep pool order.
        """
        shared = self._bigrams.sharing(_bigrams(needle))
        places = numpy.flatnonzero(shared)
        ranked = places[numpy.lexsort((places, -shared[places]))[:CANDIDATES]].tolist()
        best = QuoteMatch(None, 0.0, "absent")
        for place in ranked:
            similarity, start, end = coverage(needle, self._matcher(place))
            if similarity > best.similarity:
                status = "close" if similarity >= CLOSE_AT else "absent"
                best = QuoteMatch(self._ids[place], similarity, status, start, end)
        return best

    def _matcher(self, place: int) -> SequenceMatcher[str]:
        if place not in self._matchers:
            self._matchers[place] = SequenceMatcher(None, "", self._texts[place], autojunk=False)
        return self._matchers[place]


class _Bigrams:
    """Which sentences hold each character bigram (inside one sentence), as sorted arrays.

    Built by numpy in one pass over the joined sentences: a dict of lists would take a Python
    step for every bigram of the source.
    """

    def __init__(self, texts: Sequence[str], joined: str) -> None:
        chars = numpy.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32).astype(numpy.int64)
        lengths = numpy.fromiter(map(len, texts), dtype=numpy.int64, count=len(texts))
        # each character's sentence (a separator goes with the sentence before it), and whether it is inside it
        owner = numpy.repeat(numpy.arange(len(texts)), lengths + 1)[:len(chars)]
        inside = numpy.arange(len(chars)) - (numpy.cumsum(lengths + 1) - lengths - 1)[owner] < lengths[owner]
        at = numpy.flatnonzero(inside[:-1] & inside[1:])
        keys = _gram_keys(chars[at], chars[at + 1])
        self._count = len(texts)
        count = max(self._count, 1)
        ranked = count >= _KEYED_PAIRS_BELOW
        if ranked:  # a bigram's key times the count would overflow: number the bigrams instead
            distinct, keys = numpy.unique(keys, return_inverse=True)
        # each (bigram, sentence) once, by bigram then sentence: one sortable number, one sort
        pairs = numpy.sort(keys * count + owner[at])
        grams, self._sentences = numpy.divmod(pairs[_starts(pairs)], count)
        new = _starts(grams)
        self._grams = distinct if ranked else grams[new]
        self._ptr = numpy.append(numpy.flatnonzero(new), len(grams))

    def sharing(self, grams: Iterable[str]) -> Any:
        """For every sentence, how many of these bigrams it holds."""
        keys = numpy.array([_gram_keys(ord(g[0]), ord(g[1])) for g in grams], dtype=numpy.int64)
        at = numpy.minimum(numpy.searchsorted(self._grams, keys), max(len(self._grams) - 1, 0))
        held = at[self._grams[at] == keys] if len(self._grams) else at[:0]
        starts, ends = self._ptr[held], self._ptr[held + 1]
        sizes = ends - starts
        spans = numpy.repeat(starts - (numpy.cumsum(sizes) - sizes), sizes) + numpy.arange(int(sizes.sum()))
        return numpy.bincount(self._sentences[spans], minlength=self._count)


def _starts(ordered: Any) -> Any:
    """True where a sorted array's value differs from the one before (and at its first place)."""
    new = numpy.empty(len(ordered), dtype=bool)
    new[:1] = True
    numpy.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    return new


def _gram_keys(first: Any, second: Any) -> Any:
    return first * (1 << 21) + second


_KEYED_PAIRS_BELOW = 1 << 21  # sentences: a bigram's key (below 2 ** 42) times their count fits in int64


@lru_cache(maxsize=1)
def quote_pool(sentences: tuple[tuple[str, str], ...]) -> QuotePool:
    """The pool of these sentences, shared by the callers that match quotations against the same source."""
    return QuotePool(sentences)


@lru_cache(maxsize=1 << 14)
def _folded(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=1 << 14)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def coverage(needle: str, haystack: SequenceMatcher[str]) -> tuple[float, int, int]:
    """Share of ``needle`` found in order in the matcher's second sequence, and the span of it covered."""
    if not needle or not haystack.b:
        return 0.0, 0, 0
    haystack.set_seq1(needle)
    blocks = [b for b in haystack.get_matching_blocks() if b.size >= 2]
    if not blocks:
        return 0.0, 0, 0
    matched = sum(b.size for b in blocks)
    start, end = blocks[0].b, blocks[-1].b + blocks[-1].size
    spread = min(1.0, (2 * len(needle)) / max(end - start, 1))
    return matched / len(needle) * spread, start, end
