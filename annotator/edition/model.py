"""The edition: everything the pipeline found about one corpus, in the stages' record types."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..check.records import Coverage, Flag, Notice, Quote, Redaction, Tag, Term
from ..corpus.records import Corpus
from ..link.records import Citation, Link
from ..text.records import Section, Unit


@dataclass(frozen=True)
class Edition:
    """Everything the pipeline found; serialized as edition.json."""

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
    notices: tuple[Notice, ...] = ()  # what could not be read (check/unread.py)
    semantic: Optional[str] = None  # the encoder that also ranked rebuttals by meaning (--semantic), if any
