"""Rebuttal-type tags: the taxonomy and its cues, on sentences of our own."""
from __future__ import annotations

import pytest

from annotator.check.tags import rebuttal_types, tag_units
from annotator.model import Unit


def test_taxonomy_has_the_required_kinds_in_both_languages():
    kinds = {t.id: t for t in rebuttal_types()}
    assert {"counter_evidence", "omission", "double_standard", "motive", "label", "consequence", "proposal"} <= set(kinds)
    assert all(t.ja and t.en and t.cues for t in kinds.values())


@pytest.mark.parametrize("text, expected", [
    ("実際、失業率は下がっている。", {"counter_evidence"}),
    ("筆者は地方の事情を無視している。", {"omission"}),
    ("自国が同じことをしているのに他国を責めるのはダブルスタンダードだ。", {"double_standard"}),
    ("本当の狙いは財源の確保にある。", {"motive"}),
    ("それは机上の空論にほかならない。", {"label"}),
    ("この制度は地域経済を損なうだろう。", {"consequence"}),
    ("政府はまず対話を進めるべきだ。", {"proposal"}),
    ("著者は増税すべきだと主張している。", set()),  # the source's proposal, reported
    ("天気は晴れだった。", set()),
    ("In fact, the data show the opposite.", {"counter_evidence"}),
    ("We should invest in buses instead.", {"proposal"}),
])
def test_cues(text, expected):
    unit = Unit("c-b1", "c", "bullet", text, 0, len(text))
    assert {t.kind for t in tag_units([unit], {"c": "commentary"})} == expected


def test_tags_carry_their_cue_and_skip_other_roles():
    unit = Unit("s-b1", "s", "bullet", "政府は対話を進めるべきだ。", 0, 14)
    assert tag_units([unit], {"s": "summary"}) == []
    tags = tag_units([Unit("c-b1", "c", "bullet", unit.text, 0, 14)], {"c": "commentary"})
    assert [(t.unit, t.kind, t.cue) for t in tags] == [("c-b1", "proposal", "べきだ")]
