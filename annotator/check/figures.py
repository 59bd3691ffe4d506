"""number_mismatch: a summary bullet's figure that the sentences it rests on contradict.

The claim's figures (its text with citation markers blanked, so 第2部 or パートII are not read
as figures) are compared, by ``annotator.figures.compare_quantities``, with those of each source
sentence among its best ``FIGURE_RANK`` (3) ``supports`` links. Only supports links: commentary
rebuts the source and brings figures of its own; those it attributes to the source are checked
in ``check/reported.py``.

- A reversed ratio (the same magnitude in the other direction: 約10倍 vs 約10分の1) is flagged
  against the sentence that holds it, even when another linked sentence agrees by magnitude:
  the reversal shows the figure was taken from that sentence and turned round.
- A differing value is flagged only when no linked sentence agrees with the claim's figure
  (a figure often comes from a lower-ranked sentence; a miss beats a false alarm) — or when
  the claim sentence holding it is closest in words to one linked sentence
  (``Alignment.figure_sources``) whose figure of the same kind disagrees: the figure was taken
  from there and changed (約50% where that sentence says 15%).

``Flag.target`` is the sentence; ``detail`` names both figures and their normalised values.
"""
from __future__ import annotations

from typing import Sequence

from ..extract.figures import Mismatch, compare_quantities, extract_quantities
from ..extract.quantities import Quantity
from ..link.markers import find_markers, strip_markers
from ..link.records import Link
from ..text.records import Structure, Unit
from .common import links_by_claim, units_by_id
from .records import Flag

FIGURE_RANK = 3


def check_figures(structure: Structure, links: Sequence[Link],
                  figure_sources: Sequence[tuple[str, str]] = ()) -> tuple[Flag, ...]:
    """A number_mismatch flag for each claim figure that a linked source sentence contradicts."""
    units = units_by_id(structure)
    flags: list[Flag] = []
    for claim_id, found in links_by_claim(links, relation="supports", max_rank=FIGURE_RANK).items():
        claim = units.get(claim_id)
        targets = [units[link.target] for link in found if link.target in units]
        if claim is not None and targets:
            flags += _claim_flags(claim, targets)
    flagged = {(f.unit, f.detail.split(" (", 1)[0]) for f in flags}  # (claim, "claim says <figure>")
    for sentence_id, target_id in figure_sources:
        sentence, target = units.get(sentence_id), units.get(target_id)
        if sentence is not None and target is not None:
            flags += [f for f in _sentence_flags(sentence, target, units) if (f.unit, f.detail.split(" (", 1)[0]) not in flagged]
    return tuple(flags)


def _sentence_flags(sentence: Unit, target: Unit, units: dict[str, Unit]) -> list[Flag]:
    """A claim sentence's figures against the one source sentence it is closest to in words.

    Agreement is sought in that sentence alone: the claim sentence was taken from it, so a
    matching value elsewhere in the passage does not excuse a changed one here.
    """
    figures = claim_quantities(_labelled_text(sentence, units))
    source = extract_quantities(target.text)
    if not figures or not source:
        return []
    return [_flag(sentence.parent or sentence.id, m, target.id)
            for m in compare_quantities(figures, source, taken_from=True)]


def _labelled_text(sentence: Unit, units: dict[str, Unit]) -> str:
    """A sentence's text with the label split off its bullet when it is the bullet's first sentence."""
    block = units.get(sentence.parent or "")
    if block is None or block.body_start is None or block.body_start > sentence.start:
        return sentence.text
    lead = block.text[:block.body_start - block.start]
    if block.text[len(lead):sentence.start - block.start].strip():
        return sentence.text  # not the first sentence
    return block.text[:sentence.end - block.start]


def _flag(unit: str, mismatch: Mismatch, target: str) -> Flag:
    return Flag(unit=unit, kind="number_mismatch", detail=mismatch.detail, target=target,
                said=mismatch.claim.text, source_said=mismatch.source.text, reason=mismatch.reason)


def claim_quantities(text: str) -> list[Quantity]:
    """The figures of a claim's text, outside its citation markers."""
    return extract_quantities(strip_markers(text, find_markers(text)))


def _claim_flags(claim: Unit, targets: Sequence[Unit]) -> list[Flag]:
    figures = claim_quantities(claim.text)
    if not figures:
        return []
    source = {t.id: extract_quantities(t.text) for t in targets}
    pooled = [q for found in source.values() for q in found]
    flags: list[Flag] = []
    seen: set[tuple[str, str]] = set()
    for target in targets:
        for mismatch in compare_quantities(figures, source[target.id]):
            if mismatch.reason != "inverted" and not compare_quantities([mismatch.claim], pooled):
                continue  # another linked sentence agrees with this figure
            key = (target.id, mismatch.detail)
            if key not in seen:
                seen.add(key)
                flags.append(_flag(claim.id, mismatch, target.id))
    return flags
