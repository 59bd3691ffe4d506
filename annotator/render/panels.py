"""The panels above the panes: legend, glossary of term variants, coverage strip."""
from __future__ import annotations

from collections import Counter

from .catalog import Catalog
from .findings import coverage_by_block, coverage_state, doc_lang, ref
from .labels import (
    COVERAGE,
    FLAG_KINDS,
    QUOTE_STATUS,
    RELATIONS,
    UI,
    Bi,
    flag_kind,
    quote_status,
    tag_definition,
    tag_kind,
)
from ..check.taxonomy import kind_ids
from .view_model import CoverageCell, LegendGroup, LegendItem, TermView, VariantView


def legend(catalog: Catalog) -> tuple[LegendGroup, ...]:
    """What each colour and mark means, with how often it occurs in this edition."""
    edition = catalog.edition
    relations = Counter(link.relation for link in edition.links)
    statuses = Counter(q.status for q in edition.quotes)
    flags = Counter(f.kind for f in edition.flags)
    states = Counter(coverage_by_block(catalog).values())
    relation_items = tuple(LegendItem(f"rel-{name}", label, relations[name], "―")
                           for name, label in RELATIONS.items())
    quote_items = tuple(LegendItem(f"q q-{s}", quote_status(s), statuses[s], "「…」")
                        for s in _known_then_rest(QUOTE_STATUS, statuses))
    flag_items = tuple(LegendItem(f"flag flag-{k}", flag_kind(k), flags[k], "!")
                       for k in _known_then_rest(FLAG_KINDS, flags))
    mark_items = (
        LegendItem("redacted", UI["redaction"], len(edition.redactions), "●●●"),
        LegendItem("term", UI["term"], sum(len(t.occurrences) for t in edition.terms), "…"),
        LegendItem("marker", UI["marker"], len(edition.citations), "【…】"),
        LegendItem("diff-ins", UI["diff_ins"], None, "＋"),
        LegendItem("diff-del", UI["diff_del"], None, "－"),
    )
    coverage_items = tuple(LegendItem(f"cov-{s}", label, states[s], "¶") for s, label in COVERAGE.items())
    tags = Counter(t.kind for t in edition.tags)
    tag_items = tuple(LegendItem(f"tag tag-{k}", tag_kind(k), tags[k], "#", tag_definition(k))
                      for k in list(kind_ids()) + sorted(k for k in tags if k not in kind_ids()))
    return (
        LegendGroup(Bi("結び付き", "Links"), relation_items),
        LegendGroup(Bi("引用", "Quotations"), quote_items),
        LegendGroup(Bi("検出事項と印", "Findings and marks"), flag_items + mark_items),
        LegendGroup(UI["coverage"], coverage_items),
        LegendGroup(Bi("反論の型", "Kinds of rebuttal"), tag_items),
    )


def _known_then_rest(known: dict, seen: Counter) -> list[str]:  # type: ignore[type-arg]
    return list(known) + sorted(k for k in seen if k not in known)


def glossary(catalog: Catalog) -> tuple[TermView, ...]:
    """Each concept rendered several ways: its variants, how often, and where."""
    terms: list[TermView] = []
    for term in catalog.edition.terms:
        names = list(dict.fromkeys(list(term.variants) + [o.variant for o in term.occurrences]))
        variants = []
        for name in names:
            occurrences = [o for o in term.occurrences if o.variant == name and o.unit in catalog.units]
            units = list(dict.fromkeys(o.unit for o in occurrences))
            variants.append(VariantView(name, len(occurrences), tuple(ref(catalog, u) for u in units)))
        first = next((o.unit for o in term.occurrences if o.unit in catalog.units), "")
        terms.append(TermView(doc_lang(catalog, first), term.concept, term.en, tuple(variants)))
    return tuple(terms)


def coverage_strip(catalog: Catalog) -> tuple[CoverageCell, ...]:
    """One cell per covered source passage, in reading order, coloured by who speaks about it."""
    order = catalog.order
    cells = []
    for item in sorted((c for c in catalog.edition.coverage if c.unit in catalog.units), key=lambda c: order[c.unit]):
        block = catalog.block_of.get(item.unit, item.unit)
        state = coverage_state(item)
        label, number = COVERAGE[state], catalog.numbers.get(block, "")
        title = (f"{number} {label.ja}（要約 {item.supported_by}・コメント {item.answered_by}） / "
                 f"{label.en} (summary {item.supported_by}, commentary {item.answered_by})")
        cells.append(CoverageCell(catalog.anchor(block), f"cov-{state}", number, title))
    return tuple(cells)
