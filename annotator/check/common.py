"""Helpers shared by the checks: where a span sits among the units, a claim's links in order."""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Mapping, Optional

from ..corpus.records import Corpus
from ..link.records import Link
from ..text.records import Structure, Unit

BLOCK_KINDS = ("paragraph", "bullet")


class UnitLocator:
    """The smallest non-sentence unit of a document that contains a span."""

    def __init__(self, units: Iterable[Unit]) -> None:
        by_doc: dict[str, list[Unit]] = {}
        for unit in units:
            if unit.kind != "sentence":
                by_doc.setdefault(unit.doc, []).append(unit)
        self._by_doc: dict[str, tuple[list[int], list[int], list[Unit]]] = {}  # starts, ends, units
        for doc, found in by_doc.items():
            found.sort(key=lambda u: (u.start, -u.end))
            self._by_doc[doc] = ([u.start for u in found], [u.end for u in found], found)

    def find(self, doc: str, start: int, end: int) -> Optional[Unit]:
        """The narrowest unit holding [start, end), or None when no unit does."""
        starts, ends, found = self._by_doc.get(doc, _NONE_FOUND)
        # units nest, so the last-starting unit that holds the span is the narrowest
        for k in range(bisect_right(starts, start) - 1, -1, -1):
            if end <= ends[k]:
                return found[k]
        return None


_NONE_FOUND: tuple[list[int], list[int], list[Unit]] = ([], [], [])


def roles(corpus: Corpus) -> dict[str, str]:
    """Document id → role."""
    return {d.id: d.role for d in corpus.documents}


def units_by_id(structure: Structure) -> dict[str, Unit]:
    """Unit id → unit."""
    return {u.id: u for u in structure.units}


def links_by_claim(links: Iterable[Link], relation: Optional[str] = None,
                   max_rank: Optional[int] = None) -> dict[str, list[Link]]:
    """A claim's links in rank order, optionally of one relation and up to a rank."""
    out: dict[str, list[Link]] = {}
    for link in links:
        if relation is not None and link.relation != relation:
            continue
        if max_rank is not None and link.rank > max_rank:
            continue
        out.setdefault(link.source, []).append(link)
    for found in out.values():
        found.sort(key=lambda link: link.rank)
    return out


def block_of(unit: Unit, units: Mapping[str, Unit]) -> Optional[Unit]:
    """The paragraph or bullet a link target belongs to: itself, or a sentence's parent."""
    if unit.kind in BLOCK_KINDS:
        return unit
    parent = units.get(unit.parent) if unit.parent else None
    return parent if parent is not None and parent.kind in BLOCK_KINDS else None
