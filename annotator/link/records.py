"""What the link stage finds: citation markers resolved to sections, claims linked to source units."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Citation:
    """A marker such as 【元記事「…」のパートII】 found in a claim."""

    unit: str
    marker: str
    title: Optional[str]
    part: Optional[int]
    section: Optional[str]
    score: float
    start: int
    end: int
    source_word: Optional[str] = None
    evidence: str = "auto"


@dataclass(frozen=True)
class Link:
    """A ranked relation from a claim to a source unit."""

    source: str  # the claim ("from" in JSON)
    target: str  # the source unit ("to" in JSON)
    relation: str  # supports | rebuts
    score: float
    rank: int
    evidence: tuple[str, ...] = ()
