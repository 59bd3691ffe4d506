"""Nest a document's sections, units and labels by their spans, for the TEI body."""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Optional

from .common import EditionIndex, Item

_RANK = itemgetter(0, 1, 2, 3)  # start, -end, depth, order: never the node itself


@dataclass(slots=True)
class Node:
    """A span of a document text and the spans nested inside it."""

    kind: str  # "body", "section", "label", or a unit's kind
    start: int
    end: int
    key: Optional[tuple[str, str]] = None  # ("unit", id) or ("section", id)
    item: Optional[Item] = None
    children: list[Node] = field(default_factory=list)

    def contains(self, other: Node) -> bool:
        """Whether ``other`` lies within this span."""
        return self.start <= other.start and other.end <= self.end


def document_tree(index: EditionIndex, doc_id: str) -> Node:
    """The body of ``doc_id``: sections, units and bullet labels nested by containment.

    Equal spans nest by the units' parent chains (a heading holds its one sentence); spans
    that overlap without nesting become siblings.
    """
    text = index.doc_text(doc_id, f"document {doc_id!r}")
    length = len(text)
    ranked: list[tuple[int, int, float, int, Node]] = []
    for order, section in enumerate(s for s in index.edition.get("sections", []) if s["doc"] == doc_id):
        node = _node("section", section, length, ("section", section["id"]))
        ranked.append((node.start, -node.end, 0.0, order, node))
    for order, unit in enumerate(u for u in index.edition.get("units", []) if u["doc"] == doc_id):
        depth = float(len(index.ancestors(unit["id"])))
        node = _node(unit["kind"], unit, length, ("unit", unit["id"]))
        ranked.append((node.start, -node.end, depth, order, node))
        label = _label_node(unit, text, node)
        if label is not None:
            ranked.append((label.start, -label.end, depth + 0.5, order, label))
    ranked.sort(key=_RANK)
    root = Node("body", 0, length)
    stack = [root]
    for *_, node in ranked:
        while len(stack) > 1 and not stack[-1].contains(node):
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _node(kind: str, item: Item, length: int, key: tuple[str, str]) -> Node:
    """The node of a unit or section, its span clamped into the text (conditionals, not min and
    max, as this runs once per unit)."""
    start, end = int(item["start"]), int(item["end"])
    start = 0 if start < 0 else length if start > length else start
    end = start if end < start else length if end > length else end
    return Node(kind, start, end, key, item)


def _label_node(unit: Item, text: str, node: Node) -> Optional[Node]:
    """The split-off lead label of a bullet, up to the label's last character."""
    label, body_start = unit.get("label"), unit.get("body_start")
    if not label or not isinstance(body_start, int) or not node.start < body_start <= node.end:
        return None
    end = node.start + len(label) if text.startswith(label, node.start) else body_start
    return Node("label", node.start, min(end, body_start))
