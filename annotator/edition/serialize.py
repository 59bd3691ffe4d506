"""Serialize an Edition as edition.json (format: docs/edition-format.md)."""
from __future__ import annotations

from typing import Any, Optional

from .json_text import json_text
from .model import FORMAT, VERSION, Edition

__all__ = ["FORMAT", "VERSION", "edition_dict", "edition_json"]


def edition_dict(edition: Edition) -> dict[str, Any]:
    """The edition as edition.json's plain data (dicts, lists, strings, numbers, None; format in
    docs/edition-format.md), every list present, in a deterministic order: ``edition.to_dict()``.
    The exports (``annotator.exports.export_files``) and the research tables read this."""
    return edition.to_dict()


def edition_json(edition: Edition, data: Optional[dict[str, Any]] = None) -> str:
    """edition.json's text: UTF-8, stable key order, one record per line, a trailing newline;
    < > & escaped (as \\u003c …) so that the text is inert if anyone pastes it into a page.
    ``data`` is ``edition_dict(edition)`` when the caller has it already."""
    return json_text(edition_dict(edition) if data is None else data)
