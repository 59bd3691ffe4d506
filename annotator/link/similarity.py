"""TF-IDF similarity between a claim and every source sentence, with paragraph context.

A sentence's score mixes its own cosine with that of its block (paragraph or bullet), so the
right passage wins even where the sentence that says it shares few words with the claim;
the sentence's own share then picks the sentence inside the passage.

The vectors are sparse matrices (numpy arrays, no dense sentences × terms table): a claim is
scored against every sentence at once from the columns of its terms, so memory grows with the
number of (sentence, term) pairs and time with the postings the claim's terms touch. Only the
hits a caller can still use are turned into objects (see ``rank``), and the words a hit shares
with its claim are worked out only for the hits that are shown.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Collection, Iterator, Mapping, Optional, Sequence

import numpy

from .tfidf import tf_of, vectors

SENTENCE_WEIGHT = 0.6
BLOCK_WEIGHT = 0.4
_SLACK = 1e-9  # candidates are chosen on float sums in another order: keep near-ties


@dataclass(frozen=True)
class Hit:
    """One source sentence scored against one claim."""

    target: str
    score: float
    shared: Sequence[str]  # the claim's terms that the sentence holds, heaviest first


class _Evidence:
    """A claim's words as ``rank`` weighed them, to tell which of them a sentence holds."""

    def __init__(self, words: list[tuple[int, float]], names: list[str], postings: "_Postings") -> None:
        self._weight = {col: (weight, place) for place, (col, weight) in enumerate(words)}
        self._names = names
        self._postings = postings

    def shared(self, row: int) -> tuple[str, ...]:
        """The words sentence ``row`` holds: heaviest (claim weight × sentence weight) first, ties in claim order."""
        weight_of = self._weight
        held = [(-product, found[1], col) for col, value in zip(*self._postings.row(row))
                if (found := weight_of.get(col)) is not None and (product := found[0] * value) > 0]
        held.sort()
        names = self._names
        return tuple([names[col] for _, _, col in held])


class _Shared(Sequence[str]):
    """The claim's words a hit's sentence holds (then any ``more``), worked out when first read.

    A claim keeps many hits to rank them with its caller's bonuses, but shows only a few.
    """

    __slots__ = ("_evidence", "_row", "_more", "_terms")

    def __init__(self, evidence: _Evidence, row: int, more: tuple[str, ...] = ()) -> None:
        self._evidence = evidence
        self._row = row
        self._more = more
        self._terms: Optional[tuple[str, ...]] = None

    def _resolved(self) -> tuple[str, ...]:
        if self._terms is None:
            self._terms = self._evidence.shared(self._row) + self._more
        return self._terms

    def __getitem__(self, at: Any) -> Any:
        return self._resolved()[at]

    def __len__(self) -> int:
        return len(self._resolved())

    def __iter__(self) -> Iterator[str]:
        return iter(self._resolved())

    def __contains__(self, term: object) -> bool:
        return term in self._resolved()

    def __add__(self, more: Sequence[str]) -> _Shared:
        return _Shared(self._evidence, self._row, self._more + tuple(more))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._resolved() == tuple(other)

    def __repr__(self) -> str:
        return repr(self._resolved())


class _Postings:
    """Unit-length term vectors of the sentences and blocks, by term: each term's (row, weight) pairs.

    Rows are the sentences, then the blocks, then one empty row (the block of a sentence outside
    any block), so one pass over a claim's terms scores the sentences and their blocks together.
    The sentences' vectors are also kept by row, to tell which terms a hit shares.
    """

    def __init__(self, rows: Any, cols: Any, vals: Any, terms: int, sentences: int, size: int) -> None:
        order = numpy.argsort(cols * size + rows)  # by column, then row (a unique key: no stable sort needed)
        self.col_ptr = numpy.concatenate(([0], numpy.cumsum(numpy.bincount(cols, minlength=terms))))
        self.col_rows = rows[order]
        self.col_vals = vals[order]
        self._col_at = self.col_ptr.tolist()
        self.size = size
        own = rows < sentences  # rows come in order: a sentence's entries are consecutive
        self.row_ptr = numpy.concatenate(([0], numpy.cumsum(numpy.bincount(rows[own], minlength=sentences))))
        # as Python lists: a hit's row is read as Python values, a few per claim
        self._row_at = self.row_ptr.tolist()
        self._row_cols = cols[own].tolist()
        self._row_vals = vals[own].tolist()

    def dots(self, columns: Any, weights: Any) -> Any:
        """Every row's dot product with a query (its term columns and weights), in one pass."""
        bounds = [(self._col_at[col], self._col_at[col + 1]) for col in columns.tolist()]
        if not bounds:
            return numpy.zeros(self.size)
        # the columns' slices joined: cheaper than gathering them by index
        products = numpy.concatenate([self.col_vals[a:b] for a, b in bounds])
        products *= numpy.repeat(weights, [b - a for a, b in bounds])
        rows = numpy.concatenate([self.col_rows[a:b] for a, b in bounds])
        return numpy.bincount(rows, weights=products, minlength=self.size)

    def row(self, row: int) -> tuple[list[int], list[float]]:
        """A sentence's vector: its columns and weights."""
        start, end = self._row_at[row], self._row_at[row + 1]
        return self._row_cols[start:end], self._row_vals[start:end]


