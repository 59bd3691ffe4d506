"""Split a bullet's lead label from its body.

Labels come written three ways: with a separator (``膨張の法則:: …``, ``拡大法。 …``,
``【背景】…``), as a short first sentence (``破壊的な」ブレークスルーではない。著者らは…``),
or fused onto the body with no separator at all (``膨張の法則AIシステムの学習規模が…``).
The fused case is decided from the tokens: the label is a noun phrase (or a short verb
phrase) that ends where a new clause begins, i.e. where the clause's subject noun phrase
starts; script changes, proper nouns and sentence adverbs (例えば) mark likely seams.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Container, Iterable, NamedTuple, Optional, Sequence

MAX_LABEL_CHARS = 40
SHORT_SENTENCE_CHARS = 20

_COLON_LABEL = re.compile(r"^(?P<label>[^。．.、，,：:]{1,%d}?)\s*(?:::|：：|:|：)\s*(?=\S)" % MAX_LABEL_CHARS)
_PERIOD_SPACE_LABEL = re.compile(r"^(?P<label>[^。．、，,]{1,30}?)[。．](?:[ \t\u3000]+)(?=\S)")
_BRACKET_LABEL = re.compile(r"^[【［\[〔](?P<label>[^】］\]〕]{1,30})[】］\]〕]\s*(?=\S)")
_SHORT_SENTENCE = re.compile(r"^(?P<label>[^。．！？!?、，,]{2,%d})[。．！？!?]\s*(?=\S)" % SHORT_SENTENCE_CHARS)


class Tok(NamedTuple):
    """The little a label split needs to know about a token (a tuple: thousands are made per corpus)."""

    surface: str
    pos1: str  # UniDic level-1 POS, e.g. 名詞
    pos2: str  # UniDic level-2 POS, e.g. 固有名詞
    conj: str  # UniDic conjugation form, e.g. 連体形-一般, or ""
    start: int  # offset of the token within the bullet text


@dataclass(frozen=True)
class LabelSplit:
    """A label found at the head of a bullet; offsets relative to the bullet text."""

    label: str
    label_end: int
    body_start: int
    confident: bool


def split_explicit(text: str, *, allow_short_sentence: bool) -> Optional[LabelSplit]:
    """A label set off by a colon, a bracket, a period and space, or a short sentence."""
    patterns = [_COLON_LABEL, _BRACKET_LABEL, _PERIOD_SPACE_LABEL]
    if allow_short_sentence:
        patterns.append(_SHORT_SENTENCE)
    for pattern in patterns:
        found = pattern.match(text)
        if found and _plausible_label(found.group("label")) and _long_enough_body(text, found.end()):
            label_start, label_end = found.span("label")
            raw = found.group("label")
            trimmed_end = label_start + len(raw.rstrip())
            return LabelSplit(text[label_start:trimmed_end], trimmed_end, found.end(), True)
    return None


def _plausible_label(label: str) -> bool:
    stripped = label.strip()
    return len(stripped) >= 2 and not stripped[0] in "「『(（"


def _long_enough_body(text: str, body_start: int) -> bool:
    return len(text[body_start:].strip()) >= 4


def split_fused(text: str, tokens: Iterable[Tok],
                compounds: Container[tuple[str, str]] = ()) -> Optional[tuple[LabelSplit, int]]:
    """The best fused label and its score, or None where no seam is plausible.

    ``compounds`` holds adjacent token pairs seen elsewhere in the corpus: a seam there
    would cut a compound the corpus writes as one (コスト削減), so it is unlikely. The tokens
    are read only up to the clause head, never past the first that starts past ``MAX_LABEL_CHARS``:
    callers may pass a prefix, or an iterator that makes them on demand.
    """
    tokens = _head_tokens(tokens)
    region = len(tokens)
    candidates = []
    for i in range(2, region):
        score = _seam_score(tokens, i, compounds)
        if score is not None:
            candidates.append((score, i))
    if not candidates:
        return None
    valid = [(s, i) for s, i in candidates if _body_is_subject(tokens, i, region)]
    pool = valid or candidates
    best_score = max(s for s, _ in pool)
    index = min(i for s, i in pool if s == best_score)
    label_end = tokens[index].start
    label = text[:label_end].rstrip()
    if len(label.replace(" ", "")) < 3:
        return None
    confident = best_score >= 1 and bool(valid)
    return LabelSplit(label, len(label), label_end, confident), best_score


def _head_tokens(tokens: Iterable[Tok]) -> list[Tok]:
    """The tokens before the one that ends the sentence's head: a topic or subject particle, a comma."""
    head: list[Tok] = []
    for tok in tokens:
        if tok.start > MAX_LABEL_CHARS:
            break
        if tok.pos1 == "助詞" and (tok.pos2 == "係助詞" or tok.surface == "が"):
            break
        if tok.pos2 in ("読点", "句点") or tok.surface in (":", "：", "、", "。"):
            break
        head.append(tok)
    return head


def _seam_score(tokens: Sequence[Tok], i: int, compounds: Container[tuple[str, str]]) -> Optional[int]:
    left, right = tokens[i - 1], tokens[i]
    if not (_ends_phrase(left) and _starts_phrase(right)):
        return None
    if left.start + len(left.surface) != right.start:
        return None  # a space already separates them: not a fused seam
    score = 0
    if _script(left.surface[-1]) != _script(right.surface[0]):
        score += 2
    if right.pos1 in ("副詞", "接続詞"):
        score += 3
    if right.pos2 == "固有名詞" or _script(right.surface[0]) == "latin":
        score += 1
    if left.pos1 in ("動詞", "形容詞"):
        score -= 1
    if (left.surface, right.surface) in compounds:
        score -= 3
    return score


def _ends_phrase(tok: Tok) -> bool:
    if tok.pos1 == "名詞":
        return tok.pos2 != "数詞"
    if tok.pos1 == "接尾辞":
        return True
    if tok.pos1 in ("動詞", "形容詞"):
        return tok.conj.startswith(("終止形", "連体形"))
    return False


def _starts_phrase(tok: Tok) -> bool:
    if tok.pos1 in ("名詞", "接頭辞", "代名詞", "副詞", "接続詞", "連体詞"):
        return True
    return _script(tok.surface[0]) == "latin"


_NP_PARTICLES = {"の", "と", "や"}


def _body_is_subject(tokens: Sequence[Tok], i: int, region: int) -> bool:
    """True when tokens[i:region] read as one noun phrase (the clause's subject) or an adverb."""
    if tokens[i].pos1 in ("副詞", "接続詞"):
        return True
    for tok in tokens[i:region]:
        if tok.pos1 == "助詞" and tok.surface not in _NP_PARTICLES:
            return False
        if tok.pos1 == "動詞":
            return False
        if tok.pos1 == "補助記号" and tok.pos2.startswith("括弧"):
            return False
    return True


@lru_cache(maxsize=1 << 12)  # unicodedata.name is slow, and a text uses a few thousand characters
def _script(char: str) -> str:
    if "\u3040" <= char <= "\u309f":
        return "hiragana"
    if "\u30a0" <= char <= "\u30ff" or char == "ー":
        return "katakana"
    if char.isascii() and char.isalnum():
        return "latin"
    name = unicodedata.name(char, "")
    if "CJK" in name:
        return "kanji"
    if "FULLWIDTH" in name and char.isalnum():
        return "latin"
    return "other"
