"""XML-safe text and ids (what lxml accepts, xml:id values that are NCNames and unique) and an
XML writer that escapes as lxml does."""
from __future__ import annotations

import re
from typing import Hashable, Optional

# XML 1.0 Char, complemented: what may not appear in a document at all. Written as the few
# ranges outside Char (not as a negated class of Char), which compiles ten times faster.
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAME_START_RANGES = ((0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6),
                      (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF), (0x200C, 0x200D),
                      (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF),
                      (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF))
_NAME_EXTRA_RANGES = ((0x2D, 0x2E), (0x30, 0x39), (0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040))
_ASCII_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")  # the usual id, kept as it is


def xml_safe(text: str) -> str:
    """``text`` with characters XML 1.0 forbids (NUL, \\x0b, lone surrogates…) as U+FFFD."""
    return _NOT_XML_CHAR.sub("\ufffd", text)


def _in(ranges: tuple[tuple[int, int], ...], char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def ncname(raw: str) -> str:
    """``raw`` made a valid NCName: other characters become ``_``; a bad start gets ``_``."""
    if _ASCII_NCNAME.fullmatch(raw):
        return raw
    chars = [c if _in(_NAME_START_RANGES, c) or _in(_NAME_EXTRA_RANGES, c) else "_" for c in raw]
    name = "".join(chars) or "_"
    return name if _in(_NAME_START_RANGES, name[0]) else "_" + name


class IdMap:
    """Assigns each key one xml:id, unique across the document, stable for a given order."""

    def __init__(self) -> None:
        self._ids: dict[Hashable, str] = {}
        self._taken: set[str] = set()

    def claim(self, key: Hashable, raw: str) -> str:
        """The xml:id of ``key``, made from ``raw`` the first time ``key`` is seen."""
        if key in self._ids:
            return self._ids[key]
        base = ncname(raw)
        name, n = base, 1
        while name in self._taken:
            n += 1
            name = f"{base}-{n}"
        self._taken.add(name)
        self._ids[key] = name
        return name

    def get(self, key: Hashable) -> str:
        """The xml:id already claimed for ``key`` (KeyError when none)."""
        return self._ids[key]

    def has(self, key: Hashable) -> bool:
        """Whether ``key`` has an xml:id."""
        return key in self._ids

    def ref(self, key: Hashable) -> str:
        """``#`` + the xml:id of ``key``, as a TEI pointer."""
        return "#" + self._ids[key]


# What XML text or an attribute value may not hold as it is: forbidden characters (made U+FFFD)
# and those written as references. One search finds the common text that needs neither.
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
# The references libxml2 (so lxml) writes; "&" first, so that no reference is escaped again.
_TEXT_REFERENCES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTRIBUTE_REFERENCES = _TEXT_REFERENCES + (('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"))


def xml_text(text: str) -> str:
    """``text`` as element content: XML-safe, with ``& < >`` and CR as references."""
    return text if _TEXT_SPECIAL.search(text) is None else _escaped(text, _TEXT_REFERENCES)


def xml_attribute(value: str) -> str:
    """``value`` as an attribute value in double quotes: XML-safe, with ``& < > "``, tab, LF
    and CR as references (so a reader gets them back as they were)."""
    return value if _ATTRIBUTE_SPECIAL.search(value) is None else _escaped(value, _ATTRIBUTE_REFERENCES)


def _escaped(text: str, references: tuple[tuple[str, str], ...]) -> str:
    text = xml_safe(text)
    for char, reference in references:
        text = text.replace(char, reference)
    return text


class XmlWriter:
    """An XML document written start tag by start tag, in the characters lxml serialises the
    same tree to (UTF-8, an empty element as ``<tag/>``), without building the tree.

    Like setting an lxml attribute, ``set`` works while the element has no content yet. Each
    element's tail, layout whitespace written as it is after its end tag, is given when it starts.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self._open: list[tuple[str, str]] = []  # tag and tail of each open element, outermost first
        self._in_start_tag = False  # the newest element has no content yet: its ">" is not written

    @property
    def depth(self) -> int:
        """How many elements are open."""
        return len(self._open)

    def start(self, tag: str, attributes: Optional[dict[str, str]] = None, tail: str = "") -> None:
        """Open ``tag`` inside the current element (its attribute values given unescaped)."""
        if self._in_start_tag:
            self.parts.append(">")
        self.parts.append(_start_tag(tag, attributes))
        self._in_start_tag = True
        self._open.append((tag, tail))

    def set(self, name: str, value: str) -> None:
        """Add an attribute to the element just opened."""
        if not self._in_start_tag:
            raise ValueError(f"<{self._open[-1][0] if self._open else ''}> has content: too late for {name}")
        self.parts.append(f' {name}="{xml_attribute(value)}"')

    def text(self, text: str) -> None:
        """Text in the current element ("" too makes it ``<tag></tag>``, as in lxml)."""
        if self._in_start_tag:
            self.parts.append(">")
            self._in_start_tag = False
        if text:
            self.parts.append(xml_text(text))

    def end(self) -> None:
        """Close the current element, then write its tail."""
        tag, tail = self._open.pop()
        if self._in_start_tag:
            self.parts.append("/>" + tail)
            self._in_start_tag = False
        else:
            self.parts.append(f"</{tag}>{tail}")

    def end_to(self, depth: int) -> None:
        """Close elements until ``depth`` are open."""
        while len(self._open) > depth:
            self.end()

    def element(self, tag: str, text: Optional[str] = None, attributes: Optional[dict[str, str]] = None,
                tail: str = "") -> None:
        """A whole element holding ``text`` (None: nothing, so ``<tag/>``)."""
        if self._in_start_tag:
            self.parts.append(">")
            self._in_start_tag = False
        end = "/>" if text is None else f">{xml_text(text)}</{tag}>"
        self.parts.append(_start_tag(tag, attributes) + end + tail)

    def include(self, other: XmlWriter) -> None:
        """Everything ``other`` wrote (all of it closed), as content of the current element."""
        if other._open:
            raise ValueError(f"<{other._open[-1][0]}> is still open")
        if other.parts:
            self.text("")
            self.parts += other.parts

    def document(self) -> bytes:
        """The whole document, UTF-8 with the XML declaration lxml writes, every element closed."""
        self.end_to(0)
        return ("<?xml version='1.0' encoding='UTF-8'?>\n" + "".join(self.parts)).encode("utf-8")


def _start_tag(tag: str, attributes: Optional[dict[str, str]]) -> str:
    """``<tag`` and its attributes, without the closing ``>``."""
    if not attributes:
        return f"<{tag}"
    if _ATTRIBUTE_SPECIAL.search("".join(attributes.values())) is None:  # the common case: one search
        return f"<{tag}" + "".join([f' {name}="{value}"' for name, value in attributes.items()])
    return f"<{tag}" + "".join([f' {name}="{xml_attribute(value)}"' for name, value in attributes.items()])
