"""The claims to align: summary bullets and commentary points and bullets, as bags of terms.

Two habits of commentary are used, both grammar rather than wording:
- reported speech (…と主張している, …を擁護している, the author argues …) tells what the source claimed, so
  those sentences count double toward the claim's target;
- quoted words (「…」) count double: they name what the claim says the source says;
- a bullet that opens with a connective or an anaphor (実際、 / しかし / そのような …) answers
  what the bullet before it answered (a first bullet: its point), so it inherits half of its terms.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Mapping, Optional, Sequence

from ..extract.quotes import QuoteSpan, find_quotes
from ..text.records import Unit
from .markers import Marker, find_spans
from .terms import TermIndex

REPORTED_WEIGHT = 2.0
QUOTED_WEIGHT = 2.0
OWN_WEIGHT = 0.5  # a sentence that neither reports nor quotes the source
INHERITED_WEIGHT = 0.5
_REPORTED = re.compile(
    r"(?:と|とも)(?:主張|提言|示唆|述べ|論じ|指摘|強調|考え|認め|訴え|書い)|として(?:いる|いた|おり)|"
    r"(?:主張|提言|示唆|擁護|強調|提唱)し(?:て|た)|を認め(?:ながら|つつ|て)|"
    r"\b(?:argues?|claims?|says?|writes?|suggests?|contends?|insists?|maintains?)\b", re.IGNORECASE)
_CONNECTIVE = re.compile(
    r"^(?:実際|事実|しかし|だが|ところが|一方|むしろ|逆に|その(?:ような|ため|結果)?|この(?:ような)?|こうした|そうした|"
    r"これ(?:は|が|に)|それ(?:は|が|に)|in\s+fact|actually|however|but|yet|this|that|such)", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """A summary or commentary unit to be linked, with its text's terms and markers."""

    unit: Unit
    relation: str
    terms: Counter[str]
    markers: tuple[Marker, ...]
    quotes: tuple[QuoteSpan, ...] = ()
    unread: tuple[Marker, ...] = ()  # bare spans in a marker's place that name no section


Accept = Callable[[Marker, TermIndex], bool]  # does a bare span name a section?


def build_claims(units: Sequence[Unit], roles: Mapping[str, str], indexes: Mapping[str, TermIndex],
                 accept: Optional[Accept] = None) -> list[Claim]:
    """Every claim in document order, commentary bullets with their inherited context.

    ``accept`` tells whether a bare span (＜費用の問題＞) names a section; without it none does."""
    children: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.parent:
            children.setdefault(unit.parent, []).append(unit)
    claims: list[Claim] = []
    by_unit: dict[str, Claim] = {}
    previous: Optional[Claim] = None
    for unit in units:
        role = roles[unit.doc]
        if not is_claim(role, unit.kind):
            continue
        claim = _claim(unit, role, _parts(unit, children), children, indexes[unit.doc], accept)
        if role == "summary" and not claim.markers and not claim.unread:
            claim = replace(claim, markers=_group_markers(unit, children, indexes[unit.doc], accept))
        context = _answered(previous, unit, by_unit)
        if role == "commentary" and unit.kind == "bullet" and context is not None and _CONNECTIVE.match(unit.text):
            claim = replace(claim, terms=claim.terms + _scaled(context.terms, INHERITED_WEIGHT))
        claims.append(claim)
        by_unit[unit.id] = claim
        previous = claim
    return claims


def _group_markers(unit: Unit, children: Mapping[str, list[Unit]], index: TermIndex,
                   accept: Optional[Accept]) -> tuple[Marker, ...]:
    """The markers of the group heading over a bullet that has none (1. 他都市の経験【第1節】 / - … / - …)."""
    heading = next((k for k in children.get(unit.parent or "", []) if k.kind == "heading"), None)
    if heading is None:
        return ()
    spans = [_loose(m.shifted(heading.start), index, accept) for m in find_spans(heading.text)]
    return tuple(m for m in spans if not m.bare or accept is not None and accept(m, index))


def _loose(marker: Marker, index: TermIndex, accept: Optional[Accept]) -> Marker:
    """A marker whose unquoted title (（出典：文部科学省）) names no section keeps its source word only."""
    if marker.loose and not (accept is not None and accept(marker, index)):
        return replace(marker, title=None, loose=False)
    return marker


def is_claim(role: str, kind: str) -> bool:
    """Summary bullets and commentary points and bullets are the claims."""
    return role == "summary" and kind == "bullet" or role == "commentary" and kind in ("point", "bullet")


def _answered(previous: Optional[Claim], unit: Unit, by_unit: Mapping[str, Claim]) -> Optional[Claim]:
    """What a connective bullet answers: the bullet before it, or for a first bullet its point."""
    if previous is not None and previous.unit.parent == unit.parent and previous.unit.kind == "bullet":
        return previous
    return by_unit.get(unit.parent or "")


def _parts(unit: Unit, children: Mapping[str, list[Unit]]) -> list[Unit]:
    if unit.kind == "bullet":
        return [unit]
    return [k for k in children.get(unit.id, []) if k.kind in ("heading", "paragraph")]


def _claim(unit: Unit, role: str, parts: Sequence[Unit], children: Mapping[str, list[Unit]],
           index: TermIndex, accept: Optional[Accept]) -> Claim:
    spans = [_loose(m.shifted(part.start), index, accept) for part in parts for m in find_spans(part.text)]
    markers = tuple(m for m in spans if not m.bare or accept is not None and accept(m, index))
    unread = tuple(m for m in spans if m.bare and m not in markers)
    masked = [(m.start, m.end) for m in markers]
    terms: Counter[str] = Counter()
    for part in parts:
        for start, end, weight in _weighted_spans(part, children, OWN_WEIGHT if role == "commentary" else 1.0):
            _add(terms, index.bag(start, end, masked), weight)
    quotes = tuple(QuoteSpan(q.start + part.start, q.end + part.start, q.text) for part in parts
                   for q in find_quotes(part.text, [(s - part.start, e - part.start) for s, e in masked]))
    for quote in quotes:  # words put in the source's mouth name what the claim is about
        _add(terms, index.bag(quote.start, quote.end), QUOTED_WEIGHT - 1.0)
    return Claim(unit, "supports" if role == "summary" else "rebuts", terms, markers, quotes, unread)


def _weighted_spans(part: Unit, children: Mapping[str, list[Unit]], own: float) -> Iterator[tuple[int, int, float]]:
    sentences = [k for k in children.get(part.id, []) if k.kind == "sentence"]
    if part.body_start is not None and part.body_start > part.start:
        yield part.start, part.body_start, 1.0  # the label
    if not sentences:
        yield (part.body_start or part.start), part.end, 1.0
        return
    for sentence in sentences:
        yield sentence.start, sentence.end, REPORTED_WEIGHT if reported(sentence.text) else own


def reported(text: str) -> bool:
    """True when a sentence reports what the source or its author said."""
    return _REPORTED.search(text) is not None


def _add(terms: Counter[str], bag: Counter[str], weight: float) -> None:
    """``terms.update(_scaled(bag, weight))``, without the scaled copy."""
    get = terms.get
    if weight == 1.0:
        for term, count in bag.items():
            terms[term] = count + get(term, 0)
    else:
        for term, count in bag.items():
            terms[term] = count * weight + get(term, 0)


def _scaled(bag: Counter[str], weight: float) -> Counter[str]:
    return bag if weight == 1.0 else Counter({t: n * weight for t, n in bag.items()})
