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
class Notice:
    """Something the toolkit could not read (see ``check.unread``); ``detail`` is one line for the user."""

    kind: str  # unread_marker | no_claims | unmarked_claim | low_confidence
    doc: str
    unit: Optional[str]
    text: str
    detail: str


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
