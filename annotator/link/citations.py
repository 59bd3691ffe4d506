"""Resolve a citation marker to the source section it names, with a score.

Three kinds of evidence, none of them a list of spellings: how much the quoted title looks
like a section's heading or its manifest titles (characters and bigrams, numerals folded so
3, 三 and ３ agree); where the part hint puts the section (前編 → early, 後編 → late); and
where the claim's own content lies (its best-matching sentence in each section).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Optional, Sequence

import numpy

from ..text.records import Section
from .markers import Marker
from .terms import dice

TITLE_WEIGHT = 0.6
PART_WEIGHT = 0.15
CONTENT_WEIGHT = 0.25
BARE_TITLE_AT = 0.3  # a bare span's words must share this much with a section's names to cite it

_KANJI_NUMERALS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_NUMERALS.update({"十": "10"})
_EN_NUMERALS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_EN_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class SourceSections:
    """What resolution knows of the source: its sections, where each sentence sits, heading terms."""

    sections: Sequence[Section]
    section_of: Mapping[str, Optional[str]]
    parts: int
    heading_terms: Mapping[str, frozenset[str]]  # section id → terms of its heading (all languages)
    numbers: Mapping[str, int] = field(default_factory=dict)  # section id → the number its heading is written with
    # markers repeat their titles and parts: each one's scores over the sections, worked out once
    _titles: dict[tuple[str, frozenset[str]], Any] = field(default_factory=dict, compare=False, repr=False)
    _parts: dict[int, Any] = field(default_factory=dict, compare=False, repr=False)
    _names: list[_Postings] = field(default_factory=list, compare=False, repr=False)
    _position: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _arrays: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def indexes(self) -> Any:
        """Each section's ``index``, as an array."""
        if "indexes" not in self._arrays:
            self._arrays["indexes"] = numpy.array([section.index for section in self.sections], dtype=numpy.int64)
        return self._arrays["indexes"]

    def position(self) -> dict[str, int]:
        """Section id → its place in ``sections``."""
        if not self._position:
            self._position.update((section.id, i) for i, section in enumerate(self.sections))
        return self._position

    def title_scores(self, title: str, title_terms: frozenset[str]) -> Any:
        """How much the quoted title (or its terms) resembles each section's names (an array by section).

        Scored through postings (gram → the names holding it): only the sections sharing something
        with the title are touched, so 10,000 distinct titles against 25,000 sections stay linear
        in what they share. The same values as ``title_similarity`` and the terms' Dice overlap.
        """
        key = (title, title_terms)
        if key not in self._titles:
            if not self._names:
                self._names.extend(_name_postings(self.sections, self.heading_terms))
            grams, terms = self._names
            by_name = grams.dice(_grams(title)).reshape(len(self.sections), 3).max(axis=1)
            self._titles[key] = numpy.maximum(by_name, terms.dice(Counter(title_terms)))
        return self._titles[key]

    def part_scores(self, part: int) -> Any:
        """``part_prior`` of each section for a marker naming ``part`` (an array by section)."""
        if part not in self._parts:
            self._parts[part] = numpy.array([part_prior(part, section, len(self.sections), self.parts)
                                             for section in self.sections], dtype=float)
        return self._parts[part]


