"""Quotations found in a text, outside the spans (citation markers) a caller asks to skip."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.extract.quotes import QuoteSpan, find_quotes

TEXT = "彼は「輸出規制」と言い、『効果』を疑った。"


def test_each_kind_of_quotation_mark_is_found() -> None:
    assert [q.text for q in find_quotes(TEXT + "“controls”")] == ["輸出規制", "効果", "controls"]
    assert find_quotes(TEXT)[0] == QuoteSpan(3, 7, "輸出規制")


def test_a_quotation_opening_inside_a_skipped_span_is_left_out() -> None:
    assert [q.text for q in find_quotes(TEXT, [(2, 3)])] == ["効果"]
    assert [q.text for q in find_quotes(TEXT, [(0, 2), (3, 4)])] == ["輸出規制", "効果"]


def test_overlapping_nested_and_empty_skip_spans() -> None:
    assert [q.text for q in find_quotes(TEXT, [(0, 5), (1, 13), (20, 20)])] == []
    assert [q.text for q in find_quotes(TEXT, [(11, 11), (12, 11)])] == ["輸出規制", "効果"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab「」『』“”", max_size=40),
       st.lists(st.tuples(st.integers(-3, 42), st.integers(-3, 42)), max_size=5))
def test_skipping_means_no_quotation_opens_inside_any_span(text: str, skip: list[tuple[int, int]]) -> None:
    kept = find_quotes(text, skip)
    every = find_quotes(text)
    assert kept == [q for q in every if not any(s <= q.start - 1 < e for s, e in skip)]


def test_the_bigram_index_numbers_its_bigrams_when_keys_would_overflow(monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.extract import quotes

    sentences = ["輸出規制は効果がない", "規制の効果を疑う", "𠮷野家の話", "no overlap here", ""]
    grams = ["規制", "効果", "𠮷野", "ov", "zz"]

    def sharing() -> list[int]:
        joined = quotes._SEPARATOR.join(sentences)
        return list(quotes._Bigrams(sentences, joined).sharing(grams).tolist())

    keyed = sharing()
    monkeypatch.setattr(quotes, "_KEYED_PAIRS_BELOW", 1)
    assert sharing() == keyed == [2, 2, 1, 1, 0]
