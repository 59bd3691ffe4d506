"""The shipped Japanese → English core lexicon (annotator/data/lexicon_ja_en.tsv).

Format checks read the file directly; the lemma check runs every key through the project's
own Japanese tokenizer (unidic-lite 1.0.8), since crossling looks entries up by token lemma.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

LEXICON = Path(__file__).resolve().parent.parent / "annotator" / "data" / "lexicon_ja_en.tsv"
_WORD = r"[a-z]+(?:-[a-z]+)*"
ENGLISH = re.compile(rf"^{_WORD}(?: {_WORD})?$")  # one lowercase ASCII lemma of one or two words
ARTICLES = {"a", "an", "the"}
KANA_KATAKANA = re.compile(r"^[\u30a0-\u30ff]+$")


def _lines() -> list[tuple[int, str]]:
    text = LEXICON.read_text(encoding="utf-8")
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line and not line.startswith("#")]


def _entries() -> dict[str, list[str]]:
    entries: dict[str, list[str]] = {}
    for _, line in _lines():
        japanese, english = line.split("\t")
        entries[japanese] = english.split(";")
    return entries


def test_header_says_what_it_is():
    header = [line for line in LEXICON.read_text(encoding="utf-8").splitlines() if line.startswith("#")][:30]
    text = "\n".join(header)
    assert "general knowledge" in text
    assert "MIT" in text
    assert "<Japanese lemma><TAB><English lemma>" in text


def test_every_line_parses():
    problems = []
    for n, line in _lines():
        if line.count("\t") != 1:
            problems.append((n, "tabs", line))
            continue
        japanese, english = line.split("\t")
        if not japanese or japanese != japanese.strip() or not english:
            problems.append((n, "side", line))
            continue
        senses = english.split(";")
        if not 1 <= len(senses) <= 3 or len(set(senses)) != len(senses):
            problems.append((n, "senses", line))
        for sense in senses:
            if not ENGLISH.match(sense) or ARTICLES & set(sense.split()):
                problems.append((n, "english", sense))
    assert problems == []


def test_no_duplicate_keys():
    keys = [line.split("\t")[0] for _, line in _lines()]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == []


def test_size_and_no_loanwords():
    entries = _entries()
    assert 2000 <= len(entries) <= 3500
    assert [key for key in entries if KANA_KATAKANA.match(key)] == []


@pytest.mark.parametrize("japanese, english", [
    ("増える", "increase"), ("増加", "increase"), ("減る", "decrease"), ("減少", "decrease"),
    ("防ぐ", "prevent"), ("認める", "acknowledge"), ("示す", "show"), ("支払う", "pay"),
    ("導入", "introduce"), ("反対", "oppose"), ("支持", "support"),
    ("高い", "high"), ("高い", "expensive"), ("安い", "cheap"), ("大きい", "large"), ("重要", "important"),
    ("年", "year"), ("割合", "share"), ("半分", "half"),
    ("税", "tax"), ("料金", "fee"), ("所得", "income"), ("住民", "resident"), ("渋滞", "congestion"),
    ("主張", "claim"), ("根拠", "evidence"), ("反論", "rebuttal"), ("誇張", "exaggeration"),
    ("前提", "premise"), ("公平", "fairness"), ("規制", "regulation"),
    ("排出", "emission"), ("患者", "patient"), ("教育", "education"), ("記事", "article"),
])
def test_spot_checks(japanese, english):
    assert english in _entries()[japanese]


def test_unidic_spellings():
    entries = _entries()
    # UniDic normalizes these spellings; the lexicon must use the lemma it returns
    for lemma, variant in [("子供", "子ども"), ("輿論", "世論"), ("信ずる", "信じる"), ("取り引き", "取引")]:
        assert lemma in entries and variant not in entries


def test_keys_are_unidic_lemmas():
    """Each key is one token whose (gloss-stripped) lemma is the key, in at least one short frame."""
    nlp = pytest.importorskip("annotator.text.nlp")
    keys = list(_entries())
    passed: set[str] = set()
    for frame in ("「{}」", "{}。", "その{}が", "{}を"):
        lines = [frame.format(key) for key in keys]
        doc = nlp.analyze("\n".join(lines), "ja")
        by_start = {token.idx: token for token in doc}
        offset, inner = 0, frame.index("{}")
        for key, line in zip(keys, lines):
            token = by_start.get(offset + inner)
            if token is not None and token.text == key and token.lemma_ == key:
                passed.add(key)
            offset += len(line) + 1
    assert [key for key in keys if key not in passed] == []


def test_crossling_reads_it():
    crossling = pytest.importorskip("annotator.link.crossling")
    nlp = pytest.importorskip("annotator.text.nlp")
    crossling.lexicon.cache_clear()
    assert len(crossling.lexicon()) == len(_entries())
    doc = nlp.analyze("渋滞が増えたので料金を支払う。", "ja")
    terms = {term for token in doc for term in crossling.english_terms(token)}
    assert {"congestion", "increase", "fee", "pay"} <= terms