class _Postings:
    """Bags of keys (one per row) inverted: key → the rows holding it and how many times."""

    def __init__(self, bags: Sequence[Counter[str]]) -> None:
        rows: dict[str, list[int]] = {}
        counts: dict[str, list[int]] = {}
        for row, bag in enumerate(bags):
            for key, count in bag.items():
                rows.setdefault(key, []).append(row)
                counts.setdefault(key, []).append(count)
        self.rows = {key: numpy.array(found, dtype=numpy.int64) for key, found in rows.items()}
        self.counts = {key: numpy.array(found, dtype=float) for key, found in counts.items()}
        self.sizes = numpy.array([sum(bag.values()) for bag in bags], dtype=float)
        self.empty = numpy.array([not bag for bag in bags])

    def dice(self, bag: Counter[str]) -> Any:
        """Each row's Dice overlap with ``bag`` (multisets), as ``terms.dice`` gives it; 0 for an empty row."""
        shared = numpy.zeros(len(self.sizes))
        keys = [key for key in bag if key in self.rows]
        if keys:
            rows = numpy.concatenate([self.rows[key] for key in keys])
            least = numpy.concatenate([numpy.minimum(self.counts[key], bag[key]) for key in keys])
            shared = numpy.bincount(rows, weights=least, minlength=len(self.sizes))
        total = self.sizes + sum(bag.values())
        with numpy.errstate(divide="ignore", invalid="ignore"):
            overlap = numpy.where(total > 0, 2 * shared / numpy.where(total > 0, total, 1), 0.0)
        return numpy.where(self.empty, 0.0, overlap)


def _name_postings(sections: Sequence[Section], heading_terms: Mapping[str, frozenset[str]]) -> list[_Postings]:
    """The postings of every section's three names' grams (a missing name: an empty bag, scored 0),
    and of its heading terms (a set: each term once)."""
    bags = [_grams(name) if name else Counter() for section in sections
            for name in (section.heading, section.title_en, section.title_ja)]
    terms = _Postings([Counter(heading_terms.get(section.id, frozenset())) for section in sections])
    return [_Postings(bags), terms]


def resolve(marker: Marker, title_terms: frozenset[str], content: Any,
            source: SourceSections) -> tuple[Optional[str], float]:
    """The id of the section the marker most likely names, and the score of that choice.

    ``content``: the best score of the claim's content among each section's sentences, as an array
    by ``source.sections`` (or a mapping section id → score; None or empty for none). A marker with
    a title leans on it (its part is a hint: 「…」後編 may mean the section's second half); one with an
    ordinal and no title (第2章, §1, 結論) names the section at that place, counting the source's
    sections in order, or none when the source has fewer sections. Computed over arrays (one marker
    against every section), in the same order of operations as the scalar formula, so the same
    floats; ties go to the earliest section, then the larger id.
    """
    sections = source.sections
    if not sections:
        return None, 0.0
    count = len(sections)
    found = _content_array(content, source)
    best_content = max(float(found.max()), 0.0) or 1.0
    if marker.title:
        titles = source.title_scores(marker.title, title_terms)
    elif marker.part and marker.vague:  # （前半）: the sections in that half
        titles = numpy.array([1.0 if in_half(marker.part, section, count) else 0.0 for section in sections])
    elif marker.part:
        place = ordinal_section(marker.part, sections, source.numbers)
        if place is None:
            return None, 0.0
        titles = (source.indexes() == place).astype(float)
    else:  # 【元記事】, （社説）: the source, no section of it
        return None, 0.0
    parts = source.part_scores(marker.part) if marker.part else numpy.full(count, 0.5)
    scored = TITLE_WEIGHT * titles + PART_WEIGHT * parts + CONTENT_WEIGHT * found / best_content
    top = scored.max()
    tied = numpy.flatnonzero(scored == top)
    if len(tied) > 1:  # the earliest section, as the scalar max over (score, -index, id) took it
        indexes = source.indexes()[tied]
        tied = tied[indexes == indexes.min()]
    score, _, sid = max((top, -sections[i].index, sections[i].id) for i in tied.tolist())
    return sid, round(float(score), 4)


def _content_array(content: Any, source: SourceSections) -> Any:
    if isinstance(content, numpy.ndarray):
        return content
    found = numpy.zeros(len(source.sections))
    position = source.position()
    for sid, value in (content or {}).items():
        if sid in position:
            found[position[sid]] = value
    return found


def in_half(part: int, section: Section, sections: int) -> bool:
    """True when the section lies in the half a vague hint names (前半 1, 後半 -1; 中編 2: the middle third)."""
    parts = 3 if part == 2 else 2
    number = parts if part < 0 else min(part, parts)
    centre = (section.index - 0.5) / sections
    return (number - 1) / parts <= centre <= number / parts


