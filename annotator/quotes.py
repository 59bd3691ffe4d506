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
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from .redactions import find_masks

CLOSE_AT = 0.75
CANDIDATES = 8  # sentences aligned character by character, after a bigram prefilter
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
    spans = list(skip)
    quotes = []
    for found in _QUOTE.finditer(text):
        if any(s <= found.start() < e for s, e in spans):
            continue
        group = next(i for i, g in enumerate(found.groups(), 1) if g is not None)
        quotes.append(QuoteSpan(found.start(group), found.end(group), found.group(group)))
    return quotes


def fold(text: str) -> str:
    """NFKC and lowercase: the form quotations are compared in."""
    return unicodedata.normalize("NFKC", text).lower()


def match_quote(quote: str, sentences: Iterable[tuple[str, str]]) -> QuoteMatch:
    """The sentence (id, text) that best holds the quotation, with a status."""
    needle = fold(quote)
    pool = list(sentences)
    best = _exact(needle, pool) or _closest(needle, pool)
    if find_masks(quote):
        return QuoteMatch(best.target, best.similarity, "redacted", best.match_start, best.match_end)
    return best if best.status != "absent" or best.similarity > 0 else QuoteMatch(None, 0.0, "absent")


def _exact(needle: str, pool: Sequence[tuple[str, str]]) -> Optional[QuoteMatch]:
    for sid, text in pool:
        at = _folded(text).find(needle)
        if at >= 0:
            return QuoteMatch(sid, 1.0, "exact", at, at + len(needle))
    return None


def _closest(needle: str, pool: Sequence[tuple[str, str]]) -> QuoteMatch:
    """Align the quotation only with the sentences sharing most of its bigrams: difflib is slow."""
    grams = _bigrams(needle)
    ranked = sorted(pool, key=lambda item: -len(grams & _bigrams(_folded(item[1]))))[:CANDIDATES]
    best = QuoteMatch(None, 0.0, "absent")
    for sid, text in ranked:
        similarity, start, end = coverage(needle, _folded(text))
        if similarity > best.similarity:
            best = QuoteMatch(sid, similarity, "close" if similarity >= CLOSE_AT else "absent", start, end)
    return best


@lru_cache(maxsize=1 << 14)
def _folded(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=1 << 14)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def coverage(needle: str, haystack: str) -> tuple[float, int, int]:
    """Share of ``needle`` found in order in ``haystack``, and the span of ``haystack`` it covers."""
    if not needle or not haystack:
        return 0.0, 0, 0
    blocks = [b for b in SequenceMatcher(None, needle, haystack, autojunk=False).get_matching_blocks()
              if b.size >= 2]
    if not blocks:
        return 0.0, 0, 0
    matched = sum(b.size for b in blocks)
    start, end = blocks[0].b, blocks[-1].b + blocks[-1].size
    spread = min(1.0, (2 * len(needle)) / max(end - start, 1))
    return matched / len(needle) * spread, start, end
