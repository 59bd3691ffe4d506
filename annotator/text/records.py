"""What the text stage finds in a document: sections and units with character offsets.

Every unit satisfies ``document.text[unit.start:unit.end] == unit.text``; ids are stable, unique
within an edition, and valid as HTML anchors and TEI ``xml:id``s."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Section:
    """A heading of a source document and the span it governs."""

    id: str
    doc: str
    heading: str
    title_en: Optional[str]
    title_ja: Optional[str]
    start: int
    end: int
    index: int = 0  # 1-based position among the document's sections


@dataclass(frozen=True)
class Unit:
    """A span of a document: title, point, group, paragraph, bullet or sentence."""

    id: str
    doc: str
    kind: str
    text: str
    start: int
    end: int
    section: Optional[str] = None
    parent: Optional[str] = None
    label: Optional[str] = None
    number: Optional[str] = None  # the list number of a point or group, as written
    body_start: Optional[int] = None  # where the body begins after a split-off label


@dataclass(frozen=True)
class Structure:
    """What the structure stage found in all documents."""

    sections: tuple[Section, ...]
    units: tuple[Unit, ...]
