"""Rebuttal tags on ordinary rebuttal points of our own, in varied wording (tests/data/rebuttal_points.tsv)."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.check.tags import rebuttal_types, tag_units
from annotator.model import Unit

POINTS = Path(__file__).resolve().parent / "data" / "rebuttal_points.tsv"


def _points() -> list[tuple[str, set[str]]]:
    rows = []
    for line in POINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, kinds = line.split("\t")
            rows.append((text, set() if kinds == "-" else set(kinds.split(","))))
    return rows


def _tags(text: str) -> set[str]:
    unit = Unit("c-b1", "c", "bullet", text, 0, len(text))
    return {t.kind for t in tag_units([unit], {"c": "commentary"})}


def test_the_table_names_only_known_kinds() -> None:
    known = {t.id for t in rebuttal_types()}
    assert all(kinds <= known for _, kinds in _points())


def test_most_points_get_a_right_tag_and_few_tags_are_wrong() -> None:
    rows = _points()
    found = [(_tags(text), kinds) for text, kinds in rows]
    recall = sum(1 for got, kinds in found if got & kinds) / len(rows)
    given = sum(len(got) for got, _ in found)
    right = sum(len(got & kinds) for got, kinds in found)
    report = "\n".join(f"{sorted(got)} vs {sorted(kinds)}: {text}" for (text, kinds), (got, _) in zip(rows, found) if got != kinds)
    assert recall >= 0.8, report
    assert right / given >= 0.75, report


@pytest.mark.parametrize("text, kind", [
    ("筆者は地方の事情を無視した。", "omission"),
    ("地方の事情が無視されている。", "omission"),
    ("雇用への影響に触れられていない。", "omission"),
    ("この政策は混乱を招いた。", "consequence"),
    ("筆者は論点をすり替えた。", "shifting_the_issue"),
    ("論点のすり替えがある。", "shifting_the_issue"),
    ("まず試してみたらいい。", "proposal"),
    ("二つの制度を組み合わせれば解決できる。", "proposal"),
    ("The report ignored the survey.", "omission"),
    ("It cherry-picked the years.", "cherry_picking"),
    ("They overlooked the costs.", "omission"),
])
def test_inflected_forms_count(text: str, kind: str) -> None:
    assert kind in _tags(text)


@pytest.mark.parametrize("text", [
    "筆者は三つの論点を挙げている。",
    "この町は海に面している。",
    "記事は二つの節からなる。",
    "The essay has three parts.",
    "著者は増税すべきだと主張している。",
])
def test_plain_statements_get_no_tag(text: str) -> None:
    assert _tags(text) == set()


def test_every_kind_has_labels_and_a_definition_in_both_languages() -> None:
    kinds = rebuttal_types()
    assert {"shifting_the_issue", "straw_man", "false_dilemma", "cherry_picking", "hasty_generalization"} <= {k.id for k in kinds}
    for kind in kinds:
        assert kind.ja and kind.en and kind.description and kind.description_ja and kind.cues, kind.id


def test_tags_read_the_documents_doc_when_given() -> None:
    from annotator.text.nlp import analyze

    text = "はじめに。筆者は費用を無視している。"
    doc = analyze(text, "ja")
    unit = Unit("c-b1", "c", "bullet", text[5:], 5, len(text))
    tags = tag_units([unit], {"c": "commentary"}, {"c": doc})
    assert [(t.kind, t.cue) for t in tags] == [("omission", "無視し")]


@pytest.mark.parametrize("text", [
    "中間層の暮らしについて書かれた記事だ。",
    "有名な観光地として知られている。",
    "市の人口を前提として計画が立てられた。",
    "会議は午後から再開された。",
])
def test_neutral_sentences_with_common_words_get_no_tag(text: str) -> None:
    assert _tags(text) == set()


def test_fallback_grammar_counts_only_where_no_cue_is_found() -> None:
    assert _tags("中間層の所得はこの十年で増えた。") == {"counter_evidence"}  # a trend, no cue: fallback
    assert _tags("この町の人口は五万人である。") == {"counter_evidence"}  # a figure of its own
    assert _tags("所得は増えたが、筆者は地方の事情を無視している。") == {"omission"}  # a cue: no fallback
    assert _tags("著者は、人口が五万人に増えたと主張している。") == set()  # reported speech: the source's
