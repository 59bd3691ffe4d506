"""The nlp stage: one spaCy Doc per document, and the token views later stages use."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

import numpy
from spacy.attrs import IDX, LENGTH, ORTH, TAG
from spacy.tokens import Doc

from . import nlp
from .labels import Tok
from .model import Document
from .structure import TokenSource


def analyze_documents(documents: Iterable[Document]) -> dict[str, Doc]:
    """Tokenize every document once; the Docs are keyed by document id."""
    return {document.id: nlp.analyze(document.text, document.lang) for document in documents}


def token_source(doc: Doc) -> TokenSource:
    """A function giving the label splitter the tokens of a span, offsets relative to its start."""
    def tokens(start: int, end: int) -> Sequence[Tok]:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        return [_tok(token, start) for token in span if not token.is_space]
    return tokens


def _tok(token, origin: int) -> Tok:  # type: ignore[no-untyped-def]
    levels = token.tag_.split("-")
    return Tok(token.text, levels[0], levels[1] if len(levels) > 1 else "", nlp.conj_form(token) or "",
               token.idx - origin)


def compounds(docs: Mapping[str, Doc]) -> set[tuple[str, str]]:
    """Adjacent noun pairs the corpus writes joined more than once: likely compounds."""
    seen: Counter[tuple[str, str]] = Counter()
    for doc in docs.values():
        if len(doc) < 2:
            continue
        cols = doc.to_array([IDX, LENGTH, TAG, ORTH])  # uint64: the hashes need all 64 bits
        strings = doc.vocab.strings
        noun_tags = [tag for tag in set(cols[:, 2].tolist()) if strings[tag].startswith("名詞")]
        noun = numpy.isin(cols[:, 2], noun_tags)
        joined = cols[:-1, 0] + cols[:-1, 1] == cols[1:, 0]
        for i in numpy.nonzero(joined & noun[:-1] & noun[1:])[0].tolist():
            seen[(strings[int(cols[i, 3])], strings[int(cols[i + 1, 3])])] += 1
    return {pair for pair, count in seen.items() if count >= 2}
