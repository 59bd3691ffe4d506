"""The nlp stage: one spaCy Doc per document, and the token views later stages use."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

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
        for left, right in zip(doc, doc[1:]):
            if left.idx + len(left.text) == right.idx and left.tag_.startswith("名詞") and right.tag_.startswith("名詞"):
                seen[(left.text, right.text)] += 1
    return {pair for pair, count in seen.items() if count >= 2}
