"""Plain view data for index.html, built in one place from the edition."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from ..corpus.records import Document
from ..edition.model import Edition
from ..text.records import Unit
from .catalog import Catalog
from .findings import coverage_by_block, findings_list, notes_by_block, tags_by_block
from .labels import COVERAGE, UI, relation, role
from .links import backlinks_by_block, chips_by_block, links_by_block, peers_by_unit
from .marks import marks_by_doc
from .overview import overview
from .panels import coverage_strip, glossary, legend
from .spans import NO_MARKS, MarkIndex, Segment, styled
from .words.furigana import Ruby, heading_with_ruby, ruby_index, with_ruby
from .view_model import (
    BlockView,
    DocView,
    EditionView,
    LinkGroup,
    LinkView,
    PaneView,
    PieceView,
    SectionView,
)


@dataclass(frozen=True)
class Annotations:
    """Everything shown beside or inside the blocks, keyed by block (or unit, or document) id."""

    chips: Mapping[str, tuple]  # type: ignore[type-arg]
    links: Mapping[str, tuple]  # type: ignore[type-arg]
    backlinks: Mapping[str, tuple]  # type: ignore[type-arg]
    notes: Mapping[str, tuple]  # type: ignore[type-arg]
    tags: Mapping[str, tuple]  # type: ignore[type-arg]
    peers: Mapping[str, str]
    coverage: Mapping[str, str]
    marks: Mapping[str, MarkIndex]
    ruby: Mapping[str, tuple[Ruby, ...]] = field(default_factory=dict)  # readings by document (--furigana)


def annotations(catalog: Catalog, furigana: Optional[str] = None) -> Annotations:
    """Gather chips, links, back-links, notes, tags, peers, coverage and marks in one pass each (and
    the readings of the words chosen by ``furigana``)."""
    return Annotations(chips_by_block(catalog), links_by_block(catalog), backlinks_by_block(catalog),
                       notes_by_block(catalog), tags_by_block(catalog), peers_by_unit(catalog),
                       coverage_by_block(catalog), catalog.kept(marks_by_doc),
                       catalog.kept(ruby_index(furigana)) if furigana else {})


def ui_lang(edition: Edition) -> str:
    """The interface language shown first: English only when every document is English."""
    langs = {d.lang for d in edition.corpus.documents}
    return "en" if langs == {"en"} else "ja"


def index_view(edition: Edition, catalog: Optional[Catalog] = None, furigana: Optional[str] = None) -> EditionView:
    """Everything index.html shows, as plain data (``catalog``: the edition's, when already made;
    ``furigana``: which words get readings, see words/furigana.py)."""
    catalog = catalog if catalog is not None else Catalog(edition)
    notes = annotations(catalog, furigana)
    docs = edition.corpus.documents
    claims = PaneView("pane-claims", UI["claims_pane"],
                      tuple(doc_view(catalog, notes, d) for d in docs if d.role != "source"))
    source = PaneView("pane-source", UI["source_pane"],
                      tuple(doc_view(catalog, notes, d) for d in docs if d.role == "source"), coverage_strip(catalog))
    return EditionView(edition.corpus.title, edition.corpus.title_en or "", ui_lang(edition), UI,
                       (claims, source), overview(catalog), legend(catalog), findings_list(catalog),
                       glossary(catalog), tuple(n.detail for n in edition.notices))


def doc_view(catalog: Catalog, notes: Annotations, doc: Document) -> DocView:
    """One document: its title and its sections of blocks."""
    tops = catalog.tops(doc.id)
    title_unit = next((u for u in tops if u.kind == "title"), None)
    title = block_view(catalog, notes, title_unit, 0, "h2") if title_unit else None
    sections = [s for s in catalog.edition.sections if s.doc == doc.id]
    known = {s.id for s in sections}
    rest = [u for u in tops if u is not title_unit]
    placed: dict[str | None, list[Unit]] = {}
    for u in rest:
        placed.setdefault(u.section if u.section in known else None, []).append(u)
    groups = [SectionView("", "", "", "", _blocks(catalog, notes, placed.get(None, [])))]
    for s in sections:
        blocks = _blocks(catalog, notes, placed.get(s.id, []))
        groups.append(SectionView(f"s-{s.id}", s.heading, s.title_ja or "", s.title_en or "", blocks,
                                  heading_with_ruby(doc.text, s.heading, s.start, notes.ruby.get(doc.id, ()))))
    return DocView(f"d-{doc.id}", doc.role, role(doc.role), doc.lang, title,
                   tuple(g for g in groups if g.blocks or g.anchor))


def _blocks(catalog: Catalog, notes: Annotations, units: list[Unit]) -> tuple[BlockView, ...]:
    return tuple(block_view(catalog, notes, u, 0) for u in units)


def block_view(catalog: Catalog, notes: Annotations, unit: Unit, depth: int, tag: str = "",
               owner: Unit | None = None) -> BlockView:
    """A unit with its own element, its text cut into pieces, and what is shown beside it."""
    doc = catalog.docs[unit.doc]
    container = catalog.is_container(unit)
    nested = catalog.nested(unit)
    kids = tuple(block_view(catalog, notes, c, depth + 1, owner=unit if c.kind == "heading" else None)
                 for c in nested) if nested else ()
    linked = owner or unit
    # a container shows what was found about it beside its heading, if it has one
    shown = () if container and any(k.kind == "heading" for k in kids) else (unit.id,)
    ids = shown + ((owner.id,) if owner else ())
    state = notes.coverage.get(unit.id)
    css = f"unit {unit.kind} role-{doc.role}" + (f" cov cov-{state}" if state else "")
    self_href = "" if container or unit.kind == "title" else catalog.anchor(linked.id)
    peers = " ".join(sorted(set(" ".join(notes.peers.get(i, "") for i in ids).split())))
    return BlockView(
        anchor=f"u-{unit.id}", kind=unit.kind, tag=tag or _tag(unit, depth), css=css, lang=doc.lang,
        self_href=self_href, self_text=catalog.numbers.get(linked.id, "") or "#",
        name=catalog.names[linked.id], pieces=() if container else pieces(catalog, notes, unit),
        chips=_gather(notes.chips, ids), links=by_relation(_gather(notes.links, ids)),
        backlinks=by_relation(_gather(notes.backlinks, ids)), notes=_gather(notes.notes, ids),
        tags=_gather(notes.tags, ids), coverage=COVERAGE[state] if state else None,
        peers=peers, children=kids)


def by_relation(links: tuple[LinkView, ...]) -> tuple[LinkGroup, ...]:
    """Links grouped by relation, in the order the relations first occur."""
    if not links:
        return ()
    relations = dict.fromkeys(link.relation for link in links)
    return tuple(LinkGroup(r, relation(r), tuple(l for l in links if l.relation == r))
                 for r in relations)


def _gather(found: Mapping[str, tuple], ids: tuple[str, ...]) -> tuple:  # type: ignore[type-arg]
    if len(ids) == 1:  # most blocks show only what was found about themselves
        return tuple(found.get(ids[0], ()))
    return tuple(item for i in ids for item in found.get(i, ()))


def _tag(unit: Unit, depth: int) -> str:
    if unit.kind == "heading":
        return f"h{min(depth + 3, 6)}"
    return "section" if unit.kind in ("point", "group") else "div"


def pieces(catalog: Catalog, notes: Annotations, unit: Unit) -> tuple[PieceView, ...]:
    """The block's text: a split-off label, its sentences (each with an anchor), the text between."""
    text = catalog.docs[unit.doc].text
    marks = notes.marks.get(unit.doc, NO_MARKS)
    found = notes.ruby.get(unit.doc, ())
    out: list[PieceView] = []
    cursor = unit.start
    kids = catalog.inline.get(unit.id, ())
    if unit.label and unit.body_start and unit.start < unit.body_start <= unit.end:
        label_end = min([unit.body_start] + [k.start for k in kids])
        if label_end > cursor:
            out.append(PieceView("", "label", _segments(text, cursor, label_end, marks, found), "", True))
            cursor = label_end
    for kid in kids:
        if kid.start > cursor:
            out.append(PieceView("", "", _segments(text, cursor, kid.start, marks, found), ""))
        begin = max(kid.start, cursor)
        out.append(PieceView(f"u-{kid.id}", f"unit {kid.kind}", _segments(text, begin, kid.end, marks, found),
                             notes.peers.get(kid.id, "")))
        cursor = max(cursor, kid.end)
    if cursor < unit.end:
        out.append(PieceView("", "", _segments(text, cursor, unit.end, marks, found), ""))
    return tuple(out)


def _segments(text: str, start: int, end: int, marks: MarkIndex, found: tuple[Ruby, ...]) -> tuple[Segment, ...]:
    """A run of a document's text as styled segments, words with readings cut out when there are any."""
    cut = styled(text, start, end, marks)
    return with_ruby(cut, start, found) if found else cut
