"""The edition: everything the pipeline found about one corpus, in the stages' record types."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from ..check.records import Coverage, Dismissed, Flag, Notice, Quote, Redaction, Tag, Term
from ..corpus.records import Corpus
from ..link.records import Citation, Link
from ..text.records import Section, Unit

if TYPE_CHECKING:  # pandas is an optional extra, imported by to_pandas only
    import pandas

FORMAT = "annotator-edition"
VERSION = 1


@dataclass(frozen=True)
class Edition:
    """Everything the pipeline found about one corpus; ``annotator.build_edition(folder)`` makes it.

    Each field is a tuple of frozen records, in document order: ``units`` (title, point, group,
    paragraph, bullet, sentence; ``corpus.documents`` holds their texts), ``sections`` of the
    source, ``citations`` (markers resolved to sections), ``links`` (claim → source unit, ranked
    per claim), and the findings: ``quotes``, ``flags``, ``tags``, ``redactions``, ``terms``,
    ``coverage``, the findings a reviewer ``dismissed`` (links.toml), and ``notices``: what could
    not be read. ``to_dict()`` is edition.json's data, ``to_pandas()`` the same as DataFrames.
    """

    corpus: Corpus
    sections: tuple[Section, ...]
    units: tuple[Unit, ...]
    citations: tuple[Citation, ...] = ()
    links: tuple[Link, ...] = ()
    quotes: tuple[Quote, ...] = ()
    flags: tuple[Flag, ...] = ()
    tags: tuple[Tag, ...] = ()
    redactions: tuple[Redaction, ...] = ()
    terms: tuple[Term, ...] = ()
    coverage: tuple[Coverage, ...] = field(default=())
    dismissed: tuple[Dismissed, ...] = ()  # findings a reviewer set aside (links.toml [[dismiss]])
    stale_corrections: tuple[str, ...] = ()  # one line per links.toml entry naming an id gone from the text
    notices: tuple[Notice, ...] = ()  # what could not be read (check/unread.py)
    semantic: Optional[str] = None  # the encoder that also ranked rebuttals by meaning (--semantic), if any

    def to_dict(self) -> dict[str, Any]:
        """The edition as edition.json's plain data (docs/edition-format.md): every list present,
        in a deterministic order."""
        corpus = self.corpus
        return {
            "format": FORMAT,
            "version": VERSION,
            "corpus": {"name": Path(corpus.path).name, "title": corpus.title, "title_en": corpus.title_en},
            "method": {"semantic": self.semantic},
            "documents": [
                {"id": d.id, "role": d.role, "lang": d.lang, "file": d.file, "file_start": d.file_start,
                 "first_line": d.first_line, "text": d.text}
                for d in corpus.documents
            ],
            "sections": _records(self.sections),
            "units": _records(self.units),
            "citations": _records(self.citations),
            "links": [_link(link) for link in self.links],
            "quotes": _records(self.quotes),
            "flags": _records(self.flags),
            "tags": _records(self.tags),
            "redactions": _records(self.redactions),
            "terms": [_term(t) for t in self.terms],
            "coverage": _records(self.coverage),
            "dismissed": _records(self.dismissed),
            "notices": _records(self.notices),
        }

    def to_pandas(self) -> dict[str, "pandas.DataFrame"]:
        """DataFrames of ``units``, ``citations``, ``links``, ``findings`` and ``tags``, each row
        joined with the texts it names (columns: ``annotator.edition.tables.COLUMNS``).

        The same tables as ``annotator export --format jsonl|parquet``, values unaltered.
        Needs pandas: ``pip install 'annotator[pandas]'``.
        """
        from .tables import data_frames

        return data_frames(self.to_dict())


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
