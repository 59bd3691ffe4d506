"""A Doc's content terms by character span, and the distinct token forms they are decided from."""
from __future__ import annotations

import numpy
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.link.terms import _MIX, TermIndex, distinct_rows
from annotator.text.nlp import analyze

TEXT = "Congestion pricing reduces traffic in the city centre and raises money for transit."


def _index() -> TermIndex:
    return TermIndex(analyze(TEXT, "en"))


def test_a_bag_counts_the_terms_of_tokens_starting_in_the_span() -> None:
    bag = _index().bag(0, len(TEXT))
    assert bag["traffic"] == 1 and bag["transit"] == 1 and "the" not in bag


def test_masked_spans_leave_their_tokens_out_and_reversed_or_empty_spans_mask_nothing() -> None:
    index = _index()
    whole = index.bag(0, len(TEXT))
    traffic = TEXT.index("traffic")
    assert "traffic" not in index.bag(0, len(TEXT), [(traffic, traffic + 7)])
    assert index.bag(0, len(TEXT), [(traffic + 7, traffic), (5, 5)]) == whole
    assert index.bag(0, len(TEXT), [(0, 20), (10, 30)]) == index.bag(30, len(TEXT))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=30))
def test_distinct_rows_first_occurrences_and_inverse(rows: list[tuple[int, int, int]]) -> None:
    array = numpy.array(rows, dtype=numpy.uint64)
    first, inverse = distinct_rows(array)
    assert sorted(map(tuple, array[first].tolist())) == sorted(set(rows))
    assert (array[first][inverse] == array).all()
    assert all(rows.index(rows[i]) == i for i in first.tolist())


def test_rows_whose_mixed_keys_collide_are_still_told_apart() -> None:
    rows = numpy.array([[0, 1, 0, 0], [int(_MIX[1]), 0, 0, 0]], dtype=numpy.uint64)
    first, inverse = distinct_rows(rows)
    assert len(first) == 2 and sorted(first.tolist()) == [0, 1]
    assert (rows[first][inverse] == rows).all()
