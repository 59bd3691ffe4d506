"""Corrections by hand: ``links.toml`` beside corpus.toml fixes what the pipeline found.

    [[add]]                       # a link the pipeline missed
    from = "summary-4-b1"         # 要約 4·1 (the number the page shows)
    to = "source-b15-s5"          # ¶15·5
    relation = "supports"         # optional: supports for summary units, rebuts for commentary

    [[remove]]                    # a link that is wrong (the next-ranked passage moves up)
    from = "summary-4-b1"
    to = "source-b6-s3"

    [[confirm]]                   # a link checked and kept as it is
    from = "summary-4-b1"
    to = "source-b6-s4"

    [[relation]]                  # a link kept, its relation changed
    from = "commentary-2-b1"
    to = "source-p3-s1"
    relation = "supports"

    [[pin]]                       # the section a claim's markers name
    unit = "summary-4-b1"
    section = "export-controls"

    [[dismiss]]                   # a finding that is a false alarm
    unit = "commentary-3"
    kind = "number_mismatch"      # a flag's kind, or "quote" for a quotation's status
    target = "source-p9-s2"       # optional: only the flag pointing there
    quote = "…"                   # optional, with kind = "quote": only that quotation
    note = "the figures are per year"  # optional

    [[tag]]                       # a rebuttal type added, removed, or both (a change)
    unit = "commentary-3"
    add = "counter_evidence"
    remove = "motive"

Entries apply in the order they stand in the file, the later over the earlier: the file is the
history of the corrections. Ids are those of edition.json. Every item a correction touches is
marked ``manual`` (a link's evidence, a citation's evidence, a tag's cue). An entry naming an id
that no longer exists (the text changed) is kept in the file, not applied, and reported in one
line (``Corrections.stale``); a malformed entry is an error naming its line. Writing the file:
``corrections_file.py``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Collection, Mapping, Optional, Sequence

from ..corpus.files import inside_corpus
from ..corpus.manifest import TomlChecker, load_toml, read_toml_text
from ..text.records import Section, Unit
from .markers import find_markers
from .records import Citation, Link

FILE = "links.toml"
RELATIONS = ("supports", "rebuts")
# each kind's keys, the required ones first; a key in REQUIRED must be present
ENTRY_KEYS: dict[str, tuple[str, ...]] = {
    "add": ("from", "to", "relation"), "remove": ("from", "to"), "confirm": ("from", "to"),
    "relation": ("from", "to", "relation"), "pin": ("unit", "section"),
    "dismiss": ("unit", "kind", "target", "quote", "note"), "tag": ("unit", "add", "remove"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "add": ("from", "to"), "remove": ("from", "to"), "confirm": ("from", "to"), "relation": ("from", "to", "relation"),
    "pin": ("unit", "section"), "dismiss": ("unit", "kind"), "tag": ("unit",),
}
TOP_KEYS = tuple(ENTRY_KEYS)
UNIT_KEYS = ("from", "to", "unit", "target")  # keys whose value is a unit id


@dataclass(frozen=True)
class Entry:
    """One correction: its kind (the table name), its keys in the order of ENTRY_KEYS, its line."""

    kind: str
    values: tuple[tuple[str, str], ...]
    line: int = 0

    def get(self, key: str) -> Optional[str]:
        """The value of a key, or None."""
        return next((v for k, v in self.values if k == key), None)


@dataclass(frozen=True)
class Dismissal:
    """A finding dismissed as a false alarm: which one, and the reviewer's note."""

    unit: str
    kind: str
    target: Optional[str] = None
    quote: Optional[str] = None
    note: Optional[str] = None


@dataclass(frozen=True)
class Corrections:
    """What links.toml says: the link and pin entries as tuples (in file order), the other entries,
    and one line per entry that no longer applies (kept in ``unapplied`` so a rewrite keeps it)."""

    add: tuple[tuple[str, str, Optional[str]], ...] = ()  # (from, to, relation or None)
    remove: tuple[tuple[str, str], ...] = ()  # (from, to)
    pin: tuple[tuple[str, str], ...] = ()  # (unit, section); of two pins of a unit the later wins
    others: tuple[Entry, ...] = ()  # confirm, relation, dismiss and tag entries, in file order
    entries: tuple[Entry, ...] = ()  # every applied entry in file order, when read from a file
    stale: tuple[str, ...] = ()  # why each unapplied entry does not apply, one line each
    unapplied: tuple[Entry, ...] = ()

    def ordered(self) -> tuple[Entry, ...]:
        """Every entry that applies, in the order it applies: the file's, else add, remove, pin,
        then the others (the order ``corrections_toml`` writes them in)."""
        if self.entries:
            return self.entries
        made = [Entry("add", (("from", a), ("to", b)) + ((("relation", r),) if r else ())) for a, b, r in self.add]
        made += [Entry("remove", (("from", a), ("to", b))) for a, b in self.remove]
        made += [Entry("pin", (("unit", u), ("section", s))) for u, s in self.pin]
        return tuple(made) + self.others

    @property
    def dismissals(self) -> tuple[Dismissal, ...]:
        """Every finding dismissed, in order."""
        return tuple(Dismissal(e.get("unit") or "", e.get("kind") or "", e.get("target"), e.get("quote"), e.get("note"))
                     for e in self.ordered() if e.kind == "dismiss")

    @property
    def tag_edits(self) -> dict[tuple[str, str], bool]:
        """(unit, kind) → True when the tag is added by hand, False when removed (the last word wins)."""
        edits: dict[tuple[str, str], bool] = {}
        for e in self.ordered():
            if e.kind == "tag":
                unit = e.get("unit") or ""
                for key, present in (("remove", False), ("add", True)):
                    kind = e.get(key)
                    if kind:
                        edits.pop((unit, kind), None)  # re-inserted: the order of additions is kept
                        edits[(unit, kind)] = present
        return edits


