"""Resolve a gold's substrings and headings to the units and sections of one edition."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Optional

from annotator.edition.gold import (
    BLOCK_KINDS,
    SENTENCE_KINDS,
    GoldError,
    GoldRef,
    entry_name,
    gold_references,
)

# a heading's leading marks and numbering, and the brackets around it: 【…】, ## …, ■ …, 第2節 …, 1. …, Part 2: …
_HEADING_MARKS = re.compile(r"^(?:[#■□◆◇●○◎・※*\-]+|第[0-9〇一二三四五六七八九十]+[節章部]|§\s*[0-9]+|part\s*[0-9]+\s*[:.]?"
                            r"|[0-9]+\s*[.)、]|[一二三四五六七八九十]+、|[(][0-9一二三四五六七八九十]+[)])\s*", re.IGNORECASE)


def heading_key(heading: str) -> str:
    """A heading without its marks, numbering, enclosing brackets and surrounding spaces (NFKC)."""
    text = unicodedata.normalize("NFKC", heading.strip().lstrip("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")).strip()
    while True:
        stripped = _HEADING_MARKS.sub("", text, count=1).strip()
        if stripped.startswith("【") and stripped.endswith("】"):
            stripped = stripped[1:-1].strip()
        if stripped == text or not stripped:
            return text.casefold()
        text = stripped


# units that belong to a claim rather than being one: what they carry counts for the claim
_PARTS_OF_CLAIMS = ("sentence", "heading")


@dataclass(frozen=True)
class Claim:
    """A gold entry with every substring resolved to edition ids."""

    name: str
    unit: str
    cited: Optional[str]  # section id the citation should resolve to (summary only)
    paragraphs: frozenset[str]  # acceptable blocks of the best link
    sentences: frozenset[str]  # acceptable sentences (gold, alternatives or targets)
    tags: frozenset[str]
    flags: frozenset[str]
    quotes: tuple[tuple[str, str], ...]  # (text, status)


class EditionIndex:
    """Look-ups over an edition.json dict: units by id, role and kind; parents; source sections."""

    def __init__(self, edition: dict[str, Any]) -> None:
        roles = {d["id"]: d["role"] for d in edition.get("documents", [])}
        self.units: dict[str, dict[str, Any]] = {u["id"]: u for u in edition.get("units", [])}
        self.role = {uid: roles.get(u["doc"], u["doc"]) for uid, u in self.units.items()}
        self.has_sentences = {u["parent"] for u in self.units.values() if u["kind"] == "sentence"}
        self.sections = [s for s in edition.get("sections", []) if roles.get(s["doc"], s["doc"]) == "source"]

    def owner(self, uid: str) -> str:
        """The claim a unit belongs to: itself, or for a sentence or heading its nearest claim above."""
        unit = self.units.get(uid)
        while unit is not None and unit["kind"] in _PARTS_OF_CLAIMS and unit.get("parent") in self.units:
            unit = self.units[unit["parent"]]
        return unit["id"] if unit is not None else uid

    def block_of(self, uid: str) -> str:
        """A link target's paragraph-level block: its parent if it is a sentence, else itself."""
        unit = self.units.get(uid)
        if unit is not None and unit["kind"] == "sentence" and unit.get("parent"):
            return str(unit["parent"])
        return uid

    def describe(self, uid: Optional[str]) -> str:
        """A unit for a report line: its id and the start of its text."""
        if uid is None:
            return "none"
        text = self.units[uid]["text"] if uid in self.units else ""
        return f"{uid} 「{text[:20]}{'…' if len(text) > 20 else ''}」" if text else uid

    def within(self, inner: str, outer: str) -> bool:
        """Whether unit ``inner`` lies inside unit ``outer`` (or is it)."""
        a, b = self.units.get(inner), self.units.get(outer)
        if inner == outer or a is None or b is None:
            return inner == outer
        return a["doc"] == b["doc"] and b["start"] <= a["start"] and a["end"] <= b["end"]

    def resolve(self, ref: GoldRef, file: Optional[str]) -> str:
        """The one unit of the ref's role and kinds whose text holds the substring."""
        found = self._holding(ref.text, ref.role, ref.kinds)
        if not found and ref.kinds == SENTENCE_KINDS:
            # a block the parser did not split into sentences is its own sentence
            found = [uid for uid in self._holding(ref.text, ref.role, BLOCK_KINDS) if uid not in self.has_sentences]
        if len(found) == 1:
            return found[0]
        what = f"{ref.role} {' or '.join(ref.kinds)}"
        if not found:
            raise GoldError(f'{ref.entry}: {ref.where} "{ref.text}" matches no {what} unit of the edition',
                            file=file, fix="copy the substring verbatim from one unit's text, within one unit")
        raise GoldError(f'{ref.entry}: {ref.where} "{ref.text}" matches {len(found)} {what} units '
                        f'({", ".join(found)})', file=file, fix="lengthen the substring until one unit holds it")

    def section(self, heading: str, where: str, file: Optional[str]) -> str:
        """The id of the source section whose heading is ``heading``."""
        found = [s["id"] for s in self.sections if s["heading"].strip() == heading.strip()]
        if not found:  # the parser may keep or drop a heading's mark (##, ■, 第2節, 1.); the gold may too
            found = [s["id"] for s in self.sections if heading_key(s["heading"]) == heading_key(heading)]
        if len(found) == 1:
            return str(found[0])
        known = ", ".join(s["heading"] for s in self.sections) or "none"
        problem = "no" if not found else f"{len(found)}"
        raise GoldError(f'{where}: "{heading}" matches {problem} source section headings (headings: {known})',
                        file=file, fix="give a source section's heading verbatim")

    def _holding(self, text: str, role: str, kinds: tuple[str, ...]) -> list[str]:
        return [uid for uid, u in self.units.items()
                if self.role[uid] == role and u["kind"] in kinds and text in u["text"]]


