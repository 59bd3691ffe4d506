"""The overview picture, laid out at build time: claims left, source right, one line per link."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Optional

from ..link.records import Link
from .catalog import NOT_PASSAGES, Catalog
from .findings import coverage_by_block
from .labels import UI, Bi, relation, role
from .spans import clip, one_line
from .view_model import OverviewView, OvLine, OvNode

WIDTH = 1000
COLUMN = 300
ROW = 18.0
HEADER = 1.5  # a header row is this many item rows tall


@dataclass(frozen=True)
class _Row:
    unit: str  # unit id, or '' for a header
    href: str
    text: str
    lang: str
    css: str
    title: str
    size: float
    label: Optional[Bi] = None


def overview(catalog: Catalog) -> OverviewView:
    """Boxes for claim groups and source sections, a line for each link coloured by relation."""
    left, right = _claim_rows(catalog), _source_rows(catalog)
    height = max(_units(left), _units(right), 1.0) * ROW
    left_nodes = _place(left, 4.0, height)
    right_nodes = _place(right, WIDTH - COLUMN - 4.0, height)
    # where lines leave the claims' boxes (right edge) and reach the passages' (left edge)
    where_left = {row.unit: _port(node.x + node.w, node) for row, node in zip(left, left_nodes) if row.unit}
    where_right = {row.unit: _port(node.x, node) for row, node in zip(right, right_nodes) if row.unit}
    links = sorted(catalog.edition.links, key=lambda l: (l.score, -l.rank, l.source, l.target))
    lines = []
    for link in links:
        start = _row_of(catalog, link.source, where_left)
        end = _row_of(catalog, link.target, where_right)
        if start is not None and end is not None:
            lines.append(_line(catalog, link, start, end))
    return OverviewView(WIDTH, int(height + 8), tuple(left_nodes + right_nodes), tuple(lines),
                        UI["claims_pane"], UI["source_pane"])


def _units(rows: list[_Row]) -> float:
    return sum(row.size for row in rows)


def _place(rows: list[_Row], x: float, height: float) -> list[OvNode]:
    pitch = height / max(_units(rows), 1.0)
    nodes, y = [], 4.0
    for row in rows:
        h = row.size * pitch
        box_h = round(h - 2, 1)
        nodes.append(OvNode(row.href, x, round(y, 1), float(COLUMN), box_h, x + 6, round(y + box_h * 0.5 + 4, 1),
                            row.text, row.lang, row.css, row.title or row.text, row.label))
        y += h
    return nodes


def _claim_rows(catalog: Catalog) -> list[_Row]:
    rows: list[_Row] = []
    for doc in catalog.edition.corpus.documents:
        if doc.role == "source":
            continue
        label = role(doc.role)
        rows.append(_Row("", f"#d-{doc.id}", "", "ja", f"ov-doc ov-{doc.role}", f"{label.ja} / {label.en}",
                         HEADER, label))
        for unit in catalog.blocks(doc.id):
            if unit.kind in NOT_PASSAGES:
                continue
            container = catalog.is_container(unit)
            text = _claim_text(catalog, unit.id)
            css = f"ov-{'group' if container else 'claim'} ov-{doc.role}"
            rows.append(_Row(unit.id, catalog.anchor(unit.id), text, doc.lang, css, one_line(unit.text)[:200],
                             HEADER if container else 1.0))
    return rows


def _claim_text(catalog: Catalog, unit_id: str) -> str:
    unit = catalog.units[unit_id]
    heading = next((c for c in catalog.children.get(unit_id, ()) if c.kind == "heading"), None)
    words = unit.label or (heading.text if heading else unit.text)
    return clip(f"{catalog.numbers.get(unit_id, '')} {one_line(words)}".strip(), 25)


def _source_rows(catalog: Catalog) -> list[_Row]:
    rows: list[_Row] = []
    states = coverage_by_block(catalog)
    for doc in catalog.edition.corpus.documents:
        if doc.role != "source":
            continue
        sections = {s.id: s for s in catalog.edition.sections if s.doc == doc.id}
        current: Optional[str] = None
        for unit in catalog.blocks(doc.id):
            if unit.section in sections and unit.section != current:
                current = unit.section
                section = sections[current]
                text = clip(f"{section.heading}" + (f" / {section.title_en}" if section.title_en else ""), 27)
                rows.append(_Row("", f"#s-{current}", text, doc.lang, "ov-section", "", HEADER))
            number = catalog.numbers.get(unit.id, "")
            if number.startswith("¶"):
                css = f"ov-passage cov-{states[unit.id]}" if unit.id in states else "ov-passage"
                line = one_line(unit.text)
                rows.append(_Row(unit.id, catalog.anchor(unit.id), clip(f"{number} {line}", 25), doc.lang, css,
                                 line[:200], 1.0))
    return rows


class _Port(NamedTuple):
    """Where a line meets a box: the point, and its coordinates as the path writes them."""

    x: float
    y: float
    x_text: str
    y_text: str


def _port(x: float, node: OvNode) -> _Port:
    y = node.y + node.h / 2
    return _Port(x, y, f"{x:.1f}", f"{y:.1f}")


def _row_of(catalog: Catalog, unit_id: str, where: dict[str, _Port]) -> Optional[_Port]:
    seen = set()
    current: Optional[str] = catalog.block_of.get(unit_id, unit_id)
    while current and current not in seen:
        if current in where:
            return where[current]
        seen.add(current)
        unit = catalog.units.get(current)
        current = unit.parent if unit else None
    return None


def _line(catalog: Catalog, link: Link, start: _Port, end: _Port) -> OvLine:
    mid = f"{(start.x + end.x) / 2:.1f}"
    y1, y2 = start.y_text, end.y_text
    d = f"M{start.x_text} {y1} C{mid} {y1} {mid} {y2} {end.x_text} {y2}"
    score = min(max(link.score, 0.0), 1.0)
    name = catalog.names.get(catalog.block_of.get(link.source, link.source)) or role(catalog.role_of(link.source))
    target = catalog.numbers.get(catalog.block_of.get(link.target, link.target), "")
    kind = relation(link.relation)
    title = f"{name.ja} → {target}: {kind.ja} {link.score:.2f} / {name.en} → {target}: {kind.en}"
    css = f"ov-line rel-{link.relation}" + (" minor" if link.rank > 1 else "")
    return OvLine(d, css, f"{0.6 + 3.4 * score:.2f}", title)
