"""Exports for analysis: the research tables (``annotator.edition.tables``) written losslessly.

``jsonl``: ``units.jsonl``, ``citations.jsonl``, ``links.jsonl``, ``findings.jsonl`` and
``tags.jsonl``, one JSON object per row, values exactly as edition.json holds them (strings
unaltered, numbers, null, lists). ``parquet``: the same tables as ``<table>.parquet`` through
pyarrow (``pip install 'annotator[pandas]'``), every column typed (string, int64, float64,
list<string>), nulls kept. Unlike links.csv and findings.csv, nothing is neutralised for
spreadsheets: these are the data as found.
"""
from __future__ import annotations

import io
import json
from typing import Any

from ..edition.tables import COLUMNS, require, tables
from .common import EditionIndex

Item = dict[str, Any]


def jsonl_files(edition: Item) -> dict[str, str]:
    """``<table>.jsonl`` for every research table: UTF-8, one object per line, a trailing newline."""
    files = {}
    for name, rows in _checked_tables(edition).items():
        names = [column for column, _ in COLUMNS[name]]
        lines = [json.dumps(dict(zip(names, row)), ensure_ascii=False, separators=(",", ":")) for row in rows]
        files[f"{name}.jsonl"] = "".join(line + "\n" for line in lines)
    return files


def parquet_files(edition: Item) -> dict[str, bytes]:
    """``<table>.parquet`` for every research table, typed by ``COLUMNS`` (needs pyarrow)."""
    pyarrow = require("pyarrow", "pandas", "the parquet export")
    parquet = require("pyarrow.parquet", "pandas", "the parquet export")
    types = {"str": pyarrow.string(), "int": pyarrow.int64(), "float": pyarrow.float64(),
             "list": pyarrow.list_(pyarrow.string())}
    files = {}
    for name, rows in _checked_tables(edition).items():
        schema = pyarrow.schema([(column, types[kind]) for column, kind in COLUMNS[name]])
        table = pyarrow.Table.from_arrays([pyarrow.array([row[i] for row in rows], type=field.type)
                                           for i, field in enumerate(schema)], schema=schema)
        sink = io.BytesIO()
        parquet.write_table(table, sink)
        files[f"{name}.parquet"] = sink.getvalue()
    return files


def _checked_tables(edition: Item) -> dict[str, list[list[Any]]]:
    """The tables, once every link names units the edition holds (ExportError naming the link if not)."""
    index = EditionIndex(edition)
    for i, link in enumerate(edition.get("links", [])):
        index.unit(link["from"], f"links[{i}].from")
        index.unit(link["to"], f"links[{i}].to")
    return tables(edition)