class SourceIndex:
    """Weighted term vectors of the source's sentences and blocks, as sparse matrices.

    ``groups`` (sentence id → group, e.g. its section; None is a group too) tells ``rank`` which
    sentences a caller raises alike; without it all sentences form one group.
    """

    def __init__(self, sentences: Mapping[str, Counter[str]], parent: Mapping[str, str],
                 blocks: Mapping[str, Counter[str]], groups: Optional[Mapping[str, Optional[str]]] = None) -> None:
        self.names, self._factors, self._trust, entries = vectors(list(sentences.values()), list(blocks.values()))
        self._postings = _Postings(*entries, len(self.names), len(sentences), len(sentences) + len(blocks) + 1)
        self.ids = list(sentences)
        self.position = {sid: i for i, sid in enumerate(self.ids)}
        block_at = {bid: i for i, bid in enumerate(blocks)}
        self.parent = numpy.array([block_at.get(parent.get(sid, ""), len(block_at)) for sid in self.ids], dtype=numpy.int64)
        self._context = self.parent + len(self.ids)  # each sentence's block among the rows
        keys = [groups.get(sid) for sid in self.ids] if groups is not None else [None] * len(self.ids)
        self.groups = _Groups(keys, self.ids)
        self._last_prior: tuple[Optional[Mapping[str, float]], Any] = (None, None)

    def rank(self, claim: Mapping[str, float], keep: Collection[str] = (), limit: Optional[int] = None,
             prior: Optional[Mapping[str, float]] = None, lift: Optional[float] = None) -> list[Hit]:
        """The sentences that share a term with the claim, or whose block does, best first.

        Without ``limit``, every such hit. With it, only the hits a caller ranking its top
        ``limit`` can still need when it adds ``prior`` (a bonus per sentence) and raises the
        sentences named in ``keep`` by any amount: the top ``limit`` by score plus prior. With
        ``lift`` too, the caller may also raise whole groups by up to ``lift`` and wants each
        group's best: then each group's top ``limit`` that such a raise could bring into the
        overall top, and each group's best by score.
        """
        return self.score(claim).hits(keep, limit, prior, lift)

    def score(self, claim: Mapping[str, float]) -> Scores:
        """The claim's score against every sentence, to pick hits from (see ``Scores``)."""
        columns, weights, words = self._query(claim)
        if not len(columns):
            return Scores(self, words, numpy.full(len(self.ids), -numpy.inf), numpy.zeros(len(self.ids), dtype=bool))
        dots = self._postings.dots(columns, weights)
        context = dots[self._context]
        own = dots[:len(self.ids)]
        own *= self._trust
        found = own != 0
        found |= context != 0
        own *= SENTENCE_WEIGHT
        context *= BLOCK_WEIGHT
        own += context
        return Scores(self, words, numpy.where(found, own, -numpy.inf), found)

    def _query(self, claim: Mapping[str, float]) -> tuple[Any, Any, list[tuple[int, float]]]:
        """The claim's unit vector as columns and weights (a term that no sentence holds says nothing), and
        its words as (column, weight): single-kanji features are hints, not evidence of what a hit shares."""
        factors = self._factors
        entries = [(tf_of(n) * f[0] * f[1], f[2], f[3]) for t, n in claim.items()
                   if n > 0 and (f := factors.get(t)) is not None]
        norm = math.sqrt(sum(w * w for w, _, _ in entries)) or 1.0
        weights = [w / norm for w, _, _ in entries]
        words = [(col, weight) for (_, col, word), weight in zip(entries, weights) if word]
        return (numpy.array([col for _, col, _ in entries], dtype=numpy.int64), numpy.array(weights, dtype=numpy.float64),
                words)

    def prior_array(self, prior: Optional[Mapping[str, float]]) -> Any:
        """A prior as an array over sentences (None for none), built once per mapping (callers reuse theirs)."""
        if not prior:
            return None
        if self._last_prior[0] is not prior:
            self._last_prior = (prior, numpy.array([prior.get(sid, 0.0) for sid in self.ids]))
        return self._last_prior[1]

    def evidence(self, words: list[tuple[int, float]]) -> _Evidence:
        """What tells which of a claim's words its hits hold."""
        return _Evidence(words, self.names, self._postings)


