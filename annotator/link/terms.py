"""Bags of matching terms for spans of a document, read off its spaCy Doc.

A term is a content token's folded lemma (``nlp.match_key``). Numbers keep their digits so
that 3.5 and 4 can match. Spans such as citation markers can be masked out.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Iterable, Optional, Sequence

import numpy
from spacy.attrs import IDX, LEMMA, ORTH, POS, TAG
from spacy.tokens import Doc, Token

from ..text import nlp

Span = tuple[int, int]
CHAR_PREFIX = "字:"
CONCEPT_PREFIX = "概念:"  # a glossary concept: 拡大法 and スケーリングの法則 both carry 概念:scaling-laws
_NUMBERISH = re.compile(r"^[0-9][0-9.,]*$")
_MASK = re.compile(r"^(?:[XxＸｘ×○〇■＊*]{2,})$")  # a redaction says nothing about content
_MIX = numpy.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                    0x27D4EB2F165667C5], dtype=numpy.uint64)  # odd multipliers folding a row's fields into one key


@dataclass(frozen=True)
class TokenForms:
    """A Doc's tokens by form (text, lemma, POS, tag): all that decides a token's term or name."""

    offsets: numpy.ndarray  # each token's character offset
    form: numpy.ndarray  # each token's form
    first: numpy.ndarray  # each form's first token
    orth: numpy.ndarray  # each form's text (its ORTH)


def token_forms(doc: Doc) -> TokenForms:
    """The forms of a Doc's tokens (read once, for its terms and its names)."""
    rows = doc.to_array([IDX, ORTH, LEMMA, POS, TAG]).reshape(len(doc), 5)
    first, inverse = distinct_rows(rows[:, 1:])
    return TokenForms(rows[:, 0], inverse, first, rows[first, 1])


class TermIndex:
    """Content terms of one Doc, looked up by character span."""

    def __init__(self, doc: Doc, extra: Iterable[tuple[int, str]] = (), forms: Optional[TokenForms] = None) -> None:
        found = _token_terms(doc, forms or token_forms(doc))
        found += extra
        found.sort(key=itemgetter(0))
        self.starts = [start for start, _ in found]
        self.terms = [term for _, term in found]
        # each term followed by its kanji features: a bag counts them in this order
        self._counted = list(map(_counted, self.terms))

    def bag(self, start: int, end: int, masked: Sequence[Span] = ()) -> Counter[str]:
        """The terms of tokens that start inside [start, end) and outside every masked span."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        if not masked:
            return Counter(chain.from_iterable(self._counted[lo:hi]))
        # a masked span is a run of tokens (their starts are sorted): keep the runs between them
        cuts = sorted((bisect_left(self.starts, s), bisect_left(self.starts, e)) for s, e in masked if s < e)
        return Counter(chain.from_iterable(chain.from_iterable(self._counted[a:b] for a, b in _between(lo, hi, cuts))))


def _between(lo: int, hi: int, cuts: Sequence[Span]) -> list[Span]:
    """The runs of [lo, hi) outside the sorted ``cuts``."""
    runs, at = [], lo
    for a, b in cuts:
        if a > at:
            runs.append((at, min(a, hi)))
        at = max(at, b)
        if at >= hi:
            break
    if at < hi:
        runs.append((at, hi))
    return runs


def _token_terms(doc: Doc, forms: TokenForms) -> list[tuple[int, str]]:
    """(offset, term) of every content or numeric token, decided once per form.

    A form is (text, lemma, POS, tag): all that ``nlp.is_content`` and ``nlp.match_key`` read.
    """
    decided = [_token_term(doc[i]) for i in forms.first.tolist()]
    kept = numpy.flatnonzero(numpy.array([term is not None for term in decided], dtype=bool)[forms.form])
    return list(zip(forms.offsets[kept].tolist(), map(decided.__getitem__, forms.form[kept].tolist())))


def distinct_rows(rows: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Where each distinct row (of unsigned ints) first occurs, and for every row the index of its distinct value.

    Rows are told apart by one key mixed from their fields: one sort instead of one per field.
    """
    keys = sum(rows[:, i] * _MIX[i] for i in range(1, rows.shape[1])) + rows[:, 0]  # wraps around: fine for a key
    first, inverse = _distinct_keys(keys)
    if not (rows[first][inverse] == rows).all():  # two distinct rows met on one key
        return _distinct_sorted(rows)
    return first, inverse


def _distinct_keys(keys: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    order = numpy.argsort(keys)  # not a stable sort (much faster): each key's first place is taken below
    ordered = keys[order]
    new = numpy.empty(len(keys), dtype=bool)
    new[:1] = True
    numpy.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = numpy.empty(len(keys), dtype=numpy.int64)
    inverse[order] = numpy.cumsum(new) - 1
    return numpy.minimum.reduceat(order, numpy.flatnonzero(new)) if len(keys) else order, inverse


def _distinct_sorted(rows: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    order = numpy.lexsort(rows.T)
    ordered = rows[order]
    new = numpy.concatenate(([True], (ordered[1:] != ordered[:-1]).any(axis=1)))
    inverse = numpy.empty(len(rows), dtype=numpy.int64)
    inverse[order] = numpy.cumsum(new) - 1
    return order[new], inverse


def _token_term(token: Token) -> Optional[str]:
    """The token's term, or None when it is neither content nor a number, or is a mask."""
    if (nlp.is_content(token) or _NUMBERISH.match(token.text)) and not _MASK.match(token.text):
        return nlp.match_key(token)
    return None


@lru_cache(maxsize=1 << 16)
def _counted(term: str) -> tuple[str, ...]:
    return (term, *kanji_features(term))


def kanji_features(term: str) -> list[str]:
    """The single kanji of a kanji compound: 多極 and 両極 share 極 (weighted low by the caller)."""
    if term.startswith((CHAR_PREFIX, CONCEPT_PREFIX)):
        return []
    kanji = [c for c in term if "\u4e00" <= c <= "\u9fff"]
    return [CHAR_PREFIX + c for c in kanji] if len(kanji) >= 2 else []


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
