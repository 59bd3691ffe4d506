"""Rebuttal tags: the mechanisms that make them generalize, and the held-out tables' floor.

The held-out tables (tests/data/rebuttal_points_heldout*.tsv) were written apart from the tagger
(set A before it was changed, set B after); benchmarks/tag_heldout.py prints their scores.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from annotator.check.tags import tag_units
from annotator.model import Unit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from tag_heldout import TABLES, read_table, score  # noqa: E402


def _tags(text: str) -> set[str]:
    unit = Unit("c-b1", "c", "bullet", text, 0, len(text))
    return {t.kind for t in tag_units([unit], {"c": "commentary"})}


def test_a_combination_needs_all_its_groups_in_one_sentence() -> None:
    assert "hasty_generalization" in _tags("一つの町の例だけで全国の傾向を語ることはできない。")
    assert _tags("一つの町の例を見てみよう。全国の傾向には筆者は触れていない。") == {"omission"}


def test_a_cue_begins_a_word() -> None:
    # ながら (double standard) is no cue inside つながらない
    assert "double_standard" not in _tags("停電で電話がつながらなくなることは以前の台風でも起きている。")


def test_reported_speech_is_read_clause_by_clause() -> None:
    assert _tags("筆者は導入を急ぐべきだと書いている。") == set()  # the source's proposal
    assert "proposal" in _tags("筆者は導入を急ぐべきだと書くが、まず小さく試すべきだ。")  # then the commentator's own


def test_a_specific_kind_overrides_a_broader_one_read_from_the_same_words() -> None:
    assert _tags("誰もそんな主張はしていない。") == {"straw_man"}
    both = _tags("筆者は都合のよい年だけを選び、ほかの年の数字には触れていない。")
    assert {"cherry_picking", "omission"} <= both  # two moves in two clauses: both kept


def test_a_figure_of_the_points_own_is_counter_evidence_beside_other_cues() -> None:
    assert {"counter_evidence", "correlation_causation"} <= _tags(
        "利用者は12%増えたが、同じ時期に運賃も下がっており、原因は一つとは限らない。")


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.name)
def test_held_out_points_keep_their_floor(table: Path) -> None:
    result = score(read_table(table))
    assert result.right / result.points >= 0.7, "\n".join(result.misses)
    assert result.correct / result.given >= 0.65, "\n".join(result.misses)
    assert result.neutral_tagged <= result.neutral // 3, "\n".join(result.misses)
