"""Findings where they occur: quotation notes, flags, tags, marks in the text, coverage."""
from __future__ import annotations

from typing import Optional

from ..check.records import Coverage, Flag, Quote
from .catalog import Catalog
from .labels import UI, Bi, flag_kind, quote_status, role, tag_kind
from .spans import best_window, char_diff, one_line
from .view_model import FindingView, NoteView, Ref, TagView
from .words.flags import flag_message


def ref(catalog: Catalog, unit_id: str) -> Ref:
    """An in-page link to a unit, named for both interface languages."""
    return Ref(catalog.anchor(unit_id), catalog.names.get(unit_id) or unit_name(catalog, unit_id), f"u-{unit_id}")


def unit_name(catalog: Catalog, unit_id: str) -> Bi:
    """A unit's name: its number's, else its block's, else its document's role (never its id)."""
    block = catalog.block_of.get(unit_id, unit_id)
    if block in catalog.names:
        return catalog.names[block]
    return role(catalog.role_of(unit_id)) if unit_id in catalog.units else Bi("", "")


def doc_lang(catalog: Catalog, unit_id: str) -> str:
    """The language of the document a unit belongs to."""
    unit = catalog.units.get(unit_id)
    doc = catalog.docs.get(unit.doc) if unit else None
    return doc.lang if doc else "ja"


def notes_by_block(catalog: Catalog) -> dict[str, tuple[NoteView, ...]]:
    """Quotation statuses and flags, grouped by the block that shows their unit."""
    order = catalog.order
    keyed: list[tuple[str, int, int, NoteView]] = []
    for quote in catalog.edition.quotes:
        if quote.unit in catalog.units:
            keyed.append((catalog.block_of[quote.unit], order[quote.unit], 0, quote_note(catalog, quote)))
    for flag in catalog.edition.flags:
        if flag.unit in catalog.units:
            keyed.append((catalog.block_of[flag.unit], order[flag.unit], 1, flag_note(catalog, flag)))
    out: dict[str, list[NoteView]] = {}
    for block, _, _, note in sorted(keyed, key=lambda k: (k[0], k[1], k[2])):
        out.setdefault(block, []).append(note)
    return {block: tuple(notes) for block, notes in out.items()}


def quote_note(catalog: Catalog, quote: Quote) -> NoteView:
    """A quotation's status; a close one shows its differences from the source span."""
    match = quote.match if quote.match in catalog.units else None
    refs = (ref(catalog, match),) if match else ()
    diff: tuple = ()  # type: ignore[type-arg]
    source, source_lang = "", ""
    if match and quote.status == "close":
        span = quote.match_text or best_window(catalog.units[match].text, quote.text)
        diff = char_diff(span, quote.text)
    if match and quote.status == "translated":
        source = one_line(quote.match_text or catalog.units[match].text)
        source_lang = doc_lang(catalog, match)
    return NoteView(f"quote q-{quote.status}", quote_status(quote.status), quote.text, doc_lang(catalog, quote.unit),
                    refs, diff, f"類似度 {quote.similarity:.2f} / similarity {quote.similarity:.2f}", source, source_lang)


def flag_note(catalog: Catalog, flag: Flag) -> NoteView:
    """A flag (miscitation, figure mismatch …) with a link to the passage it points at."""
    refs = (ref(catalog, flag.target),) if flag.target in catalog.units else ()
    return NoteView(f"flag flag-{flag.kind}", flag_kind(flag.kind), "", "", refs,
                    message=flag_message(catalog, flag))


def tags_by_block(catalog: Catalog) -> dict[str, tuple[TagView, ...]]:
    """Rebuttal types of commentary units, grouped by block, one per kind and cue."""
    out: dict[str, dict[tuple[str, str], TagView]] = {}
    for tag in catalog.edition.tags:
        if tag.unit in catalog.units:
            seen = out.setdefault(catalog.block_of[tag.unit], {})
            seen.setdefault((tag.kind, tag.cue), TagView(tag.kind, tag_kind(tag.kind), tag.cue))
    return {block: tuple(tags.values()) for block, tags in out.items()}


def coverage_state(item: Coverage) -> str:
    """both, supported, answered or none: who speaks about a source paragraph."""
    if item.supported_by and item.answered_by:
        return "both"
    return "supported" if item.supported_by else ("answered" if item.answered_by else "none")


def coverage_by_block(catalog: Catalog) -> dict[str, str]:
    """The coverage state of every source block that has a coverage record."""
    return {catalog.block_of.get(c.unit, c.unit): coverage_state(c) for c in catalog.edition.coverage
            if c.unit in catalog.units}


def unit_at(catalog: Catalog, doc_id: str, start: int, end: int) -> Optional[str]:
    """The smallest unit of a document that holds the span."""
    holding = [u for u in catalog.edition.units if u.doc == doc_id and u.start <= start and end <= u.end]
    return min(holding, key=lambda u: (u.end - u.start, u.id)).id if holding else None


def findings_list(catalog: Catalog) -> tuple[FindingView, ...]:
    """Every flag, every quotation that is not exact, every redaction, each linked to its unit."""
    rows: list[FindingView] = []
    for flag in catalog.edition.flags:
        if flag.unit in catalog.units:
            rows.append(FindingView(f"flag flag-{flag.kind}", flag_kind(flag.kind), "", "",
                                    ref(catalog, flag.unit), flag_message(catalog, flag)))
    for quote in catalog.edition.quotes:
        if quote.unit in catalog.units and quote.status != "exact":
            rows.append(FindingView(f"quote q-{quote.status}", quote_status(quote.status), f"「{quote.text}」",
                                    doc_lang(catalog, quote.unit), ref(catalog, quote.unit)))
    for red in catalog.edition.redactions:
        holder = red.unit if red.unit in catalog.units else unit_at(catalog, red.doc, red.start, red.end)
        if holder:
            rows.append(FindingView("redacted", UI["redaction"], red.text, doc_lang(catalog, holder),
                                    ref(catalog, holder)))
    return tuple(rows)
