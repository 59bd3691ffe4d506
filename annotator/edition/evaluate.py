"""Score an edition.json against a gold file (docs/gold-format.md defines both the gold and the scores)."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any, Optional

from annotator.edition.gold import GoldError, gold_references, load_gold, validate_gold
from annotator.edition.resolve import Claim, EditionIndex, resolve_claims
from annotator.edition.validate import EditionFileError, read_edition_file

__all__ = ["EditionFileError", "GoldError", "Ratio", "Scores", "evaluate", "evaluate_files", "format_scores",
           "load_edition", "load_gold"]


@dataclass(frozen=True)
class Ratio:
    """A score as hits over cases; ``missed`` names the cases that failed."""

    num: int
    den: int
    missed: tuple[str, ...] = ()

    @property
    def value(self) -> Optional[float]:
        """num/den, or None when there is nothing to score."""
        return self.num / self.den if self.den else None

    def __str__(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.3f}"
        return f"{self.num}/{self.den} ({shown})"


@dataclass(frozen=True)
class Scores:
    """Every score of one edition against one gold, in report order."""

    cited_section: Ratio
    support_paragraph_at1: Ratio
    support_sentence_at1: Ratio
    support_sentence_at3: Ratio
    rebuttal_paragraph_at1: Ratio
    rebuttal_target_at1: Ratio
    rebuttal_target_at3: Ratio
    tag_accuracy: Ratio
    extra_tags: Ratio
    miscitation_precision: Ratio
    miscitation_recall: Ratio
    number_mismatch_precision: Ratio
    number_mismatch_recall: Ratio
    quote_status: Ratio
    markers_read: Ratio
    faults_flagged: Ratio
    false_flags: Ratio
    gold_resolved: Ratio


LABELS = {
    "cited_section": "cited section", "support_paragraph_at1": "support paragraph@1",
    "support_sentence_at1": "support sentence@1", "support_sentence_at3": "support sentence@3",
    "rebuttal_paragraph_at1": "rebuttal paragraph@1", "rebuttal_target_at1": "rebuttal target@1",
    "rebuttal_target_at3": "rebuttal target@3", "tag_accuracy": "tag accuracy", "extra_tags": "extra tags",
    "miscitation_precision": "miscitation flags precision", "miscitation_recall": "miscitation flags recall",
    "number_mismatch_precision": "number_mismatch flags precision",
    "number_mismatch_recall": "number_mismatch flags recall", "quote_status": "quote status",
    "markers_read": "markers read", "faults_flagged": "planted faults flagged", "false_flags": "false flags",
    "gold_resolved": "gold resolved",
}
# a quotation with one of these statuses is reported to the reader as not matching the source
FAULT_QUOTE_STATUSES = ("absent", "close")


def evaluate(edition: dict[str, Any], gold: dict[str, Any], *, gold_file: Optional[str] = None,
             lenient: bool = False) -> Scores:
    """Score an edition (edition.json data) against a gold (load_gold data).

    A gold substring or heading that names no unit (or several) is a GoldError; with ``lenient`` it is
    scored as a miss wherever it is needed instead, and ``gold_resolved`` counts the ones that resolved.
    """
    validate_gold(gold, file=gold_file)
    index = EditionIndex(edition)
    unresolved: list[str] = []
    summary, commentary = resolve_claims(gold, index, gold_file, lenient=lenient, unresolved=unresolved)
    names = len(gold_references(gold)) + sum(e[k] is not None for e in gold["summary"]
                                             for k in ("cited_section", "support_section"))
    links = _ranked_links(edition, index)
    support = _link_scores(summary, links, index, "supports")
    rebuttal = _link_scores(commentary, links, index, "rebuts")
    tags = _tag_scores(commentary, edition, index)
    miscitation = _flag_scores(summary + commentary, edition, index, "miscitation")
    mismatch = _flag_scores(summary + commentary, edition, index, "number_mismatch")
    claims = summary + commentary
    return Scores(_cited_section(summary, edition, index), *support, *rebuttal, *tags, *miscitation, *mismatch,
                  _quote_status(claims, edition, index), _markers_read(summary, edition, index),
                  *_fault_scores(claims, edition, index), Ratio(names - len(unresolved), names, tuple(unresolved)))


def format_scores(scores: Scores, *, details: bool = False) -> str:
    """One line per score, e.g. ``cited section: 15/15 (1.000)``; with details, the misses below each."""
    lines = []
    width = max(len(label) for label in LABELS.values()) + 1
    for item in fields(scores):
        ratio: Ratio = getattr(scores, item.name)
        lines.append(f"{LABELS[item.name] + ':':<{width}} {ratio}")
        if details:
            lines += [f"    {miss}" for miss in ratio.missed]
    return "\n".join(lines)


def load_edition(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an edition.json file: bounded, strict JSON, valid against the edition schema."""
    return read_edition_file(path, "evaluate")


