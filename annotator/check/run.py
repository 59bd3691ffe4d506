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
from ..link.corrections import Dismissal
from ..text.records import Structure
from .citations import check_citations, check_unknown_sections
from .common import UnitLocator
from .coverage import check_coverage, unanswered, unsupported
from .figures import check_figures
from .reported import check_reported
from .quotes import check_quotes
from .records import Coverage, Dismissed, Flag, Notice, Quote, Redaction, Term
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
    dismissed: tuple[Dismissed, ...] = ()
    notices: tuple[Notice, ...] = ()


def run_checks(corpus: Corpus, structure: Structure, alignment: Alignment,
               glossary: Optional[Sequence[Concept]] = None, dismissals: Sequence[Dismissal] = ()) -> Findings:
    """Run every check; the glossary defaults to the shipped one plus the corpus's glossary.toml;
    the findings a reviewer dismissed (``dismissals``, from links.toml) are set apart."""
    concepts = corpus_glossary(corpus.path) if glossary is None else glossary
    flags = (check_figures(structure, alignment.links, alignment.figure_sources)
             + check_reported(structure, alignment.links, {d.id for d in corpus.documents if d.role == "source"})
             + check_citations(structure, alignment.citations, alignment.links)
             + check_unknown_sections(structure, alignment.citations,
                                      "\n".join(d.text for d in corpus.documents if d.role == "source"),
                                      {(r.unit, r.start): r.title_match for r in alignment.readings},
                                      alignment.links))
    quotes, kept_flags, dismissed = set_apart(
        check_quotes(corpus, structure, alignment.links, alignment.quote_sources, _cited_spans(structure, alignment)),
        sorted(flags, key=_flag_order(structure)), dismissals)
    return Findings(
        quotes=quotes,
        flags=kept_flags,
        redactions=find_redactions(corpus, structure),
        terms=check_terms(corpus, structure, concepts),
        coverage=check_coverage(corpus, structure, alignment.links),
        dismissed=dismissed,
        notices=find_unread(corpus, structure, alignment),
    )


def _cited_spans(structure: Structure, alignment: Alignment) -> tuple[tuple[str, int, int], ...]:
    """(doc, start, end) of every marker resolution read."""
    doc_of = {u.id: u.doc for u in structure.units}
    return tuple((doc_of[c.unit], c.start, c.end) for c in alignment.citations if c.unit in doc_of)


def set_apart(quotes: Sequence[Quote], flags: Sequence[Flag], dismissals: Sequence[Dismissal]
              ) -> tuple[tuple[Quote, ...], tuple[Flag, ...], tuple[Dismissed, ...]]:
    """The quotations and flags no dismissal names, and the dismissed ones (in page order)."""
    if not dismissals:
        return tuple(quotes), tuple(flags), ()
    dismissed: list[Dismissed] = []
    kept_quotes, kept_flags = [], []
    for quote in quotes:
        hit = next((d for d in dismissals if d.kind == "quote" and d.unit == quote.unit
                    and d.quote in (None, quote.text) and quote.status != "exact"), None)
        if hit:
            dismissed.append(Dismissed(quote.unit, "quote", quote.status, quote.match, quote.text, hit.note))
        else:
            kept_quotes.append(quote)
    for flag in flags:
        hit = next((d for d in dismissals if d.kind == flag.kind and d.unit == flag.unit
                    and d.target in (None, flag.target)), None)
        if hit:
            dismissed.append(Dismissed(flag.unit, flag.kind, flag.detail, flag.target, None, hit.note))
        else:
            kept_flags.append(flag)
    return tuple(kept_quotes), tuple(kept_flags), tuple(dismissed)


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
