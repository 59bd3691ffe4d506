"""The tokenizer's old import path (``annotator.nlp.analyze``, ``annotator.nlp.pipeline``), kept for users.

The code lives in ``annotator.text.nlp``; this module re-exports its public names.
"""
from __future__ import annotations

from .text.nlp import (
                       JA_FUNCTION_LEMMAS,
                       AlignmentError,
                       analyze,
                       conj_form,
                       fold,
                       gloss,
                       goshu,
                       is_content,
                       match_key,
                       pipeline,
                       reading,
)

__all__ = ["AlignmentError", "JA_FUNCTION_LEMMAS", "analyze", "conj_form", "fold", "gloss", "goshu", "is_content",
           "match_key", "pipeline", "reading"]