def evaluate_files(edition_path: str | os.PathLike[str], gold_path: str | os.PathLike[str], *,
                   lenient: bool = False, details: bool = False) -> str:
    """Load an edition.json and a gold file and return the formatted scores (``annotator evaluate``)."""
    gold = load_gold(gold_path)
    scores = evaluate(load_edition(edition_path), gold, gold_file=os.fspath(gold_path), lenient=lenient)
    return format_scores(scores, details=details)


def _ranked_links(edition: dict[str, Any], index: EditionIndex) -> dict[tuple[str, str], list[str]]:
    """Each claim's link targets, best first; links from its sentences count for the claim."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for link in edition.get("links", []):
        grouped.setdefault((index.owner(link["from"]), link["relation"]), []).append(link)
    return {key: [link["to"] for link in sorted(found, key=lambda k: (k["rank"], -k["score"], k["to"]))]
            for key, found in grouped.items()}


def _link_scores(claims: list[Claim], links: dict[tuple[str, str], list[str]], index: EditionIndex,
                 relation: str) -> tuple[Ratio, Ratio, Ratio]:
    """paragraph@1, sentence@1 and sentence@3 over the claims that have gold sentences."""
    scored = [c for c in claims if c.sentences]
    misses: tuple[list[str], list[str], list[str]] = ([], [], [])
    for claim in scored:
        ranked = links.get((claim.unit, relation), [])
        top = ranked[0] if ranked else None
        outcomes = (top is not None and index.block_of(top) in claim.paragraphs,
                    top in claim.sentences, any(t in claim.sentences for t in ranked[:3]))
        for missed, hit in zip(misses, outcomes):
            if not hit:
                missed.append(f"{claim.name}: best link {index.describe(top)}")
    paragraph, first, top3 = (Ratio(len(scored) - len(m), len(scored), tuple(m)) for m in misses)
    return paragraph, first, top3


def _tag_scores(claims: list[Claim], edition: dict[str, Any], index: EditionIndex) -> tuple[Ratio, Ratio]:
    """Share of gold (unit, kind) tags found, and share of the edition's tags the gold does not list."""
    wanted = {(c.unit, kind): c.name for c in claims for kind in c.tags}
    found = {(index.owner(t["unit"]), t["kind"]) for t in edition.get("tags", [])}
    missed = tuple(f"{name}: no {kind} tag" for (unit, kind), name in wanted.items() if (unit, kind) not in found)
    extra = sorted(found - set(wanted))
    return (Ratio(len(wanted) - len(missed), len(wanted), missed),
            Ratio(len(extra), len(found), tuple(f"{unit}: {kind}" for unit, kind in extra)))


def _flag_scores(claims: list[Claim], edition: dict[str, Any], index: EditionIndex,
                 kind: str) -> tuple[Ratio, Ratio]:
    """Precision and recall of the edition's flags of one kind; the gold lists every such flag."""
    wanted = {c.unit: c.name for c in claims if kind in c.flags}
    found = {index.owner(f["unit"]) for f in edition.get("flags", []) if f["kind"] == kind}
    wrong = tuple(sorted(found - set(wanted)))
    missed = tuple(name for unit, name in wanted.items() if unit not in found)
    return (Ratio(len(found) - len(wrong), len(found), wrong),
            Ratio(len(wanted) - len(missed), len(wanted), missed))


