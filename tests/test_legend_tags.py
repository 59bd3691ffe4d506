"""The legend lists every rebuttal kind with its labels, count and one-line definition."""
from __future__ import annotations

from collections import Counter

from annotator.check.taxonomy import rebuttal_types
from annotator.render.catalog import Catalog
from annotator.render.labels import tag_definition, tag_kind
from annotator.render.panels import legend


def test_the_legend_defines_every_rebuttal_kind(seed_edition) -> None:  # type: ignore[no-untyped-def]
    groups = {g.label.en: g for g in legend(Catalog(seed_edition))}
    items = groups["Kinds of rebuttal"].items
    kinds = rebuttal_types()
    assert [i.css for i in items][:len(kinds)] == [f"tag tag-{k.id}" for k in kinds]
    counts = Counter(t.kind for t in seed_edition.tags)
    for item, kind in zip(items, kinds):
        assert item.definition is not None
        assert (item.definition.ja, item.definition.en) == (kind.description_ja, kind.description)
        assert item.count == counts[kind.id]


def test_labels_of_added_kinds_come_from_the_taxonomy() -> None:
    assert tag_kind("straw_man").ja == "藁人形論法" and tag_kind("straw_man").en == "straw man"
    assert tag_kind("no_such_kind").en == "no such kind" and tag_definition("no_such_kind") is None
