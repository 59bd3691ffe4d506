"""Message templates in Japanese and English: findings and questions said in the reader's language.

A message is written once per language from a template; the documents' own words (a figure, a
quotation, a section heading) are kept apart as ``Said`` pieces, so a page can mark them as quoted
text in their own language and never translate them.
"""
from __future__ import annotations

from string import Formatter
from typing import NamedTuple, Union

from ..labels import Bi


class Said(NamedTuple):
    """Words quoted from a document, in that document's language."""

    text: str
    lang: str


Piece = Union[str, Said]


class Message(NamedTuple):
    """A sentence in both interface languages, as interface words and quoted pieces."""

    ja: tuple[Piece, ...]
    en: tuple[Piece, ...]


def fill(template: str, values: dict[str, Union[str, Said, Bi]], lang: str) -> tuple[Piece, ...]:
    """A template's pieces, each ``{name}`` replaced by its value (a ``Bi`` by its ``lang`` side)."""
    out: list[Piece] = []
    for literal, field, _, _ in Formatter().parse(template):
        if literal:
            out.append(literal)
        if field is not None:
            value = values[field]
            out.append(getattr(value, lang) if isinstance(value, Bi) else value)
    return _joined(out)


def _joined(pieces: list[Piece]) -> tuple[Piece, ...]:
    """Adjacent interface words merged into one piece."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] = out[-1] + piece
        elif piece != "":
            out.append(piece)
    return tuple(out)


def message(ja: str, en: str, **values: Union[str, Said, Bi]) -> Message:
    """A message from its two templates and the values they name (the English one capitalised)."""
    en_pieces = fill(en, values, "en")
    if en_pieces and isinstance(en_pieces[0], str) and not isinstance(en_pieces[0], Said):
        en_pieces = (en_pieces[0][:1].upper() + en_pieces[0][1:],) + en_pieces[1:]
    return Message(fill(ja, values, "ja"), en_pieces)


def plain(pieces: tuple[Piece, ...], lang: str) -> str:
    """A message side as plain text, quoted words in the brackets of the interface language."""
    open_, close = ("「", "」") if lang == "ja" else ("“", "”")
    return "".join(p if not isinstance(p, Said) else f"{open_}{p.text}{close}" for p in pieces)


def said_list(items: list[Said], lang: str) -> tuple[Piece, ...]:
    """Several quoted words joined with the interface language's separator."""
    sep = "、" if lang == "ja" else ", "
    out: list[Piece] = []
    for i, item in enumerate(items):
        if i:
            out.append(sep)
        out.append(item)
    return tuple(out)
