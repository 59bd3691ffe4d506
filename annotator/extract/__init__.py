"""Extract: what both linking and checking read in a text, found once, in one place.

Takes plain text (and the glossary); gives glossary concepts and their variants found in a text,
quotations, redaction masks, numerals and quantities, and text folded with offsets back to the
original. Imports no later stage; linking and checking both read it.
"""
from __future__ import annotations

from ..lazy import lazy_exports

__all__ = ["Concept", "TermMatcher", "corpus_glossary", "default_glossary", "extract_quantities", "find_masks", "find_quotes", "folded_with_offsets"]

__getattr__ = lazy_exports(__name__, {
    "Concept": ".glossary",
    "corpus_glossary": ".glossary",
    "default_glossary": ".glossary",
    "TermMatcher": ".glossary_match",
    "find_quotes": ".quotes",
    "find_masks": ".redactions",
    "extract_quantities": ".figures",
    "folded_with_offsets": ".folding",
})
