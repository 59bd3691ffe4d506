"""Properties over generated text: nothing fails but with AnnotatorError; offsets slice back; builds repeat.

The structure stage runs on many texts (nlp + parse_document, no files); full builds from
files run on fewer, since each takes a tenth of a second.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.build import render_site
from annotator.corpus.load import _check_is_text, _decode
from annotator.edition.serialize import edition_json
from annotator.errors import AnnotatorError
from annotator.model import Document
from annotator.pipeline import build_edition
from annotator.text.analysis import token_source
from annotator.text.nlp import analyze
from annotator.text.structure import parse_document

# Pieces of the conventions the parser looks for, so generated text exercises its branches.
PIECES = ("1. ", "（2）", "①", "第一に、", "- ", "・", "● ", "■ ", "# ", "【見出し】", "【元記事「", "」の前編】",
          "パートII", "「", "」", "：", "::", "。", "、", " ", "\u3000", "\t", "規模の法則", "輸出管理", "AI",
          "モデルは賢くなる", "the source", "part 2", "\u200b", "\u202e", "😀", "e\u0301", "<script>", "{{ x }}")
LINE_ENDS = ("\n", "\r\n", "\r", "\n\n")
line = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=8).map("".join)
document_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.tuples(line, st.sampled_from(LINE_ENDS)), max_size=12).map(
        lambda lines: "".join(text + end for text, end in lines)),
)
roles = st.sampled_from(("source", "summary", "commentary"))
langs = st.sampled_from(("ja", "en"))
STRUCTURE = settings(max_examples=250, deadline=None)
BUILDS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@STRUCTURE
@given(text=document_text, role=roles, lang=langs)
def test_structure_offsets_slice_back(text: str, role: str, lang: str) -> None:
    doc = analyze(text, lang)
    assert doc.text == text
    document = Document(role, role, lang, "doc.txt", text)
    sections, units = parse_document(document, token_source(doc), set())
    for unit in units:
        assert text[unit.start:unit.end] == unit.text, unit.id
        assert unit.body_start is None or unit.start <= unit.body_start <= unit.end
    for section in sections:  # the span starts at the heading's line, number or mark included
        first_line = re.split(r"\r\n|\r|\n", text[section.start:], maxsplit=1)[0]
        assert first_line.rstrip().endswith(section.heading) and section.start <= section.end <= len(text)
    ids = [u.id for u in units] + [s.id for s in sections]
    assert len(ids) == len(set(ids))
    assert [u.start for u in units if u.kind != "sentence" and u.parent is None] == \
        sorted(u.start for u in units if u.kind != "sentence" and u.parent is None)


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), document_text.map(lambda t: t.encode("utf-8")),
                      document_text.map(lambda t: t.encode("utf-16")),
                      document_text.map(lambda t: t.encode("cp932", errors="replace"))))
def test_any_bytes_decode_or_fail_with_our_error(data: bytes) -> None:
    try:
        text, encoding = _decode(data, "doc.txt")
        _check_is_text(text, "doc.txt")
    except AnnotatorError as error:
        assert error.file == "doc.txt" and "\n" not in str(error)
        return
    assert isinstance(text, str) and encoding


def _write_corpus(root: Path, texts: dict[str, str], lang: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    manifest = ['title = "生成"', ""]
    for role, text in texts.items():
        (root / f"{role}.txt").write_text(text, encoding="utf-8", newline="")
        manifest += ["[[documents]]", f'file = "{role}.txt"', f'lang = "{lang}"', f'role = "{role}"', ""]
    (root / "corpus.toml").write_text("\n".join(manifest), encoding="utf-8")
    return root


@BUILDS
@given(source=document_text, summary=document_text, commentary=document_text, lang=langs)
def test_any_text_builds_or_fails_with_our_error(source: str, summary: str, commentary: str, lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _write_corpus(Path(tmp) / "c", {"source": source, "summary": summary, "commentary": commentary}, lang)
        try:
            edition = build_edition(corpus)
        except AnnotatorError as error:
            assert "\n" not in str(error)
            return
        texts = {d.id: d.text for d in edition.corpus.documents}
        for unit in edition.units:
            assert texts[unit.doc][unit.start:unit.end] == unit.text, unit.id
        files = render_site(edition)
        assert build_edition(corpus) == edition  # deterministic: the same records again
        assert render_site(build_edition(corpus)) == files  # and byte-identical output


@BUILDS
@given(text=document_text)
def test_text_as_every_role_at_once(text: str) -> None:
    """One text as source, summary and commentary alike: quotes then match exactly everywhere."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _write_corpus(Path(tmp) / "c", {"source": text, "summary": text, "commentary": text}, "ja")
        try:
            edition = build_edition(corpus)
        except AnnotatorError:
            return
        assert edition_json(edition) == edition_json(build_edition(corpus))
