"""The rebuttal taxonomy (``data/rebuttal_types.toml``), read without spaCy: the gold-file reader and
the renderer need its ids, labels and definitions, not its cue matcher (annotator.check.tags)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class RebuttalType:
    """One kind of answer: its id, labels, definition and cue phrases."""

    id: str
    ja: str
    en: str
    description: str  # the one-line definition, in English
    cues: tuple[str, ...]
    description_ja: str = ""  # the same definition in Japanese
    fallback: tuple[str, ...] = ()  # broader grammar, read only when no kind's cue is found in a point
    combos: tuple[tuple[tuple[str, ...], ...], ...] = ()  # groups of alternatives, all in one sentence
    overrides: tuple[str, ...] = ()  # broader kinds this one, when found in a point, stands for


@lru_cache(maxsize=1)
def rebuttal_types() -> tuple[RebuttalType, ...]:
    """The shipped taxonomy, in the file's order."""
    data = tomllib.loads(resources.files("annotator").joinpath("data/rebuttal_types.toml").read_text("utf-8"))
    return tuple(RebuttalType(t["id"], t["ja"], t["en"], t["description"], tuple(t["cues"]), t.get("description_ja", ""),
                               tuple(t.get("fallback", ())), tuple(combo(c) for c in t.get("combos", ())),
                               tuple(t.get("overrides", ())))
                 for t in data["types"])


def combo(text: str) -> tuple[tuple[str, ...], ...]:
    """A combination written ``a|b + c`` as its groups of alternative cues: ((a, b), (c,))."""
    return tuple(tuple(alt.strip() for alt in group.split("|") if alt.strip()) for group in text.split(" + "))


def kind_ids() -> tuple[str, ...]:
    """The ids of every kind, in the file's order."""
    return tuple(t.id for t in rebuttal_types())
