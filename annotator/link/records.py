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


@dataclass(frozen=True)
class SpanReading:
    """A bracketed span in a claim's marker place (【…】 at a sentence's end): read as a citation or not."""

    unit: str
    marker: str
    start: int
    end: int
    cited: bool  # read as a citation marker (see ``link.markers``)
    bare: bool  # plain words only (＜費用の問題＞), no source word, ordinal or quoted title
    title_match: Optional[float] = None  # how well its title reads as the nearest section's names