class Scores:
    """One claim's score against every source sentence (-inf where it shares nothing), and the hits to take from it."""

    def __init__(self, index: SourceIndex, words: list[tuple[int, float]], scores: Any, found: Any) -> None:
        self._index = index
        self._words = words
        self._scores, self._found = scores, found

    def of(self, target: str) -> Optional[float]:
        """The score of one sentence, None when it shares nothing with the claim (or is unknown)."""
        row = self._index.position.get(target)
        return None if row is None or not self._found[row] else float(self._scores[row])

    def group_best(self) -> Any:
        """Each group's best score as an array by group code (``SourceIndex.groups.keys``), -inf
        for a group with no sentence sharing anything with the claim."""
        groups = self._index.groups
        return numpy.maximum.reduceat(self._scores[groups.order], groups.starts) if len(self._scores) else self._scores

    def best_by_group(self) -> dict[Optional[str], float]:
        """Each group's best score, for the groups holding a sentence that shares something with the claim."""
        best = self.group_best()
        keys = self._index.groups.keys
        kept = numpy.flatnonzero(best > -numpy.inf)  # only these reach Python: a claim meets few of many sections
        return {keys[i]: score for i, score in zip(kept.tolist(), best[kept].tolist())}

    def hits(self, keep: Collection[str] = (), limit: Optional[int] = None, prior: Optional[Mapping[str, float]] = None,
             lift: Optional[float] = None, raised: Optional[Mapping[Optional[str], float]] = None) -> list[Hit]:
        """The hits ``SourceIndex.rank`` takes (see there); ``raised`` adds a known bonus per group, like ``prior``."""
        found = self._found
        if limit is not None and numpy.count_nonzero(found) > limit:
            found = found & self._needed(keep, limit, prior, lift, raised)
        return self._hits(found)

    def _needed(self, keep: Collection[str], limit: int, prior: Optional[Mapping[str, float]], lift: Optional[float],
                raised_groups: Optional[Mapping[Optional[str], float]]) -> Any:
        """Which hits ``rank`` keeps under a ``limit`` (see there)."""
        index, scores = self._index, self._scores
        bonus = index.prior_array(prior)
        raised = scores + bonus if bonus is not None else scores
        if raised_groups:
            raised = raised + index.groups.raise_array(raised_groups)
        last = numpy.partition(raised, len(raised) - limit)[len(raised) - limit]
        if lift is None:
            chosen = index.groups.top(raised, limit, raised >= last - _SLACK, whole=True)
        else:
            chosen = index.groups.top(raised, limit, raised >= last - lift - _SLACK) | index.groups.best(scores)
        chosen[[index.position[sid] for sid in keep if sid in index.position]] = True
        return chosen

    def _hits(self, chosen: Any) -> list[Hit]:
        """The chosen sentences as hits, best first (ties: the id that sorts first), with the claim's words each holds."""
        index, scores = self._index, self._scores
        rows = numpy.flatnonzero(chosen)
        rows = rows[numpy.lexsort((index.groups.by_id[rows], -scores[rows]))]
        evidence = index.evidence(self._words)
        ids = index.ids
        return [Hit(ids[i], score, _Shared(evidence, i)) for i, score in zip(rows.tolist(), scores[rows].tolist())]


class _Groups:
    """Sentences grouped (e.g. by section), to find the best-scored sentences of each group.

    Ties go to the sentence whose id sorts first, as in the callers' (-score, id) orderings.
    """

    def __init__(self, keys: Sequence[Optional[str]], ids: Sequence[str]) -> None:
        codes: dict[Optional[str], int] = {}
        self.of = numpy.array([codes.setdefault(k, len(codes)) for k in keys], dtype=numpy.int64)
        self.keys = list(codes)  # each group's key, by code
        self._code = codes
        self.by_id = numpy.argsort(numpy.argsort(numpy.array(ids, dtype=object), kind="stable"), kind="stable")
        self.order = numpy.lexsort((self.by_id, self.of))
        self.sizes = numpy.bincount(self.of, minlength=len(codes))
        self.starts = numpy.concatenate(([0], numpy.cumsum(self.sizes)[:-1])).astype(numpy.int64)

    def raise_array(self, raised: Mapping[Optional[str], float]) -> Any:
        """A bonus per group as an array over sentences."""
        bonus = numpy.zeros(len(self.keys))
        for key, amount in raised.items():
            if key in self._code:
                bonus[self._code[key]] = amount
        return bonus[self.of]

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
        ranked = scores[pool]
        if whole:
            sort = numpy.lexsort((self.by_id[pool], -ranked))
            pool, ranked = pool[sort], ranked[sort]
            chosen[pool[:count]] = True
            last = ranked[min(count, len(pool)) - 1]
        else:
            group = self.of[pool]
            sort = numpy.lexsort((self.by_id[pool], -ranked, group))
            pool, ranked, group = pool[sort], ranked[sort], group[sort]
            first = numpy.empty(len(pool), dtype=bool)
            first[0] = True
            numpy.not_equal(group[1:], group[:-1], out=first[1:])
            starts = numpy.flatnonzero(first)
            within = numpy.cumsum(first) - 1  # each one's group, counted in pool order
            chosen[pool[numpy.arange(len(pool)) - starts[within] < count]] = True
            last = ranked[numpy.minimum(starts + count, numpy.concatenate((starts[1:], [len(pool)]))) - 1][within]
        # near-ties stay: the caller adds bonuses in another order, which can swap them
        chosen[pool[(ranked >= last - _SLACK) & (ranked != last)]] = True
        return chosen
