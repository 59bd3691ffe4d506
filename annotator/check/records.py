"""What the checks find: quotations, flags, tags, redactions, terminology and coverage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Quote:
    unit: str
    text: str
    status: str  # exact | close | absent | redacted | translated
    match: Optional[str]
    similarity: float
    start: int = 0
    end: int = 0
    match_text: Optional[str] = None


@dataclass(frozen=True)
class Flag:
    unit: str
    kind: str
    detail: str
    target: Optional[str] = None


@dataclass(frozen=True)
class Tag:
    unit: str
    kind: str
    cue: str


@dataclass(frozen=True)
class Redaction:
    unit: Optional[str]
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TermOccurrence:
    variant: str
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    concept: str
    en: str
    variants: tuple[str, ...]
    occurrences: tuple[TermOccurrence, ...] = ()


@dataclass(frozen=True)
class Coverage:
    unit: str
    supported_by: int
    answered_by: int


@dataclass(frozen=True)
class Dismissed:
    """A finding a reviewer dismissed as a false alarm (links.toml [[dismiss]]): kept out of the
    page and the handout, listed in edition.json with the note."""

    unit: str
    kind: str  # the flag's kind, or "quote"
    detail: str  # the flag's detail, or the quotation's status
    target: Optional[str] = None
    quote: Optional[str] = None
    note: Optional[str] = None
