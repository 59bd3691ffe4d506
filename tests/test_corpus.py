"""Loading, validating and scaffolding corpus folders (annotator.corpus, annotator.scaffold)."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.corpus.load import load_corpus, load_corpus_report, read_text_file
from annotator.corpus.scaffold import describe_corpus, detect_lang, write_corpus
from annotator.errors import InputTextError, ManifestError, OutputError

SEED = Path(__file__).resolve().parent.parent / "corpus" / "deepseek-export-controls"

# A combined file with three parts; the headings are this test's own, not the seed's.
TEXT = "批評\n第一の論点。\n要約\n1. 要点。\n原文 ある論説\n本文の段落。\n"
PARTS = """parts = [
  { role = "commentary", heading = "批評" },
  { role = "summary", heading = "要約" },
  { role = "source", heading = "原文" },
]
"""
DOC = '[[documents]]\nfile = "text.txt"\nlang = "ja"\nrole = "combined"\n'
GOOD = 'title = "T"\n\n' + DOC + PARTS  # the parts entries stand on lines 8-10


def make_corpus(root: Path, manifest: str, files: dict[str, bytes] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "corpus.toml").write_text(manifest, encoding="utf-8")
    for name, data in (files if files is not None else {"text.txt": TEXT.encode()}).items():
        (root / name).write_bytes(data)
    return root


def test_seed_corpus_splits_into_three_documents() -> None:
    corpus = load_corpus(SEED)
    text = (SEED / "000_504d558f0a83e77d.txt").read_text(encoding="utf-8")
    assert [d.id for d in corpus.documents] == ["commentary", "summary", "source"]
    assert "".join(d.text for d in corpus.documents) == text
    for doc in corpus.documents:
        assert text[doc.file_start:doc.file_start + len(doc.text)] == doc.text
        assert doc.first_line == text[:doc.file_start].count("\n") + 1
    assert corpus.title_en == "On DeepSeek and export controls"
    assert len(corpus.section_labels) == 3


def test_good_manifest_gives_offsets_and_lines(tmp_path: Path) -> None:
    corpus = load_corpus(make_corpus(tmp_path / "c", GOOD))
    got = [(d.id, d.role, d.lang, d.file_start, d.first_line, d.text) for d in corpus.documents]
    assert got == [("commentary", "commentary", "ja", 0, 1, "批評\n第一の論点。\n"),
                   ("summary", "summary", "ja", 10, 3, "要約\n1. 要点。\n"),
                   ("source", "source", "ja", 20, 5, "原文 ある論説\n本文の段落。\n")]
    assert corpus.path == str(tmp_path / "c")


BAD = [
    ("unknown top key", 'title = "T"\nauthor = "X"\n\n' + DOC + PARTS,
     ManifestError, "unknown key 'author'", 2),
    ("unknown doc key", 'title = "T"\n\n' + DOC + 'encoding = "utf-8"\n' + PARTS,
     ManifestError, "unknown key 'encoding' in document 1", 7),
    ("unknown part key", GOOD.replace('heading = "要約" }', 'heading = "要約", lang = "en" }'),
     ManifestError, "unknown key 'lang' in part 2", 9),
    ("missing title", 'title_en = "T"\n\n' + DOC + PARTS, ManifestError, "has no 'title'", 1),
    ("missing file", 'title = "T"\n\n[[documents]]\nlang = "ja"\nrole = "source"\n',
     ManifestError, "document 1 has no 'file'", 3),
    ("missing lang", 'title = "T"\n\n[[documents]]\nfile = "text.txt"\nrole = "source"\n',
     ManifestError, "document 1 has no 'lang'", 3),
    ("bad lang", GOOD.replace('lang = "ja"', 'lang = "jp"'), ManifestError, "lang 'jp'", 5),
    ("bad role", 'title = "T"\n\n[[documents]]\nfile = "text.txt"\nlang = "ja"\nrole = "essay"\n',
     ManifestError, "role 'essay'", 6),
    ("bad part role", GOOD.replace('role = "summary"', 'role = "combined"'),
     ManifestError, "role 'combined' in part 2", 9),
    ("parts not combined", GOOD.replace('role = "combined"', 'role = "source"'),
     ManifestError, "has parts but role 'source'", 7),
    ("combined no parts", 'title = "T"\n\n' + DOC, ManifestError, "has no parts", 3),
    ("file missing", GOOD.replace("text.txt", "nothere.txt"),
     ManifestError, "'nothere.txt' does not exist", 4),
    ("heading not found", GOOD.replace('"要約"', '"あらすじ"'),
     ManifestError, "heading 'あらすじ' of part 'summary' is not found in 'text.txt'", 9),
    ("same heading twice", GOOD.replace('"要約"', '"批評"'),
     ManifestError, "same heading '批評'", 9),
    ("out of order", GOOD.replace('"要約"', '"TMP"').replace('"批評"', '"要約"')
     .replace('"TMP"', '"批評"'), ManifestError, "listed in the order they appear", 9),
    ("toml syntax", 'title = T\n\n' + DOC + PARTS, ManifestError, "TOML syntax error", 1),
    ("toml syntax later", GOOD + '[[sections]]\nheading = "x"\ntitle_en = "a\n',
     ManifestError, "TOML syntax error", 14),
    ("no documents", 'title = "T"\n', ManifestError, "lists no documents", 1),
    ("documents not array", 'title = "T"\n\n[documents]\nfile = "text.txt"\n',
     ManifestError, "'documents' must be an array of tables", 3),
    ("section without titles", GOOD + '\n[[sections]]\nheading = "原文"\n',
     ManifestError, "section 1 has neither title_en nor title_ja", 13),
    ("unknown section key", GOOD + '\n[[sections]]\nheading = "原文"\ntitel_en = "x"\n',
     ManifestError, "did you mean 'title_en'", 15),
]


@pytest.mark.parametrize("manifest,error,fragment,line", [c[1:] for c in BAD],
                         ids=[c[0] for c in BAD])
def test_bad_manifest(tmp_path: Path, manifest: str, error: type, fragment: str,
                      line: int) -> None:
    root = make_corpus(tmp_path / "c", manifest)
    with pytest.raises(error) as caught:
        load_corpus(root)
    assert fragment in str(caught.value)
    assert caught.value.line == line
    assert caught.value.file == str(root / "corpus.toml")
    assert caught.value.fix
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text,fragment,line", [
    ("前書きの文。\n批評\nx\n要約\ny\n原文\nz\n", "text before the first part", 1),
    ("\n\n \n前書き\n批評\nx\n要約\ny\n原文\nz\n", "text before the first part", 4),
])
def test_text_before_first_part(tmp_path: Path, text: str, fragment: str, line: int) -> None:
    root = make_corpus(tmp_path / "c", GOOD, {"text.txt": text.encode()})
    with pytest.raises(ManifestError) as caught:
        load_corpus(root)
    assert fragment in caught.value.message
    assert (caught.value.file, caught.value.line) == (str(root / "text.txt"), line)


def test_leading_whitespace_before_first_part_is_allowed(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "c", GOOD, {"text.txt": ("\n\u3000\n" + TEXT).encode()})
    docs = load_corpus(root).documents
    assert (docs[0].file_start, docs[0].first_line) == (3, 3)


@pytest.mark.parametrize("heading,line_text", [
    ("Part 1", "Ｐａｒｔ　１: the start"),
    ("ＡＩ批評", "AI批評"),
    ("コメント", "ｺﾒﾝﾄ"),
    ("批評", "\u3000  批評について"),
])
def test_heading_match_ignores_width_and_indent(tmp_path: Path, heading: str,
                                                line_text: str) -> None:
    manifest = GOOD.replace('"批評"', f'"{heading}"')
    text = TEXT.replace("批評\n", line_text + "\n", 1)
    corpus = load_corpus(make_corpus(tmp_path / "c", manifest, {"text.txt": text.encode()}))
    assert corpus.documents[0].text.startswith(line_text)


def test_path_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ManifestError, match="is a file, not a corpus folder") as caught:
        load_corpus(path)
    assert caught.value.line is None


@pytest.mark.parametrize("name,fragment", [("empty", "no corpus.toml"),
                                           ("missing", "does not exist")])
def test_folder_without_manifest(tmp_path: Path, name: str, fragment: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ManifestError, match=fragment):
        load_corpus(tmp_path / name)


JA = "日本語のテキストです。\r\n第二行は「引用」を含む。①\nＡＩと半角ｶﾅ。\n"


@pytest.mark.parametrize("data,encoding", [
    (JA.encode("utf-8"), "UTF-8"),
    (b"\xef\xbb\xbf" + JA.encode("utf-8"), "UTF-8 with BOM"),
    (JA.encode("utf-16"), "UTF-16"),
    (b"\xfe\xff" + JA.encode("utf-16-be"), "UTF-16"),
    (JA.encode("cp932"), "Shift_JIS"),
    (JA.replace("①", "").encode("euc_jp"), "EUC-JP"),
])
def test_encodings_read_exactly(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(data)
    text, found = read_text_file(path)
    assert found == encoding
    assert text == (JA if encoding != "EUC-JP" else JA.replace("①", ""))


@pytest.mark.parametrize("data,fragment", [
    (b"abc\x00def", "binary data"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    (b"\xff\xff\xff\xfd\x80", "not UTF-8"),
    (b"", "is empty"),
    (" \n\t\u3000\r\n".encode(), "only whitespace"),
])
def test_unreadable_files_rejected(tmp_path: Path, data: bytes, fragment: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(data)
    with pytest.raises(InputTextError, match=fragment) as caught:
        read_text_file(path)
    assert caught.value.file == str(path)
    assert caught.value.fix


def test_encoding_is_reported_by_load_report(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "c", GOOD, {"text.txt": TEXT.encode("cp932")})
    corpus, notes = load_corpus_report(root)
    assert notes == ["text.txt: read as Shift_JIS"]
    assert "".join(d.text for d in corpus.documents) == TEXT


def test_crlf_kept_byte_for_byte(tmp_path: Path) -> None:
    text = TEXT.replace("\n", "\r\n")
    root = make_corpus(tmp_path / "c", GOOD, {"text.txt": text.encode()})
    docs = load_corpus(root).documents
    assert "".join(d.text for d in docs) == text
    assert [(d.file_start, d.first_line) for d in docs] == [(0, 1), (12, 3), (24, 5)]
    assert docs[1].text == "要約\r\n1. 要点。\r\n"


def test_repeated_roles_get_numbered_ids(tmp_path: Path) -> None:
    manifest = 'title = "T"\n' + "".join(
        f'[[documents]]\nfile = "{n}"\nlang = "{lang}"\nrole = "source"\n'
        for n, lang in (("a.txt", "en"), ("b.txt", "ja")))
    root = make_corpus(tmp_path / "c", manifest, {"a.txt": b"Text.", "b.txt": TEXT.encode()})
    assert [(d.id, d.lang) for d in load_corpus(root).documents] == [
        ("source", "en"), ("source-2", "ja")]


@pytest.mark.parametrize("text,lang", [
    ("これは日本語の文章です。", "ja"),
    ("The essay argues that AI export controls matter.", "en"),
    ("AnthropicのCEOはDeepSeekについて書いた。", "ja"),
    ("Tokyo (東京) is the capital of Japan and its largest city.", "en"),
    ("12345 !!!", "en"),
])
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_scaffold_separate_files(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "essay.txt").write_text("\n# On \"export\" controls \\ a test\nBody.\n",
                                     encoding="utf-8")
    (inbox / "comment.txt").write_bytes("批評の本文です。\r\n".encode("cp932"))
    (inbox / "summary.txt").write_text("要約です。\n", encoding="utf-8")
    root = write_corpus(tmp_path / "out", source=inbox / "essay.txt",
                        commentary=inbox / "comment.txt", summary=inbox / "summary.txt",
                        combined=None, langs={"summary": "en"}, headings=None, title=None)
    corpus, notes = load_corpus_report(root)
    assert corpus.title == 'On "export" controls \\ a test'
    assert [(d.id, d.lang, d.file) for d in corpus.documents] == [
        ("commentary", "ja", "comment.txt"), ("summary", "en", "summary.txt"),
        ("source", "en", "essay.txt")]
    assert notes == ["comment.txt: read as Shift_JIS"]
    assert corpus.documents[0].text == "批評の本文です。\r\n"


def test_scaffold_combined_orders_parts_by_file(tmp_path: Path) -> None:
    src = tmp_path / "all.txt"
    src.write_text(TEXT, encoding="utf-8")
    root = write_corpus(tmp_path / "out", source=None, commentary=None, summary=None,
                        combined=src, langs={}, title="Title",
                        headings={"source": "原文", "commentary": "批評", "summary": "要約"})
    corpus = load_corpus(root)
    assert [d.role for d in corpus.documents] == ["commentary", "summary", "source"]
    assert "".join(d.text for d in corpus.documents) == TEXT
    assert corpus.title == "Title"


def test_scaffold_default_title_from_combined_source_part(tmp_path: Path) -> None:
    src = tmp_path / "all.txt"
    src.write_text(TEXT, encoding="utf-8")
    root = write_corpus(tmp_path / "out", source=None, commentary=None, summary=None,
                        combined=src, langs={}, title=None,
                        headings={"commentary": "批評", "summary": "要約", "source": "原文"})
    assert load_corpus(root).title == "ある論説"


@pytest.mark.parametrize("headings,fragment", [
    (None, "needs the heading"),
    ({"source": "見出しなし"}, "'見出しなし' of part 'source' is not found"),
    ({"essay": "原文"}, "unknown part role 'essay'"),
    ({"summary": "要約", "source": "原文"}, "text before the first part"),
])
def test_scaffold_combined_errors(tmp_path: Path, headings: dict[str, str] | None,
                                  fragment: str) -> None:
    src = tmp_path / "all.txt"
    src.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ManifestError, match=fragment):
        write_corpus(tmp_path / "out", source=None, commentary=None, summary=None,
                     combined=src, langs={}, headings=headings, title=None)
    assert not (tmp_path / "out" / "corpus.toml").exists()


def test_scaffold_refuses_to_overwrite(tmp_path: Path) -> None:
    src = tmp_path / "essay.txt"
    src.write_text("An essay.\n", encoding="utf-8")
    kwargs = dict(source=src, commentary=None, summary=None, combined=None, langs={},
                  headings=None, title=None)
    root = write_corpus(tmp_path / "out", **kwargs)
    before = (root / "corpus.toml").read_bytes()
    with pytest.raises(OutputError, match="already exists") as caught:
        write_corpus(tmp_path / "out", **kwargs)
    assert caught.value.fix
    assert (root / "corpus.toml").read_bytes() == before


def test_scaffold_same_file_names_do_not_collide(tmp_path: Path) -> None:
    for folder, text in (("a", "An essay.\n"), ("b", "批評です。\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "text.txt").write_text(text, encoding="utf-8")
    root = write_corpus(tmp_path / "out", source=tmp_path / "a" / "text.txt",
                        commentary=tmp_path / "b" / "text.txt", summary=None, combined=None,
                        langs={}, headings=None, title=None)
    docs = {d.role: d for d in load_corpus(root).documents}
    assert (docs["commentary"].text, docs["source"].text) == ("批評です。\n", "An essay.\n")
    assert docs["commentary"].file != docs["source"].file


def test_describe_corpus_lists_documents() -> None:
    lines = describe_corpus(load_corpus(SEED))
    assert lines[0].startswith("DeepSeek と輸出規制 / On DeepSeek and export controls")
    docs = [ln.strip().split(":")[0] for ln in lines if ln.startswith("  ") and "lines" in ln]
    assert docs == ["commentary", "summary", "source"]
    assert any("source: source, ja, 000_504d558f0a83e77d.txt lines 44-" in ln for ln in lines)
