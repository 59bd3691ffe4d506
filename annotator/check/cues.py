"""Cue phrases found in a spaCy Doc token by token, on lemmas, so that inflected forms count.

A cue is written as plain text (無視する, 誰も…ない, cherry-pick) and tokenized by the same
tokenizer as the text it is matched in. Each cue token matches a text token by lemma (無視し →
無視, ignored → ignore), accepting the other spelling of the few lemmas UniDic writes two ways
(ない / 無い, よい / 良い). Cues without a gap are found by spaCy's ``PhraseMatcher`` on LEMMA.
What the tokens miss — fragments a tokenizer reads otherwise alone than in a sentence
(かのように: かの + ように alone), a noun and a verb that share a surface (すり替え) — the cue's
own characters catch: each Japanese cue is also searched as text.

"…" in a cue stands for up to ``GAP`` tokens of the same sentence, "……" for up to ``LONG_GAP``.
Spaces split a cue where the tokenizer, reading a fragment alone, would join it otherwise (か の,
not the determiner かの).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from bisect import bisect_right
from dataclasses import dataclass
from importlib.metadata import version
from itertools import accumulate, product
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

import numpy
from spacy.attrs import LEMMA, SENT_START
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..extract.numerals import fold_width
from ..link.vector_cache import cache_dir
from ..text import nlp

GAP = 4
LONG_GAP = 12  # "……": a clause apart (続けば……だろう)
GAP_CHARS, LONG_GAP_CHARS = 10, 30  # the same gaps in characters, for the surface match
CACHE_FORMAT = 1  # raise when what piece_lemmas keeps changes
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
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


def cue_steps(cue: str, lemmas: Optional[Mapping[str, list[list[str]]]] = None) -> list[frozenset[str] | int]:
    """The steps of one cue: each cue token's lemma choices, and a bounded gap for each "…".
    ``lemmas`` holds the pieces already analyzed (``piece_lemmas``); others are analyzed here."""
    steps: list[frozenset[str] | int] = []
    for piece in _pieces(cue):
        if piece in ("…", "……"):
            steps.append(GAP if piece == "…" else LONG_GAP)
        else:
            keys = lemmas[piece] if lemmas is not None and piece in lemmas else piece_lemmas([piece])[piece]
            steps += [frozenset(choices) for choices in keys]
    while steps and isinstance(steps[0], int):
        steps.pop(0)
    while steps and isinstance(steps[-1], int):
        steps.pop()
    return steps


def _pieces(cue: str) -> list[str]:
    return [p.strip() for p in re.split(r"(……|…)", cue) if p.strip()]


def piece_lemmas(pieces: Iterable[str]) -> dict[str, list[list[str]]]:
    """The lemma choices of each token of each cue piece: read from the cache folder when these
    pieces were analyzed before by the same tokenizers, else analyzed and kept there. (Analyzing the
    taxonomy's English cues loads spaCy's English pipeline and lemma tables: 0.65 s of a cold build
    of a Japanese-only corpus, which has no other use for them.)"""
    chosen = sorted({p for p in pieces if p not in ("…", "……")})
    path = _cache_file(chosen)
    try:
        found = json.loads(path.read_text(encoding="utf-8")) if path is not None else None
    except (OSError, ValueError):
        found = None
    if isinstance(found, dict) and set(found) == set(chosen):
        return found
    out = _analyzed(chosen)
    if path is not None:
        _keep(path, json.dumps(out, ensure_ascii=False))
    return out


def _cache_file(pieces: Sequence[str]) -> Optional[Path]:
    folder = cache_dir()
    if folder is None:
        return None
    versions = [version(name) for name in ("spacy", "fugashi", "unidic-lite", "lemminflect")]
    digest = hashlib.sha256(json.dumps([CACHE_FORMAT, versions, pieces], ensure_ascii=False).encode()).hexdigest()
    return folder / f"cue-lemmas-{digest[:24]}.json"


def _keep(path: Path, text: str) -> None:
    """Write the entry through a temporary file and a rename; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         prefix=".cue-lemmas-", suffix=".tmp") as handle:
            handle.write(text)
        os.replace(handle.name, path)
    except OSError:
        pass


