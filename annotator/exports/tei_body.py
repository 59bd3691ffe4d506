"""Render one document as a TEI ``<text>``: sections and points as ``<div>``, paragraphs as
``<p>``, bullets as ``<item>`` in a ``<list>``, sentences as ``<s>``, every unit with its xml:id.

Text between block elements that belongs to no unit (a list marker, a section heading, a
point's number) is kept: a marker becomes the next item's ``n``, leading text a ``<head>``,
other text an ``<ab>``. Inside paragraphs and items the text is kept verbatim.
"""
from __future__ import annotations

from typing import Optional

from .common import EditionIndex, Item
from .tei_tree import Node, document_tree
from .xmltext import IdMap, XmlWriter, xml_safe

TEI_NS = "http://www.tei-c.org/ns/1.0"
MIXED_KINDS = {"paragraph": ("p", None), "bullet": ("item", None), "title": ("head", "title"),
               "heading": ("head", None)}
MARKER_CHARS = 8  # longer stray text before a bullet is content, not its marker


class BodyWriter:
    """Writes document bodies into ``xml``; ``ids`` holds every unit's and section's xml:id already."""

    def __init__(self, index: EditionIndex, ids: IdMap, ana: dict[str, str], xml: XmlWriter) -> None:
        self.index = index
        self.ids = ids
        self.ana = ana  # unit id -> "#cat-a #cat-b"
        self.xml = xml

    def text_element(self, doc: Item) -> None:
        """``<text xml:id type xml:lang><body>…</body></text>`` for one document."""
        self.doc_text = xml_safe(str(doc["text"]))  # one character for one: offsets still hold
        xml = self.xml
        level = xml.depth
        xml.start("text", {"type": str(doc["role"]), "xml:id": self.ids.get(("doc", doc["id"])),
                           "xml:lang": str(doc["lang"])}, tail="\n")
        xml.text("\n")
        xml.start("body", tail="\n")
        xml.text("\n")
        root = document_tree(self.index, doc["id"])
        self._fill_blocks(root, root.start, root.end)
        xml.end_to(level)

    def _fill_blocks(self, node: Node, node_start: int, node_end: int) -> None:
        """Children of a ``body`` or ``div`` (``node`` cut to the span given): block elements
        only, stray text placed."""
        state = _BlockState(self.xml)
        cursor = node_start
        for child in node.children:
            start = max(child.start, cursor)
            stray = self.doc_text[cursor:start]
            marker = _marker(stray) if child.kind == "bullet" else None
            if marker:
                state.marker = marker
            else:
                state.stray(stray)
            end = max(min(child.end, node_end), start)
            self._block_child(state, child, start, end)
            cursor = max(cursor, end)
        state.stray(self.doc_text[cursor:node_end])

    def _block_child(self, state: _BlockState, node: Node, start: int, end: int) -> None:
        xml = self.xml
        if node.kind == "bullet":
            level, tag = state.item(), "item"
        elif node.kind == "section" or (node.kind not in MIXED_KINDS and _has_blocks(node)):
            level, tag = state.block("div", node.kind)
            if node.item is not None and node.item.get("number"):
                xml.set("n", str(node.item["number"]))
        elif node.kind in MIXED_KINDS:
            level, tag = state.block(*MIXED_KINDS[node.kind])
        else:
            level, _ = state.block("ab", None)
            tag = _inline_tag(node.kind, False)
            xml.start(tag)
            if tag == "seg":
                xml.set("type", node.kind)
        self._decorate(node)
        if tag == "div":
            xml.text("\n")
            self._fill_blocks(node, start, end)
        else:
            self._fill_mixed(node, start, end, inside_s=tag == "s")
        xml.end_to(level)

    def _fill_mixed(self, node: Node, node_start: int, node_end: int, inside_s: bool) -> None:
        """Children of a ``p``, ``item``, ``head``, ``s`` or ``seg`` (``node`` cut to the span
        given): text kept verbatim."""
        if not node.children:  # most units (sentences): their text alone
            self._append(self.doc_text[node_start:node_end])
            return
        xml = self.xml
        level = xml.depth
        cursor, list_open = node_start, False
        for child in node.children:
            start = max(child.start, cursor)
            stray = self.doc_text[cursor:start]
            marker = _marker(stray) if child.kind == "bullet" else None
            if marker is not None and (marker or list_open):
                if not marker and list_open:
                    self._append(stray)  # whitespace between two items stays between them
            else:
                xml.end_to(level)
                list_open = False
                self._append(stray)
            tag, list_open = self._inline_child(child, level, list_open, marker, inside_s)
            end = max(min(child.end, node_end), start)
            self._fill_mixed(child, start, end, inside_s or tag == "s")
            xml.end()
            cursor = max(cursor, end)
        xml.end_to(level)
        self._append(self.doc_text[cursor:node_end])

    def _append(self, text: str) -> None:
        """Text at the current place; none at all for "" (an element with nothing is ``<tag/>``)."""
        if text:
            self.xml.text(text)

    def _inline_child(self, child: Node, level: int, list_open: bool, marker: Optional[str],
                      inside_s: bool) -> tuple[str, bool]:
        """Open the element of ``child`` (in a list, for a bullet): its tag, whether a list is open."""
        xml = self.xml
        if child.kind == "bullet":
            if not list_open:
                xml.start("list")
            tag, list_open = "item", True
            xml.start(tag)
            if marker:
                xml.set("n", marker)
        else:
            xml.end_to(level)
            tag, list_open = _inline_tag(child.kind, inside_s), False
            xml.start(tag)
            if tag == "seg":
                xml.set("type", child.kind)
        self._decorate(child)
        return tag, list_open

    def _decorate(self, node: Node) -> None:
        if node.key is None:
            return
        self.xml.set("xml:id", self.ids.get(node.key))
        if node.key[0] == "unit" and node.key[1] in self.ana:
            self.xml.set("ana", self.ana[node.key[1]])


