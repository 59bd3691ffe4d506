"""Indexes of an edition that every view needs: the unit tree, which block shows a unit, names."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter, itemgetter
from typing import Callable, Generic, Iterable, Mapping, Optional, TypeVar

from ..check.records import Flag, Quote, Tag
from ..corpus.records import Document
from ..edition.model import Edition
from ..link.records import Citation, Link
from ..text.records import Section, Unit
from .labels import Bi, role

NOT_PASSAGES = ("title", "heading")
T = TypeVar("T")


class ByUnit(Generic[T]):
    """Records of an edition list keyed by their unit, each remembering its place in the list."""

    def __init__(self, items: Iterable[T], unit_of: Callable[[T], Optional[str]]) -> None:
        self._placed: dict[Optional[str], list[tuple[int, T]]] = {}
        for place, item in enumerate(items):
            self._placed.setdefault(unit_of(item), []).append((place, item))

    def of(self, units: Iterable[str]) -> list[T]:
        """The records of any of ``units`` (distinct ids), in the list's order."""
        found = [placed for unit in units for placed in self._placed.get(unit, ())]
        if len(found) > 1:
            found.sort(key=itemgetter(0))
        return [item for _, item in found]


@dataclass(frozen=True, eq=False)
class Catalog:
    """Lookups of an edition, each built when first needed and then kept, so that the pages of one
    edition share them; read-only by convention."""

    edition: Edition

    @cached_property
    def order(self) -> Mapping[str, int]:
        """Each unit's place in the edition's list (the last, should two share an id)."""
        return {u.id: i for i, u in enumerate(self.edition.units)}

    @cached_property
    def docs(self) -> Mapping[str, Document]:
        """Documents by id."""
        return {d.id: d for d in self.edition.corpus.documents}

    @cached_property
    def units(self) -> Mapping[str, Unit]:
        """Units by id."""
        return {u.id: u for u in self.edition.units}

    @cached_property
    def children(self) -> Mapping[Optional[str], tuple[Unit, ...]]:
        """Each unit's children in reading order; None holds the units without a known parent."""
        units = self.units
        children: dict[Optional[str], list[Unit]] = {}
        for unit in self.edition.units:
            parent = unit.parent if unit.parent in units else None
            children.setdefault(parent, []).append(unit)
        return {k: tuple(sorted(v, key=lambda u: (u.start, -u.end, u.id))) for k, v in children.items()}

    @cached_property
    def containers(self) -> frozenset[str]:
        """The units whose text is made of child blocks (points, groups)."""
        return frozenset(parent for parent, kids in self.children.items()
                         if parent is not None and _holds_blocks(self.units[parent], kids))

    @cached_property
    def inline(self) -> Mapping[str, tuple[Unit, ...]]:
        """A block's children shown inside its text (a block without any has no entry)."""
        found: dict[str, tuple[Unit, ...]] = {}
        for parent, kids in self.children.items():
            if parent is not None and parent not in self.containers:
                kept = _inline_children(self, self.units[parent], kids)
                if kept:
                    found[parent] = kept
        return found

    @cached_property
    def block_of(self) -> Mapping[str, str]:
        """Any unit → the unit whose element holds its text."""
        block_of = {u.id: u.id for u in self.edition.units}
        for block, kids in self.inline.items():
            block_of.update((kid.id, block) for kid in kids)
        return block_of

    @cached_property
    def numbers(self) -> Mapping[str, str]:
        """The number shown for each block and each unit inside one (¶3, 2.1, ¶3·2 …)."""
        return _numbers(self)

    @cached_property
    def names(self) -> Mapping[str, Bi]:
        """Each numbered unit's name in both interface languages."""
        roles = {doc_id: doc.role for doc_id, doc in self.docs.items()}
        return {uid: _name(self.units[uid], roles.get(self.units[uid].doc, ""), number)
                for uid, number in self.numbers.items()}

    def kept(self, make: Callable[[Catalog], T]) -> T:
        """``make(self)``, made once per catalog: an index that a later view module builds over this one
        (the marks in the texts), shared by the pages without this module importing the later one."""
        made = self.__dict__.setdefault("_kept", {})
        if make not in made:
            made[make] = make(self)
        return made[make]  # type: ignore[no-any-return]

    def role_of(self, unit_id: str) -> str:
        """The role of the document a unit belongs to ('' when unknown)."""
        unit = self.units.get(unit_id)
        doc = self.docs.get(unit.doc) if unit else None
        return doc.role if doc else ""

    def is_container(self, unit: Unit) -> bool:
        """True when the unit's text is made of child blocks (a point, a group)."""
        return unit.id in self.containers

    def nested(self, unit: Unit) -> tuple[Unit, ...]:
        """The children shown as blocks of their own below (or, for a container, inside) the unit."""
        return self._nested.get(unit.id, ())

    def family(self, unit_id: str) -> tuple[str, ...]:
        """The block that shows a unit and the units shown inside it."""
        block = self.block_of.get(unit_id, unit_id)
        return (block,) + tuple(u.id for u in self.inline.get(block, ()))

    def tops(self, doc_id: str) -> tuple[Unit, ...]:
        """A document's units without a parent, in reading order."""
        return self._tops.get(doc_id, ())

    def blocks(self, doc_id: str) -> tuple[Unit, ...]:
        """A document's blocks and containers in reading order (units shown inline left out)."""
        return self._blocks.get(doc_id, ())

    def owner(self, unit_id: str) -> Optional[str]:
        """For a heading of a point or group, that point or group; else None."""
        unit = self.units.get(self.block_of.get(unit_id, unit_id))
        parent = self.units.get(unit.parent or "") if unit else None
        return parent.id if unit and unit.kind == "heading" and parent and self.is_container(parent) else None

    def anchor(self, unit_id: str) -> str:
        """The in-page link to a unit."""
        return f"#u-{unit_id}"

    @cached_property
    def _nested(self) -> Mapping[str, tuple[Unit, ...]]:
        found: dict[str, tuple[Unit, ...]] = {}
        for parent, kids in self.children.items():
            if parent is not None:
                shown = {u.id for u in self.inline.get(parent, ())}
                found[parent] = tuple(c for c in kids if c.id not in shown)
        return found

    @cached_property
    def _tops(self) -> Mapping[str, tuple[Unit, ...]]:
        tops: dict[str, list[Unit]] = {}
        for unit in self.children.get(None, ()):
            tops.setdefault(unit.doc, []).append(unit)
        return {doc: tuple(units) for doc, units in tops.items()}

    @cached_property
    def _blocks(self) -> Mapping[str, tuple[Unit, ...]]:
        return {doc: tuple(_walk(self, tops)) for doc, tops in self._tops.items()}

    @cached_property
    def section_by_id(self) -> Mapping[str, Section]:
        """Sections by id (the first one, should two share an id)."""
        return {s.id: s for s in reversed(self.edition.sections)}

    # per-unit lookups of the edition's lists, so that views do not scan a list for every unit
    @cached_property
    def links_from(self) -> ByUnit[Link]:
        """Links by their claim (``source``)."""
        return ByUnit(self.edition.links, attrgetter("source"))

    @cached_property
    def citations_of(self) -> ByUnit[Citation]:
        """Citations by the unit holding the marker."""
        return ByUnit(self.edition.citations, attrgetter("unit"))

    @cached_property
    def quotes_of(self) -> ByUnit[Quote]:
        """Quotations by the unit holding them."""
        return ByUnit(self.edition.quotes, attrgetter("unit"))

    @cached_property
    def flags_of(self) -> ByUnit[Flag]:
        """Flags by the unit they are about."""
        return ByUnit(self.edition.flags, attrgetter("unit"))

    @cached_property
    def tags_of(self) -> ByUnit[Tag]:
        """Rebuttal tags by their unit."""
        return ByUnit(self.edition.tags, attrgetter("unit"))