def ordinal_section(part: int, sections: Sequence[Section], numbers: Mapping[str, int]) -> Optional[int]:
    """The index (1-based) of the section an ordinal names: the one whose heading is written with
    that number (2. 方法, 第2節 …) or else the Nth; -1 is the last; None past the last."""
    if part < 0:
        return len(sections)
    written = [s.index for s in sections if numbers.get(s.id) == part]
    if written:
        return written[0]
    return part if part <= len(sections) else None


_WRITTEN_NUMBER = re.compile(
    r"^\s*(?:第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[章節部編]|([0-9]{1,2})\s*(?:[.、)章](?![0-9])|\s)|"
    r"\(\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*\)|§\s*([0-9]{1,2})|"
    r"(?:part|section|chapter)\s+([0-9]{1,2})\b)", re.IGNORECASE)


def written_number(line: str) -> Optional[int]:
    """The number a heading line is written with (第3節 …, 3. …, （三）…, §3, Part 3), or None."""
    found = _WRITTEN_NUMBER.match(unicodedata.normalize("NFKC", line))
    if found is None:
        return None
    token = next(g for g in found.groups() if g)
    if token.isdigit():
        return int(token)
    folded = "".join(_KANJI_NUMERALS.get(c, c) for c in token)
    return int(folded) if folded.isdigit() and len(token) == 1 else _kanji_number(token)


def _kanji_number(token: str) -> Optional[int]:
    """十一 → 11, 二十 → 20, 三 → 3."""
    tens, _, ones = token.partition("十")
    if "十" not in token:
        return int(_KANJI_NUMERALS[token]) if token in _KANJI_NUMERALS else None
    return int(_KANJI_NUMERALS.get(tens, "1") or 1) * 10 + (int(_KANJI_NUMERALS[ones]) if ones else 0)


def title_match(marker: Marker, title_terms: frozenset[str], source: SourceSections) -> float:
    """How well the marker's title reads as the best-matching section's names (0 with no title)."""
    if not marker.title or not source.sections:
        return 0.0
    return float(source.title_scores(marker.title, title_terms).max())


def names_a_section(marker: Marker, title_terms: frozenset[str], source: SourceSections) -> bool:
    """A bare span (《データの読み方》) cites when its words read as one section's title."""
    return title_match(marker, title_terms, source) >= BARE_TITLE_AT


def _set_dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two term sets: glosses, name skeletons and concepts let a title cross languages."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def title_similarity(title: str, section: Section) -> float:
    """How much a quoted title resembles the section's heading or manifest titles, 0..1."""
    return _names_similarity(title, (section.heading, section.title_en, section.title_ja))


@lru_cache(maxsize=1 << 14)  # markers repeat titles, and every title meets every section
def _names_similarity(title: str, names: tuple[Optional[str], ...]) -> float:
    return max(dice(_grams(title), _grams(name)) for name in names if name)


def part_prior(part: int, section: Section, sections: int, parts: int) -> float:
    """1 where the section sits in the middle of the named part, lower the farther it lies."""
    number = parts if part < 0 else min(part, parts)
    part_centre = (number - 0.5) / parts
    section_centre = (section.index - 0.5) / sections
    return 1.0 - abs(part_centre - section_centre)


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    folded = _EN_WORD.sub(lambda m: _EN_NUMERALS.get(m.group(), m.group()), folded)
    return "".join(_KANJI_NUMERALS.get(c, c) for c in folded if c.isalnum())


@lru_cache(maxsize=1 << 12)  # every title meets every section's names; callers only read the bag
def _grams(text: str) -> Counter[str]:
    folded = _fold(text)
    grams: Counter[str] = Counter(c for c in folded if not _is_hiragana(c))
    grams.update(folded[i:i + 2] for i in range(len(folded) - 1))
    return grams


def _is_hiragana(char: str) -> bool:
    return "\u3040" <= char <= "\u309f"
