"""Tag each commentary point and bullet with the kinds of answer it gives.

The taxonomy lives in ``data/rebuttal_types.toml``: for each kind, Japanese and English labels,
a one-line definition in both languages (shown in the edition's legend) and cue phrases, which
annotator.check.cues matches on lemmas over the commentary's spaCy Doc, so inflected forms count.
A proposal cue inside reported speech (著者は…べきだと主張している) is the source's proposal, not
the commentary's, so it does not count.
"""
from __future__ import annotations

import re
from bisect import bisect_right
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
COMBO = "&"  # label of one group of a kind's combination: &kind&combination&group
# moves that, in reported speech (著者は…すれば…なると主張している), are the source's, not the commentary's
_NOT_REPORTED = (FALLBACK, "proposal", "consequence")
EVIDENCE = "counter_evidence"
EVIDENCE_FIGURES = ("multiple", "fraction", "percent", "points", "money", "count", "duration")
_SENTENCE_KINDS = ("sentence", "bullet", "heading", "paragraph")
# a sentence about what the source's author does (筆者は…を求めている, they never said … should):
# a proposal in it is the source's, not the commentary's
_SOURCE_VOICE = re.compile(r"^(?:筆者|著者|社説|記事|コラム|論者|投稿者|報告書|本文|原文)(?:は|も)|"
                           r"\b(?:said|argued|proposed|claimed|suggested)\b", re.IGNORECASE)
_SOURCE_MOVES = ("proposal", FALLBACK + "proposal")
# where a sentence's clause ends and the commentator's own voice may resume (社説は…と書くが、…すべきだ)
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?:\s|$)")
_CLAUSE_END = re.compile(r"(?:が|けれど(?:も)?|のだから|ものの|にもかかわらず|のに)[、,]|[;；]|,\s*(?:but|yet|so)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def cue_matcher() -> CueMatcher:
    """The Matcher of every kind's cues and (labelled ``FALLBACK`` + id) fallback grammar, compiled once."""
    return CueMatcher([(kind.id, kind.cues) for kind in rebuttal_types()]
                      + [(FALLBACK + kind.id, kind.fallback) for kind in rebuttal_types() if kind.fallback]
                      + [(f"{COMBO}{kind.id}{COMBO}{n}{COMBO}{g}", group) for kind in rebuttal_types()
                         for n, groups in enumerate(kind.combos) for g, group in enumerate(groups)])


@lru_cache(maxsize=1)
def _combo_sizes() -> dict[tuple[str, int], int]:
    return {(kind.id, n): len(groups) for kind in rebuttal_types() for n, groups in enumerate(kind.combos)}


@lru_cache(maxsize=1)
def _overrides() -> dict[str, tuple[str, ...]]:
    return {kind.id: kind.overrides for kind in rebuttal_types() if kind.overrides}


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
    """One tag per kind, cued by its first hit in sentence order (a cue, or every group of one of
    its combinations in one sentence; a figure of the point's own is counter-evidence); the
    fallback grammar only when no cue is found. Reported speech (著者は…と主張している) gives no
    proposal, consequence or fallback in its clause. A kind found drops the broader kinds it
    overrides when they are read from the same words (誰も…言っていない: a straw man, not an omission)."""
    first: dict[str, tuple[str, tuple[int, int, int]]] = {}
    for number, sentence in enumerate(sentences):
        for kind, (cue, (start, end)) in _sentence_moves(sentence, found).items():
            if kind not in first:
                first[kind] = (cue, (number, start, end))
    cued = {kind: found_at for kind, found_at in first.items() if not kind.startswith(FALLBACK)}
    broader = {other for kind, (_, span) in cued.items() for other in _overrides().get(kind, ())
               if other in cued and _overlap(cued[other][1], span)}
    chosen = {kind: cue for kind, (cue, _) in cued.items() if kind not in broader} \
        or {kind[len(FALLBACK):]: cue for kind, (cue, _) in first.items()}
    order = {kind.id: n for n, kind in enumerate(rebuttal_types())}
    return [Tag(unit.id, kind, cue) for kind, cue in sorted(chosen.items(), key=lambda pair: order.get(pair[0], len(order)))]


def _overlap(one: tuple[int, int, int], other: tuple[int, int, int]) -> bool:
    """Whether two (sentence, start, end) spans share a character."""
    return one[0] == other[0] and one[1] < other[2] and other[1] < one[2]


def _sentence_moves(sentence: Unit, found: Mapping[str, tuple[str, list[CueHit]]]) -> dict[str, tuple[str, tuple[int, int]]]:
    """The kinds (and ``FALLBACK`` kinds) one sentence gives: each with its cue and the span it covers."""
    text, hits, base = _sentence_hits(sentence, found)
    clauses = _clauses(sentence.text)
    moves: dict[str, tuple[str, tuple[int, int]]] = {}
    groups: dict[tuple[str, int, int], dict[int, tuple[CueHit, int]]] = {}
    ends = [m.end() for m in _SENTENCE_END.finditer(sentence.text)]  # a unit read whole may hold several
    for hit in hits:
        at = _clause_at(clauses, hit.start - base)
        own, voice = clauses[at][1:]
        if hit.kind.startswith(COMBO):
            kind, n, g = hit.kind[len(COMBO):].split(COMBO)
            if own or not kind.startswith(_NOT_REPORTED):
                groups.setdefault((kind, int(n), bisect_right(ends, hit.start - base)), {}).setdefault(int(g), (hit, at))
        elif not (hit.kind in moves or (not own and hit.kind.startswith(_NOT_REPORTED))
                  or (not voice and hit.kind in _SOURCE_MOVES)):
            moves[hit.kind] = (text[hit.start:hit.end].strip(), (hit.start, hit.end))
    for (kind, n, _), got in sorted(groups.items()):
        if kind not in moves and len(got) == _combo_sizes()[(kind, n)]:
            parts = sorted(got.values(), key=lambda pair: pair[0].start)
            moves[kind] = (" … ".join(text[h.start:h.end].strip() for h, _ in parts), (parts[0][0].start, max(h.end for h, _ in parts)))
    figure = _figure(sentence.text)
    if figure and EVIDENCE not in moves:
        at = _clause_at(clauses, sentence.text.find(figure))
        if clauses[at][1]:  # not the source's figure, reported; no span, so no kind overrides it
            moves[EVIDENCE] = (figure, (-1, -1))  # the commonest counter-evidence: data, whatever else is read
    return moves


def _clauses(text: str) -> list[tuple[int, bool, bool]]:
    """Each clause of a sentence: its start, whether it is the commentator's own (reports nothing
    the source said) and whether a proposal in it is the commentator's (its topic is not the source)."""
    starts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]
    ends = starts[1:] + [len(text)]
    return [(start, not reported(text[start:end]), not reported(text[start:end]) and not (n == 0 and _SOURCE_VOICE.search(text[start:end])))
            for n, (start, end) in enumerate(zip(starts, ends))]


