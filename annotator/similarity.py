"""TF-IDF similarity between a claim and every source sentence, with paragraph context.

A sentence's score mixes its own cosine with that of its block (paragraph or bullet), so the
right passage wins even where the sentence that says it shares few words with the claim;
the sentence's own share then picks the sentence inside the passage.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from .terms import CHAR_PREFIX

SENTENCE_WEIGHT = 0.6
BLOCK_WEIGHT = 0.4
CHAR_FEATURE_WEIGHT = 0.35  # single kanji shared by two compounds: a hint, not a match
FULL_LENGTH_TERMS = 8  # a sentence with fewer terms than this is trusted less: one shared word is luck


@dataclass(frozen=True)
class Hit:
    """One source sentence scored against one claim."""

    target: str
    score: float
    shared: tuple[str, ...]  # the claim's terms that the sentence holds, heaviest first


class SourceIndex:
    """Weighted term vectors of the source's sentences and blocks, and an inverted index."""

    def __init__(self, sentences: Mapping[str, Counter[str]], parent: Mapping[str, str],
                 blocks: Mapping[str, Counter[str]]) -> None:
        self.parent = dict(parent)
        df: Counter[str] = Counter()
        for bag in sentences.values():
            df.update(set(bag))
        total = len(sentences) + 1
        self.idf = {term: math.log(total / (count + 0.5)) + 1.0 for term, count in df.items()}
        self.sentences = {sid: self._vector(bag) for sid, bag in sentences.items()}
        self.trust = {sid: min(1.0, _words(bag) / FULL_LENGTH_TERMS) ** 0.5 for sid, bag in sentences.items()}
        self.blocks = {bid: self._vector(bag) for bid, bag in blocks.items()}

    def _vector(self, bag: Counter[str]) -> dict[str, float]:
        weights = {t: _tf(n) * self.idf.get(t, 1.0) * (CHAR_FEATURE_WEIGHT if t.startswith(CHAR_PREFIX) else 1.0)
                   for t, n in bag.items() if n > 0}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def rank(self, claim: Counter[str]) -> list[Hit]:
        """Every sentence that shares a term or whose block does, best first."""
        query = self._vector(Counter({t: n for t, n in claim.items() if t in self.idf}))
        if not query:
            return []
        block_scores = {bid: _dot(query, vec) for bid, vec in self.blocks.items()}
        hits = []
        for sid, vec in self.sentences.items():
            own = _dot(query, vec) * self.trust[sid]
            context = block_scores.get(self.parent.get(sid, ""), 0.0)
            if own or context:
                shared = tuple(sorted((t for t in query if t in vec and not t.startswith(CHAR_PREFIX)),
                                      key=lambda t: -query[t] * vec[t]))
                hits.append(Hit(sid, SENTENCE_WEIGHT * own + BLOCK_WEIGHT * context, shared))
        hits.sort(key=lambda h: (-h.score, h.target))
        return hits


def _tf(count: float) -> float:
    return 1 + math.log(count) if count >= 1 else count


def _words(bag: Counter[str]) -> int:
    return sum(1 for t in bag if not t.startswith(CHAR_PREFIX))


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)
