"""TF-IDF similarity between a claim and every source sentence, with paragraph context.

A sentence's score mixes its own cosine with that of its block (paragraph or bullet), so the
right passage wins even where the sentence that says it shares few words with the claim;
the sentence's own share then picks the sentence inside the passage.

The vectors are sparse matrices (numpy arrays, no dense sentences × terms table): a claim is
scored against every sentence at once from the columns of its terms, so memory grows with the
number of (sentence, term) pairs and time with the postings the claim's terms touch. Only the
hits a caller can still use are turned into objects (see ``rank``).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Collection, Mapping, Optional, Sequence

import numpy

from .terms import CHAR_PREFIX

SENTENCE_WEIGHT = 0.6
BLOCK_WEIGHT = 0.4
CHAR_FEATURE_WEIGHT = 0.35  # single kanji shared by two compounds: a hint, not a match
FULL_LENGTH_TERMS = 8  # a sentence with fewer terms than this is trusted less: one shared word is luck
_SLACK = 1e-9  # candidates are chosen on float sums in another order: keep near-ties


@dataclass(frozen=True)
class Hit:
    """One source sentence scored against one claim."""

    target: str
    score: float
    shared: tuple[str, ...]  # the claim's terms that the sentence holds, heaviest first


class _Matrix:
    """Unit-length term vectors as a sparse matrix: rows for one text, columns for one term."""

    def __init__(self, vectors: Sequence[Mapping[str, float]], vocab: dict[str, int]) -> None:
        self.vocab = vocab
        sizes = [len(v) for v in vectors]
        self.row_ptr = numpy.concatenate(([0], numpy.cumsum(sizes, dtype=numpy.int64)))
        self.cols = numpy.fromiter((vocab[t] for v in vectors for t in v), dtype=numpy.int64, count=sum(sizes))
        self.vals = numpy.fromiter((w for v in vectors for w in v.values()), dtype=numpy.float64, count=sum(sizes))
        rows = numpy.repeat(numpy.arange(len(vectors), dtype=numpy.int64), sizes)
        order = numpy.argsort(self.cols, kind="stable")
        self.col_ptr = numpy.concatenate(([0], numpy.cumsum(numpy.bincount(self.cols, minlength=len(vocab)))))
        self.col_rows = rows[order]
        self.col_vals = self.vals[order]
        self.size = len(vectors)

    def dots(self, columns: Any, weights: Any) -> Any:
        """Every row's dot product with a query (its term columns and weights), in one pass."""
        starts = self.col_ptr[columns]
        sizes = self.col_ptr[columns + 1] - starts
        at = _ranges(starts, sizes)
        return numpy.bincount(self.col_rows[at], weights=self.col_vals[at] * numpy.repeat(weights, sizes),
                              minlength=self.size)

    def shared(self, rows: Any, weights: Any, order: Any) -> list[list[int]]:
        """Per row, the columns it shares with a query (weights by column): heaviest first, ties in query order."""
        starts = self.row_ptr[rows]
        sizes = self.row_ptr[rows + 1] - starts
        at = _ranges(starts, sizes)
        cols = self.cols[at]
        product = weights[cols] * self.vals[at]
        owner = numpy.repeat(numpy.arange(len(rows)), sizes)
        held = product > 0
        cols, product, owner = cols[held], product[held], owner[held]
        sort = numpy.lexsort((order[cols], -product, owner))
        bounds = numpy.cumsum(numpy.bincount(owner, minlength=len(rows))).tolist()
        flat = cols[sort].tolist()
        return [flat[a:b] for a, b in zip([0] + bounds[:-1], bounds)]


