"""Text: tokens and structure of every document.

Takes the corpus's ``Document`` records; gives spaCy ``Doc``s (fugashi + unidic-lite for Japanese,
spaCy's tokenizer for English) and a ``Structure``: sections and units (titles, points, groups,
paragraphs, bullets, sentences) with character offsets that slice back to the text.
"""
from __future__ import annotations

from ..lazy import lazy_exports

__all__ = ["Section", "Structure", "Unit", "analyze", "analyze_documents", "check_section_labels", "compounds", "parse_document", "pipeline", "token_source"]

__getattr__ = lazy_exports(__name__, {
    "analyze": ".nlp",
    "pipeline": ".nlp",
    "analyze_documents": ".analysis",
    "compounds": ".analysis",
    "token_source": ".analysis",
    "parse_document": ".structure",
    "check_section_labels": ".structure",
    "Section": ".records",
    "Unit": ".records",
    "Structure": ".records",
})
