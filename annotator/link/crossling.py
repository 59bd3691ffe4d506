"""Terms that cross the language border, added beside each document's own lemmas.

- glosses: UniDic's English gloss of a Japanese loanword (コスト → cost), lemmatized, and the
  English lemmas of other Japanese words from the shipped core lexicon
  (``data/lexicon_ja_en.tsv``: 渋滞 → congestion, 支払う → pay);
- names: a consonant skeleton of katakana read back to Latin letters (jaconv) and of
  capitalized English words, so ストックホルム and Stockholm share 音:stkhrm;
- figures: every quantity normalized (figures.extract_quantities), so 1億2000万ドル and
  $120 million share one term, and so do 5万 and 50,000.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import numpy
from spacy.tokens import Doc

from ..extract.figures import extract_quantities
from ..text import nlp
from .terms import TokenForms, token_forms

NAME_PREFIX = "音:"
FIGURE_PREFIX = "数:"
_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc・]{3,}$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z]{2,}$")
_VOWELS = re.compile(r"[aeiouy]+")
_FOLDS = (("ck", "k"), ("ph", "f"), ("th", "s"), ("c", "k"), ("q", "k"), ("l", "r"), ("v", "b"), ("x", "ks"),
          ("z", "s"), ("j", "g"), ("w", ""), ("h", ""))
COMPARED_KINDS = ("percent", "points", "money", "count", "duration", "clock", "date", "month", "year", "multiple", "fraction")


def crossing_terms(doc: Doc, text: str, across: bool, forms: Optional[TokenForms] = None) -> list[tuple[int, str]]:
    """(offset, term) pairs: name skeletons always; glosses and figures when ``across`` languages.

    Within one language the lemmas already meet, and a second term for every loanword or
    number would count them twice.
    """
    found = _names(doc, forms or token_forms(doc))
    if across:
        found += [(token.idx, english) for token in doc for english in english_terms(token)]
        found.sort(key=lambda pair: pair[0])
        found += [(q.start, FIGURE_PREFIX + key) for q in extract_quantities(text) if q.kind in COMPARED_KINDS
                  for key in figure_keys(q.kind, q.low, q.high, q.unit)]
    return found


def _names(doc: Doc, forms: TokenForms) -> list[tuple[int, str]]:
    """(offset, name skeleton) of every token that reads as a name, decided once per form."""
    strings = doc.vocab.strings
    skeletons = [_name_skeleton(strings[orth]) for orth in forms.orth.tolist()]
    named = numpy.flatnonzero(numpy.array([bool(s) for s in skeletons], dtype=bool)[forms.form])
    terms = [NAME_PREFIX + s for s in skeletons]
    return [(idx, terms[form]) for idx, form in zip(forms.offsets[named].tolist(), forms.form[named].tolist())]


def english_terms(token) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """English lemmas for a Japanese token: its loanword gloss, else the lexicon's renderings."""
    gloss = nlp.gloss(token)
    if gloss:
        return (nlp.english_lemma(gloss),)
    return lexicon().get(token.lemma_, ())


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """The shipped Japanese → English core lexicon: lemma → English lemmas."""
    from importlib import resources

    path = resources.files("annotator").joinpath("data/lexicon_ja_en.tsv")
    if not path.is_file():
        return {}
    entries: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            japanese, english = line.split("\t", 1)
            entries[japanese.strip()] = tuple(nlp.english_lemma(e.strip()) for e in english.split(";") if e.strip())
    return entries


def figure_keys(kind: str, low: float, high: float, unit: str) -> tuple[str, ...]:
    """A quantity's terms; a month of a year (2003年2月, February 2003) is linked by its year alone, as
    the other language may name the year alone (the figure check compares the months)."""
    if kind == "month":
        return (figure_key("year", low // 100, high // 100, ""),)
    return (figure_key(kind, low, high, unit),)


def figure_key(kind: str, low: float, high: float, unit: str) -> str:
    """A quantity as one comparable term: money:1.2e+08:USD (only money keeps its unit: 5万個 = 50,000)."""
    span = f"{low:.3g}" if low == high else f"{low:.3g}-{high:.3g}"
    return f"{kind}:{span}:{unit if kind == 'money' else ''}"


@lru_cache(maxsize=1 << 16)
def _name_skeleton(word: str) -> str:
    if _KATAKANA.match(word):
        import jaconv

        latin = jaconv.kata2alphabet(word.replace("・", ""))
    elif _LATIN_NAME.match(word):
        latin = word
    else:
        return ""
    return skeleton(latin)


def skeleton(latin: str) -> str:
    """Consonants only, with spellings that katakana cannot keep apart folded together."""
    word = re.sub(r"[^a-z]", "", latin.lower())
    for old, new in _FOLDS:
        word = word.replace(old, new)
    word = _VOWELS.sub("", word)
    word = re.sub(r"(.)\1+", r"\1", word)
    return word if len(word) >= 3 else ""
