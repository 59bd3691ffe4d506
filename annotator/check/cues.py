"""Cue phrases found in a spaCy Doc token by token, on lemmas, so that inflected forms count.

A cue is written as plain text (無視する, 誰も…ない, cherry-pick) and tokenized by the same
tokenizer as the text it is matched in. Each cue token becomes one spaCy ``Matcher`` token
pattern on the text token's lemma (無視し → 無視, ignored → ignore), accepting the cue token's
lemma and the other spelling of the few lemmas UniDic writes two ways (ない / 無い, よい / 良い). What the tokens miss — fragments a tokenizer reads otherwise alone
than in a sentence (かのように: かの + ように alone), a noun and a verb that share a surface
(すり替え) — the cue's own characters catch: each cue is also searched as text.

"…" in a cue stands for up to ``GAP`` tokens of the same sentence (no sentence-ending mark), "……"
for up to ``LONG_GAP``. Spaces split a cue where the tokenizer, reading a fragment alone, would
join it otherwise (か の, not the determiner かの).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, product
from typing import Iterable, Mapping, Optional, Sequence

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..extract.numerals import fold_width
from ..text import nlp

GAP = 4
LONG_GAP = 12  # "……": a clause apart (続けば……だろう)
GAP_CHARS, LONG_GAP_CHARS = 10, 30  # the same gaps in characters, for the surface match
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_SENTENCE_END = ["。", ".", "!", "?", "！", "？", "\n"]
_VARIANTS = {"ない": ("無い",), "無い": ("ない",), "よい": ("良い",), "いい": ("良い",), "良い": ("よい", "いい"),
             "ばっ": ("ば",), "ば": ("ばっ",)}

@dataclass(frozen=True)
class CueHit:
    """A cue found in a Doc: its kind, and the character span it covers."""

    kind: str
    start: int
    end: int


def token_keys(token: Token) -> list[str]:
    """The lemmas a text token may have to match this cue token: its lemma and that lemma's other spelling."""
    lemma = token.lemma_ or token.text
    return sorted({lemma, *_VARIANTS.get(lemma, ())})


def cue_patterns(cue: str, lemmas: Optional[Mapping[str, list[list[str]]]] = None) -> list[list[dict]]:  # type: ignore[type-arg]
    """The Matcher patterns of one cue: a token pattern per cue token (one pattern per choice of
    spelling, so that every test is spaCy's own equality on LEMMA), a bounded wildcard per "…".
    ``lemmas`` holds the pieces already analyzed (``piece_lemmas``); others are analyzed here."""
    steps: list[list[dict]] = []  # type: ignore[type-arg]
    for piece in _pieces(cue):
        if piece in ("…", "……"):
            gap = GAP if piece == "…" else LONG_GAP
            steps.append([{"TEXT": {"NOT_IN": _SENTENCE_END}, "OP": f"{{,{gap}}}"}])
        else:
            keys = lemmas[piece] if lemmas is not None and piece in lemmas else piece_lemmas([piece])[piece]
            steps += [[{"LEMMA": key} for key in choices] for choices in keys]
    if not any("LEMMA" in step[0] for step in steps):
        return []
    return [list(choice) for choice in product(*steps)]


def _pieces(cue: str) -> list[str]:
    return [p.strip() for p in re.split(r"(……|…)", cue) if p.strip()]


def piece_lemmas(pieces: Iterable[str]) -> dict[str, list[list[str]]]:
    """The lemma choices of each token of each cue piece, analyzed in one Doc per language
    (one piece a line: a tokenizer call per cue would cost a second at start-up)."""
    out: dict[str, list[list[str]]] = {}
    for lang in ("ja", "en"):
        chosen = sorted({p for p in pieces if p not in ("…", "……") and bool(_JAPANESE.search(p)) == (lang == "ja")})
        if not chosen:
            continue
        doc = nlp.analyze("\n".join(chosen), lang)
        starts = list(accumulate((len(p) + 1 for p in chosen[:-1]), initial=0))
        for piece in chosen:
            out[piece] = []
        for token in doc:
            if token.is_space or not token.text.strip():
                continue
            piece = chosen[bisect_right(starts, token.idx) - 1]
            out[piece].append(token_keys(token))
    return out


