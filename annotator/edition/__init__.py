"""Edition: the frozen model of one built corpus, its JSON form, and scoring against gold.

Takes what the stages found; gives the ``Edition`` record, ``edition.json`` data and text, and
``annotator evaluate``'s scores of an edition against a gold file.
"""
from __future__ import annotations

from ..lazy import lazy_exports

__all__ = ["Edition", "edition_dict", "edition_json", "evaluate", "evaluate_files", "json_text", "load_gold"]

__getattr__ = lazy_exports(__name__, {
    "Edition": ".model",
    "edition_dict": ".serialize",
    "edition_json": ".serialize",
    "json_text": ".json_text",
    "evaluate": ".evaluate",
    "evaluate_files": ".evaluate",
    "load_gold": ".gold",
})