class _BlockState:
    """The open list and whether a head may still come, inside one block container."""

    def __init__(self, xml: XmlWriter) -> None:
        self.xml = xml
        self.level = xml.depth  # the container's children open one deeper
        self.list_open = False
        self.marker: Optional[str] = None
        self.heads_allowed = True

    def block(self, tag: str, type_: Optional[str]) -> tuple[int, str]:
        """Open a new block child, a head only while nothing else has come: the depth to close
        back to and the tag it got."""
        self.xml.end_to(self.level)
        self.list_open = False
        if tag == "head" and not self.heads_allowed:
            tag, type_ = "ab", type_ or "heading"
        self.heads_allowed = self.heads_allowed and tag == "head"
        self.xml.start(tag, tail="\n")
        if type_:
            self.xml.set("type", type_)
        return self.level, tag

    def item(self) -> int:
        """Open a new ``<item>`` in the open list, opening one if needed: the depth to close back
        to (the list stays open)."""
        if not self.list_open:
            self.block("list", None)
            self.xml.text("\n")
            self.list_open = True
        self.xml.start("item", tail="\n")
        if self.marker:
            self.xml.set("n", self.marker)
        self.marker = None
        return self.level + 1

    def stray(self, text: str) -> None:
        """Text of no unit between blocks: a ``<head>`` while heads may come, else an ``<ab>``."""
        text = text.strip()
        if text:
            level, _ = self.block("head" if self.heads_allowed else "ab", None)
            self.xml.text(text)
            self.xml.end_to(level)


def _marker(text: str) -> Optional[str]:
    """A list marker ("-", "1.", "（2）") when ``text`` is short enough to be one, else None."""
    marker = text.strip()
    return marker if len(marker) <= MARKER_CHARS else None


def _has_blocks(node: Node) -> bool:
    return any(child.kind not in ("sentence", "label") for child in node.children)


def _inline_tag(kind: str, inside_s: bool) -> str:
    if kind == "sentence" and not inside_s:
        return "s"
    return "label" if kind == "label" else "seg"
