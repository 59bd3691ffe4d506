"""The spans styled inside each document's text: markers, quotations, redactions, term variants."""
from __future__ import annotations

from typing import Optional

from .catalog import Catalog
from .labels import UI, quote_status
from .spans import Mark, MarkIndex, locate


def marks_by_doc(catalog: Catalog) -> dict[str, MarkIndex]:
    """Spans to style inside the texts: markers, quotations, redactions, term variants."""
    edition, units = catalog.edition, catalog.units
    found: list[tuple[str, Optional[tuple[int, int]], str, str]] = []
    marker = UI["marker"]
    marker_title = f"{marker.ja} / {marker.en}"
    for c in edition.citations:
        unit = units.get(c.unit)
        if unit:
            found.append((unit.doc, _at(catalog, unit.doc, c.unit, c.start, c.end, c.marker), "marker", marker_title))
    for q in edition.quotes:
        unit = units.get(q.unit)
        if unit:
            label = quote_status(q.status)
            found.append((unit.doc, _at(catalog, unit.doc, q.unit, q.start, q.end, q.text), f"q q-{q.status}",
                          f"{label.ja} / {label.en}"))
    redaction = UI["redaction"]
    redaction_title = f"{redaction.ja} / {redaction.en}"
    for r in edition.redactions:
        found.append((r.doc, _at(catalog, r.doc, r.unit, r.start, r.end, r.text), "redacted", redaction_title))
    for term in edition.terms:
        term_title = term.en  # the concept's key is an id of the glossary file: not shown
        for occ in term.occurrences:
            unit = units.get(occ.unit)
            if unit:
                found.append((unit.doc, _at(catalog, unit.doc, occ.unit, occ.start, occ.end, occ.variant), "term",
                              term_title))
    out: dict[str, list[Mark]] = {}
    for doc, span, css, title in found:
        if span is not None:
            out.setdefault(doc, []).append(Mark(span[0], span[1], css, title))
    return {doc: MarkIndex(sorted(set(marks), key=lambda m: (m.start, -m.end, m.css, m.title)))
            for doc, marks in out.items()}


def _at(catalog: Catalog, doc_id: str, unit_id: Optional[str], start: int, end: int,
        text: str) -> Optional[tuple[int, int]]:
    doc = catalog.docs.get(doc_id)
    if doc is None:
        return None
    return locate(doc.text, catalog.units.get(unit_id or ""), start, end, text)


PLAIN_MARKS = ("marker", "redacted")  # part of the text as written, not something found about it


def plain_marks_by_doc(catalog: Catalog) -> dict[str, MarkIndex]:
    """Only the marks a student sheet keeps: citation markers and masked words (quotation statuses
    and term variants would give the answers away)."""
    return {doc: MarkIndex(m for m in index.marks if m.css in PLAIN_MARKS)
            for doc, index in catalog.kept(marks_by_doc).items()}
