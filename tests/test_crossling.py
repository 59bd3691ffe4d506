"""Terms that cross the language border: names read back to Latin letters, glosses, figures."""
from __future__ import annotations

import pytest

from annotator.link.crossling import (
    FIGURE_PREFIX,
    NAME_PREFIX,
    _name_skeleton,
    crossing_terms,
    figure_key,
    skeleton,
)
from annotator.text.nlp import analyze


@pytest.mark.parametrize("katakana, latin", [
    ("ストックホルム", "Stockholm"), ("ロンドン", "London"), ("シンガポール", "Singapore"),
    ("ディープシーク", "DeepSeek"), ("アンソロピック", "Anthropic"), ("クロード", "Claude"),
])
def test_names_meet_across_scripts(katakana, latin):
    assert _name_skeleton(katakana) and _name_skeleton(katakana) == _name_skeleton(latin)


@pytest.mark.parametrize("a, b", [("ロンドン", "Stockholm"), ("シンガポール", "Sweden"), ("クロード", "Cloudflare")])
def test_different_names_stay_apart(a, b):
    assert _name_skeleton(a) != _name_skeleton(b) or not _name_skeleton(a)


def test_skeleton_ignores_short_words():
    assert skeleton("ai") == "" and _name_skeleton("is") == ""


def test_figures_share_one_key_across_languages():
    ja = {t for _, t in crossing_terms(analyze("予算は1億2000万ドルで、5万台が2006年に走った。", "ja"),
                                       "予算は1億2000万ドルで、5万台が2006年に走った。", True)}
    text = "The budget is $120 million; 50,000 cars ran in 2006."
    en = {t for _, t in crossing_terms(analyze(text, "en"), text, True)}
    shared = {t for t in ja & en if t.startswith(FIGURE_PREFIX)}
    assert FIGURE_PREFIX + figure_key("money", 1.2e8, 1.2e8, "USD") in shared
    assert FIGURE_PREFIX + figure_key("year", 2006, 2006, "") in shared
    assert len(shared) == 3


def test_glosses_only_across_languages():
    doc = analyze("コストが下がる。", "ja")
    assert "cost" in {t for _, t in crossing_terms(doc, doc.text, True)}
    assert "cost" not in {t for _, t in crossing_terms(doc, doc.text, False)}
    assert all(t.startswith(NAME_PREFIX) for _, t in crossing_terms(doc, doc.text, False))