def _clause_at(clauses: Sequence[tuple[int, bool, bool]], offset: int) -> int:
    """The index of the clause that holds a character offset."""
    return max(0, bisect_right([start for start, _, _ in clauses], offset) - 1)


def _figure(text: str) -> Optional[str]:
    """The first figure of a sentence that measures something (not a year, a date or a bare number)."""
    return next((q.text for q in extract_quantities(text) if q.kind in EVIDENCE_FIGURES), None)


def _sentence_hits(sentence: Unit, found: Mapping[str, tuple[str, list[CueHit]]]) -> tuple[str, list[CueHit], int]:
    """The cue hits of one sentence, with the text their offsets index and where the sentence begins in it."""
    if sentence.doc in found:
        text, hits = found[sentence.doc]
        if text[sentence.start:sentence.end] == sentence.text:
            return text, hits_in(hits, sentence.start, sentence.end), sentence.start
    lang = "ja" if any("\u3040" <= c <= "\u9fff" for c in sentence.text) else "en"
    return sentence.text, cue_matcher().find(nlp.analyze(sentence.text, lang)), 0


def apply_tag_edits(tags: Sequence[Tag], edits: Mapping[tuple[str, str], bool]) -> list[Tag]:
    """The tags with those removed by hand dropped and those added by hand appended (cue ``manual``)."""
    kept = [tag for tag in tags if edits.get((tag.unit, tag.kind), True)]
    have = {(tag.unit, tag.kind) for tag in kept}
    kept += [Tag(unit, kind, "manual") for (unit, kind), present in edits.items() if present and (unit, kind) not in have]
    return kept


def tag_kinds() -> tuple[str, ...]:
    """The id of every rebuttal type."""
    return kind_ids()
