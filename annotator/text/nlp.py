"""Analyze Japanese or English text into spaCy Docs, and read matching keys off their tokens.

Japanese goes through annotator.ja_tokenizer (fugashi + unidic-lite, registered lazily as a
spaCy tokenizer so SudachiPy is never imported); English through spaCy's own tokenizer.
``doc.text == text`` always, whitespace runs being tokens of their own (pos SPACE). UniDic's
per-token extras (reading, conjugation form, word origin, English gloss) are read with the
helpers below; they return None for English tokens and for Docs not made by ``analyze``.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import Any, Callable, Optional

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, POS, SENT_START
from spacy.language import Language
from spacy.symbols import ADJ, NOUN, NUM, PROPN, PUNCT, SPACE, VERB
from spacy.tokens import Doc, Token

from ..collector import collector_paused
from .ja_tokenizer import USER_KEY, AlignmentError, FugashiTokenizer, Morph
from .sentences import sentence_spans

__all__ = ["AlignmentError", "JA_FUNCTION_LEMMAS", "analyze", "conj_form", "fold", "fugashi_tokenizer", "gloss",
           "goshu", "is_content", "match_key", "pipeline", "reading"]

TOKENIZER_NAME = "annotator.fugashi_unidic_lite.v1"  # also the entry point's name in pyproject.toml
_NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it: "not a sentence start"
_CONTENT_POS = frozenset((NOUN, PROPN, VERB, ADJ, NUM))
# Grammatical words that carry no topic, as UniDic lemmas (gloss stripped):
# する ある いる なる できる いう ない / こと もの よう ため ところ とき わけ はず / それ これ あれ 何.
JA_FUNCTION_LEMMAS = frozenset(
    "為る 有る 居る 成る 出来る 言う 無い 事 物 様 為 所 時 訳 筈 其れ 此れ 彼れ 何".split())
_LATIN_WORD = re.compile(r"[a-z][a-z0-9'’.\-]*", re.IGNORECASE)


def analyze(text: str, lang: str) -> Doc:
    """Return a spaCy Doc for text in lang ("ja" or "en") with lemma, POS, tag and sentence starts."""
    if lang == "ja":
        return _without_gc(_japanese_tokenizer(), text)
    if lang == "en":
        return _english(text)
    raise ValueError(f"unsupported language {lang!r}: expected 'ja' or 'en'")


def _without_gc(pipeline: Callable[[str], Doc], text: str) -> Doc:
    """Tokenize with the cyclic garbage collector paused (see collector.py): the many small objects
    made while a Doc is built trigger full collections that cost ~10% on large texts."""
    with collector_paused():
        return pipeline(text)


def reading(token: Token) -> Optional[str]:
    """Return the UniDic kana reading of a Japanese token, or None (unknown words, English)."""
    morph = _morph(token)
    return morph.reading if morph else None


def conj_form(token: Token) -> Optional[str]:
    """Return UniDic's conjugation form (e.g. 連体形-一般), or None for non-inflecting tokens."""
    morph = _morph(token)
    return morph.conj_form if morph else None


def goshu(token: Token) -> Optional[str]:
    """Return UniDic's word origin (和, 漢, 外, 混, 固, 記号 ...), or None."""
    morph = _morph(token)
    return morph.goshu if morph else None


def gloss(token: Token) -> Optional[str]:
    """Return UniDic's lowercased English gloss of a loanword (シーク-Sikh → "sikh"), or None."""
    morph = _morph(token)
    return morph.gloss if morph else None


def match_key(token: Token) -> str:
    """Return the token's lemma normalized for matching (see ``fold``)."""
    return fold(token.lemma_ or token.text)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """NFKC, lowercase, drop middle dots and a trailing long-vowel mark (サーバー → サーバ)."""
    key = unicodedata.normalize("NFKC", text).lower().replace("・", "").replace("゠", "")
    if len(key) > 3 and key.endswith("ー"):
        key = key.rstrip("ー")
    return key


