"""Serialize an Edition as edition.json (see shared/spec/edition-json.md)."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .model import Edition, Link, Term

FORMAT = "annotator-edition"
VERSION = 1


def edition_dict(edition: Edition) -> dict[str, Any]:
    """The edition as plain JSON data, every list present, in a deterministic order."""
    corpus = edition.corpus
    return {
        "format": FORMAT,
        "version": VERSION,
        "corpus": {"name": Path(corpus.path).name, "title": corpus.title, "title_en": corpus.title_en},
        "documents": [
            {"id": d.id, "role": d.role, "lang": d.lang, "file": d.file, "file_start": d.file_start,
             "first_line": d.first_line, "text": d.text}
            for d in corpus.documents
        ],
        "sections": [asdict(s) for s in edition.sections],
        "units": [asdict(u) for u in edition.units],
        "citations": [asdict(c) for c in edition.citations],
        "links": [_link(link) for link in edition.links],
        "quotes": [asdict(q) for q in edition.quotes],
        "flags": [asdict(f) for f in edition.flags],
        "tags": [asdict(t) for t in edition.tags],
        "redactions": [asdict(r) for r in edition.redactions],
        "terms": [_term(t) for t in edition.terms],
        "coverage": [asdict(c) for c in edition.coverage],
    }


def _link(link: Link) -> dict[str, Any]:
    return {"from": link.source, "to": link.target, "relation": link.relation, "score": round(link.score, 4),
            "rank": link.rank, "evidence": list(link.evidence)}


def _term(term: Term) -> dict[str, Any]:
    return {"concept": term.concept, "en": term.en, "variants": list(term.variants),
            "occurrences": [asdict(o) for o in term.occurrences]}


def edition_json(edition: Edition) -> str:
    """edition.json's text: UTF-8, stable key order, a trailing newline; < > & escaped (as \\u003c …)
    so that the text is inert if anyone pastes it into a page."""
    text = json.dumps(edition_dict(edition), ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
