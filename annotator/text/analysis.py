"""The nlp stage: one spaCy Doc per document, and the token views later stages use."""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

import numpy
from spacy.attrs import ORTH, SPACY, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from ..corpus.records import Document
from ..text import nlp
from .ja_tokenizer import USER_KEY
from .labels import Tok
from .structure import TokenSource


def analyze_documents(documents: Iterable[Document]) -> dict[str, Doc]:
    """Tokenize every document once; the Docs are keyed by document id."""
    return {document.id: nlp.analyze(document.text, document.lang) for document in documents}


def token_source(doc: Doc) -> TokenSource:
    """A function giving the label splitter the tokens of a span, offsets relative to its start."""
    return _TokenReader(doc).tokens


class _TokenReader:
    """Toks of a Doc's spans, made as they are read; each distinct token is described once."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        entries = doc.user_data.get(USER_KEY)  # as nlp.conj_form reads them
        self._entries = entries if entries is not None and len(entries) == len(doc) else None
        self._described: dict[tuple[int, int, Any], tuple[str, ...]] = {}

    def tokens(self, start: int, end: int) -> Iterator[Tok]:
        span = self._doc.char_span(start, end, alignment_mode="expand")
        return iter(()) if span is None else self._made(span, start)

    def _made(self, span: Span, origin: int) -> Iterator[Tok]:
        entries, described = self._entries, self._described
        for token in span:
            key = (token.orth, token.tag, entries[token.i] if entries is not None else None)
            info = described.get(key)
            if info is None:
                info = described[key] = self._describe(token)
            if info:
                yield Tok(*info, token.idx - origin)

    def _describe(self, token: Token) -> tuple[str, ...]:
        """(surface, pos1, pos2, conj) of a token, or () for whitespace."""
        if token.is_space:
            return ()
        levels = token.tag_.split("-")
        return token.text, levels[0], levels[1] if len(levels) > 1 else "", nlp.conj_form(token) or ""


def compounds(docs: Mapping[str, Doc]) -> set[tuple[str, str]]:
    """Adjacent noun pairs the corpus writes joined more than once: likely compounds."""
    pairs: list[numpy.ndarray] = []  # (left, right) orth hashes of every joined noun pair
    stores: dict[int, StringStore] = {}  # the stores that can name them (English and Japanese Docs have their own)
    for doc in docs.values():
        if len(doc) < 2:
            continue
        tags = doc.to_array(TAG)  # uint64: the hashes need all 64 bits
        kinds = _distinct(tags)
        noun = numpy.isin(tags, kinds[[doc.vocab.strings[tag].startswith("名詞") for tag in kinds.tolist()]])
        # a token's text ends where the next begins unless trailing whitespace follows it (spaCy's layout)
        joined = doc.to_array(SPACY)[:-1] == 0
        first = numpy.nonzero(joined & noun[:-1] & noun[1:])[0]
        if len(first):
            orths = doc.to_array(ORTH)
            pairs.append(numpy.stack((orths[first], orths[first + 1]), axis=1))
            stores[id(doc.vocab)] = doc.vocab.strings
    if not pairs:
        return set()
    repeated = _repeated_rows(numpy.concatenate(pairs)).tolist()
    return {(_name(left, stores.values()), _name(right, stores.values())) for left, right in repeated}


def _distinct(values: numpy.ndarray) -> numpy.ndarray:
    """The distinct values, sorted (numpy.unique takes several times longer on hashes)."""
    ordered = numpy.sort(values)
    return ordered[numpy.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _repeated_rows(rows: numpy.ndarray) -> numpy.ndarray:
    """The distinct rows of a two-column array that occur more than once."""
    ordered = rows[numpy.lexsort((rows[:, 1], rows[:, 0]))]
    first = numpy.flatnonzero(numpy.concatenate(([True], (ordered[1:] != ordered[:-1]).any(axis=1))))
    counts = numpy.diff(numpy.append(first, len(ordered)))
    return ordered[first[counts >= 2]]


def _name(orth: int, stores: Iterable[StringStore]) -> str:
    return next(store[orth] for store in stores if orth in store)
