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
    # a figure mismatch's two figures as written and why they disagree (inverted | value), so the
    # pages can say it in the reader's language; None for other kinds
    said: Optional[str] = None
    source_said: Optional[str] = None
    reason: Optional[str] = None


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
