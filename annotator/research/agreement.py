"""``annotator agree A B``: how far two people's corrections, or two editions, of one corpus agree.

Each side is read as decisions: one label per item, in three categories.

* links — item: a (claim, source unit) pair. Editions: the link's relation, or ``none``.
  Corrections files (links.toml): ``supports``/``rebuts`` (an add or a change of relation),
  ``add`` (an add leaving the relation to the default), ``remove``, ``confirm``, or
  ``unchanged`` when that file does not mention the pair (the last entry on a pair wins).
* citations — editions: item a citation marker (claim, offset), label its section or ``none``;
  corrections files: item a pinned claim, label the section or ``unchanged``.
* tags — editions: item (commentary unit, tag kind), for the units of the kinds that carry tags
  in either edition and every kind either uses; label ``yes`` or ``no``. Corrections files: item
  a (unit, tag kind) that either file's [[tag]] entries name; label ``add``, ``remove`` or
  ``unchanged``.

For each category: the number of items, the share on which both agree, Cohen's kappa (computed
here) and Krippendorff's alpha, nominal (the ``krippendorff`` package, ``annotator[agree]``),
and every disagreement. A figure is None when it is undefined (no items, or one label only).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..edition.tables import require
from ..errors import AnnotatorError
from ..link.corrections import FILE, Corrections, read_corrections_file

Labels = dict[tuple[str, ...], str]
CATEGORIES = ("links", "citations", "tags")


@dataclass(frozen=True)
class Side:
    """One person's (or one build's) decisions, by category."""

    kind: str  # "corrections" or "edition"
    decisions: dict[str, Labels]
    missing: str  # the label of an item this side does not mention
    name: str
    commentary: frozenset[tuple[str, str]] = frozenset()  # (unit id, unit kind) of commentary units


@dataclass(frozen=True)
class Agreement:
    category: str
    items: int
    observed: Optional[float]
    kappa: Optional[float]
    alpha: Optional[float]
    disagreements: tuple[tuple[tuple[str, ...], str, str], ...]


def read_side(path: Path) -> Side:
    """A links.toml (or a corpus folder holding one), or an edition.json (or the folder holding it)."""
    path = Path(path)
    if path.is_dir():
        found = [path / name for name in (FILE, "edition.json") if (path / name).is_file()]
        if not found:
            raise AnnotatorError("the folder holds neither links.toml nor edition.json", file=str(path),
                                 fix="pass a links.toml, an edition.json or a folder holding one")
        path = found[0]
    if path.suffix == ".json":
        return _edition_side(path)
    return _corrections_side(read_corrections_file(path), str(path))


def _corrections_side(corrections: Corrections, name: str) -> Side:
    links: Labels = {}
    for entry in corrections.ordered():  # in file order: the last word on a pair wins
        pair = (entry.get("from") or "", entry.get("to") or "")
        if entry.kind == "remove":
            links[pair] = "remove"
        elif entry.kind in ("add", "relation"):
            links[pair] = entry.get("relation") or ("add" if entry.kind == "add" else links.get(pair, "unchanged"))
        elif entry.kind == "confirm":
            links.setdefault(pair, "confirm")
    pins: Labels = {(unit,): section for unit, section in corrections.pin}
    tags: Labels = {(unit, kind): "add" if present else "remove"
                    for (unit, kind), present in corrections.tag_edits.items()}
    return Side("corrections", {"links": links, "citations": pins, "tags": tags}, "unchanged", name)


def _edition_side(path: Path) -> Side:
    from ..exports import read_edition

    edition = read_edition(path)
    links: Labels = {(link["from"], link["to"]): link["relation"] for link in edition["links"]}
    citations: Labels = {(c["unit"], str(c.get("start", c["marker"]))): c["section"] or "none"
                         for c in edition["citations"]}
    tags: Labels = {(t["unit"], t["kind"]): "yes" for t in edition["tags"]}
    roles = {d["id"]: d["role"] for d in edition["documents"]}
    commentary = frozenset((u["id"], u["kind"]) for u in edition["units"] if roles.get(u["doc"]) == "commentary")
    return Side("edition", {"links": links, "citations": citations, "tags": tags}, "none", str(path), commentary)


def compare(a: Side, b: Side) -> list[Agreement]:
    """The agreement of ``a`` and ``b`` in each category both have."""
    if a.kind != b.kind:
        raise AnnotatorError(f"{a.name} holds {a.kind} and {b.name} holds {b.kind}",
                             fix="compare two links.toml files, or two edition.json files, of one corpus")
    found = []
    for category in CATEGORIES:
        if category not in a.decisions:
            continue
        left, right = a.decisions[category], b.decisions[category]
        if category == "tags" and a.kind == "edition":
            left, right = _tag_grid(left, right, a.commentary | b.commentary)
        items = sorted(set(left) | set(right))
        pairs = [(left.get(i, a.missing), right.get(i, b.missing)) for i in items]
        found.append(figures(category, items, pairs))
    return found


def _tag_grid(left: Labels, right: Labels, commentary: frozenset[tuple[str, str]]) -> tuple[Labels, Labels]:
    """(unit, tag kind), yes or no, for every commentary unit of a kind that carries a tag on
    either side (a bullet, a point …) and every tag kind either side uses."""
    tagged = {unit for unit, _ in (*left, *right)}
    unit_kinds = {kind for unit, kind in commentary if unit in tagged}
    units = sorted({unit for unit, kind in commentary if kind in unit_kinds} | tagged)
    kinds = sorted({kind for _, kind in (*left, *right)})
    grid = [(unit, kind) for unit in units for kind in kinds]
    return ({item: left.get(item, "no") for item in grid}, {item: right.get(item, "no") for item in grid})


def figures(category: str, items: list[tuple[str, ...]], pairs: list[tuple[str, str]]) -> Agreement:
    """Observed agreement, Cohen's kappa and Krippendorff's alpha of two coders' labels."""
    n = len(pairs)
    if n == 0:
        return Agreement(category, 0, None, None, None, ())
    observed = sum(x == y for x, y in pairs) / n
    disagreements = tuple((item, x, y) for item, (x, y) in zip(items, pairs) if x != y)
    return Agreement(category, n, observed, cohen_kappa(pairs), krippendorff_alpha(pairs), disagreements)


