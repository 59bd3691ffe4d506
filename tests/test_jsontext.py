"""The JSON text every written file uses: the same data back, one record per line, inert in HTML."""
from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.edition.json_text import json_text, record_lines

JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_DATA)
def test_the_text_reads_back_as_the_same_data(data: Any) -> None:
    assert json.loads(json_text(data)) == data
    assert json.loads(record_lines(data)) == data


def test_records_go_one_per_line_under_indented_objects() -> None:
    data = {"format": "x", "meta": {"n": 1}, "units": [{"id": "a", "tags": ["p", "q"]}, {"id": "b"}], "empty": []}
    assert record_lines(data).splitlines() == [
        "{",
        ' "format": "x",',
        ' "meta": {',
        '  "n": 1',
        " },",
        ' "units": [',
        '  {"id": "a", "tags": ["p", "q"]},',
        '  {"id": "b"}',
        " ],",
        ' "empty": []',
        "}",
    ]


def test_a_list_of_scalars_stays_on_one_line() -> None:
    assert record_lines({"variants": ["a", 1, None]}) == '{\n "variants": ["a", 1, null]\n}'


def test_markup_characters_are_escaped_and_non_ascii_kept() -> None:
    text = json_text({"q": "<b>&「引用」</b>"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "「引用」" in text and text.endswith("\n")
    assert json.loads(text) == {"q": "<b>&「引用」</b>"}


def test_tuples_and_subclasses_are_written_as_json_writes_them() -> None:
    class Name(str):
        pass

    data = {"t": (1, 2), "s": Name("x"), "f": [0.1]}
    assert record_lines(data) == '{\n "t": [1, 2],\n "s": "x",\n "f": [0.1]\n}'


@pytest.mark.parametrize("number", [math.inf, -math.inf, math.nan])
def test_numbers_json_has_not_are_refused(number: float) -> None:
    """JSON has no NaN or Infinity: writing one would make a file strict readers refuse."""
    with pytest.raises(ValueError):
        record_lines({"units": [{"score": number}]})
    with pytest.raises(ValueError):
        json_text({"score": number})


def test_a_key_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(TypeError, match="keys must be str"):
        record_lines({1: "x"})
