"""What review mode knows about an edition: the claims with their links, citations, tags and
findings, named as the page names them, and the ids a correction may use."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..check.records import Flag
from ..check.tags import rebuttal_types
from ..edition.model import Edition
from ..render.catalog import Catalog
from ..render.labels import flag_kind, quote_status, relation
from ..render.views import ui_lang
from ..render.words.flags import flag_message
from ..render.words.messages import plain

CLAIM_KINDS = ("point", "bullet", "paragraph")  # units a link may start from
TARGET_KINDS = ("sentence", "paragraph")  # source units a link may end at
TAGGED_KINDS = ("point", "bullet")  # commentary units that carry rebuttal types


@dataclass(frozen=True)
class Ids:
    """The ids a request may name, read from the current edition."""

    claims: frozenset[str]
    targets: frozenset[str]
    links: frozenset[tuple[str, str]]
    cited: frozenset[str]
    sections: frozenset[str]
    tagged: frozenset[str]
    tags: frozenset[tuple[str, str]]
    tag_kinds: tuple[str, ...]


def edition_ids(edition: Edition) -> Ids:
    """Every id a correction of this edition may name."""
    roles = {d.id: d.role for d in edition.corpus.documents}
    source = [u for u in edition.units if roles.get(u.doc) == "source"]
    claims = [u for u in edition.units if roles.get(u.doc) != "source"]
    return Ids(
        claims=frozenset(u.id for u in claims if u.kind in CLAIM_KINDS),
        targets=frozenset(u.id for u in source if u.kind in TARGET_KINDS),
        links=frozenset((link.source, link.target) for link in edition.links),
        cited=frozenset(c.unit for c in edition.citations),
        sections=frozenset(s.id for s in edition.sections if roles.get(s.doc) == "source"),
        tagged=frozenset(u.id for u in claims if roles.get(u.doc) == "commentary" and u.kind in TAGGED_KINDS),
        tags=frozenset((t.unit, t.kind) for t in edition.tags),
        tag_kinds=tuple(kind.id for kind in rebuttal_types()),
    )


def unit_name(catalog: Catalog, unit_id: Optional[str], lang: str) -> str:
    """The name the page shows for a unit (its number), in the interface language."""
    if not unit_id:
        return ""
    name = catalog.names.get(unit_id)
    return (name.en if lang == "en" else name.ja) if name else unit_id


def section_name(catalog: Catalog, section_id: Optional[str]) -> str:
    """A section's heading (with its English title when it has one)."""
    section = catalog.section_by_id.get(section_id or "")
    if section is None:
        return section_id or ""
    return section.heading + (f" ({section.title_en})" if section.title_en else "")


def review_state(edition: Edition, catalog: Catalog, history: dict[str, int]) -> dict[str, Any]:
    """Everything the review script shows, as JSON data (ids, names, labels; no markup)."""
    lang = ui_lang(edition)
    ids = edition_ids(edition)
    name = lambda uid: unit_name(catalog, uid, lang)  # noqa: E731
    pick = lambda bi: bi.en if lang == "en" else bi.ja  # noqa: E731
    claims: dict[str, dict[str, Any]] = {}

    def said(flag: Flag) -> str:  # the flag as the page says it, in the interface language
        return plain(getattr(flag_message(catalog, flag), lang), lang)

    def claim(uid: str) -> dict[str, Any]:
        if uid not in claims:
            block = catalog.block_of.get(uid, uid)
            claims[uid] = {"unit": uid, "name": name(uid), "element": f"u-{block}", "links": [], "citations": [],
                           "tags": [], "findings": [], "taggable": uid in ids.tagged}
        return claims[uid]

    for link in edition.links:
        claim(link.source)["links"].append({"to": link.target, "name": name(link.target), "rank": link.rank,
                                            "relation": link.relation, "relation_label": pick(relation(link.relation)),
                                            "manual": "manual" in link.evidence})
    for c in edition.citations:
        claim(c.unit)["citations"].append({"marker": c.marker, "section": c.section,
                                           "section_name": section_name(catalog, c.section),
                                           "manual": c.evidence == "manual"})
    for t in edition.tags:
        claim(t.unit)["tags"].append({"kind": t.kind, "cue": t.cue, "manual": t.cue == "manual"})
    for f in edition.flags:
        claim(f.unit)["findings"].append({"kind": f.kind, "label": pick(flag_kind(f.kind)),
                                          "detail": said(f), "target": f.target})
    for q in edition.quotes:
        if q.status != "exact":
            claim(q.unit)["findings"].append({"kind": "quote", "label": pick(quote_status(q.status)),
                                              "detail": f"「{q.text}」", "quote": q.text})
    for uid in sorted(ids.tagged, key=lambda u: catalog.order.get(u, 0)):
        claim(uid)
    order = catalog.order
    return {
        "lang": lang,
        "claims": sorted(claims.values(), key=lambda c: order.get(c["unit"], 0)),
        "targets": {uid: name(uid) for uid in sorted(ids.targets, key=lambda u: order.get(u, 0))},
        "sections": [{"id": s.id, "name": section_name(catalog, s.id)} for s in edition.sections
                     if s.id in ids.sections],
        "tag_kinds": [{"id": k.id, "label": k.en if lang == "en" else k.ja} for k in rebuttal_types()],
        "dismissed": [{"unit": d.unit, "name": name(d.unit), "kind": d.kind,
                       "detail": d.quote or said(Flag(d.unit, d.kind, d.detail, d.target)),
                       "label": pick(quote_status(d.detail) if d.kind == "quote" else flag_kind(d.kind)),
                       "note": d.note or ""} for d in edition.dismissed],
        "stale": list(edition.stale_corrections),
        "history": history,
    }
