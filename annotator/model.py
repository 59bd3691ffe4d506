"""Frozen records passed between the pipeline's stages.

Every unit satisfies ``document.text[unit.start:unit.end] == unit.text``; ids are
stable, unique within an edition, and valid as HTML anchors and TEI ``xml:id``s.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

ROLES = ("commentary", "summary", "source")
LANGS = ("ja", "en")


@dataclass(frozen=True)
class Document:
    """One text of a corpus: a whole file, or one part of a combined file."""

    id: str
    role: str
    lang: str
    file: str
    text: str
    file_start: int = 0  # offset of text[0] in the file's decoded text
    first_line: int = 1  # 1-based line of text[0] in the file


@dataclass(frozen=True)
class SectionLabel:
    """A manifest ``[[sections]]`` entry: bilingual titles for a source heading."""

    heading: str
    title_en: Optional[str] = None
    title_ja: Optional[str] = None


@dataclass(frozen=True)
class Corpus:
    """A loaded, validated corpus folder."""

    path: str
    title: str
    title_en: Optional[str]
    documents: tuple[Document, ...]
    section_labels: tuple[SectionLabel, ...] = ()


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
class Citation:
    """A marker such as 【元記事「…」のパートII】 found in a claim."""

    unit: str
    marker: str
    title: Optional[str]
    part: Optional[int]
    section: Optional[str]
    score: float
    start: int
    end: int
    source_word: Optional[str] = None
    evidence: str = "auto"


@dataclass(frozen=True)
class Link:
    """A ranked relation from a claim to a source unit."""

    source: str  # the claim ("from" in JSON)
    target: str  # the source unit ("to" in JSON)
    relation: str  # supports | rebuts
    score: float
    rank: int
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    unit: str
    text: str
    status: str  # exact | close | absent | redacted | translated
    match: Optional[str]
    similarity: float
    start: int = 0
    end: int = 0
    match_text: Optional[str] = None


@dataclass(frozen=True)
class Flag:
    unit: str
    kind: str
    detail: str
    target: Optional[str] = None


@dataclass(frozen=True)
class Tag:
    unit: str
    kind: str
    cue: str


@dataclass(frozen=True)
class Redaction:
    unit: Optional[str]
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TermOccurrence:
    variant: str
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    concept: str
    en: str
    variants: tuple[str, ...]
    occurrences: tuple[TermOccurrence, ...] = ()


@dataclass(frozen=True)
class Coverage:
    unit: str
    supported_by: int
    answered_by: int


@dataclass(frozen=True)
class Structure:
    """What the structure stage found in all documents."""

    sections: tuple[Section, ...]
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Edition:
    """Everything the pipeline found; serialized as edition.json."""

    corpus: Corpus
    sections: tuple[Section, ...]
    units: tuple[Unit, ...]
    citations: tuple[Citation, ...] = ()
    links: tuple[Link, ...] = ()
    quotes: tuple[Quote, ...] = ()
    flags: tuple[Flag, ...] = ()
    tags: tuple[Tag, ...] = ()
    redactions: tuple[Redaction, ...] = ()
    terms: tuple[Term, ...] = ()
    coverage: tuple[Coverage, ...] = field(default=())
    semantic: Optional[str] = None  # the encoder that also ranked rebuttals by meaning (--semantic), if any
