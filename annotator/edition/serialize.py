"""Serialize an Edition as edition.json (see shared/spec/edition-json.md)."""
from __future__ import annotations

from dataclasses import fields
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Optional

from ..check.records import Term
from ..link.records import Link
from .json_text import json_text
from .model import Edition

FORMAT = "annotator-edition"
VERSION = 1


def edition_dict(edition: Edition) -> dict[str, Any]:
    """The edition as plain JSON data, every list present, in a deterministic order."""
    corpus = edition.corpus
    return {
        "format": FORMAT,
        "version": VERSION,
        "corpus": {"name": Path(corpus.path).name, "title": corpus.title, "title_en": corpus.title_en},
        "method": {"semantic": edition.semantic},
        "documents": [
            {"id": d.id, "role": d.role, "lang": d.lang, "file": d.file, "file_start": d.file_start,
             "first_line": d.first_line, "text": d.text}
            for d in corpus.documents
        ],
        "sections": _records(edition.sections),
        "units": _records(edition.units),
        "citations": _records(edition.citations),
        "links": [_link(link) for link in edition.links],
        "quotes": _records(edition.quotes),
        "flags": _records(edition.flags),
        "tags": _records(edition.tags),
        "redactions": _records(edition.redactions),
        "terms": [_term(t) for t in edition.terms],
        "coverage": _records(edition.coverage),
        "notices": _records(edition.notices),
    }


def _link(link: Link) -> dict[str, Any]:
    return {"from": link.source, "to": link.target, "relation": link.relation, "score": round(link.score, 4),
            "rank": link.rank, "evidence": list(link.evidence)}


def _term(term: Term) -> dict[str, Any]:
    return {"concept": term.concept, "en": term.en, "variants": list(term.variants),
            "occurrences": _records(term.occurrences)}


def _records(items: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Flat records (fields of strings, numbers and None) as dicts, as ``dataclasses.asdict`` makes them."""
    return [_to_dict(type(item))(item) for item in items]


@cache
def _to_dict(kind: type) -> Callable[[Any], dict[str, Any]]:
    names = tuple(f.name for f in fields(kind))
    values = attrgetter(*names)
    if len(names) == 1:
        return lambda item: {names[0]: values(item)}
    return lambda item: dict(zip(names, values(item)))


def edition_json(edition: Edition, data: Optional[dict[str, Any]] = None) -> str:
    """edition.json's text: UTF-8, stable key order, one record per line, a trailing newline;
    < > & escaped (as \\u003c …) so that the text is inert if anyone pastes it into a page.
    ``data`` is ``edition_dict(edition)`` when the caller has it already."""
    return json_text(edition_dict(edition) if data is None else data)
