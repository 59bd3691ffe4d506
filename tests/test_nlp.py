"""Tests for annotator.nlp, annotator.ja_tokenizer and annotator.sentences.

Japanese expectations assume unidic-lite 1.0.8 (UniDic 2.1.2 bin, 26 fields) read through
fugashi 1.5; another dictionary build may segment or tag a few words differently.
"""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text import nlp
from annotator.text.ja_tokenizer import AlignmentError, _align, _Table
from annotator.text.sentences import CHUNK_CHARS, chunk_spans, sentence_spans

ROOT = Path(__file__).resolve().parent.parent


def test_dictionary_is_the_pinned_build() -> None:
    assert version("unidic-lite") == "1.0.8"


def _tokens(text: str) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.lemma_, t.pos_, t.tag_) for t in nlp.analyze(text, "ja")]


@pytest.mark.parametrize("text, expected", [
    ("コメントを書いた。", [
        ("コメント", "コメント", "NOUN", "名詞-普通名詞-サ変可能"),
        ("を", "を", "ADP", "助詞-格助詞"),
        ("書い", "書く", "VERB", "動詞-一般"),
        ("た", "た", "AUX", "助動詞"),
        ("。", "。", "PUNCT", "補助記号-句点")]),
    ("AIは123件", [  # unknown words: no UniDic lemma, the surface stands in
        ("AI", "AI", "NOUN", "名詞-普通名詞-一般"),
        ("は", "は", "ADP", "助詞-係助詞"),
        ("123", "123", "NUM", "名詞-数詞"),
        ("件", "件", "NOUN", "名詞-普通名詞-助数詞可能")]),
    ("議論する", [  # spaCy's bigram rule: サ変 noun + する → VERB + AUX
        ("議論", "議論", "VERB", "名詞-普通名詞-サ変可能"),
        ("する", "為る", "AUX", "動詞-非自立可能")]),
    ("米国の政策", [
        ("米国", "米国", "PROPN", "名詞-固有名詞-地名-国"),
        ("の", "の", "ADP", "助詞-格助詞"),
        ("政策", "政策", "NOUN", "名詞-普通名詞-一般")]),
    ("その私", [("その", "其の", "DET", "連体詞"), ("私", "私", "PRON", "代名詞")]),
])
def test_japanese_tokens(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert _tokens(text) == expected


@pytest.mark.parametrize("text, word, reading, conj_form, goshu", [
    ("書いた", "書い", "カイ", "連用形-イ音便", "和"),
    ("食べている人", "いる", "イル", "連体形-一般", "和"),
    ("政策", "政策", "セイサク", None, "漢"),
    ("コメント", "コメント", "コメント", None, "外"),
    ("AIは", "AI", None, None, None),
    ("。", "。", None, None, "記号"),
])
def test_reading_conj_form_goshu(text: str, word: str, reading: str | None,
                                 conj_form: str | None, goshu: str | None) -> None:
    token = next(t for t in nlp.analyze(text, "ja") if t.text == word)
    assert (nlp.reading(token), nlp.conj_form(token), nlp.goshu(token)) == (reading, conj_form, goshu)


@pytest.mark.parametrize("text, word, lemma, gloss", [
    ("コメント", "コメント", "コメント", "comment"),  # UniDic: コメント-comment
    ("ディープシーク", "シーク", "シーク", "sikh"),  # シーク-Sikh
    ("サーバー", "サーバー", "サーバー", "server"),
    ("私は", "私", "私", None),  # 私-代名詞: a note, not a gloss
    ("AIは", "AI", "AI", None),
    ("政策", "政策", "政策", None),
])
def test_lemma_gloss_stripped(text: str, word: str, lemma: str, gloss: str | None) -> None:
    token = next(t for t in nlp.analyze(text, "ja") if t.text == word)
    assert (token.lemma_, nlp.gloss(token)) == (lemma, gloss)


@pytest.mark.parametrize("text, expected", [
    ("ディープ・シーク", "ディープシーク"),
    ("ディープ･シーク", "ディープシーク"),  # half-width middle dot
    ("サーバー", "サーバ"),
    ("コンピューター", "コンピュータ"),
    ("キー", "キー"),  # too short to drop the long vowel
    ("ＡＩ", "ai"),
    ("GPU", "gpu"),
    ("ｶﾀｶﾅ", "カタカナ"),
])
def test_fold(text: str, expected: str) -> None:
    assert nlp.fold(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("コンピューターとコンピュータ", ["コンピュータ", "と", "コンピュータ"]),
    ("ＡＩとAI", ["ai", "と", "ai"]),
    ("書いた", ["書く", "た"]),
])
def test_match_key(text: str, expected: list[str]) -> None:
    assert [nlp.match_key(t) for t in nlp.analyze(text, "ja")] == expected


