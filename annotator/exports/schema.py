"""The JSON Schema (draft 2020-12) of edition.json, shipped as package data."""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMA_FILE = "edition.schema.json"


def edition_schema() -> dict[str, Any]:
    """The edition.json schema as a dict, read from ``annotator/data``."""
    text = resources.files("annotator").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_text() -> str:
    """The schema file's text, as ``annotator schema`` prints it."""
    return resources.files("annotator").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")
