"""Quotations in the commentary and summary, checked against the whole source.

Every 「…」, 『…』 and “…” outside a citation marker is one quotation, reported once, on the
smallest block holding it (heading, paragraph or bullet; never a sentence, never both a point
and its heading). Its status comes from ``annotator.quotes.QuotePool.match`` over every source
sentence:

- exact: the folded quotation occurs verbatim in a source sentence, or in the source's title or
  subtitle (then ``match`` is the title unit) (similarity 1.0);
- close: coverage ≥ ``CLOSE_AT`` (0.75); ``match_text`` is the source span, and
  ``quote_differences`` lists what changed;
- absent: coverage below ``CLOSE_AT``; ``match`` is null, ``similarity`` the best coverage;
- redacted: the quotation holds a mask (XXX, ○○), so it cannot be verified; ``match`` is the
  best sentence only when its coverage still reaches ``CLOSE_AT``, else null;
- translated: no source is written in the quotation's language (kana or kanji → ja, else en)
  and no source sentence holds it even closely (a Latin name quoted in Japanese still matches);
  ``match`` is the source sentence that renders the most of its words (glosses, the core
  lexicon, names, figures, glossary concepts: ``Alignment.quote_sources``) and ``similarity``
  the share rendered, which must reach ``TRANSLATED_AT`` (0.5); below that the quotation is
  absent — the source says nothing like it. Without that evidence, ``match`` is the enclosing
  claim's best-ranked link.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Mapping, Optional, Sequence

from ..corpus.records import Corpus, Document
from ..extract.folding import folded_with_offsets, original_span
from ..extract.quotes import (
    CLOSE_AT,
    QuoteMatch,
    QuoteSpan,
    find_quotes,
    fold,
    quote_pool,
)
from ..link.markers import find_markers
from ..link.records import Link
from ..text.records import Structure, Unit
from .common import UnitLocator, links_by_claim, units_by_id
from .records import Quote

CLAIM_ROLES = ("commentary", "summary")
TITLE_KINDS = ("title", "subtitle")  # the source's own name, searched after its sentences
TRANSLATED_AT = 0.5  # share of a quotation's words that one source sentence must render
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")



def check_quotes(corpus: Corpus, structure: Structure, links: Sequence[Link],
                 rendered: Sequence[tuple[str, int, int, str, float]] = (),
                 cited: Sequence[tuple[str, int, int]] = ()) -> tuple[Quote, ...]:
    """Every quotation of the commentary and summary with its status against the source.

    ``cited``: (doc, start, end) of the markers resolution read (a bare 〔「記憶の整理」〕 among them),
    whose quoted titles are no quotations."""
    renderings = {(doc, start, end): (target, score) for doc, start, end, target, score in rendered}
    by_lang = source_sentences(corpus, structure)
    texts = {uid: text for sentences in by_lang.values() for uid, text in sentences}
    pool = quote_pool(tuple(s for sentences in by_lang.values() for s in sentences))
    locator = UnitLocator(structure.units)
    units = units_by_id(structure)
    best_links = {claim: found[0] for claim, found in links_by_claim(links, max_rank=1).items()}
    quotes: list[Quote] = []
    for document in corpus.documents:
        if document.role not in CLAIM_ROLES:
            continue
        for span in document_quotes(document, [(start, end) for doc, start, end in cited if doc == document.id]):
            unit = locator.find(document.id, span.start, span.end)
            if unit is None:
                continue
            found = pool.match(span.text)
            if found.status not in ("exact", "close") and by_lang and quote_lang(span.text) not in by_lang:
                rendering = renderings.get((document.id, span.start, span.end))
                quotes.append(_across(unit, span, rendering) if rendering
                              else _translated(unit, span, _claim_link(unit, units, best_links)))
            else:
                quotes.append(_quote(unit, span, found, texts))
    return tuple(quotes)


def source_sentences(corpus: Corpus, structure: Structure) -> dict[str, list[tuple[str, str]]]:
    """The (id, text) of every source sentence, then of the source's title and subtitle, by language.

    The title is part of the source: a quotation of it is exact or close, never absent. It comes
    after the sentences so that a quotation the body also holds keeps its body sentence.
    """
    langs = {d.id: d.lang for d in corpus.documents if d.role == "source"}
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for kinds in (("sentence",), TITLE_KINDS):
        for unit in structure.units:
            if unit.doc in langs and unit.kind in kinds:
                by_lang.setdefault(langs[unit.doc], []).append((unit.id, unit.text))
    return by_lang


def document_quotes(document: Document, cited: Sequence[tuple[int, int]] = ()) -> list[QuoteSpan]:
    """The quotations of a document, outside its citation markers (and the ``cited`` spans); offsets into its text."""
    markers = sorted({(m.start, m.end) for m in find_markers(document.text)} | set(cited))
    return find_quotes(document.text, markers)


def quote_lang(text: str) -> str:
    """"ja" when the quotation holds kana or kanji, else "en"."""
    return "ja" if _JAPANESE.search(text) else "en"


def quote_differences(quote: str, match_text: str) -> tuple[tuple[str, str, str], ...]:
    """What a close quotation changed: (op, quoted, source) with op replace, insert or delete."""
    folded_quote, folded_match = fold(quote), fold(match_text)
    matcher = SequenceMatcher(None, folded_quote, folded_match, autojunk=False)
    return tuple((op, folded_quote[a1:a2], folded_match[b1:b2])
                 for op, a1, a2, b1, b2 in matcher.get_opcodes() if op != "equal")


def _quote(unit: Unit, span: QuoteSpan, found: QuoteMatch, texts: Mapping[str, str]) -> Quote:
    verified = found.status in ("exact", "close")
    match = found.target if verified or found.similarity >= CLOSE_AT else None
    return Quote(unit=unit.id, text=span.text, status=found.status, match=match,
                 similarity=round(found.similarity, 4), start=span.start, end=span.end,
                 match_text=_match_text(texts[match], found) if match else None)


def _match_text(sentence: str, found: QuoteMatch) -> str:
    """The matched span of the sentence, mapped back from folded offsets to the original text."""
    folded, origins = folded_with_offsets(sentence)
    if folded != fold(sentence):
        return sentence[found.match_start:found.match_end]
    start, end = original_span(origins, found.match_start, found.match_end)
    return sentence[start:end]


def _across(unit: Unit, span: QuoteSpan, rendering: tuple[str, float]) -> Quote:
    """translated when one source sentence renders at least TRANSLATED_AT of the quotation's words."""
    target, share = rendering
    if share >= TRANSLATED_AT:
        return Quote(unit=unit.id, text=span.text, status="translated", match=target, similarity=share,
                     start=span.start, end=span.end)
    return Quote(unit=unit.id, text=span.text, status="absent", match=None, similarity=share,
                 start=span.start, end=span.end)


def _translated(unit: Unit, span: QuoteSpan, link: Optional[Link]) -> Quote:
    return Quote(unit=unit.id, text=span.text, status="translated", match=link.target if link else None,
                 similarity=round(link.score, 4) if link else 0.0, start=span.start, end=span.end)


def _claim_link(unit: Unit, units: Mapping[str, Unit], best: Mapping[str, Link]) -> Optional[Link]:
    """The best link of the unit or of the nearest ancestor that is a claim."""
    current: Optional[Unit] = unit
    while current is not None:
        if current.id in best:
            return best[current.id]
        current = units.get(current.parent) if current.parent else None
    return None


__all__ = ["CLOSE_AT", "check_quotes", "document_quotes", "quote_differences", "quote_lang", "source_sentences"]