def _holds_blocks(unit: Unit, children: tuple[Unit, ...]) -> bool:
    return any(c.kind != "sentence" and unit.start <= c.start and c.end <= unit.end for c in children)


def _inline_children(catalog: Catalog, unit: Unit, children: tuple[Unit, ...]) -> tuple[Unit, ...]:
    kept: list[Unit] = []
    for child in children:
        inside = unit.start <= child.start and child.end <= unit.end and child.start < child.end
        if inside and (not kept or child.start >= kept[-1].end) and not catalog.children.get(child.id):
            kept.append(child)
    return tuple(kept)


def _numbers(catalog: Catalog) -> dict[str, str]:
    numbers: dict[str, str] = {}
    passage = 0
    for doc in catalog.edition.corpus.documents:
        if doc.role == "source":
            for unit in catalog.blocks(doc.id):
                if unit.kind not in NOT_PASSAGES and not catalog.is_container(unit):
                    passage += 1
                    numbers[unit.id] = f"¶{passage}"
        else:
            _number_claims(catalog, catalog.tops(doc.id), "", numbers)
        for unit in catalog.blocks(doc.id):
            numbers.setdefault(unit.id, _fallback_number(catalog, unit, numbers))
            for k, kid in enumerate(catalog.inline.get(unit.id, ()), start=1):
                numbers[kid.id] = f"{numbers[unit.id]}·{k}"
    return numbers


def _walk(catalog: Catalog, units: list[Unit] | tuple[Unit, ...]) -> list[Unit]:
    """Blocks and containers in reading order (inline units left out)."""
    found: list[Unit] = []
    for unit in units:
        found.append(unit)
        found += _walk(catalog, catalog.nested(unit))
    return found


def _number_claims(catalog: Catalog, units: tuple[Unit, ...] | list[Unit], prefix: str,
                   numbers: dict[str, str]) -> None:
    ordinal = 0
    for unit in units:
        if unit.kind in NOT_PASSAGES:
            continue
        ordinal += 1
        own = _written_number(unit.number) if prefix == "" and unit.number else str(ordinal)
        numbers[unit.id] = f"{prefix}.{own}" if prefix else own
        _number_claims(catalog, catalog.nested(unit), numbers[unit.id], numbers)


def _written_number(number: str) -> str:
    return number.strip().strip("()（）.．、。:：").strip() or number.strip()


def _fallback_number(catalog: Catalog, unit: Unit, numbers: dict[str, str]) -> str:
    parent = catalog.units.get(unit.parent or "")
    return numbers.get(parent.id, "") if parent is not None else ""


def _name(unit: Unit, doc_role: str, number: str) -> Bi:
    label = role(doc_role)
    if doc_role == "source":
        return Bi(number, number) if number else label
    if unit.kind == "title" or not number:
        return label
    return Bi(f"{label.ja}{number}", f"{label.en} {number}")  # Japanese sets no space: 要約2.1は