def cohen_kappa(pairs: list[tuple[str, str]]) -> Optional[float]:
    """(p_o - p_e) / (1 - p_e), p_e from each coder's own label shares; None when p_e is 1."""
    n = len(pairs)
    first, second = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected == 1:
        return None
    observed = sum(x == y for x, y in pairs) / n
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(pairs: list[tuple[str, str]]) -> Optional[float]:
    """Krippendorff's alpha, nominal, by the ``krippendorff`` package; None when it is undefined
    (one label only) or the package is missing (``compare`` callers say so)."""
    labels = sorted({label for pair in pairs for label in pair})
    if len(labels) < 2:
        return None
    try:
        krippendorff = require("krippendorff", "agree", "Krippendorff's alpha")
    except AnnotatorError:
        return None
    codes = {label: i for i, label in enumerate(labels)}
    data = [[float(codes[x]) for x, _ in pairs], [float(codes[y]) for _, y in pairs]]
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement_report(a: Path, b: Path) -> list[str]:
    """The lines ``annotator agree`` prints."""
    side_a, side_b = read_side(a), read_side(b)
    lines = [f"A: {side_a.name}", f"B: {side_b.name}"]
    for found in compare(side_a, side_b):
        lines.append(f"{found.category}: {found.items} decisions, agreement {_figure(found.observed)}, "
                     f"Cohen's kappa {_figure(found.kappa)}, Krippendorff's alpha {_figure(found.alpha)}")
        if found.disagreements:
            lines.append(f"  disagreements ({len(found.disagreements)}):")
            lines += [f"    {' '.join(item[:2])}: A {x}, B {y}" for item, x, y in found.disagreements]
    if not _has_krippendorff():
        lines.append("(Krippendorff's alpha needs: pip install 'annotator[agree]')")
    return lines


def _figure(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _has_krippendorff() -> bool:
    try:
        require("krippendorff", "agree", "Krippendorff's alpha")
    except AnnotatorError:
        return False
    return True


def agreement_json(a: Path, b: Path) -> str:
    """The same figures as JSON, for scripts."""
    found = compare(read_side(a), read_side(b))
    return json.dumps([{"category": f.category, "items": f.items, "agreement": f.observed, "kappa": f.kappa,
                        "alpha": f.alpha, "disagreements": [{"item": list(i), "a": x, "b": y}
                                                            for i, x, y in f.disagreements]}
                       for f in found], ensure_ascii=False, indent=1) + "\n"