class SourceIndex:
    """Weighted term vectors of the source's sentences and blocks, as sparse matrices.

    ``groups`` (sentence id → group, e.g. its section; None is a group too) tells ``rank`` which
    sentences a caller raises alike; without it all sentences form one group.
    """

    def __init__(self, sentences: Mapping[str, Counter[str]], parent: Mapping[str, str],
                 blocks: Mapping[str, Counter[str]], groups: Optional[Mapping[str, Optional[str]]] = None) -> None:
        df: Counter[str] = Counter()
        for bag in sentences.values():
            df.update(set(bag))
        total = len(sentences) + 1
        self.idf = {term: math.log(total / (count + 0.5)) + 1.0 for term, count in df.items()}
        sentence_vectors = [self._vector(bag) for bag in sentences.values()]
        block_vectors = [self._vector(bag) for bag in blocks.values()]
        self.names: list[str] = []
        vocab = _vocabulary(sentence_vectors + block_vectors, self.names)
        self.ids = list(sentences)
        self.position = {sid: i for i, sid in enumerate(self.ids)}
        self.sentences = _Matrix(sentence_vectors, vocab)
        self.blocks = _Matrix(block_vectors, vocab)
        self._trust = numpy.array([min(1.0, _words(bag) / FULL_LENGTH_TERMS) ** 0.5 for bag in sentences.values()])
        block_at = {bid: i for i, bid in enumerate(blocks)}
        self.parent = numpy.array([block_at.get(parent.get(sid, ""), len(block_at)) for sid in self.ids], dtype=numpy.int64)
        keys = [groups.get(sid) for sid in self.ids] if groups is not None else [None] * len(self.ids)
        self.groups = _Groups(keys, self.ids)
        self._last_prior: tuple[Optional[Mapping[str, float]], Any] = (None, 0.0)

    def _vector(self, bag: Counter[str]) -> dict[str, float]:
        weights = {t: _tf(n) * self.idf.get(t, 1.0) * (CHAR_FEATURE_WEIGHT if t.startswith(CHAR_PREFIX) else 1.0)
                   for t, n in bag.items() if n > 0}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def rank(self, claim: Counter[str], keep: Collection[str] = (), limit: Optional[int] = None,
             prior: Optional[Mapping[str, float]] = None, lift: Optional[float] = None) -> list[Hit]:
        """The sentences that share a term with the claim, or whose block does, best first.

        Without ``limit``, every such hit. With it, only the hits a caller ranking its top
        ``limit`` can still need when it adds ``prior`` (a bonus per sentence) and raises the
        sentences named in ``keep`` by any amount: the top ``limit`` by score plus prior. With
        ``lift`` too, the caller may also raise whole groups by up to ``lift`` and wants each
        group's best: then each group's top ``limit`` that such a raise could bring into the
        overall top, and each group's best by score.
        """
        query = self._vector(Counter({t: n for t, n in claim.items() if t in self.idf}))
        if not query:
            return []
        columns = numpy.fromiter(map(self.sentences.vocab.__getitem__, query), dtype=numpy.int64, count=len(query))
        weights = numpy.fromiter(query.values(), dtype=numpy.float64, count=len(query))
        own = self.sentences.dots(columns, weights) * self._trust
        context = numpy.append(self.blocks.dots(columns, weights), 0.0)[self.parent]
        found = (own != 0) | (context != 0)
        scores = numpy.where(found, SENTENCE_WEIGHT * own + BLOCK_WEIGHT * context, -numpy.inf)
        if limit is not None and int(found.sum()) > limit:
            found &= self._needed(scores, keep, limit, self._prior(prior), lift)
        hits = self._hits(query, found, scores)
        hits.sort(key=lambda h: (-h.score, h.target))
        return hits

    def _prior(self, prior: Optional[Mapping[str, float]]) -> Any:
        """The prior as an array over sentences, built once per mapping (callers reuse theirs)."""
        if not prior:
            return 0.0
        if self._last_prior[0] is not prior:
            self._last_prior = (prior, numpy.array([prior.get(sid, 0.0) for sid in self.ids]))
        return self._last_prior[1]

    def _needed(self, scores: Any, keep: Collection[str], limit: int, prior: Any, lift: Optional[float]) -> Any:
        """Which hits ``rank`` keeps under a ``limit`` (see there)."""
        raised = scores + prior
        last = numpy.partition(raised, len(raised) - limit)[len(raised) - limit]
        if lift is None:
            chosen = self.groups.top(raised, limit, raised >= last - _SLACK, whole=True)
        else:
            chosen = self.groups.top(raised, limit, raised >= last - lift - _SLACK) | self.groups.best(scores)
        chosen[[self.position[sid] for sid in keep if sid in self.position]] = True
        return chosen

    def _hits(self, query: Mapping[str, float], chosen: Any, scores: Any) -> list[Hit]:
        """The chosen sentences as hits: score and the claim's words each holds, heaviest first."""
        rows = numpy.flatnonzero(chosen)
        weights = numpy.zeros(len(self.names))
        order = numpy.zeros(len(self.names), dtype=numpy.int64)
        for place, (term, weight) in enumerate(query.items()):
            if not term.startswith(CHAR_PREFIX):  # single-kanji features are hints, not evidence
                weights[self.sentences.vocab[term]] = weight
                order[self.sentences.vocab[term]] = place
        shared = self.sentences.shared(rows, weights, order)
        names = self.names
        return [Hit(self.ids[i], score, tuple(map(names.__getitem__, cols)))
                for i, score, cols in zip(rows.tolist(), scores[rows].tolist(), shared)]


