"""Links both ways: citation chips and links on claims, back-links on passages, hover peers."""
from __future__ import annotations

from typing import Iterable, Optional

from ..check.coverage import COVERAGE_RANK
from ..link.records import Citation, Link
from .catalog import Catalog
from .labels import Bi, relation, role, tag_kind
from .view_model import Chip, LinkView


def _group(pairs: Iterable[tuple[str, object]]) -> dict[str, list]:  # type: ignore[type-arg]
    grouped: dict[str, list] = {}  # type: ignore[type-arg]
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def best_link(catalog: Catalog, unit_id: str) -> Optional[Link]:
    """The rank-1 link of a claim: its own, else the best of the block that shows it."""
    owner = catalog.owner(unit_id)
    family = set(catalog.family(unit_id)) | ({owner} if owner else set())
    own = catalog.links_from.of((unit_id,))
    pool = own or catalog.links_from.of(family)
    pool = [link for link in pool if link.target in catalog.units]
    return min(pool, key=lambda l: (l.rank, -l.score, l.target)) if pool else None


def chips_by_block(catalog: Catalog) -> dict[str, tuple[Chip, ...]]:
    """Every citation as a chip, grouped by the block that shows the citing unit."""
    pairs = [(catalog.block_of.get(c.unit, c.unit), _chip(catalog, c)) for c in catalog.edition.citations
             if c.unit in catalog.units]
    return {block: tuple(chips) for block, chips in _group(pairs).items()}


def _chip(catalog: Catalog, citation: Citation) -> Chip:
    section = catalog.section_by_id.get(citation.section or "")
    best = best_link(catalog, citation.unit)
    if best is not None:
        href, passage = catalog.anchor(best.target), catalog.numbers.get(best.target, "")
        kind = relation(best.relation)
        link_score = f" · {kind.ja} {best.score:.2f} / {kind.en} {best.score:.2f}"
    else:
        href, passage, link_score = (f"#s-{section.id}" if section else ""), "", ""
    title = f"{citation.marker} · {citation.score:.2f}{link_score}"
    name = (section.title_ja or section.heading) if section else (citation.title or citation.marker)
    lang = "ja" if section and section.title_ja else _lang(catalog, section.doc if section else citation.unit)
    section_en = (section.title_en or "") if section else ""
    css = "chip cite" + ("" if section else " unresolved")
    return Chip(href, citation.marker, name, lang, section_en, passage, title, css, href[1:] if href else "")


def _lang(catalog: Catalog, doc_or_unit: str) -> str:
    doc = catalog.docs.get(doc_or_unit)
    unit = catalog.units.get(doc_or_unit)
    doc = doc or (catalog.docs.get(unit.doc) if unit else None)
    return doc.lang if doc else "ja"


def claim_tags(catalog: Catalog, unit_id: str) -> tuple[Bi, ...]:
    """The rebuttal types of a claim and of the units shown with it."""
    family = set(catalog.family(unit_id)) | {unit_id}
    kinds = dict.fromkeys(t.kind for t in catalog.tags_of.of(family))
    return tuple(tag_kind(k) for k in kinds)


def links_by_block(catalog: Catalog) -> dict[str, tuple[LinkView, ...]]:
    """Each claim block's links to the source, best first."""
    order = catalog.order
    pairs = [(catalog.block_of.get(l.source, l.source), l) for l in catalog.edition.links
             if l.source in catalog.units and l.target in catalog.units]
    out: dict[str, tuple[LinkView, ...]] = {}
    for block, links in _group(pairs).items():
        ranked = sorted(links, key=lambda l: (l.rank, -l.score, order[l.target], order[l.source]))
        out[block] = tuple(_link_view(catalog, l, l.target, ()) for l in ranked)
    return out


def backlinks_by_block(catalog: Catalog) -> dict[str, tuple[LinkView, ...]]:
    """Each source block's back-links to the claims that support or rebut it, one per claim.

    Only links ranked within COVERAGE_RANK count, as in the coverage strip: a claim's fourth
    and fifth candidates are not claims that answer the passage.
    """
    order = catalog.order
    pairs = [(catalog.block_of.get(l.target, l.target), l) for l in catalog.edition.links
             if l.source in catalog.units and l.target in catalog.units and l.rank <= COVERAGE_RANK]
    tags: dict[str, tuple[Bi, ...]] = {}  # a claim is linked to several passages
    out: dict[str, tuple[LinkView, ...]] = {}
    for block, links in _group(pairs).items():
        best: dict[tuple[str, str], Link] = {}
        for link in sorted(links, key=lambda l: (l.rank, -l.score, order[l.target])):
            best.setdefault((link.source, link.relation), link)
        ranked = sorted(best.values(), key=lambda l: (order[l.source], l.relation))
        for link in ranked:
            if link.source not in tags:
                tags[link.source] = claim_tags(catalog, link.source)
        out[block] = tuple(_link_view(catalog, l, l.source, tags[l.source]) for l in ranked)
    return out


def _link_view(catalog: Catalog, link: Link, other: str, tags: tuple[Bi, ...]) -> LinkView:
    label = relation(link.relation)
    # the evidence (matched terms, cues) stays in edition.json: a reader is shown how sure the link is
    title = f"{label.ja} 確かさ {link.score:.2f} / {label.en}, score {link.score:.2f}"
    return LinkView(catalog.anchor(other), catalog.names.get(other) or role(catalog.role_of(other)), link.relation,
                    label, link.rank, title, tags, f"u-{other}",
                    f"link rel-{link.relation}" + (" minor" if link.rank > 1 else ""))


def peers_by_unit(catalog: Catalog) -> dict[str, str]:
    """For every unit, the element ids to highlight with it: the other ends of its links."""
    own: dict[str, set[str]] = {}
    for link in catalog.edition.links:
        if link.source in catalog.units and link.target in catalog.units:
            own.setdefault(link.source, set()).add(link.target)
            own.setdefault(link.target, set()).add(link.source)
    peers: dict[str, set[str]] = {uid: set(ids) for uid, ids in own.items()}
    for uid, ids in own.items():
        block = catalog.block_of.get(uid, uid)
        peers.setdefault(block, set()).update(ids)
    return {uid: _ids(ids) for uid, ids in peers.items()}


def _ids(units: Iterable[str]) -> str:
    return " ".join(f"u-{u}" for u in sorted(units))