def test_dotted_and_plain_katakana_names_match() -> None:
    def keys(text: str) -> list[str]:
        return [k for k in map(nlp.match_key, nlp.analyze(text, "ja")) if k]
    assert keys("ディープ・シーク") == keys("ディープシーク")


@pytest.mark.parametrize("text, expected", [
    ("中国のAI企業が成長する。", {"中国": True, "の": False, "AI": True, "企業": True,
                                 "が": False, "成長": True, "する": False, "。": False}),
    ("そのためにあることをする", {"その": False, "ため": False, "に": False, "ある": False,
                                  "こと": False, "を": False, "する": False}),
    ("効率性は123だ", {"効率": True, "性": False, "は": False, "123": True, "だ": False}),
    ("美しい花を見る", {"美しい": True, "花": True, "を": False, "見る": True}),
    ("それはGPT", {"それ": False, "は": False, "GPT": True}),
])
def test_is_content_japanese(text: str, expected: dict[str, bool]) -> None:
    got = {t.text: nlp.is_content(t) for t in nlp.analyze(text, "ja") if not t.is_space}
    assert got == expected


AWKWARD = [
    "",
    " ",
    "\u3000",
    "全角\u3000スペース\u3000\u3000二つ",
    "タブ\tと\t\tタブ",
    "改行\r\nCRLF\r\n",
    "孤立した\rCR",
    "NBSP\u00a0と\u00a0\u00a0",
    "末尾の空白   ",
    "   先頭の空白",
    "空行\n\n\n\nの後",
    "\n\n",
    "絵文字🎉👩‍👩‍👧と国旗🇯🇵",
    "混在 English words と 日本語 。",
    "NUL\x00文字\x00\x00",
    "制御\x0b\x0c\x1c\x85\u2028\u2029文字",
    "é combining e\u0301 and 가",
    "「」『』【】（）",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_round_trip_awkward(text: str) -> None:
    doc = nlp.analyze(text, "ja")
    assert doc.text == text
    assert all(t.text for t in doc)


@pytest.mark.parametrize("text, expected", [
    ("a\u3000\u3000b", [("a", ""), ("\u3000\u3000", ""), ("b", "")]),
    ("x y", [("x", " "), ("y", "")]),
    ("x  y", [("x", ""), ("  ", ""), ("y", "")]),
    ("文\r\n\n　次", [("文", ""), ("\r\n\n　", ""), ("次", "")]),
    (" 先", [(" ", ""), ("先", "")]),
])
def test_whitespace_runs_are_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    doc = nlp.analyze(text, "ja")
    assert [(t.text, t.whitespace_) for t in doc] == expected
    assert all(t.pos_ == "SPACE" and t.tag_ == "空白" for t in doc if t.text.isspace())


JA_ALPHABET = st.sampled_from(list(
    "あいうアイウー・漢字日本語。、！？!?.「」『』（）()【】ａＡa1１ \u3000\t\r\n\u00a0\x00🎉\u0301"))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.text(JA_ALPHABET)))