def resolve_claims(gold: dict[str, Any], index: EditionIndex, file: Optional[str] = None, *,
                   lenient: bool = False, unresolved: Optional[list[str]] = None) -> tuple[list[Claim], list[Claim]]:
    """The gold's summary and commentary entries, resolved; GoldError names any entry that does not resolve.

    With ``lenient``, a substring or heading that resolves to nothing (or to several units) stands for an id no
    edition item carries, so every score that needs it counts a miss; each problem is appended to ``unresolved``.
    """
    def attempt(resolve: Callable[[], str], placeholder: str) -> str:
        if not lenient:
            return resolve()
        try:
            return resolve()
        except GoldError as err:
            if unresolved is not None:
                unresolved.append(err.message)
            return f"?unresolved {placeholder}"

    ids = {ref.where: attempt(lambda ref=ref: index.resolve(ref, file), ref.where) for ref in gold_references(gold)}
    summary = []
    for i, entry in enumerate(gold["summary"]):
        where = entry_name("summary", i, entry)
        cited, support = (None if entry[key] is None else
                          attempt(lambda key=key: index.section(entry[key], f"{where}: {key}", file), entry[key])
                          for key in ("cited_section", "support_section"))
        miscited = entry["sentence"] is not None and support != cited
        summary.append(_claim("summary", i, entry, ids, index, cited, ("miscitation",) if miscited else ()))
    return summary, [_claim("commentary", i, e, ids, index) for i, e in enumerate(gold["commentary"])]


def _claim(part: str, i: int, entry: dict[str, Any], ids: dict[str, str], index: EditionIndex,
           cited: Optional[str] = None, implied_flags: tuple[str, ...] = ()) -> Claim:
    where = f"{part}[{i}]"
    keys = [f"{where}.sentence"] + [f"{where}.{key}[{k}]" for key in ("alternatives", "targets")
                                    for k in range(len(entry.get(key, ())))]
    sentences = frozenset(ids[key] for key in keys if key in ids)
    paragraphs = {ids[f"{where}.paragraph"]} if f"{where}.paragraph" in ids else set()
    # an alternative sentence is as good as the gold one, so its block is as good as the gold block
    paragraphs |= {index.block_of(s) for s in sentences}
    return Claim(name=entry_name(part, i, entry), unit=ids[f"{where}.unit"], cited=cited,
                 paragraphs=frozenset(paragraphs), sentences=sentences, tags=frozenset(entry.get("tags", ())),
                 flags=frozenset(entry.get("flags", ())) | frozenset(implied_flags),
                 quotes=tuple((q["text"], q["status"]) for q in entry.get("quotes", ())))
