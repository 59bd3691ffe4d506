"""The plain data index.html is rendered from: frozen records, no behaviour."""
from __future__ import annotations

from typing import Mapping, NamedTuple, Optional

from .labels import Bi
from .spans import Segment
from .words.messages import Message


class Ref(NamedTuple):
    """An in-page link to a unit, with its name in both interface languages."""

    href: str
    name: Bi
    peers: str


class Chip(NamedTuple):
    """A citation marker of a claim, resolved to a section and its best passage."""

    href: str  # '' when the marker names no section of the source
    marker: str
    section: str  # the section's name in the source's language (or the Japanese title)
    section_lang: str
    section_en: str
    passage: str
    title: str
    css: str
    peers: str


class LinkView(NamedTuple):
    """A link from a claim to a passage, or a back-link from a passage to a claim."""

    href: str
    name: Bi
    relation: str
    relation_label: Bi
    rank: int
    title: str
    tags: tuple[Bi, ...]
    peers: str
    css: str


class LinkGroup(NamedTuple):
    """A block's links (or back-links) of one relation."""

    relation: str
    label: Bi
    links: tuple[LinkView, ...]


class NoteView(NamedTuple):
    """A finding shown beside the unit it concerns."""

    kind: str
    label: Bi
    text: str
    lang: str
    refs: tuple[Ref, ...] = ()
    diff: tuple[Segment, ...] = ()
    title: str = ""
    source: str = ""  # the source's wording, for a translated quotation
    source_lang: str = ""
    message: Optional[Message] = None  # what a flag means, in both interface languages


class TagView(NamedTuple):
    """A rebuttal type of a commentary unit and the words that cued it."""

    kind: str
    label: Bi
    cue: str


class PieceView(NamedTuple):
    """A run of a block's text: a sentence with its own anchor, or plain text between."""

    anchor: str
    css: str
    segments: tuple[Segment, ...]
    peers: str
    label: bool = False


class BlockView(NamedTuple):
    """A unit with its own element: a point, heading, paragraph, bullet or title."""

    anchor: str
    kind: str
    tag: str
    css: str
    lang: str
    self_href: str
    self_text: str
    name: Bi
    pieces: tuple[PieceView, ...]
    chips: tuple[Chip, ...]
    links: tuple[LinkGroup, ...]
    backlinks: tuple[LinkGroup, ...]
    notes: tuple[NoteView, ...]
    tags: tuple[TagView, ...]
    coverage: Optional[Bi]
    peers: str
    children: tuple["BlockView", ...] = ()


class SectionView(NamedTuple):
    """A source section (or the run of blocks before any section)."""

    anchor: str
    heading: str
    title_ja: str
    title_en: str
    blocks: tuple[BlockView, ...]
    heading_ruby: tuple[Segment, ...] = ()  # the heading cut for its readings, with --furigana


class DocView(NamedTuple):
    """One document in a pane."""

    anchor: str
    role: str
    role_label: Bi
    lang: str
    title: Optional[BlockView]
    sections: tuple[SectionView, ...]


class PaneView(NamedTuple):
    """One of the two side-by-side panes."""

    anchor: str
    label: Bi
    docs: tuple[DocView, ...]
    strip: tuple["CoverageCell", ...] = ()


class OvNode(NamedTuple):
    """A box of the overview picture, linking to its unit."""

    href: str
    x: float
    y: float
    w: float
    h: float
    tx: float
    ty: float
    text: str
    lang: str
    css: str
    title: str
    label: Optional[Bi] = None  # a header's interface words, shown instead of ``text``


class OvLine(NamedTuple):
    """A link of the overview picture."""

    d: str
    css: str
    width: str
    title: str


class OverviewView(NamedTuple):
    """The overview picture: claims left, source right, links between."""

    width: int
    height: int
    nodes: tuple[OvNode, ...]
    lines: tuple[OvLine, ...]
    left_label: Bi
    right_label: Bi


class LegendItem(NamedTuple):
    css: str
    label: Bi
    count: Optional[int]  # None: nothing to count
    sample: str
    definition: Optional[Bi] = None  # a one-line definition (rebuttal kinds)


class LegendGroup(NamedTuple):
    label: Bi
    items: tuple[LegendItem, ...]


class FindingView(NamedTuple):
    """One row of the findings list: what was found, and where."""

    kind: str
    label: Bi
    text: str
    lang: str
    ref: Ref
    message: Optional[Message] = None  # what a flag means, in both interface languages


class VariantView(NamedTuple):
    text: str
    count: int
    refs: tuple[Ref, ...]


class TermView(NamedTuple):
    lang: str
    concept: str
    en: str
    variants: tuple[VariantView, ...]


class CoverageCell(NamedTuple):
    href: str
    css: str
    text: str
    title: str


class EditionView(NamedTuple):
    """Everything index.html shows."""

    title: str
    title_en: str
    lang: str
    ui: Mapping[str, Bi]
    panes: tuple[PaneView, ...]
    overview: OverviewView
    legend: tuple[LegendGroup, ...]
    findings: tuple[FindingView, ...]
    glossary: tuple[TermView, ...]
    unread: tuple[str, ...] = ()  # one line for each thing not read (check/unread.py); no panel when empty
