"""``annotator import FILE --into CORPUS``: annotations made elsewhere become the corpus's corrections.

Each link in the file is compared with the links the pipeline makes alone (the corpus built
without links.toml): a link the pipeline lacks, or makes with another relation, is added; a
citation whose section differs is pinned; a rebuttal tag the pipeline does not give is added
([[tag]]). With ``replace`` the file is the whole judgment of
the claims it links: a pipeline link or tag of such a claim that the file leaves out is removed (our
own annotations.jsonld holds every link, so an exported, reviewed and re-imported file comes
back as the same corrections). Claims the file does not touch keep the entries links.toml
already has for them; the file's entries replace the others. Whatever cannot be anchored is
reported, line by line; nothing is dropped silently.
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from ..link.corrections import FILE, Corrections, Entry, corrections_toml, load_corrections
from ..pipeline import build_edition
from .anchor import Anchorer
from .readers import LinkJudgment, NotImported, PinJudgment, TagJudgment, read_annotations

Item = dict[str, Any]


@dataclass(frozen=True)
class ImportResult:
    corrections: Corrections  # what links.toml now holds
    imported: Corrections  # what the file said, as corrections
    not_imported: tuple[NotImported, ...]
    links: int  # link judgments read
    pins: int
    tags: int = 0
    backup: Optional[Path] = None  # where the links.toml it replaced was copied


def import_annotations(path: Path, corpus: Path, *, replace: bool = False, write: bool = True) -> ImportResult:
    """Read ``path`` against the corpus's automatic edition; write the merged ``links.toml``
    (unless ``write`` is false); return what was done."""
    auto = build_edition(corpus, corrections=False).to_dict()
    judgments = read_annotations(path, Anchorer(auto))
    links = [j for j in judgments if isinstance(j, LinkJudgment)]
    pins = [j for j in judgments if isinstance(j, PinJudgment)]
    tags = [j for j in judgments if isinstance(j, TagJudgment)]
    skipped = tuple(j for j in judgments if isinstance(j, NotImported))
    pinned = judged_corrections(auto, [], pins)
    if pinned.pin:  # a pinned citation moves its claim's links: compare links with the pinned build
        auto = build_edition(corpus, corrections=pinned).to_dict()
    imported = judged_corrections(auto, links, pins, replace=replace, tags=tags)
    existing = _existing(corpus, auto)
    about = {j.claim for j in links} if replace else {(j.claim, j.target) for j in links}
    merged = merge(existing, imported, about, {j.unit for j in pins}, tagged=_tag_subjects(links, tags, replace))
    backup = None
    if write and (links or pins or tags):
        target = corpus / FILE
        if target.is_file():  # written anew in our own layout: the user's comments live on in the copy
            backup = target.with_name(FILE + ".bak")
            _write(backup, target.read_text(encoding="utf-8-sig"))
        _write(target, corrections_toml(merged, f"corrections; imported from {Path(path).name} "
                                                "by annotator import"))
    return ImportResult(merged, imported, skipped, len(links), len(pins), tags=len(tags), backup=backup)


def judged_corrections(auto: Item, links: list[LinkJudgment], pins: list[PinJudgment], *,
                       replace: bool = False, tags: Sequence[TagJudgment] = ()) -> Corrections:
    """The corrections that turn the automatic edition ``auto`` into the judged one."""
    roles = {d["id"]: d["role"] for d in auto["documents"]}
    role_of = {u["id"]: roles.get(u["doc"], "") for u in auto["units"]}
    made = {(link["from"], link["to"]): link["relation"] for link in auto["links"]}
    judged: dict[tuple[str, str], Optional[str]] = {}
    for j in links:
        judged.setdefault((j.claim, j.target), j.relation)
    add = []
    for (claim, target), relation in judged.items():
        default = "supports" if role_of.get(claim) == "summary" else "rebuts"
        if made.get((claim, target)) != (relation or default):  # new, or another relation
            add.append((claim, target, relation))
    claims = {claim for claim, _ in judged}
    remove = [] if not replace else [pair for pair in made if pair[0] in claims and pair not in judged]
    cited: dict[str, set[Optional[str]]] = {}
    for citation in auto["citations"]:
        if citation.get("evidence") != "manual":  # pinned in the build compared with: still a correction
            cited.setdefault(citation["unit"], set()).add(citation["section"])
    pin = []
    for j in pins:
        if cited.get(j.unit) != {j.section} and (j.unit, j.section) not in pin:
            pin.append((j.unit, j.section))
    return Corrections(tuple(add), tuple(remove), tuple(pin),
                       others=_tag_entries(auto, tags, _tag_subjects(links, tags, replace)))


def _tag_subjects(links: Sequence[LinkJudgment], tags: Sequence[TagJudgment], replace: bool) -> set[str]:
    """The claims whose tags the file judges whole: with ``replace``, every claim it links or tags;
    else none (tags are only added)."""
    return {j.claim for j in links} | {j.unit for j in tags} if replace else set()


def _tag_entries(auto: Item, tags: Sequence[TagJudgment], whole: set[str]) -> tuple[Entry, ...]:
    """[[tag]] entries: a tag the file gives and the pipeline does not is added; with ``whole``
    claims, a pipeline tag the file leaves out is removed."""
    made = {(tag["unit"], tag["kind"]) for tag in auto["tags"] if tag.get("cue") != "manual"}
    judged = list(dict.fromkeys((j.unit, j.kind) for j in tags))
    entries = [Entry("tag", (("unit", unit), ("add", kind))) for unit, kind in judged if (unit, kind) not in made]
    entries += [Entry("tag", (("unit", unit), ("remove", kind))) for unit, kind in sorted(made)
                if unit in whole and (unit, kind) not in judged]
    return tuple(entries)


def merge(existing: Corrections, imported: Corrections, about: set[Any], pinned: set[str],
          tagged: Optional[set[str]] = None) -> Corrections:
    """``existing`` without its entries about what the file judged, then ``imported``: ``about``
    holds the judged claims (with ``replace``) or (claim, source unit) pairs; ``pinned`` units;
    ``tagged`` the claims whose tags the file judges whole (their [[tag]] entries are replaced; an
    existing entry for the same tag is replaced too)."""
    new_tags = {(e.get("unit"), e.get("add") or e.get("remove")) for e in imported.others if e.kind == "tag"}

    def kept(entry: Entry) -> bool:
        if entry.kind != "tag":
            return True
        return entry.get("unit") not in (tagged or set()) and \
            (entry.get("unit"), entry.get("add") or entry.get("remove")) not in new_tags

    def judged(entry: tuple[Any, ...]) -> bool:
        return entry[0] in about or (entry[0], entry[1]) in about

    return Corrections(
        tuple(e for e in existing.add if not judged(e)) + imported.add,
        tuple(e for e in existing.remove if not judged(e)) + imported.remove,
        tuple(e for e in existing.pin if e[0] not in pinned) + imported.pin,
        # review mode's entries kept, but tag entries the file judges anew
        others=tuple(e for e in existing.others if kept(e)) + tuple(e for e in imported.others if e.kind == "tag"),
        stale=existing.stale, unapplied=existing.unapplied,
    )


def _existing(corpus: Path, auto: Item) -> Corrections:
    from ..text.records import Section, Unit

    units = [Unit(**u) for u in auto["units"]]
    sections = [Section(**s) for s in auto["sections"]]
    return load_corrections(corpus, units, sections)


def _write(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def report(result: ImportResult) -> list[str]:
    """What the import did, one line each, the annotations not imported last."""
    found = result.imported
    tag_entries = [e for e in found.others if e.kind == "tag"]
    lines = [f"read {result.links} link(s), {result.pins} pin(s) and {result.tags} tag(s): {len(found.add)} to add, "
             f"{len(found.remove)} to remove, {len(found.pin)} to pin, {len(tag_entries)} tag change(s) "
             "(the rest agree with the pipeline)",
             f"links.toml holds {len(result.corrections.add)} add, {len(result.corrections.remove)} remove, "
             f"{len(result.corrections.pin)} pin"
             + (f" (the previous one is kept as {result.backup})" if result.backup else "")]
    others = Counter(item.why for item in result.not_imported if item.anchored)
    if others:
        lines.append("not imported, being neither links, pins nor tags (links.toml holds no comments or findings): "
                     + ", ".join(f"{count} with {why}" for why, count in sorted(others.items())))
    unanchored = [item for item in result.not_imported if not item.anchored]
    if unanchored:
        lines.append(f"not imported, could not be anchored ({len(unanchored)}):")
        lines += [f"  {item.where}: {item.why}" for item in unanchored]
    return lines


__all__ = ["ImportResult", "import_annotations", "judged_corrections", "merge", "report"]
