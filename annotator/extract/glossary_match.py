"""Glossary variants in a text: every concept's renderings found, longest first, without overlaps.

Texts are searched in NFKC-lowercased form, so full- and half-width forms and letter case do not
count as different renderings. At each place the longest glossary variant wins (半導体チップ over
チップ), and matches do not overlap. A variant in Latin letters matches only as a whole word, with
an optional plural (+s / +es): "export controls" is the variant "export control". Alignment and
the terminology check read the same hits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .folding import folded_with_offsets, original_span
from .glossary import Concept
from .quotes import fold


@dataclass(frozen=True)
class TermHit:
    """A glossary variant found in a text; offsets index the original text."""

    concept: str
    variant: str
    start: int
    end: int


class TermMatcher:
    """Finds every glossary variant in a text, longest first."""

    def __init__(self, glossary: Sequence[Concept]) -> None:
        owner: dict[str, tuple[str, str]] = {}
        for concept in glossary:
            for variant in concept.variants:
                owner.setdefault(fold(variant), (concept.id, variant))
        self._variants = tuple((k, *owner[k]) for k in sorted(owner, key=lambda k: (-len(k), k)))

    def find(self, text: str) -> list[TermHit]:
        """The glossary variants in ``text``, in order, without overlaps."""
        return list(_find(self._variants, text))


# alignment and the terminology check search the same texts with the same glossary
@lru_cache(maxsize=8)
def _find(variants: tuple[tuple[str, str, str], ...], text: str) -> tuple[TermHit, ...]:
    """Every (folded key, concept, variant) found in ``text``, longest key first at each place."""
    if not variants:
        return ()
    folded, origins = folded_with_offsets(text)
    owner = {_group(k): (concept, variant) for k, concept, variant in variants}
    hits = []
    for found in _pattern(tuple(k for k, _, _ in variants)).finditer(folded):
        concept, variant = owner[str(found.lastgroup)]
        start, end = original_span(origins, found.start(), found.end())
        hits.append(TermHit(concept, variant, start, end))
    return tuple(hits)


@lru_cache(maxsize=256)
def _pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    # The keys are grouped by their first character, written outside any group and before any
    # lookbehind, so that `re` skips ahead to where such a character occurs and goes on there only into
    # the keys that begin with it: one pass over the text for every variant. Only one group can
    # match at a place; within a group the keys keep their order (longest first).
    firsts = dict.fromkeys(k[0] for k in keys)
    return re.compile("|".join(_first_pattern(first, [k for k in keys if k[0] == first]) for first in firsts))


def _first_pattern(first: str, keys: Sequence[str]) -> str:
    """The keys beginning with ``first``, each as an empty group naming it (``lastgroup``) then its rest."""
    guard = r"(?<![a-z0-9].)" if _latin(first) else ""
    return re.escape(first) + guard + "(?:" + "|".join(f"(?P<{_group(k)}>){_rest_pattern(k)}" for k in keys) + ")"


def _rest_pattern(key: str) -> str:
    body = re.escape(key[1:])
    if _latin(key[-1]):
        body += r"(?:e?s)?(?![a-z0-9])"
    return body


def _group(key: str) -> str:
    return "v" + key.encode("utf-8").hex()


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()