def surface_pattern(cue: str) -> str:
    """A cue as a regular expression over characters: Japanese pieces verbatim (spaces dropped),
    English ones as whole words, gaps as a few characters of the same sentence."""
    parts = []
    for piece in re.split(r"(……|…)", cue):
        if piece in ("…", "……"):
            parts.append(f"[^。.!?！？\n]{{0,{GAP_CHARS if piece == '…' else LONG_GAP_CHARS}}}?")
        elif _JAPANESE.search(piece):
            parts.append(re.escape(fold_width(piece).replace(" ", "")))
        elif piece.strip():
            words = r"\s+".join(re.escape(w) for w in piece.split())
            parts.append(rf"(?<![A-Za-z]){words}(?![A-Za-z])")
    return "".join(parts)


class CueMatcher:
    """Every cue of every kind, compiled once per vocabulary (the Japanese and English Docs differ).

    Cues without a gap go to a ``PhraseMatcher`` on LEMMA (a hash lookup per token, however many
    cues); cues with a gap to a ``Matcher``; the surfaces of each kind to one regular expression.
    """

    def __init__(self, cues: Sequence[tuple[str, Sequence[str]]]) -> None:
        self._phrases: list[tuple[str, list[list[str]]]] = []
        self._gapped: list[tuple[str, list[list[dict]]]] = []  # type: ignore[type-arg]
        self._surfaces: list[tuple[str, re.Pattern[str]]] = []
        lemmas = piece_lemmas(p for _, phrases in cues for cue in phrases for p in _pieces(cue))
        for kind, phrases in cues:
            patterns = [p for cue in phrases for p in cue_patterns(cue, lemmas)]
            self._phrases.append((kind, [[t["LEMMA"] for t in p] for p in patterns if all("LEMMA" in t for t in p)]))
            self._gapped.append((kind, [p for p in patterns if not all("LEMMA" in t for t in p)]))
            if phrases:
                self._surfaces.append((kind, re.compile("|".join(f"(?:{surface_pattern(c)})" for c in phrases),
                                                        re.IGNORECASE)))
        self._matchers: dict[int, tuple[PhraseMatcher, Matcher]] = {}

    def _matcher(self, doc: Doc) -> tuple[PhraseMatcher, Matcher]:
        key = id(doc.vocab)
        if key not in self._matchers:
            phrases, gapped = PhraseMatcher(doc.vocab, attr="LEMMA"), Matcher(doc.vocab)
            for kind, lemma_lists in self._phrases:
                if lemma_lists:
                    phrases.add(kind, [_lemma_doc(doc.vocab, lemmas) for lemmas in lemma_lists])
            for kind, patterns in self._gapped:
                if patterns:
                    gapped.add(kind, patterns)
            self._matchers[key] = (phrases, gapped)
        return self._matchers[key]

    def find(self, doc: Doc) -> list[CueHit]:
        """Every cue in the Doc, by start; of overlapping hits of one kind, the longest first.

        Tokens first (inflected forms); then each cue's own characters, for the fragments a
        tokenizer reads otherwise alone than in a sentence (かのように, かの + ように alone).
        """
        strings = doc.vocab.strings
        phrases, gapped = self._matcher(doc)
        found = list(phrases(doc)) + list(gapped(doc))
        hits = {CueHit(strings[label], doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
                for label, start, end in found}
        text = fold_width(doc.text)
        for kind, pattern in self._surfaces:
            hits.update(CueHit(kind, m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start())
        return sorted(hits, key=lambda h: (h.start, -(h.end - h.start), h.kind))


def _lemma_doc(vocab: Vocab, lemmas: Sequence[str]) -> Doc:
    """A pattern Doc for the PhraseMatcher: one token per lemma, its lemma set."""
    doc = Doc(vocab, words=list(lemmas))
    for token, lemma in zip(doc, lemmas):
        token.lemma_ = lemma
    return doc


def hits_in(hits: Iterable[CueHit], start: int, end: int) -> list[CueHit]:
    """The hits that begin inside [start, end)."""
    return [h for h in hits if start <= h.start < end]