def test_round_trip_property(text: str) -> None:
    doc = nlp.analyze(text, "ja")
    assert doc.text == text
    assert sum(1 for t in doc if t.is_sent_start) >= (1 if len(doc) else 0)


def test_long_line_spanning_chunks() -> None:
    text = ("長い行の文章です。" * (CHUNK_CHARS // 9 + 50)) + "終わり"
    doc = nlp.analyze(text, "ja")
    assert doc.text == text
    assert doc[-1].text == "終わり"


def test_alignment_mismatch_names_text_and_words() -> None:
    table = _Table(nlp.analyze("", "ja").vocab.strings)
    with pytest.raises(AlignmentError) as info:
        _align("本当の文", [table.ids["別\t名詞,普通名詞,一般,*,*,*"]], table)
    assert "本当の文" in str(info.value) and "別" in str(info.value)


@pytest.mark.parametrize("text, expected", [
    ("一。二。\n三", ["一。", "二。", "三"]),
    ("\n\n  最初の文。次の文。", ["最初の文。", "次の文。"]),
    ("", []),
])
def test_doc_sentences_follow_sentence_spans(text: str, expected: list[str]) -> None:
    doc = nlp.analyze(text, "ja")
    assert [s.text.strip() for s in doc.sents] == expected
    assert doc[0].is_sent_start if len(doc) else True


@pytest.mark.parametrize("text, expected", [
    ("今日は晴れ。明日は雨！本当？", ["今日は晴れ。", "明日は雨！", "本当？"]),
    ("本当？！そうだ。", ["本当？！", "そうだ。"]),
    ("彼は「行く。戻る。」と言った。次。", ["彼は「行く。戻る。」と言った。", "次。"]),
    ("（注：「a。」b。）次。", ["（注：「a。」b。）次。"]),
    ("これは」誤り。次の文。", ["これは」誤り。", "次の文。"]),  # stray closer
    ("「開いたまま。次の文。", ["「開いたまま。", "次の文。"]),  # never closed
    ("「a」と「b。c」。d！", ["「a」と「b。c」。", "d！"]),
    ("終わり。」次。", ["終わり。」", "次。"]),  # a closer after the ender stays
    ("「上。\n下。」", ["「上。", "下。」"]),  # pairs only protect within a line
    ("一行目\n二行目\r\n\n\u3000三行目\u3000", ["一行目", "二行目", "三行目"]),
    ("孤立\rCR", ["孤立", "CR"]),
    ("  \n\t\n", []),
    ("見出し\n本文です。続き", ["見出し", "本文です。", "続き"]),
])
def test_sentence_spans_japanese(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text, "ja")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Mr. Smith went to Washington. He left.", ["Mr. Smith went to Washington.", "He left."]),
    ("The U.S. Army won. It ended.", ["The U.S. Army won.", "It ended."]),
    ("See e.g. Table 1. Then go.", ["See e.g. Table 1.", "Then go."]),
    ('Is it? Yes! "Quoted." Done.', ["Is it?", "Yes!", '"Quoted."', "Done."]),
    ("Version 3.5 is out. next is lowercase", ["Version 3.5 is out. next is lowercase"]),
    ("J. R. R. Tolkien wrote. Then 2024 came.", ["J. R. R. Tolkien wrote.", "Then 2024 came."]),
    ("Line one\nLine two  ", ["Line one", "Line two"]),
])
def test_sentence_spans_english(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text, "en")] == expected


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.text(JA_ALPHABET)), st.sampled_from(["ja", "en"]))
def test_sentence_spans_property(text: str, lang: str) -> None:
    spans = sentence_spans(text, lang)
    assert spans == sorted(spans)
    for (s, e), nxt in zip(spans, spans[1:] + [(len(text), len(text))]):
        piece = text[s:e]
        assert s < e <= nxt[0]
        assert piece == piece.strip() and "\n" not in piece


def test_sentence_spans_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="fr"):
        sentence_spans("Bonjour.", "fr")


