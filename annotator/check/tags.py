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

from ..link.claims import reported
from ..text import nlp
from ..text.records import Unit
from .cues import CueHit, CueMatcher, hits_in
from .records import Tag
from .taxonomy import RebuttalType, rebuttal_types

TAGGED_KINDS = ("point", "bullet")
_SENTENCE_KINDS = ("sentence", "bullet", "heading", "paragraph")


@lru_cache(maxsize=1)
def cue_matcher() -> CueMatcher:
    """The Matcher of every kind's cues, compiled once."""
    return CueMatcher([(kind.id, kind.cues) for kind in rebuttal_types()])


def tag_units(units: Sequence[Unit], roles: Mapping[str, str],
              docs: Optional[Mapping[str, Doc]] = None) -> list[Tag]:
    """Tags for every commentary point (its heading and lead) and bullet.

    ``docs`` are the documents' spaCy Docs (offsets as the units'); without them each sentence
    is analyzed on its own (its language guessed from its script).
    """
    children: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.parent:
            children.setdefault(unit.parent, []).append(unit)
    found = _document_hits(units, roles, docs or {})
    tags: list[Tag] = []
    for unit in units:
        if roles[unit.doc] != "commentary" or unit.kind not in TAGGED_KINDS:
            continue
        parts = [unit] if unit.kind == "bullet" else [k for k in children.get(unit.id, []) if k.kind in ("heading", "paragraph")]
        sentences = [s for p in parts for s in (children.get(p.id) or [p]) if s.kind in _SENTENCE_KINDS]
        tags += _tags_for(unit, sentences, found)
    return tags


def _document_hits(units: Sequence[Unit], roles: Mapping[str, str],
                   docs: Mapping[str, Doc]) -> dict[str, tuple[str, list[CueHit]]]:
    """For each commentary document, its text and the cues found in it (one Matcher pass per Doc)."""
    matcher = cue_matcher()
    found: dict[str, tuple[str, list[CueHit]]] = {}
    for doc_id, doc in docs.items():
        if roles.get(doc_id) == "commentary":
            found[doc_id] = (doc.text, matcher.find(doc))
    return found


def _tags_for(unit: Unit, sentences: Sequence[Unit], found: Mapping[str, tuple[str, list[CueHit]]]) -> list[Tag]:
    """One tag per kind, cued by its first hit in sentence order (proposals outside reported speech)."""
    first: dict[str, str] = {}
    for sentence in sentences:
        text, hits = _sentence_hits(sentence, found)
        for hit in hits:
            if hit.kind in first or (hit.kind == "proposal" and reported(sentence.text)):
                continue
            first[hit.kind] = text[hit.start:hit.end].strip()
    order = {kind.id: n for n, kind in enumerate(rebuttal_types())}
    return [Tag(unit.id, kind, cue) for kind, cue in sorted(first.items(), key=lambda pair: order.get(pair[0], len(order)))]


def _sentence_hits(sentence: Unit, found: Mapping[str, tuple[str, list[CueHit]]]) -> tuple[str, list[CueHit]]:
    """The cue hits of one sentence, with the text their offsets index."""
    if sentence.doc in found:
        text, hits = found[sentence.doc]
        if text[sentence.start:sentence.end] == sentence.text:
            return text, hits_in(hits, sentence.start, sentence.end)
    lang = "ja" if any("\u3040" <= c <= "\u9fff" for c in sentence.text) else "en"
    return sentence.text, cue_matcher().find(nlp.analyze(sentence.text, lang))