def from_entries(entries: Sequence[Entry], stale: Sequence[str] = (), unapplied: Sequence[Entry] = ()) -> Corrections:
    """Corrections holding these entries (in this order)."""
    of = lambda kind: [e for e in entries if e.kind == kind]  # noqa: E731
    return Corrections(
        add=tuple((e.get("from") or "", e.get("to") or "", e.get("relation")) for e in of("add")),
        remove=tuple((e.get("from") or "", e.get("to") or "") for e in of("remove")),
        pin=tuple((e.get("unit") or "", e.get("section") or "") for e in of("pin")),
        others=tuple(e for e in entries if e.kind not in ("add", "remove", "pin")),
        entries=tuple(entries), stale=tuple(stale), unapplied=tuple(unapplied))


def load_corrections(corpus_dir: Path, units: Sequence[Unit], sections: Sequence[Section],
                     tag_kinds: Optional[Collection[str]] = None) -> Corrections:
    """Read and check ``links.toml`` against the edition's ids; empty when there is none
    (``tag_kinds``: the rebuttal types a [[tag]] entry may name; any when None)."""
    path = Path(corpus_dir) / FILE
    if not path.exists() and not path.is_symlink():
        return Corrections()
    text = read_toml_text(inside_corpus(Path(corpus_dir), FILE, what="the link corrections file"))
    return parse_corrections(path, text, units, sections, tag_kinds)


def parse_corrections(path: Path, text: str, units: Sequence[Unit], sections: Sequence[Section],
                      tag_kinds: Optional[Collection[str]] = None) -> Corrections:
    """The corrections of a links.toml text (``path`` names it in errors)."""
    ids = _Ids({u.id for u in units}, {u.id for u in units if u.kind != "sentence" and find_markers(u.text)},
               {s.id for s in sections}, tag_kinds)
    found: list[Entry] = []
    stale: list[str] = []
    unapplied: list[Entry] = []
    for entry in read_entries(path, text):
        problem = ids.problem(entry)
        if problem:
            stale.append(f"{path.name}:{entry.line}: [[{entry.kind}]] {problem}; not applied (the text changed? "
                         "correct or delete the entry)")
            unapplied.append(entry)
        else:
            found.append(entry)
    return from_entries(found, stale, unapplied)


def read_entries(path: Path, text: str) -> list[Entry]:
    """Every entry of a links.toml text, checked for form (not ids), in file order."""
    data = load_toml(path, text)
    check = TomlChecker(path, text)
    for key in data:
        if key not in TOP_KEYS:
            raise check.fail(f"unknown key {key!r} in {FILE}", check.where.header(key) or check.where.key(key, check.where.top()),
                             f"a correction is one of: {', '.join(f'[[{k}]]' for k in TOP_KEYS)}")
    found = [_entry(check, kind, i, table, check.where.table(kind, i))
             for kind in TOP_KEYS for i, table in enumerate(check.tables(data.get(kind, []), kind, check.where.top()))]
    return sorted(found, key=lambda e: e.line)


def _entry(check: TomlChecker, kind: str, index: int, table: dict, span: tuple[int, int]) -> Entry:  # type: ignore[type-arg]
    what = f"[[{kind}]] entry {index + 1}"
    check.keys(table, ENTRY_KEYS[kind], what, span)
    values = []
    for key in ENTRY_KEYS[kind]:
        value = check.string(table, key, what, span, required=key in REQUIRED[kind])
        if value is not None:
            values.append((key, value))
    entry = Entry(kind, tuple(values), span[0])
    relation = entry.get("relation")
    if relation is not None and relation not in RELATIONS:
        raise check.fail(f"{what}: relation {relation!r} is not supports or rebuts",
                         check.where.key("relation", span), "use supports or rebuts")
    if kind == "tag" and not (entry.get("add") or entry.get("remove")):
        raise check.fail(f"{what} names no tag to add or remove", span[0], 'add add = "kind" or remove = "kind"')
    if entry.get("quote") is not None and entry.get("kind") != "quote":
        raise check.fail(f"{what}: quote is only for kind = \"quote\"", check.where.key("quote", span), "remove the quote key")
    return entry


