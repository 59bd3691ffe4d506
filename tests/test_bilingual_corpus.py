"""The second bundled corpus (English essay, Japanese summary and commentary) and its gold file."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.corpus.load import load_corpus
from annotator.edition.gold import GoldRef, gold_references, load_gold
from annotator.extract.figures import compare_texts, extract_quantities
from annotator.link.markers import find_markers
from annotator.model import Corpus, Edition

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "congestion-pricing"
GOLD_FILE = ROOT / "tests" / "gold" / "congestion-pricing.json"
HEADINGS = ("What Other Cities Have Learned", "How a Fair Scheme Could Work", "Answering the Objections")
SUMMARY_BULLETS = 12
GOLD = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
REFS = gold_references(GOLD)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def edition() -> Edition:
    from annotator.pipeline import build_edition

    return build_edition(CORPUS)


def text_of(corpus: Corpus, role: str) -> str:
    return next(d.text for d in corpus.documents if d.role == role)


def test_gold_file_is_valid() -> None:
    assert load_gold(GOLD_FILE)["corpus"] == CORPUS.name


def test_documents_are_separate_files_in_two_languages(corpus: Corpus) -> None:
    assert [(d.role, d.lang, d.file) for d in corpus.documents] == [
        ("commentary", "ja", "commentary.txt"), ("summary", "ja", "summary.txt"), ("source", "en", "essay.txt")]


def test_source_has_the_three_english_sections(edition: Edition) -> None:
    got = [(s.doc, s.heading, bool(s.title_en), bool(s.title_ja)) for s in edition.sections]
    assert got == [("source", heading, True, True) for heading in HEADINGS]


@pytest.mark.parametrize("ref", REFS, ids=[ref.where for ref in REFS])
def test_gold_substring_is_verbatim_and_unique(corpus: Corpus, ref: GoldRef) -> None:
    assert text_of(corpus, ref.role).count(ref.text) == 1


@pytest.mark.parametrize("part, key", [("summary", "cited_section"), ("summary", "support_section")])
def test_gold_sections_are_source_headings(part: str, key: str) -> None:
    assert {entry[key] for entry in GOLD[part]} <= set(HEADINGS)


QUOTES = [(part, i, q["text"]) for part in ("summary", "commentary")
          for i, entry in enumerate(GOLD[part]) for q in entry.get("quotes", ())]


@pytest.mark.parametrize("part, index, text", QUOTES)
def test_gold_quote_is_bracketed_in_its_unit(corpus: Corpus, part: str, index: int, text: str) -> None:
    unit = GOLD[part][index]["unit"]
    holder = next(line for line in text_of(corpus, part).splitlines() if unit in line)
    if GOLD[part][index]["kind"] == "point":  # a point's quotations may stand in its lead paragraph
        lines = text_of(corpus, part).splitlines()
        start = lines.index(holder)
        holder = "\n".join(lines[start:start + 2])
    assert f"「{text}」" in holder


def test_gold_resolves_against_the_built_edition(edition: Edition) -> None:
    from annotator.edition.resolve import EditionIndex, resolve_claims
    from annotator.edition.serialize import edition_dict

    summary, commentary = resolve_claims(GOLD, EditionIndex(edition_dict(edition)), str(GOLD_FILE))
    assert (len(summary), len(commentary)) == (len(GOLD["summary"]), len(GOLD["commentary"]))


def summary_bullets(edition: Edition) -> list[str]:
    return [u.text for u in edition.units if u.doc == "summary" and u.kind == "bullet"]


def test_summary_bullet_count_matches_gold(edition: Edition) -> None:
    assert len(summary_bullets(edition)) == len(GOLD["summary"]) == SUMMARY_BULLETS


def test_every_summary_bullet_holds_one_marker(edition: Edition) -> None:
    assert [len(find_markers(text)) for text in summary_bullets(edition)] == [1] * SUMMARY_BULLETS


def test_summary_markers_use_several_bracket_styles(corpus: Corpus) -> None:
    markers = find_markers(text_of(corpus, "summary"))
    assert len(markers) == SUMMARY_BULLETS
    assert {m.text[0] for m in markers} == set("【［（〔")


def test_some_markers_name_the_english_heading_and_some_a_japanese_wording(corpus: Corpus) -> None:
    titles = [m.title for m in find_markers(text_of(corpus, "summary"))]
    english = [t for t in titles if t in HEADINGS]
    assert 0 < len(english) < len(titles)


def test_a_japanese_marker_title_differs_from_every_title_ja(corpus: Corpus) -> None:
    titles = {m.title for m in find_markers(text_of(corpus, "summary"))}
    labels = {label.title_ja for label in corpus.section_labels}
    assert titles - labels - set(HEADINGS)


def test_exactly_one_bullet_carries_number_mismatch() -> None:
    flagged = [e["unit"] for e in GOLD["summary"] if "number_mismatch" in e.get("flags", ())]
    assert flagged == ["車で移動するのは約50%にすぎず"]


def test_exactly_one_bullet_is_miscited() -> None:
    miscited = [(e["unit"], e["cited_section"], e["support_section"]) for e in GOLD["summary"]
                if e["sentence"] is not None and e["cited_section"] != e["support_section"]]
    assert miscited == [("徴収費用は収入の10分の1未満に抑えるべきで", HEADINGS[0], HEADINGS[1])]


def percents(text: str) -> set[float]:
    return {q.low for q in extract_quantities(text) if q.kind == "percent"}


def test_the_wrong_figure_disagrees_with_its_sentence() -> None:
    entry = next(e for e in GOLD["summary"] if "number_mismatch" in e.get("flags", ()))
    assert (percents(entry["unit"]), percents(entry["sentence"])) == ({50.0}, {15.0})


def entry_fields(entry: dict[str, Any]) -> list[str]:
    return [entry["sentence"], *entry.get("alternatives", ())]


def test_every_summary_entry_has_support() -> None:
    assert all(all(entry_fields(e)) and e["paragraph"] for e in GOLD["summary"])


FAITHFUL = [e for e in GOLD["summary"] if "number_mismatch" not in e.get("flags", ())]


@pytest.mark.parametrize("entry", FAITHFUL, ids=[e["unit"][:12] for e in FAITHFUL])
def test_other_figures_agree_with_their_paragraph(corpus: Corpus, entry: dict[str, Any]) -> None:
    bullet = next(line for line in text_of(corpus, "summary").splitlines() if entry["unit"] in line)
    paragraph = next(line for line in text_of(corpus, "source").splitlines() if entry["paragraph"] in line)
    assert compare_texts(bullet, paragraph) == []
