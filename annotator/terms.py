"""Bags of matching terms for spans of a document, read off its spaCy Doc.

A term is a content token's folded lemma (``nlp.match_key``). Numbers keep their digits so
that 3.5 and 4 can match. Spans such as citation markers can be masked out.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from typing import Iterable, Sequence

from spacy.tokens import Doc

from . import nlp

Span = tuple[int, int]
CHAR_PREFIX = "字:"
CONCEPT_PREFIX = "概念:"  # a glossary concept: 拡大法 and スケーリングの法則 both carry 概念:scaling-laws
_NUMBERISH = re.compile(r"^[0-9][0-9.,]*$")
_MASK = re.compile(r"^(?:[XxＸｘ×○〇■＊*]{2,})$")  # a redaction says nothing about content


class TermIndex:
    """Content terms of one Doc, looked up by character span."""

    def __init__(self, doc: Doc, extra: Iterable[tuple[int, str]] = ()) -> None:
        found = [(token.idx, _term(token)) for token in doc
                 if (nlp.is_content(token) or _NUMBERISH.match(token.text)) and not _MASK.match(token.text)]
        found += extra
        found.sort(key=lambda pair: pair[0])
        self.starts = [start for start, _ in found]
        self.terms = [term for _, term in found]

    def bag(self, start: int, end: int, masked: Sequence[Span] = ()) -> Counter[str]:
        """The terms of tokens that start inside [start, end) and outside every masked span."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        bag: Counter[str] = Counter()
        for at, term in zip(self.starts[lo:hi], self.terms[lo:hi]):
            if not any(s <= at < e for s, e in masked):
                bag[term] += 1
                bag.update(kanji_features(term))
        return bag


def kanji_features(term: str) -> list[str]:
    """The single kanji of a kanji compound: 多極 and 両極 share 極 (weighted low by the caller)."""
    if term.startswith((CHAR_PREFIX, CONCEPT_PREFIX)):
        return []
    kanji = [c for c in term if "\u4e00" <= c <= "\u9fff"]
    return [CHAR_PREFIX + c for c in kanji] if len(kanji) >= 2 else []


def _term(token) -> str:  # type: ignore[no-untyped-def]
    return nlp.match_key(token)


def char_bigrams(text: str) -> Counter[str]:
    """Character bigrams of the NFKC-folded text, ignoring spaces and punctuation."""
    folded = "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())
    return Counter(folded[i:i + 2] for i in range(len(folded) - 1))


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Dice overlap of two multisets, 0..1."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def merge(bags: Iterable[Counter[str]]) -> Counter[str]:
    """The sum of several bags."""
    out: Counter[str] = Counter()
    for bag in bags:
        out.update(bag)
    return out
