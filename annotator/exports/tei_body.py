"""Render one document as a TEI ``<text>``: sections and points as ``<div>``, paragraphs as
``<p>``, bullets as ``<item>`` in a ``<list>``, sentences as ``<s>``, every unit with its xml:id.

Text between block elements that belongs to no unit (a list marker, a section heading, a
point's number) is kept: a marker becomes the next item's ``n``, leading text a ``<head>``,
other text an ``<ab>``. Inside paragraphs and items the text is kept verbatim.
"""
from __future__ import annotations

from typing import Optional

from lxml import etree

from .common import EditionIndex, Item
from .tei_tree import Node, document_tree
from .xmltext import IdMap, xml_safe

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MIXED_KINDS = {"paragraph": ("p", None), "bullet": ("item", None), "title": ("head", "title"),
               "heading": ("head", None)}
MARKER_CHARS = 8  # longer stray text before a bullet is content, not its marker
Element = etree._Element


def tei(tag: str) -> str:
    """The Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def set_id(element: Element, xml_id: str) -> None:
    """Set ``xml:id``."""
    element.set(f"{{{XML_NS}}}id", xml_id)


class BodyWriter:
    """Writes document bodies; ``ids`` holds every unit's and section's xml:id already."""

    def __init__(self, index: EditionIndex, ids: IdMap, ana: dict[str, str]) -> None:
        self.index = index
        self.ids = ids
        self.ana = ana  # unit id -> "#cat-a #cat-b"

    def text_element(self, doc: Item) -> Element:
        """``<text xml:id type xml:lang><body>…</body></text>`` for one document."""
        self.doc_text = xml_safe(str(doc["text"]))  # one character for one: offsets still hold
        text = etree.Element(tei("text"), {"type": str(doc["role"])})
        set_id(text, self.ids.get(("doc", doc["id"])))
        text.set(f"{{{XML_NS}}}lang", str(doc["lang"]))
        text.text = "\n"
        body = etree.SubElement(text, tei("body"))
        body.text, body.tail = "\n", "\n"
        root = document_tree(self.index, doc["id"])
        self._fill_blocks(body, root)
        text.tail = "\n"
        return text

    def _fill_blocks(self, element: Element, node: Node) -> None:
        """Children of a ``body`` or ``div``: block elements only, stray text placed."""
        state = _BlockState(element)
        cursor = node.start
        for child in node.children:
            start = max(child.start, cursor)
            stray = self.doc_text[cursor:start]
            if child.kind == "bullet" and _marker(stray):
                state.marker = _marker(stray)
            else:
                state.stray(stray)
            end = max(min(child.end, node.end), start)
            self._block_child(state, child, start, end)
            cursor = max(cursor, end)
        state.stray(self.doc_text[cursor:node.end])

    def _block_child(self, state: _BlockState, node: Node, start: int, end: int) -> None:
        if node.kind == "bullet":
            element = state.item()
        elif node.kind == "section" or (node.kind not in MIXED_KINDS and _has_blocks(node)):
            element = state.block("div", node.kind)
            element.text = "\n"
            if node.item is not None and node.item.get("number"):
                element.set("n", str(node.item["number"]))
        elif node.kind in MIXED_KINDS:
            element = state.block(*MIXED_KINDS[node.kind])
        else:
            element = etree.SubElement(state.block("ab", None), tei(_inline_tag(node.kind, False)))
            if element.tag == tei("seg"):
                element.set("type", xml_safe(node.kind))
        self._decorate(element, node)
        if element.tag == tei("div"):
            self._fill_blocks(element, _clipped(node, start, end))
        else:
            self._fill_mixed(element, _clipped(node, start, end), inside_s=element.tag == tei("s"))

    def _fill_mixed(self, element: Element, node: Node, inside_s: bool) -> None:
        """Children of a ``p``, ``item``, ``head``, ``s`` or ``seg``: text kept verbatim."""
        cursor, open_list = node.start, None
        for child in node.children:
            start = max(child.start, cursor)
            stray = self.doc_text[cursor:start]
            marker = _marker(stray) if child.kind == "bullet" else None
            if marker is not None and (marker or open_list is not None):
                if not marker and open_list is not None:
                    _append(open_list, stray)  # whitespace between two items stays between them
            else:
                _append(element, stray)
                open_list = None
            sub, open_list = self._inline_child(element, child, open_list, marker, inside_s)
            end = max(min(child.end, node.end), start)
            self._fill_mixed(sub, _clipped(child, start, end), inside_s or sub.tag == tei("s"))
            cursor = max(cursor, end)
        _append(element, self.doc_text[cursor:node.end])

    def _inline_child(self, element: Element, child: Node, open_list: Optional[Element],
                      marker: Optional[str], inside_s: bool) -> tuple[Element, Optional[Element]]:
        if child.kind == "bullet":
            open_list = open_list if open_list is not None else etree.SubElement(element, tei("list"))
            sub = etree.SubElement(open_list, tei("item"))
            if marker:
                sub.set("n", xml_safe(marker))
        else:
            open_list = None
            sub = etree.SubElement(element, tei(_inline_tag(child.kind, inside_s)))
            if sub.tag == tei("seg"):
                sub.set("type", xml_safe(child.kind))
        self._decorate(sub, child)
        return sub, open_list

    def _decorate(self, element: Element, node: Node) -> None:
        if node.key is None:
            return
        set_id(element, self.ids.get(node.key))
        if node.key[0] == "unit" and node.key[1] in self.ana:
            element.set("ana", self.ana[node.key[1]])


class _BlockState:
    """The open list and whether a head may still come, inside one block container."""

    def __init__(self, element: Element) -> None:
        self.element = element
        self.list: Optional[Element] = None
        self.marker: Optional[str] = None
        self.heads_allowed = True

    def block(self, tag: str, type_: Optional[str]) -> Element:
        """A new block child; a head only while nothing else has come."""
        self.list = None
        if tag == "head" and not self.heads_allowed:
            tag, type_ = "ab", type_ or "heading"
        self.heads_allowed = self.heads_allowed and tag == "head"
        element = etree.SubElement(self.element, tei(tag))
        element.tail = "\n"
        if type_:
            element.set("type", xml_safe(type_))
        return element

    def item(self) -> Element:
        """A new ``<item>`` in the open list, opening one if needed."""
        if self.list is None:
            self.list = self.block("list", None)
            self.list.text = "\n"
        item = etree.SubElement(self.list, tei("item"))
        item.tail = "\n"
        if self.marker:
            item.set("n", xml_safe(self.marker))
        self.marker = None
        return item

    def stray(self, text: str) -> None:
        """Text of no unit between blocks: a ``<head>`` while heads may come, else an ``<ab>``."""
        if text.strip():
            _append(self.block("head" if self.heads_allowed else "ab", None), text.strip())


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


def _clipped(node: Node, start: int, end: int) -> Node:
    return Node(node.kind, start, end, node.key, node.item, node.children)


def _append(element: Element, text: str) -> None:
    """Append text at the end of ``element``'s content (its text, or its last child's tail)."""
    if not text:
        return
    text = xml_safe(text)
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