@pytest.mark.parametrize("text, limit", [
    ("あ" * 2500 + "。" + "い" * 10 + "\n" + "x" * 5, 1000),
    ("e\u0301" * 3000, 999),  # no punctuation: never cut before a combining mark
    ("👩\u200d👩\u200d👧" * 800, 500),
    ("短い\n行\r\n" * 300, 50),
    ("", 10),
])
def test_chunk_spans_bounded_and_complete(text: str, limit: int) -> None:
    spans = chunk_spans(text, limit)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(0 < e - s <= limit for s, e in spans)
    assert all(s == prev_e for (_, prev_e), (s, _) in zip(spans, spans[1:]))
    assert not any(text[s] in "\u0301\u200d" for s, _ in spans if s)


def test_chunk_spans_prefer_sentence_ends_and_lines() -> None:
    text = "あ" * 700 + "。" + "い" * 700 + "\n次"
    assert chunk_spans(text, 1000) == [(0, 701), (701, 1402), (1402, 1403)]


def test_chunk_default_limit_is_well_under_a_megabyte() -> None:
    assert CHUNK_CHARS * 4 < 1_000_000  # UTF-8 needs at most 4 bytes a character


@pytest.mark.parametrize("text, expected", [
    ("Dr. Who is here. He said no.", [
        ("Dr.", "dr.", "", True), ("Who", "who", "", False), ("is", "be", "", False),
        ("here", "here", "", False), (".", ".", "PUNCT", False), ("He", "he", "", True),
        ("said", "say", "", False), ("no", "no", "", False), (".", ".", "PUNCT", False)]),
    ("10 Dogs\n", [("10", "10", "NUM", True), ("Dogs", "dog", "", False),
                   ("\n", "\n", "SPACE", False)]),
])
def test_english_basics(text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    doc = nlp.analyze(text, "en")
    assert doc.text == text
    assert [(t.text, t.lemma_, t.pos_, bool(t.is_sent_start)) for t in doc] == expected
    assert all(nlp.reading(t) is None and nlp.gloss(t) is None for t in doc)


@pytest.mark.parametrize("text, expected", [
    ("The export controls, in 2024.", {"The": False, "export": True, "controls": True,
                                       ",": False, "in": False, "2024": True, ".": False}),
])
def test_is_content_english(text: str, expected: dict[str, bool]) -> None:
    assert {t.text: nlp.is_content(t) for t in nlp.analyze(text, "en")} == expected


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        nlp.analyze("Bonjour", "fr")


_FRESH_INTERPRETER = """
import sys
import spacy
import catalogue
import annotator.text.nlp as nlp
# registered by hand only when first needed (an installed annotator also declares an entry point)
assert not catalogue.check_exists(*spacy.registry.tokenizers.namespace, nlp.TOKENIZER_NAME), "registered at import time"
doc = nlp.analyze("日本語の文です。", "ja")
assert doc.text == "日本語の文です。"
# the registered tokenizer gives users a spaCy pipeline; analyze() runs the same tokenizer bare
piped = nlp.pipeline("ja")("日本語の文です。")
assert spacy.registry.has("tokenizers", nlp.TOKENIZER_NAME)
assert nlp.pipeline("ja") is nlp.pipeline("ja")
attrs = lambda d: [(t.text, t.lemma_, t.pos_, t.tag_, t.is_stop, t.like_num, t.is_sent_start) for t in d]
assert attrs(piped) == attrs(doc) and piped.lang_ == doc.lang_ == "ja"
print(sorted(m for m in sys.modules if m.split(".")[0] == "sudachipy"))
"""


def test_japanese_never_imports_sudachipy(tmp_path: Path) -> None:
    # A stand-in sudachipy on the path would be imported if anything asked for it.
    (tmp_path / "sudachipy").mkdir()
    (tmp_path / "sudachipy" / "__init__.py").write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(ROOT), str(tmp_path)))}
    result = subprocess.run([sys.executable, "-c", _FRESH_INTERPRETER], capture_output=True,
                            text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
