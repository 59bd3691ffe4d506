"""How strongly a source sentence takes a stance: rebuttals answer the author's positions.

Normative sentences (…べきだ, …てはならない, must, should) are the author's claims proper;
evaluative ones (…と思う, 重要だ, I think, clearly) weigh less; description weighs nothing.
These are grammatical markers of stance, the same in any essay.
"""
from __future__ import annotations

import re

# Japanese and English apart: case folding only slows the Japanese alternatives down
_NORMATIVE_JA = re.compile(r"べき|なければならない|なくてはならない|てはならない|ではならない|必要がある|ねばならない")
_NORMATIVE_EN = re.compile(r"\b(?:must|should|ought to|need to|have to)\b", re.IGNORECASE)
_EVALUATIVE_JA = re.compile(r"と思う|と思います|と考え|と確信|と主張|と信じ|重要|明らか|決定的|不可欠")
_EVALUATIVE_EN = re.compile(r"\b(?:I think|I believe|important|clearly|crucial|essential|I argue)\b", re.IGNORECASE)
# the English markers in one search: most sentences hold none of them
_ANY_EN = re.compile(r"\b(?:must|should|ought to|need to|have to|I think|I believe|important|clearly|crucial|essential|I argue)\b",
                     re.IGNORECASE)


def stance_strength(text: str) -> float:
    """1.0 for a normative sentence, 0.5 for an evaluative one, else 0."""
    english = _ANY_EN.search(text) is not None
    if _NORMATIVE_JA.search(text) or english and _NORMATIVE_EN.search(text):
        return 1.0
    if _EVALUATIVE_JA.search(text) or english and _EVALUATIVE_EN.search(text):
        return 0.5
    return 0.0
