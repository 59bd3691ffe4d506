"""Folded text with offsets back into the original: NFKC, lower case, combining marks kept with their base.

Linking and checking both search folded text (quotations, glossary variants, titles) and report
spans in the original; this is the one place that maps between the two.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Collection, Sequence

import numpy


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, a line at a time: the same string, since nothing
    composes or reorders across a line break, and much faster on a long text, where lines already
    in NFKC (most) pass the quick check while the whole would be normalized character by character."""
    return "\n".join([unicodedata.normalize("NFKC", line) for line in text.split("\n")])


def folded_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """NFKC-lowercased text and, for each folded character, the offset it came from.

    A base character and the combining marks after it (ｶﾞ, e + ◌́) fold together, so the
    folded text matches whole-string NFKC in practice; the offsets end with ``len(text)``.
    """
    chars = _distinct_chars(text)
    if all(_one_to_one(c) for c in chars):
        return _folded_in_place(text, chars), range(len(text) + 1)
    pieces: list[str] = []
    origins: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and _combines(text[j]):
            j += 1
        folded = unicodedata.normalize("NFKC", text[i:j]).lower()
        pieces.append(folded)
        origins += [i] * len(folded)
        i = j
    origins.append(len(text))
    return "".join(pieces), origins


def _distinct_chars(text: str) -> Collection[str]:
    """The characters of ``text``, each once; a long text's through its code points counted at once,
    ten times faster than ``set(text)``."""
    if len(text) < 4096:
        return set(text)
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    return [chr(code) for code in numpy.flatnonzero(numpy.bincount(codes)).tolist()]


def _folded_in_place(text: str, chars: Collection[str]) -> str:
    """``text`` with each of its characters (``chars``) folded to the one character it folds to.

    One ``str.replace`` per character that changes is far faster than ``str.translate`` through
    a Python mapping, but only when no character folds to another that changes too (replacing in
    turn would then fold some characters twice), and while the changing characters are few.
    """
    changed = {c: f for c in chars if (f := _fold_char(c)) != c}
    if len(changed) > _REPLACED_AT_MOST or not changed.keys().isdisjoint(changed.values()):
        return text.translate(_FOLDED)
    for char, folded in changed.items():
        text = text.replace(char, folded)
    return text


_REPLACED_AT_MOST = 64  # past a few hundred changing characters, one translate costs no more


class _FoldTable(dict):  # type: ignore[type-arg]
    """Code point → its NFKC-lowercased form, filled in as ``str.translate`` meets characters."""

    LIMIT = 1 << 16  # distinct characters kept; past it the table starts again

    def __missing__(self, code: int) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _FoldTable()


@lru_cache(maxsize=1 << 16)
def _fold_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char).lower()


@lru_cache(maxsize=1 << 16)
def _one_to_one(char: str) -> bool:
    """True when the character folds to exactly one character and combines with nothing."""
    return len(_fold_char(char)) == 1 and not _combines(char) and not unicodedata.combining(_fold_char(char))


def original_span(origins: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Offsets in the original text of the folded span [start, end)."""
    if start >= end:
        return origins[start], origins[start]
    last = origins[end - 1]
    if isinstance(origins, range):  # folded one to one: no search for the next offset
        return origins[start], min(last + 1, origins[-1])
    after = origins[bisect_right(origins, last)] if last < origins[-1] else origins[-1]
    return origins[start], after


def _combines(char: str) -> bool:
    return unicodedata.combining(char) > 0 or char in "\uff9e\uff9f"
