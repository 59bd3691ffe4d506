"""Link: citations resolved and claims linked to the source.

Takes the corpus, its structure, the tokens and the glossary (and the hand corrections in
``links.toml``); gives an ``Alignment``: every citation marker resolved to a source section
(``Citation``) and every claim's ranked links to the source units it rests on or answers (``Link``).
"""
from __future__ import annotations

from ..lazy import lazy_exports

__all__ = ["Alignment", "Citation", "Corrections", "Link", "align", "encoder_name", "load_corrections", "require_encoder"]

__getattr__ = lazy_exports(__name__, {
    "align": ".align",
    "Alignment": ".align",
    "load_corrections": ".corrections",
    "Corrections": ".corrections",
    "encoder_name": ".semantic",
    "require_encoder": ".semantic",
    "Citation": ".records",
    "Link": ".records",
})
