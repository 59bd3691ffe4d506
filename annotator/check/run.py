"""Media-literacy checks over an aligned corpus: quotations, figures, citations, masks, terms, coverage.

Pure functions over the model: ``run_checks`` takes what the corpus, structure and alignment
stages produced and returns the records the edition lists. Each check lives in its own
module of this folder, which documents its rules and thresholds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..corpus.records import Corpus
from ..extract.glossary import Concept, corpus_glossary
from ..extract.redactions import find_masks
from ..link.align import Alignment
from ..text.records import Structure
from .citations import check_citations, check_unknown_sections
from .common import UnitLocator
from .coverage import check_coverage, unanswered, unsupported
from .figures import check_figures
from .quotes import check_quotes
from .records import Coverage, Flag, Notice, Quote, Redaction, Term
from .unread import find_unread
from .terms import check_terms


@dataclass(frozen=True)
class Findings:
    """What the checks found, in the edition's record types."""

    quotes: tuple[Quote, ...] = ()
    flags: tuple[Flag, ...] = ()
    redactions: tuple[Redaction, ...] = ()
    terms: tuple[Term, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    notices: tuple[Notice, ...] = ()


def run_checks(corpus: Corpus, structure: Structure, alignment: Alignment,
               glossary: Optional[Sequence[Concept]] = None) -> Findings:
    """Run every check; the glossary defaults to the shipped one plus the corpus's glossary.toml."""
    concepts = corpus_glossary(corpus.path) if glossary is None else glossary
    flags = (check_figures(structure, alignment.links, alignment.figure_sources)
             + check_citations(structure, alignment.citations, alignment.links)
             + check_unknown_sections(structure, alignment.citations,
                                      "\n".join(d.text for d in corpus.documents if d.role == "source"),
                                      {(r.unit, r.start): r.title_match for r in alignment.readings},
                                      alignment.links))
    return Findings(
        quotes=check_quotes(corpus, structure, alignment.links, alignment.quote_sources, _cited_spans(structure, alignment)),
        flags=tuple(sorted(flags, key=_flag_order(structure))),
        redactions=find_redactions(corpus, structure),
        terms=check_terms(corpus, structure, concepts),
        coverage=check_coverage(corpus, structure, alignment.links),
        notices=find_unread(corpus, structure, alignment),
    )


def _cited_spans(structure: Structure, alignment: Alignment) -> tuple[tuple[str, int, int], ...]:
    """(doc, start, end) of every marker resolution read."""
    doc_of = {u.id: u.doc for u in structure.units}
    return tuple((doc_of[c.unit], c.start, c.end) for c in alignment.citations if c.unit in doc_of)


def find_redactions(corpus: Corpus, structure: Structure) -> tuple[Redaction, ...]:
    """Every masked span of every document, with the smallest non-sentence unit holding it."""
    locator = UnitLocator(structure.units)
    found = []
    for document in corpus.documents:
        for start, end, text in find_masks(document.text):
            unit = locator.find(document.id, start, end)
            found.append(Redaction(unit=unit.id if unit else None, doc=document.id, start=start, end=end, text=text))
    return tuple(found)


def _flag_order(structure: Structure):  # type: ignore[no-untyped-def]
    position = {u.id: n for n, u in enumerate(structure.units)}
    return lambda flag: (position.get(flag.unit, len(position)), flag.kind, flag.target or "", flag.detail)


__all__ = ["Findings", "run_checks", "find_redactions", "unanswered", "unsupported"]
