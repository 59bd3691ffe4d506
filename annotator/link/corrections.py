"""Corrections by hand: a corpus may hold ``links.toml`` to add or remove links and pin citations.

    [[add]]                       # a link the pipeline missed
    from = "summary-4-b1"
    to = "source-b15-s5"
    relation = "supports"         # optional: supports for summary units, rebuts for commentary

    [[remove]]                    # a link that is wrong
    from = "summary-4-b1"
    to = "source-b6-s3"

    [[pin]]                       # the section a claim's markers name
    unit = "summary-4-b1"
    section = "export-controls"

Ids are the unit and section ids of edition.json. Every item the file touches is marked
``manual``; an entry that names no existing unit or section is an error naming the entry.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional, Sequence

from ..corpus.files import inside_corpus
from ..corpus.manifest import TomlChecker, load_toml, read_toml_text
from ..text.records import Section, Unit
from .markers import find_markers
from .records import Citation, Link

FILE = "links.toml"
TOP_KEYS = ("add", "remove", "pin")
ENTRY_KEYS = {"add": ("from", "to", "relation"), "remove": ("from", "to"), "pin": ("unit", "section")}


@dataclass(frozen=True)
class Corrections:
    add: tuple[tuple[str, str, Optional[str]], ...] = ()
    remove: tuple[tuple[str, str], ...] = ()
    pin: tuple[tuple[str, str], ...] = ()


def load_corrections(corpus_dir: Path, units: Sequence[Unit], sections: Sequence[Section]) -> Corrections:
    """Read and check ``links.toml`` against the edition's ids; empty when there is none."""
    path = Path(corpus_dir) / FILE
    if not path.exists() and not path.is_symlink():
        return Corrections()
    text = read_toml_text(inside_corpus(Path(corpus_dir), FILE, what="the link corrections file"))
    data = load_toml(path, text)
    check = TomlChecker(path, text)
    check.keys(data, TOP_KEYS, FILE, check.where.top())
    known = {u.id for u in units}
    cited = {u.id for u in units if u.kind != "sentence" and find_markers(u.text)}
    found: dict[str, list[tuple[Any, ...]]] = {"add": [], "remove": [], "pin": []}
    for kind in TOP_KEYS:
        for i, entry in enumerate(check.tables(data.get(kind, []), kind, check.where.top())):
            span = check.where.table(kind, i)
            what = f"[[{kind}]] entry {i + 1}"
            check.keys(entry, ENTRY_KEYS[kind], what, span)
            values = [check.string(entry, key, what, span, required=key != "relation") for key in ENTRY_KEYS[kind]]
            _check_ids(check, kind, values, (known, cited, {s.id for s in sections}), what, span)
            found[kind].append(tuple(values))
    return Corrections(tuple(found["add"]), tuple(found["remove"]), tuple(found["pin"]))  # type: ignore[arg-type]


def _check_ids(check: TomlChecker, kind: str, values: list[Optional[str]], ids: tuple[set[str], set[str], set[str]],
               what: str, span: tuple[int, int]) -> None:
    units, cited, sections = ids
    for key, value in zip(ENTRY_KEYS[kind], values):
        if key == "relation":
            if value is not None and value not in ("supports", "rebuts"):
                raise check.fail(f"{what}: relation {value!r} is not supports or rebuts", check.where.key(key, span), "use supports or rebuts")
            continue
        pool, noun = (sections, "section") if key == "section" else (units, "unit")
        fix = f"use an id from edition.json's {noun}s (see `annotator build`)"
        if kind == "pin" and key == "unit":
            pool, noun, fix = cited, "unit with a citation marker", "pin the unit whose text holds the marker"
        if value not in pool:
            raise check.fail(f"{what}: {key} {value!r} names no {noun} of this corpus",
                             check.where.key(key, span) or span[0], fix)


def apply_links(links: Sequence[Link], corrections: Corrections, roles_of_unit: dict[str, str]) -> tuple[Link, ...]:
    """The links with removals dropped, additions ranked first, and every claim re-ranked."""
    removed = set(corrections.remove)
    kept = [link for link in links if (link.source, link.target) not in removed]
    added = [Link(src, dst, rel or ("supports" if roles_of_unit.get(src) == "summary" else "rebuts"), 1.0, 0, ("manual",))
             for src, dst, rel in corrections.add]
    added_pairs = {(a.source, a.target) for a in added}
    ordered = added + [link for link in kept if (link.source, link.target) not in added_pairs]
    return _rerank(ordered)


def _rerank(links: Sequence[Link]) -> tuple[Link, ...]:
    ranks: dict[str, int] = {}
    out = []
    for link in sorted(links, key=lambda l: (l.source, l.rank != 0, l.rank)):
        ranks[link.source] = ranks.get(link.source, 0) + 1
        out.append(link if link.rank == ranks[link.source] else replace(link, rank=ranks[link.source]))
    order: dict[str, int] = {}
    for i, link in enumerate(links):
        order.setdefault(link.source, i)
    return tuple(sorted(out, key=lambda l: (order[l.source], l.rank)))


def pin_citation(citation: Citation, pins: dict[str, str]) -> Citation:
    """The citation with its pinned section, marked manual; unchanged when not pinned."""
    if citation.unit not in pins:
        return citation
    return replace(citation, section=pins[citation.unit], score=1.0, evidence="manual")
