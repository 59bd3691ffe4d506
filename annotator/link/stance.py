"""How strongly a source sentence takes a stance: rebuttals answer the author's positions.

Normative sentences (…べきだ, …てはならない, must, should) are the author's claims proper;
evaluative ones (…と思う, 重要だ, I think, clearly) weigh less; description weighs nothing.
These are grammatical markers of stance, the same in any essay.
"""
from __future__ import annotations

import re

# Japanese and English apart: case folding only slows the Japanese alternatives down
_NORMATIVE_JA = re.compile(r"べき|なければならない|なくてはならない|てはならない|ではならない|必要がある|ねばならない")
_NORMATIVE_EN_WORDS = ("must", "should", "ought to", "need to", "have to")
_EVALUATIVE_EN_WORDS = ("I think", "I believe", "important", "clearly", "crucial", "essential", "I argue")


def _english(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


_NORMATIVE_EN = _english(_NORMATIVE_EN_WORDS)
_EVALUATIVE_EN = _english(_EVALUATIVE_EN_WORDS)
_ANY_EN = _english(_NORMATIVE_EN_WORDS + _EVALUATIVE_EN_WORDS)  # one search: most sentences hold none
_EVALUATIVE_JA = re.compile(r"と思う|と思います|と考え|と確信|と主張|と信じ|重要|明らか|決定的|不可欠")


def stance_strength(text: str) -> float:
    """1.0 for a normative sentence, 0.5 for an evaluative one, else 0."""
    english = _ANY_EN.search(text) is not None
    if _NORMATIVE_JA.search(text) or english and _NORMATIVE_EN.search(text):
        return 1.0
    if _EVALUATIVE_JA.search(text) or english and _EVALUATIVE_EN.search(text):
        return 0.5
    return 0.0
