"""The jōyō kanji and the school grade each kyōiku kanji is taught in, read from annotator/data/
(sources and licences are noted at the top of each file and in annotator/data/KANJI-LISTS.md)."""
from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("annotator").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def joyo() -> frozenset[str]:
    """The 2,136 jōyō kanji."""
    return frozenset(line.strip() for line in _lines("joyo_kanji.txt"))


@cache
def grades() -> dict[str, int]:
    """Each kyōiku kanji and the school grade (1-6) it is taught in."""
    pairs = (line.split("\t") for line in _lines("kyoiku_grades.tsv"))
    return {kanji: int(grade) for kanji, grade in pairs}


def is_kanji(char: str) -> bool:
    """A CJK ideograph (the unified blocks and their extensions; not the repeat mark 々, which
    takes the reading of the kanji before it)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3134F or 0xF900 <= code <= 0xFAFF


def known(char: str, policy: str) -> bool:
    """Whether a reader needs no reading for a kanji under a policy (all, beyond-joyo, grade:N)."""
    if policy == "all":
        return False
    if policy.startswith("grade:"):
        return grades().get(char, 99) <= int(policy.split(":", 1)[1])
    return char in joyo()
