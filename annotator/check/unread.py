"""What was not read: say it rather than leave a silent gap.

- ``unread_marker``: a bracketed span in a marker's place (at a claim's or sentence's end) that looks
  like a citation but resolved to no section. A bare span (＜費用の問題＞, no source word, ordinal or
  quoted title) looks like one when its document cites with the same brackets elsewhere, or
  closes most of its claims with them, unless it holds a quotation and nothing else (（「…」）) or a
  figure (（2023年度調査）); an ordinal past the source's last section (第5章 of three) always does.
- ``no_claims``: a summary or commentary in which no claim (numbered or bulleted item, point) was found.
- ``unmarked_claim``: a summary claim without a marker, where most claims of that summary have one.
- ``low_confidence``: a marker whose quoted title reads only weakly as any section's names
  (title match below ``LOW_TITLE_AT``), yet enough not to be flagged ``unknown_section``.

A corpus whose every marker was read, every claim found, prints none of these.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from ..corpus.load import line_starts
from ..corpus.records import Corpus, Document
from ..link.align import Alignment
from ..link.claims import is_claim
from ..link.markers import bracket_of, find_spans, only_quotation
from ..link.records import Citation, SpanReading
from ..text.records import Section, Structure, Unit
from .records import Notice

LOW_TITLE_AT = 0.2
UNKNOWN_TITLE_AT = 0.03  # below it the title names no section: an unknown_section flag, not a notice
MOST = 0.5  # "most claims": more than half
EXCERPT_CHARS = 24


def find_unread(corpus: Corpus, structure: Structure, alignment: Alignment) -> tuple[Notice, ...]:
    """Every notice of the corpus, in document order."""
    documents = {d.id: d for d in corpus.documents}
    claims = [u for u in structure.units if is_claim(documents[u.doc].role, u.kind)]
    source_sections = [s for s in structure.sections if documents[s.doc].role == "source"]
    cited = {(c.unit, c.start): c for c in alignment.citations}
    notices: list[Notice] = []
    for document in corpus.documents:
        if document.role == "source":
            continue
        own = [u for u in claims if u.doc == document.id]
        ids = {u.id for u in own}
        readings = [r for r in alignment.readings if r.unit in ids]
        if not own:
            notices.append(_no_claims(document))
            continue
        notices += _unread_markers(document, own, readings, cited, source_sections)
        if document.role == "summary":
            notices += _unmarked(document, own, alignment.citations)
        notices += _low_confidence(document, readings, cited, source_sections)
    return tuple(notices)


def _no_claims(document: Document) -> Notice:
    return Notice("no_claims", document.id, None, "",
                  f"{document.file}:{document.first_line}: the {document.role} yields no claims: no numbered or "
                  "bulleted item was found (start each claim's line with 1. / （1） / ・ / - …)")


def _unread_markers(document: Document, claims: Sequence[Unit], readings: Sequence[SpanReading],
                    citations: Mapping[tuple[str, int], Citation], sections: Sequence[Section]) -> list[Notice]:
    units = {u.id: u for u in claims}
    cited_brackets = {bracket_of(r.marker) for r in readings if r.cited}
    closing = _closing_brackets(claims, len(claims))
    names = _section_names(sections)
    found = []
    for reading in readings:
        unit = units[reading.unit]
        if reading.cited:
            citation = citations.get((reading.unit, reading.start))
            if citation is None or citation.section is not None or not (citation.title or citation.part):
                continue  # resolved, or names the source only (【元記事】)
            why = "names a section past the source's last" if sections else "names a section, and the source has none"
        elif (bracket_of(reading.marker) in cited_brackets | closing and not only_quotation(reading.marker)
              and not any(ch.isdigit() for ch in reading.marker)):  # （2023年度調査）: a note with a date
            why = "names no section of the source"
        else:
            continue
        found.append(Notice("unread_marker", document.id, unit.id, reading.marker,
                            f"{_where(document, reading.start)}: {reading.marker} looks like a citation but {why} "
                            f"({names}); write the section's title or number (第2章, §2)"))
    return found


def _closing_brackets(claims: Sequence[Unit], count: int) -> set[str]:
    """The brackets that close most claims of a document (its own citation convention)."""
    closing: dict[str, int] = {}
    for unit in claims:
        spans = [m for m in find_spans(unit.text) if (m.bare or m.part or m.source_word) and not only_quotation(m.text)]
        for bracket in {bracket_of(m.text) for m in spans}:
            closing[bracket] = closing.get(bracket, 0) + 1
    return {b for b, n in closing.items() if n >= 2 and n > MOST * count}


def _unmarked(document: Document, claims: Sequence[Unit], citations: Sequence[Citation]) -> list[Notice]:
    marked = {c.unit for c in citations}
    bullets = [u for u in claims if u.kind == "bullet"]
    with_marker = sum(u.id in marked for u in bullets)
    if not bullets or with_marker <= MOST * len(bullets) or with_marker == len(bullets):
        return []
    return [Notice("unmarked_claim", document.id, u.id, _excerpt(u.text),
                   f"{_where(document, u.start)}: claim 「{_excerpt(u.text)}」 has no citation marker, unlike "
                   f"{with_marker} of the {len(bullets)} claims of the {document.role}")
            for u in bullets if u.id not in marked]


def _low_confidence(document: Document, readings: Sequence[SpanReading],
                    citations: Mapping[tuple[str, int], Citation], sections: Sequence[Section]) -> list[Notice]:
    headings = {s.id: s.heading for s in sections}
    found = []
    for reading in readings:
        match = reading.title_match
        if not reading.cited or match is None or not UNKNOWN_TITLE_AT <= match < LOW_TITLE_AT:
            continue
        citation = citations.get((reading.unit, reading.start))
        heading = headings.get(citation.section or "") if citation else None
        found.append(Notice("low_confidence", document.id, reading.unit, reading.marker,
                            f"{_where(document, reading.start)}: {reading.marker} was read as 「{heading}」 with low "
                            f"confidence (title match {match:.2f}); check it, or name the section in corpus.toml "
                            "[[sections]] (title_en/title_ja)"))
    return found


def _section_names(sections: Sequence[Section]) -> str:
    if not sections:
        return "the source has no section headings"
    return "its sections: " + ", ".join(f"{s.index} 「{s.heading}」" for s in sections)


def _where(document: Document, offset: int) -> str:
    return f"{document.file}:{document.first_line + len(line_starts(document.text[:offset])) - 1}"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS] + "…"