class _Groups:
    """Sentences grouped (e.g. by section), to find the best-scored sentences of each group.

    Ties go to the sentence whose id sorts first, as in the callers' (-score, id) orderings.
    """

    def __init__(self, keys: Sequence[Optional[str]], ids: Sequence[str]) -> None:
        codes: dict[Optional[str], int] = {}
        self.of = numpy.array([codes.setdefault(k, len(codes)) for k in keys], dtype=numpy.int64)
        self.by_id = numpy.argsort(numpy.argsort(numpy.array(ids, dtype=object), kind="stable"), kind="stable")
        self.order = numpy.lexsort((self.by_id, self.of))
        self.sizes = numpy.bincount(self.of, minlength=len(codes))
        self.starts = numpy.concatenate(([0], numpy.cumsum(self.sizes)[:-1])).astype(numpy.int64)

    def best(self, scores: Any) -> Any:
        """True for the best-scored sentence of each group."""
        chosen = numpy.zeros(len(scores), dtype=bool)
        if len(scores):
            ordered = scores[self.order]
            tops = numpy.flatnonzero(ordered == numpy.repeat(numpy.maximum.reduceat(ordered, self.starts), self.sizes))
            first = numpy.concatenate(([True], self.of[self.order[tops[1:]]] != self.of[self.order[tops[:-1]]]))
            chosen[self.order[tops[first]]] = True
        return chosen

    def top(self, scores: Any, count: int, among: Any, whole: bool = False) -> Any:
        """True for the ``count`` best of each group (or of all) among ``among``, and near-ties."""
        chosen = numpy.zeros(len(scores), dtype=bool)
        pool = numpy.flatnonzero(among)
        if not len(pool):
            return chosen
        keys = numpy.zeros(len(pool), dtype=numpy.int64) if whole else self.of[pool]
        sort = numpy.lexsort((self.by_id[pool], -scores[pool], keys))
        pool, group = pool[sort], keys[sort]
        starts = numpy.flatnonzero(numpy.concatenate(([True], group[1:] != group[:-1])))
        sizes = numpy.diff(numpy.append(starts, len(pool)))
        place = numpy.arange(len(pool)) - numpy.repeat(starts, sizes)
        last = numpy.repeat(scores[pool[starts + numpy.minimum(sizes, count) - 1]], sizes)
        ranked = scores[pool]
        # near-ties stay: the caller adds bonuses in another order, which can swap them
        chosen[pool[(place < count) | ((ranked >= last - _SLACK) & (ranked != last))]] = True
        return chosen


def _ranges(starts: Any, sizes: Any) -> Any:
    """The indices of the slices [start, start + size), concatenated."""
    offsets = numpy.cumsum(sizes) - sizes
    return numpy.repeat(starts - offsets, sizes) + numpy.arange(int(sizes.sum()))


def _vocabulary(vectors: Sequence[Mapping[str, float]], names: list[str]) -> dict[str, int]:
    """Term → column for every term of the vectors; ``names`` gets the terms in column order."""
    vocab: dict[str, int] = {}
    for vector in vectors:
        for term in vector:
            if term not in vocab:
                vocab[term] = len(names)
                names.append(term)
    return vocab


def _tf(count: float) -> float:
    return 1 + math.log(count) if count >= 1 else count


def _words(bag: Counter[str]) -> int:
    return sum(1 for t in bag if not t.startswith(CHAR_PREFIX))