def _cited_section(claims: list[Claim], edition: dict[str, Any], index: EditionIndex) -> Ratio:
    """Share of summary claims whose best citation resolves to the section the gold names."""
    best: dict[str, dict[str, Any]] = {}
    for citation in edition.get("citations", []):
        unit = index.owner(citation["unit"])
        if unit not in best or citation["score"] > best[unit]["score"]:
            best[unit] = citation
    missed = []
    for claim in claims:
        got = best[claim.unit]["section"] if claim.unit in best else None
        if got != claim.cited:
            missed.append(f"{claim.name}: cites {got or 'no section'}, want {claim.cited or 'no section'}")
    return Ratio(len(claims) - len(missed), len(claims), tuple(missed))


def _markers_read(claims: list[Claim], edition: dict[str, Any], index: EditionIndex) -> Ratio:
    """Share of summary claims whose marker names a section that carry a citation at all (resolved or not)."""
    cited = {index.owner(c["unit"]) for c in edition.get("citations", [])}
    marked = [c for c in claims if c.cited is not None]
    missed = tuple(f"{c.name}: no citation marker read" for c in marked if c.unit not in cited)
    return Ratio(len(marked) - len(missed), len(marked), missed)


def _fault_scores(claims: list[Claim], edition: dict[str, Any], index: EditionIndex) -> tuple[Ratio, Ratio]:
    """Planted faults the edition flags, and flags it raises that the gold does not plant.

    A fault is a gold flag (miscitation included) or a gold quotation whose status is absent or close;
    the edition raises a flag by a ``flags`` item or by giving a quotation one of those statuses.
    """
    wanted = {(c.unit, kind): c.name for c in claims for kind in c.flags}
    raised = {(index.owner(f["unit"]), f["kind"]) for f in edition.get("flags", [])}
    bad_quotes = [q for q in edition.get("quotes", []) if q["status"] in FAULT_QUOTE_STATUSES]
    missed = [f"{name}: {kind} not flagged" for (unit, kind), name in wanted.items() if (unit, kind) not in raised]
    planted_quotes: list[tuple[Claim, str]] = [(c, text) for c in claims for text, status in c.quotes
                                               if status in FAULT_QUOTE_STATUSES]
    for claim, text in planted_quotes:
        if not any(_same_quote(q, text, claim, index) for q in bad_quotes):
            missed.append(f"{claim.name}: 「{text}」 not flagged")
    false = [f"{unit}: {kind}" for unit, kind in sorted(raised - set(wanted))]
    false += [f"{q['unit']}: 「{_bare(q['text'])}」 {q['status']}" for q in bad_quotes
              if not any(_same_quote(q, text, claim, index) for claim, text in planted_quotes)]
    planted = len(wanted) + len(planted_quotes)
    return (Ratio(planted - len(missed), planted, tuple(missed)),
            Ratio(len(false), len(raised) + len(bad_quotes), tuple(false)))


def _same_quote(quote: dict[str, Any], text: str, claim: Claim, index: EditionIndex) -> bool:
    return _bare(quote["text"]) == _bare(text) and index.within(quote["unit"], claim.unit)


def _quote_status(claims: list[Claim], edition: dict[str, Any], index: EditionIndex) -> Ratio:
    """Share of gold quotations found inside their unit with the gold status."""
    total, missed = 0, []
    for claim in claims:
        for text, status in claim.quotes:
            total += 1
            got = sorted({q["status"] for q in edition.get("quotes", [])
                          if _bare(q["text"]) == _bare(text) and index.within(q["unit"], claim.unit)})
            if got != [status]:
                missed.append(f"{claim.name}: 「{text}」 is {'/'.join(got) or 'not found'}, want {status}")
    return Ratio(total - len(missed), total, tuple(missed))


def _bare(text: str) -> str:
    return text.strip().strip("「」『』“”\"'‘’").strip()