def _analyzed(pieces: Sequence[str]) -> dict[str, list[list[str]]]:
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
    """Every cue of every kind, compiled once.

    Cues without a gap go to a spaCy ``PhraseMatcher`` on LEMMA (a hash lookup per token, however
    many cues; one pattern per choice of spelling), built once per vocabulary (the Japanese and
    English Docs differ). Cues with a gap are followed from each occurrence of their first lemma
    (``_GapMatcher``): spaCy's ``Matcher`` costs patterns × tokens. The surfaces of each kind's
    Japanese cues are one regular expression.
    """

    def __init__(self, cues: Sequence[tuple[str, Sequence[str]]]) -> None:
        self._phrases: list[tuple[str, list[tuple[str, ...]]]] = []
        gapped: list[tuple[str, list[frozenset[str] | int]]] = []
        self._surfaces: list[tuple[str, re.Pattern[str]]] = []
        lemmas = piece_lemmas(p for _, phrases in cues for cue in phrases for p in _pieces(cue))
        for kind, phrases in cues:
            steps = [cue_steps(cue, lemmas) for cue in phrases]
            plain = [st for st in steps if st and not any(isinstance(x, int) for x in st)]
            self._phrases.append((kind, [choice for st in plain for choice in product(*(sorted(x) for x in st))]))  # type: ignore[arg-type]
            gapped += [(kind, st) for st in steps if any(isinstance(x, int) for x in st)]
            japanese = [c for c in phrases if _JAPANESE.search(c)]  # English tokens read alike alone and in text
            if japanese:
                self._surfaces.append((kind, re.compile("|".join(f"(?:{surface_pattern(c)})" for c in japanese))))
        self._gaps = _GapMatcher(gapped)
        self._matchers: dict[int, PhraseMatcher] = {}

    def _matcher(self, doc: Doc) -> PhraseMatcher:
        key = id(doc.vocab)
        if key not in self._matchers:
            matcher = PhraseMatcher(doc.vocab, attr="LEMMA")
            for kind, lemma_lists in self._phrases:
                if lemma_lists:
                    matcher.add(kind, [_lemma_doc(doc.vocab, lemmas) for lemmas in lemma_lists])
            self._matchers[key] = matcher
        return self._matchers[key]

    def find(self, doc: Doc, text: Optional[str] = None) -> list[CueHit]:
        """Every cue in the Doc, by start; of overlapping hits of one kind, the longest first.
        A cue's characters count only where a token begins.
        ``text`` is the Doc's text when the caller holds it (``doc.text`` joins every token).

        Tokens first (inflected forms); then each cue's own characters, for the fragments a
        tokenizer reads otherwise alone than in a sentence (かのように: かの + ように alone).
        """
        strings = doc.vocab.strings
        found = [(strings[label], start, end) for label, start, end in self._matcher(doc)(doc)]
        found += self._gaps.find(doc)
        hits = {CueHit(kind, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)) for kind, start, end in found}
        folded = fold_width(doc.text if text is None else text)
        starts = {token.idx for token in doc}  # a cue begins a word: ながら is no cue inside つながらない
        for kind, pattern in self._surfaces:
            hits.update(CueHit(kind, m.start(), m.end()) for m in pattern.finditer(folded)
                        if m.end() > m.start() and m.start() in starts)
        return sorted(hits, key=lambda h: (h.start, -(h.end - h.start), h.kind))


class _GapMatcher:
    """Cues with gaps, followed token by token from each place their first lemma occurs, within one sentence."""

    def __init__(self, cues: Sequence[tuple[str, list[frozenset[str] | int]]]) -> None:
        self._cues = [(kind, [x if isinstance(x, int) else frozenset(map(hash_string, x)) for x in steps])
                      for kind, steps in cues]

    def find(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(kind, start token, end token) of the first, shortest match of each cue at each place."""
        columns = doc.to_array([LEMMA, SENT_START])
        lemmas = columns[:, 0].tolist()
        sentence = numpy.cumsum(columns[:, 1] == 1).tolist()
        where: dict[int, list[int]] = {}
        for i, lemma in enumerate(lemmas):
            where.setdefault(lemma, []).append(i)
        found = []
        for kind, steps in self._cues:
            first = steps[0]
            if isinstance(first, int):  # cue_steps strips leading gaps; kept for the type checker
                continue
            for start in sorted(i for h in first for i in where.get(h, ())):
                end = _follow(steps, 1, start + 1, lemmas, sentence, sentence[start])
                if end is not None:
                    found.append((kind, start, end))
        return found


def _follow(steps: Sequence[frozenset[int] | int], k: int, i: int, lemmas: Sequence[int],
            sentence: Sequence[int], at: int) -> Optional[int]:
    """Where steps[k:] end when they match from token i on, inside sentence ``at``; None if they do not."""
    if k == len(steps):
        return i
    step = steps[k]
    if isinstance(step, int):
        for skip in range(step + 1):
            j = i + skip
            if j > len(lemmas) or (skip and sentence[j - 1] != at):
                break
            end = _follow(steps, k + 1, j, lemmas, sentence, at)
            if end is not None:
                return end
        return None
    if i < len(lemmas) and sentence[i] == at and lemmas[i] in step:
        return _follow(steps, k + 1, i + 1, lemmas, sentence, at)
    return None


def _lemma_doc(vocab: Vocab, lemmas: Sequence[str]) -> Doc:
    """A pattern Doc for the PhraseMatcher: one token per lemma, its lemma set."""
    doc = Doc(vocab, words=list(lemmas))
    for token, lemma in zip(doc, lemmas):
        token.lemma_ = lemma
    return doc


def hits_in(hits: Iterable[CueHit], start: int, end: int) -> list[CueHit]:
    """The hits that begin inside [start, end)."""
    return [h for h in hits if start <= h.start < end]
