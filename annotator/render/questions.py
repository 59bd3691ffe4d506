"""Discussion questions built from the findings, each naming the passages to compare."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from ..link.records import Link
from .catalog import Catalog
from .findings import unit_at, unit_name
from .labels import Bi, tag_kind
from .words.flags import flag_message
from .words.messages import Message, Said, message

MAX_QUESTIONS = 12
MAX_PASSAGES = 6
MAX_PER_KIND = 2


@dataclass(frozen=True)
class Question:
    """A question in both languages and the units (claims, passages) it asks to compare."""

    text: Message
    compare: tuple[str, ...]
    answer: Optional[Message] = None  # for the teacher's key: what the checks found


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
    return sep.join(catalog.numbers.get(i) or catalog.numbers.get(_block(catalog, i)) or _name(catalog, i).en
                    for i in ids)


def _places(catalog: Catalog, ids: Iterable[str]) -> Bi:
    """Passages named by their numbers, joined the way each language lists them."""
    ids = list(ids)
    return Bi(_numbers(catalog, ids, "、"), _numbers(catalog, ids, ", "))


def _name(catalog: Catalog, unit_id: str) -> Bi:
    return unit_name(catalog, unit_id)


def _said(catalog: Catalog, unit_id: str, text: str) -> Said:
    unit = catalog.units.get(unit_id)
    return Said(text, catalog.docs[unit.doc].lang if unit else "ja")


def _figures(catalog: Catalog) -> list[Question]:
    out = []
    for flag in (f for f in catalog.edition.flags if f.kind == "number_mismatch" and f.unit in catalog.units):
        where = [_block(catalog, flag.target)] if flag.target in catalog.units else passages(catalog, flag.unit, limit=1)
        out.append(Question(message(
            "{claim}の数字は、原文{where}が実際に述べていることと合っているか。違うなら、なぜ要約で数字が変わったのか。",
            "Does the figure in {claim} match what {where} of the source actually says? If not, how could it "
            "have changed?", claim=_name(catalog, flag.unit), where=_places(catalog, where)),
            (_block(catalog, flag.unit), *where), flag_message(catalog, flag)))
    return out


def _absent_quotes(catalog: Catalog) -> list[Question]:
    out = []
    absent = [q for q in catalog.edition.quotes if q.status == "absent" and q.unit in catalog.units]
    # a summary's quotation claims to be the source's words; a commentary's may be its own scare quotes
    absent.sort(key=lambda q: catalog.role_of(q.unit) != "summary")
    for quote in absent[:MAX_PER_KIND]:
        where = passages(catalog, quote.unit)
        values = {"claim": _name(catalog, quote.unit), "quote": _said(catalog, quote.unit, quote.text),
                  "where": _places(catalog, where)}
        out.append(Question(message(
            "{claim}は{quote}と引用している。原文にこの言葉はあるか。原文で最も近いのはどこか。引用の形にすることで何が変わるか。",
            "{claim} quotes {quote}. Does the source say this? Which passage comes closest, and what does "
            "putting it in quotation marks change?", **values), (_block(catalog, quote.unit), *where),
            message("原文にこの言葉はない。近いのは{where}。", "The source never says it; the closest is {where}.",
                    **values) if where else message("原文にこの言葉はない。", "The source never says it.")))
    return out


def _close_quotes(catalog: Catalog) -> list[Question]:
    out = []
    for quote in [q for q in catalog.edition.quotes if q.status == "close" and q.unit in catalog.units][:MAX_PER_KIND]:
        where = [_block(catalog, quote.match)] if quote.match in catalog.units else passages(catalog, quote.unit, limit=1)
        values = {"claim": _name(catalog, quote.unit), "quote": _said(catalog, quote.unit, quote.text),
                  "where": _places(catalog, where)}
        original = quote.match_text or (catalog.units[quote.match].text if quote.match in catalog.units else "")
        out.append(Question(message(
            "{claim}の引用{quote}を原文{where}と比べよう。どこか変わっているか。意味は変わるか。",
            "Compare the quotation {quote} in {claim} with {where} of the source. Has anything changed, and "
            "does the meaning change?", **values), (_block(catalog, quote.unit), *where),
            message("引用は原文と少し違う。原文では{original}。", "The quotation differs slightly; the source has {original}.",
                    original=_said(catalog, quote.match or quote.unit, original)) if original else
            message("引用は原文と少し違う。", "The quotation differs slightly from the source.")))
    return out


def _miscitations(catalog: Catalog) -> list[Question]:
    flags = [f for f in catalog.edition.flags if f.kind == "miscitation" and f.unit in catalog.units]
    if not flags:
        return []
    claims = list(dict.fromkeys(_block(catalog, f.unit) for f in flags))
    where = list(dict.fromkeys(
        _block(catalog, f.target) if f.target in catalog.units else p
        for f in flags for p in (passages(catalog, f.unit, limit=1) or [f.unit])))[:MAX_PASSAGES]
    names = Bi("、".join(_name(catalog, c).ja for c in claims), ", ".join(_name(catalog, c).en for c in claims))
    answers = [flag_message(catalog, f) for f in flags]
    answer = Message(tuple(p for a in answers for p in a.ja), tuple(p for a in answers for p in (*a.en, " ")))
    return [Question(message(
        "{names}が出典として示した節を開き、{where}と読み比べよう。内容は本当にその節に書かれているか。"
        "誤った出典表示は読者に何をもたらすか。",
        "Open the section that {names} " + ("cites" if len(claims) == 1 else "cite") + " and compare it with "
        "{where}. Is what is said really written there? What does a wrong citation do to a reader?",
        names=names, where=_places(catalog, where)),
        (*claims, *where), answer)]


def _tags(catalog: Catalog) -> list[Question]:
    out, seen = [], set()
    for tag in catalog.edition.tags:
        if tag.kind in seen or tag.unit not in catalog.units:
            continue
        where = passages(catalog, tag.unit, relation="rebuts")
        if not where:
            continue
        seen.add(tag.kind)
        out.append(Question(message(
            "{claim}は原文を「{label}」の形で批判している（手がかり: {cue}）。その批判は{where}に当てはまるか。",
            "{claim} criticises the source by way of {label} (cue: {cue}). Does the criticism hold for {where}?",
            claim=_name(catalog, tag.unit), label=tag_kind(tag.kind), cue=_said(catalog, tag.unit, tag.cue),
            where=_places(catalog, where)), (_block(catalog, tag.unit), *where)))
    return out[:MAX_PER_KIND]


def _unanswered(catalog: Catalog) -> list[Question]:
    order = catalog.order
    missing = sorted((c for c in catalog.edition.coverage if c.answered_by == 0 and c.unit in catalog.units),
                     key=lambda c: (-c.supported_by, order[c.unit]))
    where = sorted(dict.fromkeys(_block(catalog, c.unit) for c in missing), key=order.get)[:MAX_PASSAGES]
    if not where:
        return []
    return [Question(message(
        "コメントは原文のどの段落に答え、どの段落に答えていないか。公平な反論なら、答えていない段落のうちどれに答えるべきか。",
        "Which paragraphs of the source does the commentary answer, and which not? Which of the unanswered "
        "ones would a fair rebuttal have to address?"), tuple(where),
        message("コメントは{where}に答えていない。", "The commentary answers none of {where}.",
                where=_places(catalog, where)))]


def _terms(catalog: Catalog) -> list[Question]:
    out = []
    for term in catalog.edition.terms:
        used = list(dict.fromkeys(o.variant for o in term.occurrences if o.unit in catalog.units))
        if len(used) < 2:
            continue
        first = [next(o.unit for o in term.occurrences if o.variant == v and o.unit in catalog.units)
                 for v in used[:3]]
        shown = Message(*(tuple(p for i, u in enumerate(first) for p in ((sep,) if i else ()) + (
            _said(catalog, u, used[i]),)) for sep in ("、", ", ")))
        out.append(Question(Message(shown.ja + ("はどれも同じものを指す。言葉の違いは読みに影響するか。",),
                                    ("The words ",) + shown.en + (" all name the same thing. Does the varying "
                                                                    "wording affect the reading?",)),
                            tuple(dict.fromkeys(_block(catalog, u) for u in first))))
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
    names = Bi("、".join(_name(catalog, w).ja for w in where), ", ".join(_name(catalog, w).en for w in where))
    return [Question(message(
        "{names}には伏せ字がある。何が伏せられていると推測できるか。伏せ字は議論の説得力にどう影響するか。",
        "{names} " + ("contains" if len(where) == 1 else "contain") + " masked words. What might be hidden, "
        "and how does the masking affect the argument?",
        names=names), tuple(where))]


def _fallback(catalog: Catalog) -> Question:
    claims = [u.id for u in catalog.edition.units if catalog.role_of(u.id) == "summary" and passages(catalog, u.id)]
    where = list(dict.fromkeys(c for claim in claims[:2] for c in (claim, *passages(catalog, claim, limit=1))))
    return Question(message("要約とコメントは、原文の論旨を正しく伝えているか。示された箇所を原文と読み比べよう。",
                            "Do the summary and the commentary represent the source fairly? Compare the marked "
                            "passages with the source."), tuple(where))
