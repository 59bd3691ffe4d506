"""What every export needs from edition.json data: lookups, checked references, safe JSON."""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from ..edition.json_text import json_text  # noqa: F401  (re-exported to the exporters)
from ..errors import AnnotatorError

Item = dict[str, Any]

# Characters a spreadsheet, an XML parser or a terminal may act on: C0/C1 controls except
# tab/LF/CR, lone surrogates and the two non-characters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class ExportError(AnnotatorError):
    """edition.json data that an export cannot represent (a dangling id, a missing text)."""


def clean_text(text: str) -> str:
    """``text`` with control characters replaced by U+FFFD, so offsets keep their meaning."""
    return _CONTROL.sub("\ufffd", text)


class EditionIndex:
    """edition.json lists keyed by id, with lookups that name the broken reference."""

    def __init__(self, edition: Item) -> None:
        self.edition = edition
        self.docs = {d["id"]: d for d in edition.get("documents", [])}
        self.units = {u["id"]: u for u in edition.get("units", [])}
        self.sections = {s["id"]: s for s in edition.get("sections", [])}

    def unit(self, unit_id: Any, where: str) -> Item:
        """The unit ``unit_id``; ExportError naming ``where`` when there is none."""
        unit = self.units.get(unit_id) if isinstance(unit_id, str) else None
        if unit is None:
            raise ExportError(f"{where} names unit {unit_id!r}, which is not in units",
                              fix="rebuild edition.json with annotator build")
        return unit

    def doc(self, doc_id: Any, where: str) -> Item:
        """The document ``doc_id`` with its text; ExportError when absent or textless."""
        doc = self.docs.get(doc_id) if isinstance(doc_id, str) else None
        if doc is None or not isinstance(doc.get("text"), str):
            problem = "is not in documents" if doc is None else "has no text"
            raise ExportError(f"{where} names document {doc_id!r}, which {problem}",
                              fix="rebuild edition.json with annotator build")
        return doc

    def doc_text(self, doc_id: Any, where: str) -> str:
        """The full text of document ``doc_id``."""
        return str(self.doc(doc_id, where)["text"])

    def unit_text(self, unit_id: Optional[str]) -> str:
        """A unit's text, or "" for no unit or an unknown one (for display only)."""
        unit = self.units.get(unit_id) if isinstance(unit_id, str) else None
        return str(unit.get("text", "")) if unit else ""

    def ref_text(self, ref: Optional[str]) -> str:
        """The text of a unit, or the heading of a section, that ``ref`` names."""
        if isinstance(ref, str) and ref in self.sections:
            return str(self.sections[ref].get("heading", ""))
        return self.unit_text(ref)

    def ancestors(self, unit_id: str) -> list[str]:
        """``unit_id`` and its parent chain, innermost first (cycles cut)."""
        chain: list[str] = []
        seen: set[str] = set()  # a set beside the list: a long chain in a hostile file stays linear
        current: Any = unit_id
        while isinstance(current, str) and current not in seen:
            chain.append(current)
            seen.add(current)
            current = (self.units.get(current) or {}).get("parent")
        return chain


def locate(index: EditionIndex, unit: Item, start: Any, end: Any, text: str) -> Optional[tuple[int, int]]:
    """Document offsets of ``text`` in ``unit``: given offsets if they hold it, else a search.

    Offsets are tried as document offsets, then as offsets into the unit; brackets around a
    quotation may be inside the span. None when the text is not in the unit.
    """
    doc_text = index.doc_text(unit["doc"], f"unit {unit['id']!r}")
    base = unit["start"]
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
        for offset in (0, base):
            piece = doc_text[start + offset:end + offset]
            if text and text in piece and len(piece) <= len(text) + 4:
                return start + offset, end + offset
    found = unit["text"].find(text) if text else -1
    return (base + found, base + found + len(text)) if found >= 0 else None


def tags_by_unit(edition: Item) -> dict[str, list[str]]:
    """Each tagged unit's distinct tag kinds, in edition order."""
    kinds: dict[str, list[str]] = {}
    for tag in edition.get("tags", []):
        seen = kinds.setdefault(tag["unit"], [])
        if tag["kind"] not in seen:
            seen.append(tag["kind"])
    return kinds


def tags_within(index: EditionIndex) -> dict[str, list[str]]:
    """Tag kinds of each unit together with those of the units inside it."""
    kinds: dict[str, list[str]] = {}
    for tag in index.edition.get("tags", []):
        for unit_id in index.ancestors(tag["unit"]):
            seen = kinds.setdefault(unit_id, [])
            if tag["kind"] not in seen:
                seen.append(tag["kind"])
    return kinds


def unique(values: Iterable[str]) -> list[str]:
    """``values`` without repeats, first occurrence kept."""
    return list(dict.fromkeys(values))
