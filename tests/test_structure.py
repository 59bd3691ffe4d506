"""Structure of the seed corpus and of small texts of our own."""
from __future__ import annotations

import pytest

from annotator.model import Document
from annotator.text.structure import parse_document


def units_of(edition, doc, kind):
    return [u for u in edition.units if u.doc == doc and u.kind == kind]


def test_seed_counts(seed_edition):
    assert len(units_of(seed_edition, "commentary", "point")) == 4
    commentary_bullets = units_of(seed_edition, "commentary", "bullet")
    assert len(commentary_bullets) == 12
    assert len(units_of(seed_edition, "summary", "group")) == 6
    assert len(units_of(seed_edition, "summary", "bullet")) == 15
    sections = [s for s in seed_edition.sections if s.doc == "source"]
    assert [s.heading for s in sections] == ["人工知能の3大発展", "ディープシークのモデル", "輸出管理"]
    assert [s.id for s in sections] == ["three-developments", "deepseeks-models", "export-controls"]
    intro = [u for u in seed_edition.units if u.doc == "source" and u.kind == "paragraph" and u.section is None]
    assert len(intro) == 3  # the introduction before the first heading


def test_every_point_has_a_lead_paragraph_and_bullets(seed_edition):
    for point in units_of(seed_edition, "commentary", "point"):
        kids = [u for u in seed_edition.units if u.parent == point.id]
        assert [k.kind for k in kids][:2] == ["heading", "paragraph"]
        assert sum(k.kind == "bullet" for k in kids) >= 2


def test_lead_in_is_not_a_heading(seed_edition):
    lead_in = next(u for u in seed_edition.units if u.doc == "source" and u.text.startswith("しかし、よく見ることが重要だ"))
    assert lead_in.kind == "paragraph" and lead_in.section == "deepseeks-models"
    bullets = [u for u in seed_edition.units if u.parent == lead_in.id and u.kind == "bullet"]
    assert len(bullets) == 4


def test_source_title(seed_edition):
    title = units_of(seed_edition, "source", "title")
    assert len(title) == 1 and title[0].text.startswith("クリティカル・リーディング")


def test_offsets_slice_back(seed_edition):
    texts = {d.id: d.text for d in seed_edition.corpus.documents}
    for unit in seed_edition.units:
        assert texts[unit.doc][unit.start:unit.end] == unit.text, unit.id
    for section in seed_edition.sections:
        assert texts[section.doc][section.start:].startswith(section.heading)


def test_ids_are_unique_and_anchor_safe(seed_edition):
    ids = [u.id for u in seed_edition.units]
    assert len(ids) == len(set(ids))
    assert all(i[0].isalpha() and " " not in i for i in ids)


def test_sentences_do_not_split_inside_brackets(seed_edition):
    sentence = next(u for u in seed_edition.units if u.kind == "sentence" and "米国のAI企業が数十億ドルで" in u.text)
    assert "600万ドルでやった」わけではない。" in sentence.text


def _tokens_none(start, end):
    return []


@pytest.mark.parametrize("text, points, bullets, numbers", [
    ("見解\n1. 第一の点。\n説明文。\n・項目A\n・項目B\n2. 第二の点。\n● 項目C\n", 2, 3, ["1", "2"]),
    ("見解\n（1）第一の点\n- 項目A\n（2）第二の点\n- 項目B\n- 項目C\n", 2, 3, ["1", "2"]),
    ("見解\n①第一の点\n※ 項目A\n②第二の点\n※ 項目B\n", 2, 2, ["①", "②"]),
    ("見解\n第一に、規制は有効だ。\n- 項目A\n第二に、反論がある。\n- 項目B\n", 2, 2, ["第一", "第二"]),
    ("見解\n■ 背景\n・項目A\n■ 論点\n・項目B\n", 2, 2, [None, None]),
])
def test_numbering_conventions(text, points, bullets, numbers):
    doc = Document("commentary", "commentary", "ja", "x.txt", text)
    _, units = parse_document(doc, _tokens_none, set())
    found = [u for u in units if u.kind == "point"]
    assert len(found) == points
    assert [u.number for u in found] == numbers
    assert len([u for u in units if u.kind == "bullet"]) == bullets


@pytest.mark.parametrize("text, headings", [
    ("題名\n序文です。\n■背景\n本文。\n■結論\n本文。\n", ["背景", "結論"]),
    ("題名\n序文です。\n1. はじめに\n本文。\n2. 結論\n本文。\n", ["はじめに", "結論"]),
    ("題名\n序文です。\n背景\n本文。\n次のとおりだ:\n- 項目\n結論\n本文。\n", ["背景", "結論"]),
    ("Title\n\nIntro line one\nwraps here.\n\nObjections\n\nBody text here.\nMore body.\n\nReplies\n\nLast.\n", ["Objections", "Replies"]),
])
def test_source_headings(text, headings):
    doc = Document("source", "source", "ja", "x.txt", text)
    sections, units = parse_document(doc, _tokens_none, set())
    assert [s.heading for s in sections] == headings
    for unit in units:
        assert text[unit.start:unit.end] == unit.text


def test_wrapped_paragraphs_merge_when_blank_lines_separate_them():
    text = "Title\n\nIntro line one\nwraps here.\n\nSecond paragraph.\n"
    doc = Document("source", "source", "en", "x.txt", text)
    _, units = parse_document(doc, _tokens_none, set())
    paragraphs = [u.text for u in units if u.kind == "paragraph"]
    assert paragraphs == ["Intro line one\nwraps here.", "Second paragraph."]


def test_manifest_section_heading_must_exist(tmp_path, capsys):
    import shutil

    from conftest import SEED_CORPUS

    from annotator.cli import main

    corpus = tmp_path / "c"
    shutil.copytree(SEED_CORPUS, corpus)
    toml = corpus / "corpus.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('heading = "輸出管理"', 'heading = "輸出規制"'), encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert "corpus.toml:23:" in err and "'輸出規制' is not a section heading" in err and err.count("\n") == 1
    assert not (tmp_path / "site").exists()
