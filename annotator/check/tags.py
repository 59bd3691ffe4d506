"""Tag each commentary point and bullet with the kinds of answer it gives.

The taxonomy lives in ``data/rebuttal_types.toml``: for each kind, Japanese and English labels,
a one-line definition in both languages (shown in the edition's legend) and cue phrases, which
annotator.check.cues matches on lemmas over the commentary's spaCy Doc, so inflected forms count.
A proposal cue inside reported speech (著者は…べきだと主張している) is the source's proposal, not
the commentary's, so it does not count.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Optional, Sequence

from spacy.tokens import Doc

from ..extract.quantities import extract_quantities
from ..link.claims import reported
from ..text import nlp
from ..text.records import Unit
from .cues import CueHit, CueMatcher, hits_in
from .records import Tag
from .taxonomy import kind_ids, rebuttal_types

TAGGED_KINDS = ("point", "bullet")
FALLBACK = "~"  # label prefix of a kind's fallback grammar in the matcher
# moves that, in reported speech (著者は…すれば…なると主張している), are the source's, not the commentary's
_NOT_REPORTED = (FALLBACK, "proposal", "consequence")
EVIDENCE = "counter_evidence"
EVIDENCE_FIGURES = ("multiple", "fraction", "percent", "points", "money", "count", "duration")
_SENTENCE_KINDS = ("sentence", "bullet", "heading", "paragraph")


@lru_cache(maxsize=1)
def cue_matcher() -> CueMatcher:
    """The Matcher of every kind's cues and (labelled ``FALLBACK`` + id) fallback grammar, compiled once."""
    return CueMatcher([(kind.id, kind.cues) for kind in rebuttal_types()]
                      + [(FALLBACK + kind.id, kind.fallback) for kind in rebuttal_types() if kind.fallback])


def tag_units(units: Sequence[Unit], roles: Mapping[str, str],
              docs: Optional[Mapping[str, Doc]] = None, texts: Optional[Mapping[str, str]] = None) -> list[Tag]:
    """Tags for every commentary point (its heading and lead) and bullet.

    ``docs`` are the documents' spaCy Docs (offsets as the units'), ``texts`` their texts; without
    Docs each sentence is analyzed on its own (its language guessed from its script).
    """
    children: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.parent:
            children.setdefault(unit.parent, []).append(unit)
    found = _document_hits(roles, docs or {}, texts or {})
    tags: list[Tag] = []
    for unit in units:
        if roles[unit.doc] != "commentary" or unit.kind not in TAGGED_KINDS:
            continue
        parts = [unit] if unit.kind == "bullet" else [k for k in children.get(unit.id, []) if k.kind in ("heading", "paragraph")]
        sentences = [s for p in parts for s in (children.get(p.id) or [p]) if s.kind in _SENTENCE_KINDS]
        tags += _tags_for(unit, sentences, found)
    return tags


def _document_hits(roles: Mapping[str, str], docs: Mapping[str, Doc],
                   texts: Mapping[str, str]) -> dict[str, tuple[str, list[CueHit]]]:
    """For each commentary document, its text and the cues found in it (one Matcher pass per Doc)."""
    matcher = cue_matcher()
    found: dict[str, tuple[str, list[CueHit]]] = {}
    for doc_id, doc in docs.items():
        if roles.get(doc_id) == "commentary":
            text = texts[doc_id] if doc_id in texts else doc.text
            found[doc_id] = (text, matcher.find(doc, text))
    return found


def _tags_for(unit: Unit, sentences: Sequence[Unit], found: Mapping[str, tuple[str, list[CueHit]]]) -> list[Tag]:
    """One tag per kind, cued by its first hit in sentence order; the fallback grammar only when no
    cue is found (a figure of the point's own is fallback counter-evidence). Reported speech
    (著者は…と主張している) gives no proposal, consequence or fallback."""
    first: dict[str, str] = {}
    for sentence in sentences:
        text, hits = _sentence_hits(sentence, found)
        own = not reported(sentence.text)
        for hit in hits:
            if hit.kind in first or (not own and hit.kind.startswith(_NOT_REPORTED)):
                continue
            first[hit.kind] = text[hit.start:hit.end].strip()
        figure = _figure(sentence.text) if own else None
        if figure and FALLBACK + EVIDENCE not in first:
            first[FALLBACK + EVIDENCE] = figure  # a figure of its own is the commonest counter-evidence
    cued = {kind: cue for kind, cue in first.items() if not kind.startswith(FALLBACK)}
    chosen = cued or {kind[len(FALLBACK):]: cue for kind, cue in first.items()}
    order = {kind.id: n for n, kind in enumerate(rebuttal_types())}
    return [Tag(unit.id, kind, cue) for kind, cue in sorted(chosen.items(), key=lambda pair: order.get(pair[0], len(order)))]


def _figure(text: str) -> Optional[str]:
    """The first figure of a sentence that measures something (not a year, a date or a bare number)."""
    return next((q.text for q in extract_quantities(text) if q.kind in EVIDENCE_FIGURES), None)


def _sentence_hits(sentence: Unit, found: Mapping[str, tuple[str, list[CueHit]]]) -> tuple[str, list[CueHit]]:
    """The cue hits of one sentence, with the text their offsets index."""
    if sentence.doc in found:
        text, hits = found[sentence.doc]
        if text[sentence.start:sentence.end] == sentence.text:
            return text, hits_in(hits, sentence.start, sentence.end)
    lang = "ja" if any("\u3040" <= c <= "\u9fff" for c in sentence.text) else "en"
    return sentence.text, cue_matcher().find(nlp.analyze(sentence.text, lang))


def apply_tag_edits(tags: Sequence[Tag], edits: Mapping[tuple[str, str], bool]) -> list[Tag]:
    """The tags with those removed by hand dropped and those added by hand appended (cue ``manual``)."""
    kept = [tag for tag in tags if edits.get((tag.unit, tag.kind), True)]
    have = {(tag.unit, tag.kind) for tag in kept}
    kept += [Tag(unit, kind, "manual") for (unit, kind), present in edits.items() if present and (unit, kind) not in have]
    return kept


def tag_kinds() -> tuple[str, ...]:
    """The id of every rebuttal type."""
    return kind_ids()
