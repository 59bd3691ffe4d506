"""JSON text for the files a build writes: one record per line, each written by the C encoder.

Indented JSON (``indent=``) is written by the standard library's pure-Python encoder, a
generator call per value; on a large edition that was most of an export's time. Here the
objects above the lists are indented, and each element of a list of objects or lists goes
on a line of its own, written compactly by the C encoder. The files stay readable and
friendly to ``grep`` and ``diff`` (a unit, a link, an annotation per line) at C speed.
Only JSON data is accepted: dicts with string keys, lists, tuples, strings, numbers,
booleans and None (keys are checked above the records; within one, the C encoder writes a
number key as a string, as ``json.dumps`` does).
"""
from __future__ import annotations

import json
from typing import Any, Callable

# allow_nan=False: JSON has no NaN or Infinity, so a file holding them is refused by strict readers;
# a value that is not finite raises ValueError instead of being written (export refuses such input first)
_STANDARD = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), check_circular=False, allow_nan=False)


# One value as compact JSON on one line, as a record's line holds it: the standard library's public
# encoder. Reusing one C encoder through the private ``json.encoder.c_make_encoder`` saved 28 ms of
# 0.35 s (json and every export at seed ×32; 1.4% of the build): not worth a private API.
compact_json = _STANDARD.encode

# < > & escaped as \u003c … keep the text inert if it is pasted into an HTML <script>;
# JSON readers see the same strings
_INERT = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"))


def json_text(data: Any, record: Callable[[Any], str] = compact_json) -> str:
    """``data`` as deterministic JSON text, one record per line, ``< > &`` escaped, newline-ended
    (``record``: what writes one record; it must write what the compact encoder writes)."""
    text = record_lines(data, record)
    for char, escape in _INERT:
        if char in text:  # a replace that finds nothing still copies a text wider than ASCII
            text = text.replace(char, escape)
    return text + "\n"


def record_lines(data: Any, record: Callable[[Any], str] = compact_json) -> str:
    """``data`` as JSON: objects indented by one space a level, lists of records one per line."""
    out: list[str] = []
    _write(data, "\n", out, record)
    return "".join(out)


def _write(value: Any, newline: str, out: list[str], record: Callable[[Any], str]) -> None:
    inner = newline + " "
    if isinstance(value, dict) and value:
        lead = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            out.append(lead + compact_json(key) + ": ")
            _write(item, inner, out, record)
            lead = "," + inner
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)) and value and all(isinstance(v, (dict, list, tuple)) for v in value):
        out.append("[" + inner + ("," + inner).join(map(record, value)) + newline + "]")
    else:
        out.append(compact_json(value))
