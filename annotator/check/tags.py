"""Tag each commentary point and bullet with the kinds of answer it gives.

The taxonomy and its cue words live in ``data/rebuttal_types.toml`` (Japanese and English
labels for each kind). A proposal cue inside reported speech (著者は…べきだと主張している)
is the source's proposal, not the commentary's, so it does not count.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

from ..link.claims import reported
from ..text.records import Unit
from .records import Tag


@dataclass(frozen=True)
class RebuttalType:
    """One kind of answer: its id, labels and cue patterns."""

    id: str
    ja: str
    en: str
    description: str
    cues: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def rebuttal_types() -> tuple[RebuttalType, ...]:
    """The shipped taxonomy."""
    data = tomllib.loads(resources.files("annotator").joinpath("data/rebuttal_types.toml").read_text("utf-8"))
    return tuple(RebuttalType(t["id"], t["ja"], t["en"], t["description"], tuple(re.compile(c) for c in t["cues"]))
                 for t in data["types"])


def tag_units(units: Sequence[Unit], roles: Mapping[str, str]) -> list[Tag]:
    """Tags for every commentary point (its heading and lead) and bullet."""
    children: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.parent:
            children.setdefault(unit.parent, []).append(unit)
    tags: list[Tag] = []
    for unit in units:
        if roles[unit.doc] != "commentary" or unit.kind not in ("point", "bullet"):
            continue
        parts = [unit] if unit.kind == "bullet" else [k for k in children.get(unit.id, []) if k.kind in ("heading", "paragraph")]
        sentences = [s for p in parts for s in (children.get(p.id) or [p]) if s.kind in ("sentence", "bullet", "heading", "paragraph")]
        tags += _tags_for(unit, [s.text for s in sentences])
    return tags


def _tags_for(unit: Unit, sentences: Sequence[str]) -> list[Tag]:
    texts = [unicodedata.normalize("NFKC", sentence) for sentence in sentences]
    found = []
    for kind in rebuttal_types():
        cue = _first_cue(kind, texts)
        if cue:
            found.append(Tag(unit.id, kind.id, cue))
    return found


def _first_cue(kind: RebuttalType, texts: Sequence[str]) -> str | None:
    """The first cue of the kind in the NFKC-normalized sentences."""
    for text in texts:
        if kind.id == "proposal" and reported(text):
            continue
        for pattern in kind.cues:
            match = pattern.search(text)
            if match:
                return match.group().strip()
    return None


def apply_tag_edits(tags: Sequence[Tag], edits: Mapping[tuple[str, str], bool]) -> list[Tag]:
    """The tags with those removed by hand dropped and those added by hand appended (cue ``manual``)."""
    kept = [tag for tag in tags if edits.get((tag.unit, tag.kind), True)]
    have = {(tag.unit, tag.kind) for tag in kept}
    kept += [Tag(unit, kind, "manual") for (unit, kind), present in edits.items() if present and (unit, kind) not in have]
    return kept


def tag_kinds() -> tuple[str, ...]:
    """The id of every rebuttal type."""
    return tuple(kind.id for kind in rebuttal_types())
