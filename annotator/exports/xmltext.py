"""XML-safe text and ids: what lxml accepts, and xml:id values that are NCNames and unique."""
from __future__ import annotations

import re
from typing import Hashable

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
