"""Cue phrases found in a spaCy Doc token by token, on lemmas, so that inflected forms count.

A cue is written as plain text (無視する, 誰も…ない, cherry-pick) and tokenized by the same
tokenizer as the text it is matched in. Each cue token becomes one spaCy ``Matcher`` token
pattern that accepts a text token sharing any of its keys:

- the lemma (無視し → 無視, ignored → ignore; UniDic's 為る, 居る … as they are);
- the surface form, NFKC-folded and lowercased (UniDic gives some forms different lemmas on
  their own and in a sentence: the ない of 触れない is ない, that of 言及がない is 無い);
- the katakana reading, when it has three kana or more (すり替え the noun and すり替え the verb
  have different lemmas, 掏り替え and 擦り替える, but one reading); shorter readings would join
  homophones such as 課 and か.

"…" in a cue stands for up to ``GAP`` tokens of the same sentence (no sentence-ending mark), "……"
for up to ``LONG_GAP``. Spaces split a cue where the tokenizer, reading a fragment alone, would
join it otherwise (か の, not the determiner かの).
The keys live in a Token extension filled once per Doc; the Matcher compares them with
``INTERSECTS``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from ..extract.numerals import fold_width
from ..text import nlp

GAP = 4
LONG_GAP = 12  # "……": a clause apart (続けば……だろう)
GAP_CHARS, LONG_GAP_CHARS = 10, 30  # the same gaps in characters, for the surface match
KEYS = "annotator_cue_keys"
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_SENTENCE_END = ["。", ".", "!", "?", "！", "？", "\n"]
_MIN_READING = 3

if not Token.has_extension(KEYS):
    Token.set_extension(KEYS, default=None)


@dataclass(frozen=True)
class CueHit:
    """A cue found in a Doc: its kind, and the character span it covers."""

    kind: str
    start: int
    end: int


def token_keys(token: Token) -> list[str]:
    """The keys a token is matched by: lemma, folded surface, and a long enough reading."""
    keys = {_fold(token.lemma_ or token.text), _fold(token.text)}
    reading = nlp.reading(token)
    if reading and len(reading) >= _MIN_READING and reading != "*":
        keys.add("読:" + reading)
    return sorted(k for k in keys if k)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().strip()


def cue_patterns(cue: str) -> list[list[dict]]:  # type: ignore[type-arg]
    """The Matcher pattern of one cue: a token pattern per cue token, a bounded wildcard per "…"."""
    pieces = re.split(r"(……|…)", cue)
    pattern: list[dict] = []  # type: ignore[type-arg]
    for piece in (p.strip() for p in pieces):
        if piece in ("…", "……"):
            gap = GAP if piece == "…" else LONG_GAP
            pattern.append({"TEXT": {"NOT_IN": _SENTENCE_END}, "OP": f"{{,{gap}}}"})
            continue
        if not piece:
            continue
        doc = nlp.analyze(piece, "ja" if _JAPANESE.search(piece) else "en")
        pattern += [{"_": {KEYS: {"INTERSECTS": token_keys(t)}}} for t in doc if not t.is_space]
    return [pattern] if any("_" in p for p in pattern) else []


def surface_pattern(cue: str) -> re.Pattern[str]:
    """A cue as characters: Japanese pieces verbatim (spaces dropped), English ones as whole words."""
    parts = []
    for piece in re.split(r"(……|…)", cue):
        if piece in ("…", "……"):
            parts.append(f"[^。.!?！？\n]{{0,{GAP_CHARS if piece == '…' else LONG_GAP_CHARS}}}?")
        elif _JAPANESE.search(piece):
            parts.append(re.escape(fold_width(piece).replace(" ", "")))
        elif piece.strip():
            words = r"\s+".join(re.escape(w) for w in piece.split())
            parts.append(rf"(?<![A-Za-z]){words}(?![A-Za-z])")
    return re.compile("".join(parts), re.IGNORECASE)


class CueMatcher:
    """Every cue of every kind, compiled once per vocabulary (the Japanese and English Docs differ)."""

    def __init__(self, cues: Sequence[tuple[str, Sequence[str]]]) -> None:
        self._cues = [(kind, tuple(phrases)) for kind, phrases in cues]
        self._patterns = [(kind, [p for cue in phrases for p in cue_patterns(cue)]) for kind, phrases in self._cues]
        self._matchers: dict[int, Matcher] = {}
        self._surfaces = [(kind, surface_pattern(cue)) for kind, phrases in self._cues for cue in phrases]

    def _matcher(self, doc: Doc) -> Matcher:
        key = id(doc.vocab)
        if key not in self._matchers:
            matcher = Matcher(doc.vocab)
            for kind, patterns in self._patterns:
                if patterns:
                    matcher.add(kind, patterns)
            self._matchers[key] = matcher
        return self._matchers[key]

    def find(self, doc: Doc) -> list[CueHit]:
        """Every cue in the Doc, by start; of overlapping hits of one kind, the longest first.

        Tokens first (inflected forms); then each cue's own characters, for the fragments a
        tokenizer reads otherwise alone than in a sentence (かのように, かの + ように alone).
        """
        for token in doc:
            token._.set(KEYS, token_keys(token))
        strings = doc.vocab.strings
        hits = {CueHit(strings[label], doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
                for label, start, end in self._matcher(doc)(doc)}
        text = fold_width(doc.text)
        for kind, pattern in self._surfaces:
            hits.update(CueHit(kind, m.start(), m.end()) for m in pattern.finditer(text))
        return sorted(hits, key=lambda h: (h.start, -(h.end - h.start), h.kind))


def hits_in(hits: Iterable[CueHit], start: int, end: int) -> list[CueHit]:
    """The hits that begin inside [start, end)."""
    return [h for h in hits if start <= h.start < end]
