"""Discussion questions built from the findings, each naming the passages to compare."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from ..link.records import Link
from .catalog import Catalog
from .findings import unit_at
from .labels import Bi, tag_kind

MAX_QUESTIONS = 12
MAX_PASSAGES = 6
MAX_PER_KIND = 2


@dataclass(frozen=True)
class Question:
    """A question in both languages and the units (claims, passages) it asks to compare."""

    text: Bi
    compare: tuple[str, ...]


def questions(catalog: Catalog) -> tuple[Question, ...]:
    """Questions from figure mismatches, missing quotations, miscitations, tags, coverage, terms, masks."""
    makers: list[Callable[[Catalog], list[Question]]] = [
        _figures, _absent_quotes, _miscitations, _close_quotes, _tags, _unanswered, _terms, _redactions]
    found = [q for make in makers for q in make(catalog)]
    return tuple(found[:MAX_QUESTIONS]) or (_fallback(catalog),)


def passages(catalog: Catalog, unit_id: str, relation: Optional[str] = None, limit: int = 2) -> list[str]:
    """The source blocks a claim links to, best first."""
    return linked_blocks(catalog, ranked_links(catalog, unit_id), relation, limit)


def ranked_links(catalog: Catalog, unit_id: str) -> list[Link]:
    """A claim's links, with those of the block that shows it (and of a heading's point), best first."""
    owner = catalog.owner(unit_id)
    family = set(catalog.family(unit_id)) | {unit_id} | ({owner} if owner else set())
    return sorted((l for l in catalog.links_from.of(family) if l.target in catalog.units),
                  key=lambda l: (l.rank, -l.score, l.target))


def linked_blocks(catalog: Catalog, ranked: list[Link], relation: Optional[str] = None, limit: int = 2) -> list[str]:
    """The blocks that show the targets of ``ranked`` links (of one relation, if given), best first."""
    blocks = dict.fromkeys(catalog.block_of.get(l.target, l.target) for l in ranked
                           if relation is None or l.relation == relation)
    return list(blocks)[:limit]


def _block(catalog: Catalog, unit_id: str) -> str:
    return catalog.block_of.get(unit_id, unit_id)


def _numbers(catalog: Catalog, ids: Iterable[str], sep: str) -> str:
    return sep.join(catalog.numbers.get(i, i) for i in ids)


def _name(catalog: Catalog, unit_id: str) -> Bi:
    return catalog.names.get(_block(catalog, unit_id), Bi(unit_id, unit_id))


def _figures(catalog: Catalog) -> list[Question]:
    out = []
    for flag in (f for f in catalog.edition.flags if f.kind == "number_mismatch" and f.unit in catalog.units):
        where = [_block(catalog, flag.target)] if flag.target in catalog.units else passages(catalog, flag.unit, limit=1)
        claim, ja_p, en_p = _name(catalog, flag.unit), _numbers(catalog, where, "、"), _numbers(catalog, where, ", ")
        out.append(Question(Bi(
            f"{claim.ja} の数字は原文と合わない（{flag.detail}）。原文 {ja_p} は実際に何と言っているか。"
            "要約はなぜ別の数字、あるいは逆の数字になったのか。",
            f"The figure in {claim.en} does not match the source ({flag.detail}). What does {en_p} actually say, "
            "and how could the summary have turned it around?"), (_block(catalog, flag.unit), *where)))
    return out


def _absent_quotes(catalog: Catalog) -> list[Question]:
    out = []
    absent = [q for q in catalog.edition.quotes if q.status == "absent" and q.unit in catalog.units]
    # a summary's quotation claims to be the source's words; a commentary's may be its own scare quotes
    absent.sort(key=lambda q: catalog.role_of(q.unit) != "summary")
    for quote in absent[:MAX_PER_KIND]:
        where = passages(catalog, quote.unit)
        claim = _name(catalog, quote.unit)
        near_ja = f"原文で最も近いのはどこか（{_numbers(catalog, where, '、')}）。" if where else "原文で最も近いのはどこか。"
        near_en = f"Which passage comes closest ({_numbers(catalog, where, ', ')})" if where else "Which passage comes closest"
        out.append(Question(Bi(
            f"{claim.ja} は「{quote.text}」と引用するが、原文にこの言葉はない。{near_ja}引用の形にすることで何が変わるか。",
            f"{claim.en} quotes “{quote.text}”, but the source never says it. {near_en}, and what does putting "
            "it in quotation marks change?"), (_block(catalog, quote.unit), *where)))
    return out


def _close_quotes(catalog: Catalog) -> list[Question]:
    out = []
    for quote in [q for q in catalog.edition.quotes if q.status == "close" and q.unit in catalog.units][:MAX_PER_KIND]:
        where = [_block(catalog, quote.match)] if quote.match in catalog.units else passages(catalog, quote.unit, limit=1)
        claim = _name(catalog, quote.unit)
        out.append(Question(Bi(
            f"{claim.ja} の引用「{quote.text}」は原文（{_numbers(catalog, where, '、')}）と少し違う。どこが変わり、意味は変わるか。",
            f"The quotation “{quote.text}” in {claim.en} differs slightly from the source "
            f"({_numbers(catalog, where, ', ')}). What changed, and does the meaning change?"),
            (_block(catalog, quote.unit), *where)))
    return out


def _miscitations(catalog: Catalog) -> list[Question]:
    flags = [f for f in catalog.edition.flags if f.kind == "miscitation" and f.unit in catalog.units]
    if not flags:
        return []
    claims = list(dict.fromkeys(_block(catalog, f.unit) for f in flags))
    where = list(dict.fromkeys(
        _block(catalog, f.target) if f.target in catalog.units else p
        for f in flags for p in (passages(catalog, f.unit, limit=1) or [f.unit])))[:MAX_PASSAGES]
    names_ja = "、".join(_name(catalog, c).ja for c in claims)
    names_en = ", ".join(_name(catalog, c).en for c in claims)
    cited = _cited_sections(catalog, {f.unit for f in flags})
    cited_ja = f"示された節（{'、'.join(cited)}）" if cited else "示された節"
    cited_en = f"the cited section ({', '.join(cited)})" if cited else "the cited section"
    return [Question(Bi(
        f"{names_ja} は出典として示した節と、内容が実際に書かれている節が違う。{cited_ja}と "
        f"{_numbers(catalog, where, '、')} を読み比べよう。誤った出典表示は読者に何をもたらすか。",
        f"{names_en} cite one section, but what they say is written in another. Compare {cited_en} with "
        f"{_numbers(catalog, where, ', ')}. What does a wrong citation do to a reader?"), (*claims, *where))]


def _cited_sections(catalog: Catalog, units: set[str]) -> list[str]:
    family = {member for unit in units for member in catalog.family(unit)} | units
    sections = {s.id: s.heading for s in catalog.edition.sections}
    names = [sections.get(c.section or "", c.title or c.marker) for c in catalog.citations_of.of(family)]
    return list(dict.fromkeys(names))


def _tags(catalog: Catalog) -> list[Question]:
    out, seen = [], set()
    for tag in catalog.edition.tags:
        if tag.kind in seen or tag.unit not in catalog.units:
            continue
        where = passages(catalog, tag.unit, relation="rebuts")
        if not where:
            continue
        seen.add(tag.kind)
        claim, label = _name(catalog, tag.unit), tag_kind(tag.kind)
        out.append(Question(Bi(
            f"{claim.ja} は原文を「{label.ja}」の形で批判する（手がかり:「{tag.cue}」）。"
            f"その批判は {_numbers(catalog, where, '、')} に当てはまるか。",
            f"{claim.en} criticises the source by way of {label.en} (cue: “{tag.cue}”). "
            f"Does the criticism hold for {_numbers(catalog, where, ', ')}?"), (_block(catalog, tag.unit), *where)))
    return out[:MAX_PER_KIND]


def _unanswered(catalog: Catalog) -> list[Question]:
    order = catalog.order
    missing = sorted((c for c in catalog.edition.coverage if c.answered_by == 0 and c.unit in catalog.units),
                     key=lambda c: (-c.supported_by, order[c.unit]))
    where = sorted(dict.fromkeys(_block(catalog, c.unit) for c in missing), key=order.get)[:MAX_PASSAGES]
    if not where:
        return []
    return [Question(Bi(
        f"コメントは {_numbers(catalog, where, '、')} に答えていない。公平な反論なら、このうちどれに答えるべきか。",
        f"The commentary answers none of {_numbers(catalog, where, ', ')}. Which of them would a fair "
        "rebuttal have to address?"), tuple(where))]


def _terms(catalog: Catalog) -> list[Question]:
    out = []
    for term in catalog.edition.terms:
        used = list(dict.fromkeys(o.variant for o in term.occurrences if o.unit in catalog.units))
        if len(used) < 2:
            continue
        first = [next(_block(catalog, o.unit) for o in term.occurrences if o.variant == v and o.unit in catalog.units)
                 for v in used[:3]]
        shown = "」と「".join(used[:3])
        out.append(Question(Bi(
            f"「{shown}」はどれも {term.en} を指す。訳語の揺れは読みに影響するか。",
            f"“{'”, “'.join(used[:3])}” all render {term.en}. Does the varying wording affect the reading?"),
            tuple(dict.fromkeys(first))))
    return out[:2]


def _redactions(catalog: Catalog) -> list[Question]:
    holders = []
    for red in catalog.edition.redactions:
        holder = red.unit if red.unit in catalog.units else unit_at(catalog, red.doc, red.start, red.end)
        if holder:
            holders.append(_block(catalog, holder))
    where = list(dict.fromkeys(holders))[:MAX_PASSAGES]
    if not where:
        return []
    names_ja = "、".join(_name(catalog, w).ja for w in where)
    names_en = ", ".join(_name(catalog, w).en for w in where)
    return [Question(Bi(
        f"{names_ja} には伏せ字がある。何が伏せられていると推測できるか。伏せ字は議論の説得力にどう影響するか。",
        f"{names_en} contain masked words. What might be hidden, and how does the masking affect the argument?"),
        tuple(where))]


def _fallback(catalog: Catalog) -> Question:
    claims = [u.id for u in catalog.edition.units if catalog.role_of(u.id) == "summary" and passages(catalog, u.id)]
    where = list(dict.fromkeys(c for claim in claims[:2] for c in (claim, *passages(catalog, claim, limit=1))))
    return Question(Bi("要約とコメントは、原文の論旨を正しく伝えているか。示された箇所を原文と読み比べよう。",
                       "Do the summary and the commentary represent the source fairly? Compare the marked "
                       "passages with the source."), tuple(where))