def is_content(token: Token) -> bool:
    """True for nouns, proper nouns, verbs, adjectives, numbers and Latin words; False otherwise."""
    if token.doc.lang_ != "ja":
        if token.is_space or token.is_punct:
            return False
        return token.like_num or (not token.is_stop and any(c.isalnum() for c in token.text))
    if token.pos not in _CONTENT_POS:
        return _LATIN_WORD.fullmatch(unicodedata.normalize("NFKC", token.text)) is not None
    if token.tag_.startswith(("接尾辞", "接頭辞")):
        return False
    return token.lemma_ not in JA_FUNCTION_LEMMAS


def _morph(token: Token) -> Optional[Morph]:
    """The token's UniDic entry, or None when the Doc did not come from analyze(text, "ja")."""
    data = token.doc.user_data.get(USER_KEY)
    if data is None or len(data) != len(token.doc):
        return None
    return data[token.i]


_PIPELINES: dict[str, Language] = {}


def pipeline(lang: str) -> Language:
    """A shared blank spaCy pipeline for lang, for use in your own spaCy code: Japanese with
    annotator's fugashi tokenizer (registered as a spaCy tokenizer, so SudachiPy is never
    imported). ``analyze`` runs the same tokenizer without the Language around it."""
    nlp = _PIPELINES.get(lang)
    if nlp is None:
        if lang == "ja":
            if not spacy.registry.has("tokenizers", TOKENIZER_NAME):
                spacy.registry.tokenizers.register(TOKENIZER_NAME, func=fugashi_tokenizer)
            config = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}
            nlp = spacy.blank("ja", config=config)
        else:
            nlp = spacy.blank(lang)
        nlp.max_length = sys.maxsize  # no parser or NER here: long texts cost only linear time
        _PIPELINES[lang] = nlp
    return nlp


@lru_cache(maxsize=1)
def _japanese_tokenizer() -> FugashiTokenizer:
    """The tokenizer on a Japanese vocab, without a Language around it: a blank pipeline adds no
    step to a Doc, and building one through spaCy's config system costs ~25 ms of every start."""
    from spacy.lang.ja import Japanese
    from spacy.vocab import create_vocab

    return FugashiTokenizer(create_vocab("ja", Japanese.Defaults))


def fugashi_tokenizer() -> Any:
    """The spaCy tokenizer factory ``annotator.fugashi_unidic_lite.v1``: returns the callable that
    builds annotator's fugashi + unidic-lite tokenizer on a pipeline's vocab.

    Declared as a ``spacy_tokenizers`` entry point (pyproject.toml), so that once annotator is
    installed ``spacy.blank("ja", config={"nlp": {"tokenizer": {"@tokenizers":
    "annotator.fugashi_unidic_lite.v1"}}})`` works in any process, without importing annotator
    first; ``pipeline("ja")`` registers it by hand for checkouts that were never installed."""
    def create(nlp: Language) -> FugashiTokenizer:
        return FugashiTokenizer(nlp.vocab)
    return create


_LEMMA_POS = ("NOUN", "VERB", "ADJ", "ADV", "AUX", "PROPN")


@lru_cache(maxsize=1 << 16)
def english_lemma(word: str) -> str:
    """A lookup lemma (lemminflect's tables): charges → charge, cities → city; else the word."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word)
    for pos in _LEMMA_POS:
        if pos in found:
            return found[pos][0]
    return word


def _english(text: str) -> Doc:
    """spaCy's English tokenizer; lookup lemmas (lemminflect), POS only for SPACE/PUNCT/NUM, sentence starts."""
    doc = pipeline("en").make_doc(text)
    if len(doc) == 0:
        return doc
    cols = doc.to_array([IDX, LOWER, IS_SPACE, IS_PUNCT, LIKE_NUM])
    out = numpy.zeros((len(doc), 3), dtype=numpy.uint64)
    strings = doc.vocab.strings
    out[:, 0] = [strings.add(english_lemma(token.lower_)) for token in doc]
    out[cols[:, 4] == 1, 1] = NUM
    out[cols[:, 3] == 1, 1] = PUNCT
    out[cols[:, 2] == 1, 1] = SPACE
    out[:, 2] = _NOT_START
    out[0, 2] = 1
    starts = [start for start, _ in sentence_spans(text, "en")[1:]]
    out[numpy.searchsorted(cols[:, 0], starts, side="right") - 1, 2] = 1
    doc.from_array([LEMMA, POS, SENT_START], out)
    return doc