@dataclass(frozen=True)
class _Ids:
    units: set[str]
    cited: set[str]
    sections: set[str]
    tag_kinds: Optional[Collection[str]]

    def problem(self, entry: Entry) -> Optional[str]:
        """Why the entry cannot apply to this corpus (an id that names nothing), or None."""
        for key in UNIT_KEYS:
            value = entry.get(key)
            if value is not None and value not in self.units:
                return f"{key} {value!r} names no unit of this corpus"
        if entry.kind == "pin" and entry.get("unit") not in self.cited:
            return f"unit {entry.get('unit')!r} names no unit with a citation marker"
        if entry.kind == "pin" and entry.get("section") not in self.sections:
            return f"section {entry.get('section')!r} names no section of this corpus"
        for key in ("add", "remove"):
            kind = entry.get(key) if entry.kind == "tag" else None
            if kind is not None and self.tag_kinds is not None and kind not in self.tag_kinds:
                return f"{key} {kind!r} names no rebuttal type (see annotator/data/rebuttal_types.toml)"
        return None


@dataclass
class _LinkState:
    added: bool = False
    removed: bool = False
    relation: Optional[str] = None
    touched: bool = False


def _link_states(entries: Sequence[Entry]) -> dict[tuple[str, str], _LinkState]:
    """What the entries, in order, make of each (from, to) pair."""
    states: dict[tuple[str, str], _LinkState] = {}
    for e in entries:
        if e.kind not in ("add", "remove", "confirm", "relation"):
            continue
        state = states.setdefault((e.get("from") or "", e.get("to") or ""), _LinkState())
        if e.kind == "add":
            state.added, state.removed, state.relation = True, False, e.get("relation") or state.relation
        elif e.kind == "remove":
            state.added, state.removed = False, True
        else:
            state.touched = True
            state.relation = e.get("relation") or state.relation
    return states


def apply_links(links: Sequence[Link], corrections: Corrections, roles_of_unit: Mapping[str, str]) -> tuple[Link, ...]:
    """The links with removals dropped, additions ranked first, relations changed, confirmed ones
    marked, and every claim re-ranked."""
    states = _link_states(corrections.ordered())
    kept = []
    for link in links:
        state = states.get((link.source, link.target))
        if state is None:
            kept.append(link)
        elif not state.removed and not state.added:
            evidence = link.evidence if "manual" in link.evidence else link.evidence + ("manual",)
            kept.append(replace(link, relation=state.relation or link.relation, evidence=evidence))
    added = [Link(src, dst, state.relation or ("supports" if roles_of_unit.get(src) == "summary" else "rebuts"),
                  1.0, 0, ("manual",)) for (src, dst), state in states.items() if state.added]
    return _rerank(added + kept)


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


def read_corrections_file(path: Path) -> Corrections:
    """A ``links.toml`` as written, its keys checked but its ids not (no corpus at hand: for
    comparing two people's corrections, ``annotator agree``)."""
    path = Path(path)
    return from_entries(read_entries(path, read_toml_text(path)))


def corrections_toml(corrections: Corrections, comment: str = "") -> str:
    """``links.toml``'s text for ``corrections`` (``load_corrections`` reads it back as they are),
    with ``comment`` as leading ``#`` lines: add, remove and pin entries, then the others, then
    those that did not apply (kept, each after a comment saying why)."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for source, target, relation in corrections.add:
        lines += ["", "[[add]]", f"from = {toml_string(source)}", f"to = {toml_string(target)}"]
        if relation is not None:
            lines.append(f"relation = {toml_string(relation)}")
    for source, target in corrections.remove:
        lines += ["", "[[remove]]", f"from = {toml_string(source)}", f"to = {toml_string(target)}"]
    for unit, section in corrections.pin:
        lines += ["", "[[pin]]", f"unit = {toml_string(unit)}", f"section = {toml_string(section)}"]
    for entry in corrections.others:
        lines += ["", f"[[{entry.kind}]]"] + [f"{key} = {toml_string(value)}" for key, value in entry.values]
    for entry, why in zip(corrections.unapplied, corrections.stale):
        lines += ["", "# " + " ".join(why.split()), f"[[{entry.kind}]]"]
        lines += [f"{key} = {toml_string(value)}" for key, value in entry.values]
    return "\n".join(lines).lstrip("\n") + "\n"


def toml_string(value: str) -> str:
    """A TOML basic string holding ``value`` exactly (quotes, backslashes and control characters escaped)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped) + '"'
