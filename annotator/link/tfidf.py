"""TF-IDF unit vectors of the source's sentences and blocks, built in bulk with numpy.

The same float operations in the same order as one bag at a time in Python, so that a score
never moves by a digit because the vectors are built in bulk (``similarity.py`` ranks with them).
"""
from __future__ import annotations

import math
from itertools import chain, compress
from typing import Any, Mapping, Sequence

import numpy

from .terms import CHAR_PREFIX

CHAR_FEATURE_WEIGHT = 0.35  # single kanji shared by two compounds: a hint, not a match
FULL_LENGTH_TERMS = 8  # a sentence with fewer terms than this is trusted less: one shared word is luck
_ROWS_AT_ONCE = 1024  # rows whose squared weights are summed as Python floats at a time (bounded memory)


class _Bags:
    """Bags of terms laid end to end: every bag's terms and counts, its size, and which bag each entry is of."""

    def __init__(self, bags: Sequence[Mapping[str, float]]) -> None:
        self.terms = list(chain.from_iterable(bags))
        self.counts = numpy.fromiter(chain.from_iterable(b.values() for b in bags), dtype=numpy.float64,
                                     count=len(self.terms))
        self.sizes = numpy.fromiter(map(len, bags), dtype=numpy.int64, count=len(bags))
        self.owner = numpy.repeat(numpy.arange(len(bags), dtype=numpy.int64), self.sizes)

    def kept(self, held: Any) -> tuple[list[str], Any, Any]:
        """The terms, counts and owning bags of the entries ``held`` (a mask)."""
        return list(compress(self.terms, held.tolist())), self.counts[held], self.owner[held]


def _codes(column: Mapping[str, int], terms: list[str]) -> Any:
    return numpy.fromiter(map(column.__getitem__, terms), dtype=numpy.int64, count=len(terms))


def vectors(sentences: Sequence[Mapping[str, float]], blocks: Sequence[Mapping[str, float]]
             ) -> tuple[list[str], dict[str, tuple[float, float, int, bool]], Any, tuple[Any, Any, Any]]:
    """The TF-IDF unit vectors of the sentences and blocks, built in bulk.

    Returns the columns' terms; a claim's (idf, scale, column, a word rather than a single kanji)
    per term some sentence holds; each sentence's trust; and (row, column, weight) of every
    entry: the sentences' rows, then the blocks'. The bags laid out on the way are let go here.
    """
    own, wider = _Bags(sentences), _Bags(blocks)
    block_terms, block_counts, block_owner = wider.kept(wider.counts > 0)
    # columns: every sentence term (a zero count too: it has an idf), then the terms only blocks hold
    names = list(dict.fromkeys(chain(own.terms, block_terms)))
    column = dict(zip(names, range(len(names))))
    codes, block_cols = _codes(column, own.terms), _codes(column, block_terms)
    df = numpy.bincount(codes, minlength=len(names)).tolist()
    idf_of = {count: math.log((len(sentences) + 1) / (count + 0.5)) + 1.0 for count in set(df) if count}
    single = numpy.fromiter((t.startswith(CHAR_PREFIX) for t in names), dtype=bool, count=len(names))
    scales = [CHAR_FEATURE_WEIGHT if kanji else 1.0 for kanji in single.tolist()]
    factors = {term: (idf_of[count], scale, col, not kanji)
               for col, (term, count, scale, kanji) in enumerate(zip(names, df, scales, single.tolist())) if count}
    idf = numpy.array([idf_of.get(count, 1.0) for count in df])  # 1.0: no sentence holds the term
    scale = numpy.array(scales)
    held = own.counts > 0
    sentence_cols = codes[held]
    vals = numpy.concatenate((
        _unit_rows(_weights(own.counts[held], sentence_cols, idf, scale), own.owner[held], len(sentences)),
        _unit_rows(_weights(block_counts, block_cols, idf, scale), block_owner, len(blocks))))
    trust = _trust(own.sizes - numpy.bincount(own.owner[single[codes]], minlength=len(sentences)))
    rows = numpy.concatenate((own.owner[held], block_owner + len(sentences)))
    return names, factors, trust, (rows, numpy.concatenate((sentence_cols, block_cols)), vals)


def _weights(counts: Any, cols: Any, idf: Any, scale: Any) -> Any:
    """TF-IDF weights of (count, column) entries: tf × idf × scale, in that order (as one bag at a time in Python)."""
    return _tf(counts) * idf[cols] * scale[cols]


def _unit_rows(weights: Any, owner: Any, rows: int) -> Any:
    """Weights of entries owned by ``rows`` rows (``owner``, ascending), each row scaled to unit length.

    The same float operations in the same order as one bag at a time in Python: the scores
    must not move by a digit because the vectors are built in bulk.
    """
    squares = weights * weights
    bounds = numpy.searchsorted(owner, numpy.arange(rows + 1)).tolist()
    sums: list[float] = []
    for first in range(0, rows, _ROWS_AT_ONCE):
        last = min(first + _ROWS_AT_ONCE, rows)
        base, held = bounds[first], squares[bounds[first]:bounds[last]].tolist()
        # Python's sum, left to right (numpy's pairwise sum rounds otherwise)
        sums += [sum(held[a - base:b - base]) for a, b in zip(bounds[first:last], bounds[first + 1:last + 1])]
    norms = numpy.sqrt(numpy.array(sums, dtype=numpy.float64))
    norms[norms == 0] = 1.0
    return weights / norms[owner]


def _trust(words: Any) -> Any:
    """How far a sentence of this many words (not single kanji) is trusted, per sentence."""
    trust_of = {n: min(1.0, n / FULL_LENGTH_TERMS) ** 0.5 for n in set(words.tolist())}
    return numpy.array([trust_of[n] for n in words.tolist()], dtype=numpy.float64)


def _tf(counts: Any) -> Any:
    """``tf_of`` of every count: a count up to 1 weighs itself (1 + log 1 is 1); the others once per distinct count."""
    tf = numpy.array(counts, dtype=numpy.float64)
    more = counts > 1
    distinct, inverse = numpy.unique(counts[more], return_inverse=True)
    # math.log, not numpy's: numpy's log may round otherwise
    tf[more] = numpy.array([tf_of(c) for c in distinct.tolist()], dtype=numpy.float64)[inverse]
    return tf


def tf_of(count: float) -> float:
    """A term's weight for its count in one bag: 1 + log(count), a fraction weighing itself."""
    return 1 + math.log(count) if count >= 1 else count
