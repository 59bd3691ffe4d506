"""Plain view data for the templates, built in one place."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .model import Edition, Unit

ROLE_NAMES = {"commentary": ("コメント", "Commentary"), "summary": ("要約", "Summary"), "source": ("原文", "Source")}


@dataclass(frozen=True)
class NodeView:
    """One unit with its children, ready to print."""

    id: str
    kind: str
    number: Optional[str]
    label: Optional[str]
    body: str
    children: tuple["NodeView", ...] = ()
    sentences: int = 0


@dataclass(frozen=True)
class SectionView:
    id: Optional[str]
    heading: Optional[str]
    title_en: Optional[str]
    nodes: tuple[NodeView, ...]


@dataclass(frozen=True)
class DocumentView:
    id: str
    role: str
    role_ja: str
    role_en: str
    lang: str
    file: str
    title: Optional[str]
    sections: tuple[SectionView, ...]


@dataclass(frozen=True)
class IndexView:
    title: str
    title_en: Optional[str]
    lang: str
    documents: tuple[DocumentView, ...] = field(default=())
    counts: tuple[tuple[str, int], ...] = ()


def index_view(edition: Edition) -> IndexView:
    """Everything index.html shows, as plain data."""
    documents = tuple(_document_view(edition, d.id) for d in edition.corpus.documents)
    kinds: dict[str, int] = {}
    for unit in edition.units:
        kinds[unit.kind] = kinds.get(unit.kind, 0) + 1
    lang = edition.corpus.documents[0].lang if edition.corpus.documents else "ja"
    return IndexView(edition.corpus.title, edition.corpus.title_en, lang, documents,
                     tuple(sorted(kinds.items())) + (("section", len(edition.sections)),))


def _document_view(edition: Edition, doc_id: str) -> DocumentView:
    document = next(d for d in edition.corpus.documents if d.id == doc_id)
    units = [u for u in edition.units if u.doc == doc_id]
    children: dict[Optional[str], list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent, []).append(unit)
    title = next((u.text for u in units if u.kind == "title"), None)
    tops = [u for u in children.get(None, []) if u.kind != "title"]
    groups: list[SectionView] = [SectionView(None, None, None, tuple(_node(u, children) for u in tops if u.section is None))]
    for section in (s for s in edition.sections if s.doc == doc_id):
        nodes = tuple(_node(u, children) for u in tops if u.section == section.id)
        groups.append(SectionView(section.id, section.heading, section.title_en, nodes))
    ja, en = ROLE_NAMES.get(document.role, (document.role, document.role))
    return DocumentView(document.id, document.role, ja, en, document.lang, document.file, title,
                        tuple(g for g in groups if g.nodes or g.heading))


def _node(unit: Unit, children: dict[Optional[str], list[Unit]]) -> NodeView:
    kids = children.get(unit.id, [])
    body = unit.text if unit.body_start is None else unit.text[unit.body_start - unit.start:]
    if unit.kind in ("point", "group"):
        heading = next((k for k in kids if k.kind == "heading"), None)
        body = heading.text if heading else ""
    nested = tuple(_node(k, children) for k in kids if k.kind not in ("sentence", "heading"))
    sentences = sum(1 for k in kids if k.kind == "sentence")
    return NodeView(unit.id, unit.kind, unit.number, unit.label, body, nested, sentences)
