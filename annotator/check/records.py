"""What the checks find: quotations, flags, tags, redactions, terminology and coverage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Quote:
    """A quotation (「…」, “…”) in a claim and where the source holds it: ``status`` exact, close,
    absent, redacted or translated; ``match`` the source unit (None when absent); ``start``/``end``
    the quotation's offsets in its document; ``similarity`` 0–1."""

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
    """A problem found in a claim: ``kind`` such as miscitation or number_mismatch, ``detail`` a
    sentence for the reader, ``target`` the unit or section it points to, if any."""

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
class Notice:
    """Something the toolkit could not read (see ``check.unread``); ``detail`` is one line for the user."""

    kind: str  # unread_marker | no_claims | unmarked_claim | low_confidence
    doc: str
    unit: Optional[str]
    text: str
    detail: str


@dataclass(frozen=True)
class Tag:
    """A rebuttal type of a commentary unit (``kind``: counter_evidence, omission, … from
    data/rebuttal_types.toml) and the ``cue`` words that triggered it."""

    unit: str
    kind: str
    cue: str


@dataclass(frozen=True)
class Redaction:
    """A masked span (XXX, ○○ …) at ``doc_text[start:end]``, in ``unit`` when one holds it."""

    unit: Optional[str]
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TermOccurrence:
    """Where one ``variant`` of a term stands: in ``unit``, at document offsets ``start``–``end``."""

    variant: str
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    """One concept rendered several ways (輸出規制 / 輸出管理 → export controls): its English
    rendering ``en``, the ``variants`` found, and each occurrence."""

    concept: str
    en: str
    variants: tuple[str, ...]
    occurrences: tuple[TermOccurrence, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """One source paragraph: how many summary units support it and commentary units answer it."""

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
