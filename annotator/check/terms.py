"""Terminology: glossary concepts that the corpus renders in more than one way.

Every document is searched (commentary, summary and source alike) with the glossary matcher
(``extract/glossary_match.py``: folded text, longest variant first, no overlaps). Occurrences carry
document offsets and the smallest non-sentence unit holding them.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from ..corpus.records import Corpus
from ..extract.glossary import Concept
from ..extract.glossary_match import TermMatcher
from ..text.records import Structure
from .common import UnitLocator
from .records import Term, TermOccurrence


def check_terms(corpus: Corpus, structure: Structure, glossary: Sequence[Concept]) -> tuple[Term, ...]:
    """Each concept found in more than one rendering, with every occurrence of each rendering."""
    matcher = TermMatcher(glossary)
    locator = UnitLocator(structure.units)
    found: dict[str, list[tuple[str, str, int, int]]] = {}  # concept → (variant, unit, start, end)
    for document in corpus.documents:
        for hit in matcher.find(document.text):
            unit = locator.find(document.id, hit.start, hit.end)
            if unit is not None:
                found.setdefault(hit.concept, []).append((hit.variant, unit.id, hit.start, hit.end))
    terms = []
    for concept in glossary:
        occurrences = found.get(concept.id, [])
        variants = _used(concept.variants, (variant for variant, _, _, _ in occurrences))
        if len(variants) > 1:  # only now are the occurrences worth their records
            terms.append(Term(concept=concept.id, en=concept.en, variants=variants,
                              occurrences=tuple(TermOccurrence(*o) for o in occurrences)))
    return tuple(terms)


def _used(variants: Sequence[str], seen: Iterable[str]) -> tuple[str, ...]:
    present = set(seen)
    return tuple(v for v in variants if v in present)
