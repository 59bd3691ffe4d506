"""A catalogue of bad inputs: each builds a correct edition or stops with one line, exit 2.

Every case runs the command line (``annotator.cli.main``) on a small corpus in ``tmp_path``:
a source, a summary and a commentary, one file each. Error cases state the exact line on
stderr (``{c}`` stands for the corpus folder, ``{out}`` for the output folder); edition cases
state what the edition must hold. docs/limits.md lists the limits tested at the end.
"""
from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

import annotator.text.structure
from annotator.cli import main

MANIFEST = """title = "小さな試験"

[[documents]]
file = "source.txt"
lang = "ja"
role = "source"

[[documents]]
file = "summary.txt"
lang = "ja"
role = "summary"

[[documents]]
file = "commentary.txt"
lang = "ja"
role = "commentary"
"""
SOURCE = ("計算資源の論説\n規模の法則\nモデルは計算を増やすほど賢くなる。これは多くの研究で確かめられた。\n"
          "輸出の管理\n半導体の輸出規制は技術の拡散を遅らせる。規制には抜け穴もある。\n")
MARKER_1 = "【元記事「規模の法則」の前編】"
MARKER_2 = "【元記事「輸出の管理」の後編】"
SUMMARY = f"1. 規模\n- 計算を増やすとモデルは賢くなる{MARKER_1}。\n2. 輸出\n- 輸出規制は拡散を遅らせる{MARKER_2}。\n"
COMMENTARY = "1. 規制の効果は限られる\n- 抜け穴がある以上、規制の効果は小さい。\n"
FILES = {"source.txt": SOURCE, "summary.txt": SUMMARY, "commentary.txt": COMMENTARY}
COMBINED_MANIFEST = """title = "一つのファイル"

[[documents]]
file = "all.txt"
lang = "ja"
role = "combined"
parts = [
  { role = "commentary", heading = "批評" },
  { role = "summary", heading = "要約" },
  { role = "source", heading = "原文" },
]
"""
COMBINED = "批評\n" + COMMENTARY + "要約\n" + SUMMARY + "原文 " + SOURCE  # the source's title line is 原文 …
Files = dict[str, "str | bytes | None"]
EditionJson = dict[str, Any]


def make_corpus(root: Path, files: Optional[Files] = None, manifest: str | bytes = MANIFEST) -> Path:
    """A corpus folder: the three default files with ``files`` over them (None removes one)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "corpus.toml").write_bytes(manifest.encode("utf-8") if isinstance(manifest, str) else manifest)
    for name, content in {**FILES, **(files or {})}.items():
        if content is not None:
            (root / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The exit code and stderr of one command."""
    code = main(list(argv))
    return code, capsys.readouterr().err


def build(capsys: pytest.CaptureFixture[str], corpus: Path, out: Path) -> EditionJson:
    """Build; the command must succeed silently on stderr; return edition.json."""
    code, err = run(capsys, "build", str(corpus), "--out", str(out))
    assert (code, err) == (0, "")
    return json.loads((out / "edition.json").read_text(encoding="utf-8"))


# --- inputs that stop the build with one line ----------------------------------------------

LONG_LINE = "x" * 5_000_000
SHORT_LINES = "短い行。\n" * 200_000
ERRORS: list[tuple[str, Files, "str | bytes", str]] = [
    # (case, files, manifest, the exact line on stderr)
    ("empty file", {"source.txt": ""}, MANIFEST,
     "{c}/source.txt: the file is empty (put the document's text in it, or remove it from corpus.toml)"),
    ("whitespace only", {"summary.txt": " \n\t\n\u3000\r\n"}, MANIFEST,
     "{c}/summary.txt: the file holds only whitespace (put the document's text in it, or remove it from corpus.toml)"),
    ("binary data", {"source.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))}, MANIFEST,
     "{c}/source.txt: the file holds binary data (NUL bytes), not text (save it as UTF-8 text)"),
    ("a PDF saved as .txt", {"source.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"}, MANIFEST,
     "{c}/source.txt: the file is a PDF document, not plain text (copy its text into a plain .txt file saved as UTF-8)"),
    ("a Word file saved as .txt", {"commentary.txt": b"PK\x03\x04\x14\x00\x06\x00word/document.xml"}, MANIFEST,
     "{c}/commentary.txt: the file is a ZIP archive (a .docx or .odt file is one), not plain text "
     "(save it as plain text (.txt, UTF-8))"),
    ("NUL bytes in UTF-8 text", {"source.txt": SOURCE.encode() + b"\x00\x00end\n"}, MANIFEST,
     "{c}/source.txt: the file holds binary data (NUL bytes), not text (save it as UTF-8 text)"),
    ("Latin-1 text", {"commentary.txt": "1. Le café\n- C'est déjà trop tard.\n".encode("latin-1")}, MANIFEST,
     "{c}/commentary.txt:1: the file is not UTF-8 (first bad byte on line 1), nor Shift_JIS or EUC-JP text "
     "(save it as UTF-8 text)"),
    ("surrogate code points written as UTF-8 (CESU-8)",
     {"summary.txt": SUMMARY.encode() + "- 絵文字".encode() + b"\xed\xa0\xbd\xed\xb8\x80\n"}, MANIFEST,
     "{c}/summary.txt:5: the file is not UTF-8 (first bad byte on line 5), nor Shift_JIS or EUC-JP text "
     "(save it as UTF-8 text)"),
    ("a UTF-16 mark on bytes that are not UTF-16", {"source.txt": codecs.BOM_UTF16_LE + b"\x00\xdc\x41"}, MANIFEST,
     "{c}/source.txt: the file starts with a UTF-16 mark but is not valid UTF-16 (save it as UTF-8 text)"),
    ("missing file", {"summary.txt": None}, MANIFEST,
     "{c}/corpus.toml:9: document file 'summary.txt' does not exist (put the file in '{c}' or correct the name; "
     "paths are relative to the corpus folder)"),
    ("part heading not found", {"all.txt": COMBINED}, COMBINED_MANIFEST.replace('"要約"', '"あらすじ"'),
     "{c}/corpus.toml:9: heading 'あらすじ' of part 'summary' is not found in 'all.txt' "
     "(the heading must begin a line of 'all.txt')"),
    ("the same part heading twice", {"all.txt": COMBINED}, COMBINED_MANIFEST.replace('"原文"', '"要約"'),
     "{c}/corpus.toml:10: parts 'summary' and 'source' of 'all.txt' have the same heading '要約' "
     "(give each part its own heading)"),
    ("unknown manifest key", {}, MANIFEST.replace('title = "小さな試験"', 'title = "小さな試験"\ntitel = "x"'),
     "{c}/corpus.toml:2: unknown key 'titel' in corpus.toml (did you mean 'title'? allowed keys: title, "
     "title_en, documents, sections)"),
    ("lang not supported", {}, MANIFEST.replace('lang = "ja"', 'lang = "fr"', 1),
     "{c}/corpus.toml:5: lang 'fr' in document 1 is not one of ja, en (set lang to one of: ja, en)"),
    ("corpus.toml not UTF-8", {}, MANIFEST.encode("cp932"),
     "{c}/corpus.toml:1: corpus.toml is not UTF-8 text (save corpus.toml as UTF-8)"),
    ("[[sections]] heading not in the source", {},
     MANIFEST + '\n[[sections]]\nheading = "結論"\ntitle_en = "Conclusion"\n',
     "{c}/corpus.toml:19: [[sections]] heading '結論' is not a section heading of the source "
     "(use one of the headings found: 規模の法則, 輸出の管理)"),
    ("links.toml with a key no entry has",
     {"links.toml": '[[add]]\nfrom = "summary-9-b9"\nto = "source-p1-s1"\nweight = "2"\n'}, MANIFEST,
     "{c}/links.toml:4: unknown key 'weight' in [[add]] entry 1 (allowed keys: from, to, relation)"),
    ("links.toml with a relation that is none",
     {"links.toml": '[[relation]]\nfrom = "summary-1-b1"\nto = "source-p1-s1"\nrelation = "agrees"\n'}, MANIFEST,
     "{c}/links.toml:4: [[relation]] entry 1: relation 'agrees' is not supports or rebuts (use supports or rebuts)"),
    ("5 MB on a single line", {"source.txt": SOURCE + LONG_LINE + "\n"}, MANIFEST,
     "{c}/source.txt:6: line 6 holds 5,000,000 characters; the limit is 100,000 per line "
     "(break the text into paragraphs with line breaks (a paste that lost its line ends?))"),
    ("200,000 short lines", {"source.txt": SOURCE + SHORT_LINES}, MANIFEST,
     "{c}/source.txt: the file has 200,005 lines; the limit is 50,000 (split the text into several corpora, "
     "or join lines that belong to one paragraph)"),
]


@pytest.mark.parametrize("case, files, manifest, expected", ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_input_stops_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                                       files: Files, manifest: str | bytes, expected: str) -> None:
    corpus = make_corpus(tmp_path / "c", files, manifest)
    code, err = run(capsys, "build", str(corpus), "--out", str(tmp_path / "site"))
    assert code == 2
    assert err == "annotator: error: " + expected.format(c=corpus) + "\n"
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["c"]  # no half-written output beside it either


def test_links_toml_naming_what_is_gone_is_reported_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c", {"links.toml": '[[add]]\nfrom = "summary-9-b9"\nto = "source-p1-s1"\n\n'
                                                        '[[pin]]\nunit = "summary-1-b1"\nsection = "conclusion"\n'})
    build(capsys, corpus, tmp_path / "site")
    assert main(["check", str(corpus)]) == 0
    reported = [line for line in capsys.readouterr().out.splitlines() if line.startswith("correction not applied")]
    assert [line.split(": [[")[0] for line in reported] == ["correction not applied: links.toml:1",
                                                            "correction not applied: links.toml:5"]


def test_check_stops_with_the_same_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c", {"source.txt": " \n"})
    assert run(capsys, "check", str(corpus)) == (
        2, f"annotator: error: {corpus}/source.txt: the file holds only whitespace "
           "(put the document's text in it, or remove it from corpus.toml)\n")


# --- the corpus path and the output folder --------------------------------------------------

PATH_ERRORS: list[tuple[str, Callable[[Path], tuple[Path, Path]], str]] = [
    ("corpus path that is a file", lambda t: (make_corpus(t / "c") / "source.txt", t / "site"),
     "{corpus}: '{corpus}' is a file, not a corpus folder (give the folder that holds corpus.toml, not a file in it)"),
    ("corpus folder that does not exist", lambda t: (t / "nothere", t / "site"),
     "{corpus}: corpus folder '{corpus}' does not exist (give the path of a folder holding corpus.toml)"),
    ("output path that is a file", lambda t: (make_corpus(t / "c"), _touch(t / "site.txt")),
     "{out}: the output path is a file, not a folder (choose another --out)"),
    ("output under a file", lambda t: (make_corpus(t / "c"), _touch(t / "f") / "site"),
     "{out}: '{out.parent}' (a parent of the output path) is a file, not a folder (choose another --out)"),
    ("output is the corpus folder", lambda t: (make_corpus(t / "c"), t / "c"),
     "{out}: the output folder is the corpus folder '{corpus}'; a build replaces the whole output folder "
     "(choose a folder outside the corpus for --out)"),
    ("output folder holding other files", lambda t: (make_corpus(t / "c"), _touch(t / "home" / "notes.txt").parent),
     "{out}: the output folder holds other files and no edition written by annotator (no .annotator-output.json); "
     "a build replaces the whole folder (choose a new or empty folder for --out)"),
]


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("mine\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case, paths, expected", PATH_ERRORS, ids=[e[0] for e in PATH_ERRORS])
def test_bad_paths_stop_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                                      paths: Callable[[Path], tuple[Path, Path]], expected: str) -> None:
    corpus, out = paths(tmp_path)
    before = _snapshot(tmp_path)
    code, err = run(capsys, "build", str(corpus), "--out", str(out))
    assert (code, err) == (2, "annotator: error: " + expected.format(corpus=corpus, out=out) + "\n")
    assert _snapshot(tmp_path) == before  # nothing written, nothing removed


def test_output_folder_not_writable(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """As root no folder is read-only, so the refusal the OS would give is simulated."""
    corpus = make_corpus(tmp_path / "c")

    original = Path.mkdir

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if self.name.startswith(".site.annotator-staging-"):
            raise PermissionError(13, "Permission denied")
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refuse)
    code, err = run(capsys, "build", str(corpus), "--out", str(tmp_path / "ro" / "site"))
    assert (code, err) == (2, f"annotator: error: {tmp_path}/ro/site: cannot create the output folder: "
                              "Permission denied (choose a writable --out folder)\n")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- inputs that build a correct edition ----------------------------------------------------

def _texts(edition: EditionJson) -> list[tuple[str, str, str]]:
    return [(u["id"], u["kind"], u["text"]) for u in edition["units"]]


def _without_name(edition: EditionJson) -> EditionJson:
    return {key: value for key, value in edition.items() if key != "corpus"}


@pytest.fixture
def baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> EditionJson:
    """The edition of the default corpus, UTF-8 with LF line ends."""
    return build(capsys, make_corpus(tmp_path / "base"), tmp_path / "base-site")


ENCODINGS = [
    ("Shift_JIS", lambda text: text.encode("cp932"), "Shift_JIS"),
    ("EUC-JP", lambda text: text.encode("euc_jp"), "EUC-JP"),
    ("UTF-16 with BOM", lambda text: text.encode("utf-16"), "UTF-16"),
    ("UTF-16LE without BOM", lambda text: text.encode("utf-16-le"), "UTF-16LE without BOM"),
    ("UTF-16BE without BOM", lambda text: text.encode("utf-16-be"), "UTF-16BE without BOM"),
    ("UTF-8 with BOM", lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "UTF-8 with BOM"),
]


@pytest.mark.parametrize("case, encode, label", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_other_encodings_are_read_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          baseline: EditionJson, case: str,
                                          encode: Callable[[str], bytes], label: str) -> None:
    corpus = make_corpus(tmp_path / "c", {name: encode(text) for name, text in FILES.items()})
    assert _without_name(build(capsys, corpus, tmp_path / "site")) == _without_name(baseline)


@pytest.mark.parametrize("case, encode, label", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_check_names_the_encoding_read(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                                       encode: Callable[[str], bytes], label: str) -> None:
    corpus = make_corpus(tmp_path / "c", {"source.txt": encode(SOURCE)})
    assert main(["check", str(corpus)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "read as" in line]
    assert notes == [f"  source.txt: read as {label}"]


@pytest.mark.parametrize("case, newline", [("CRLF line ends", "\r\n"), ("lone CR line ends", "\r")])
def test_other_line_ends_give_the_same_units(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             baseline: EditionJson, case: str, newline: str) -> None:
    corpus = make_corpus(tmp_path / "c", {name: text.replace("\n", newline) for name, text in FILES.items()})
    edition = build(capsys, corpus, tmp_path / "site")
    assert [(i, k, t.replace(newline, "\n")) for i, k, t in _texts(edition)] == _texts(baseline)
    assert [s["id"] for s in edition["sections"]] == ["規模の法則", "輸出の管理"]
    assert [(c["unit"], c["section"]) for c in edition["citations"]] == \
        [(c["unit"], c["section"]) for c in baseline["citations"]]
    texts = {d["id"]: d["text"] for d in edition["documents"]}
    assert texts["source"] == SOURCE.replace("\n", newline)  # kept byte for byte
    assert all(texts[u["doc"]][u["start"]:u["end"]] == u["text"] for u in edition["units"])


ODD_CHARACTERS = [
    ("zero-width characters", "規\u200b模の\u200d法則", "モデルは\u2060計算を\ufeff増やす"),
    ("bidi controls", "\u2066規模の法則\u2069", "モデルは\u202e計算を\u202c増やす\u200f"),
    ("emoji and flags", "規模の法則😀", "モデルは👨\u200d👩\u200d👧計算を🇯🇵増やす"),
    ("astral CJK and combining marks", "規模の法則\U0002000b", "モデルはか\u3099計算をe\u0301増やす"),
]


@pytest.mark.parametrize("case, heading, sentence", ODD_CHARACTERS, ids=[c[0] for c in ODD_CHARACTERS])
def test_odd_characters_are_kept_verbatim(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                                          heading: str, sentence: str) -> None:
    source = SOURCE.replace("規模の法則", heading).replace("モデルは計算を増やす", sentence)
    edition = build(capsys, make_corpus(tmp_path / "c", {"source.txt": source}), tmp_path / "site")
    assert [s["heading"] for s in edition["sections"]] == [heading, "輸出の管理"]
    first = next(u for u in edition["units"] if u["id"] == "source-p1-s1")
    assert first["text"] == sentence + "ほど賢くなる。"
    texts = {d["id"]: d["text"] for d in edition["documents"]}
    assert texts["source"] == source
    assert all(texts[u["doc"]][u["start"]:u["end"]] == u["text"] for u in edition["units"])


MARKERS = [
    # (case, the summary's first marker, its citation (marker, title, part, section) or None)
    ("unbalanced 【", "【元記事「規模の法則」の前編", None),
    ("unbalanced 「", "【元記事「規模の法則の前編】", ("【元記事「規模の法則の前編】", "規模の法則", 1, "規模の法則")),
    ("nested brackets of another kind", "【元記事「規模の法則（スケーリング）」の前編】",
     ("【元記事「規模の法則（スケーリング）」の前編】", "規模の法則(スケーリング)", 1, "規模の法則")),  # title NFKC
    ("nested brackets of the same kind", "【【元記事「規模の法則」の前編】】",
     ("【元記事「規模の法則」の前編】", "規模の法則", 1, "規模の法則")),
    ("empty brackets", "【】「」", None),
]


@pytest.mark.parametrize("case, marker, citation", MARKERS, ids=[m[0] for m in MARKERS])
def test_malformed_markers(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, marker: str,
                           citation: Optional[tuple[str, Optional[str], int, str]]) -> None:
    summary = SUMMARY.replace(MARKER_1, marker)
    edition = build(capsys, make_corpus(tmp_path / "c", {"summary.txt": summary}), tmp_path / "site")
    found = {c["unit"]: (c["marker"], c["title"], c["part"], c["section"]) for c in edition["citations"]}
    assert found.get("summary-1-b1") == citation
    assert found["summary-2-b1"] == (MARKER_2, "輸出の管理", -1, "輸出の管理")
    bullet = next(u for u in edition["units"] if u["id"] == "summary-1-b1")
    assert marker in bullet["text"]


def test_marker_naming_no_section_gets_a_weak_best_guess(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = SUMMARY.replace("規模の法則", "存在しない節")
    edition = build(capsys, make_corpus(tmp_path / "c", {"summary.txt": summary}), tmp_path / "site")
    first = next(c for c in edition["citations"] if c["unit"] == "summary-1-b1")
    assert (first["title"], first["section"]) == ("存在しない節", "規模の法則")  # by the part hint and content
    assert first["score"] < 0.5  # against 1.0 for the marker that names its section
    assert next(c for c in edition["citations"] if c["unit"] == "summary-2-b1")["score"] == 1.0


def test_marker_naming_no_section_is_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = SUMMARY.replace("規模の法則", "存在しない節")
    edition = build(capsys, make_corpus(tmp_path / "c", {"summary.txt": summary}), tmp_path / "site")
    assert any(f["unit"] == "summary-1-b1" and "存在しない節" in f["detail"] for f in edition["flags"])


def test_summary_without_markers_still_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = SUMMARY.replace(MARKER_1, "").replace(MARKER_2, "")
    edition = build(capsys, make_corpus(tmp_path / "c", {"summary.txt": summary}), tmp_path / "site")
    assert edition["citations"] == []
    best = {(l["from"], l["to"]) for l in edition["links"] if l["rank"] == 1 and l["relation"] == "supports"}
    assert best == {("summary-1-b1", "source-p1-s1"), ("summary-2-b1", "source-p2-s1")}


def test_source_without_headings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = "モデルは計算を増やすほど賢くなる。\n半導体の輸出規制は技術の拡散を遅らせる。\n"
    code, err = run(capsys, "build", str(make_corpus(tmp_path / "c", {"source.txt": source})), "--out", str(tmp_path / "site"))
    # the markers name sections the source does not have: said, one line each
    assert code == 0 and [line.split(": ")[2] for line in err.splitlines()] == ["summary.txt:2", "summary.txt:4"]
    assert all("the source has none" in line for line in err.splitlines())
    edition = json.loads((tmp_path / "site" / "edition.json").read_text(encoding="utf-8"))
    assert edition["sections"] == []
    assert [(c["unit"], c["title"], c["section"]) for c in edition["citations"]] == \
        [("summary-1-b1", "規模の法則", None), ("summary-2-b1", "輸出の管理", None)]
    assert [u["id"] for u in edition["units"] if u["doc"] == "source" and u["kind"] == "paragraph"] == \
        ["source-p1", "source-p2"]


def test_same_section_heading_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = SOURCE.replace("輸出の管理", "規模の法則")
    edition = build(capsys, make_corpus(tmp_path / "c", {"source.txt": source}), tmp_path / "site")
    assert [(s["id"], s["heading"]) for s in edition["sections"]] == \
        [("規模の法則", "規模の法則"), ("規模の法則-2", "規模の法則")]


def test_combined_file_with_crlf_and_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = codecs.BOM_UTF8 + COMBINED.replace("\n", "\r\n").encode("utf-8")
    corpus = make_corpus(tmp_path / "c", {"all.txt": data, **{name: None for name in FILES}}, COMBINED_MANIFEST)
    edition = build(capsys, corpus, tmp_path / "site")
    assert [(d["id"], d["first_line"]) for d in edition["documents"]] == \
        [("commentary", 1), ("summary", 4), ("source", 9)]
    assert [s["heading"] for s in edition["sections"]] == ["規模の法則", "輸出の管理"]


def test_links_toml_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c", {"links.toml": "# 注記\n[[pin]]\n".encode("cp932")})
    assert run(capsys, "build", str(corpus), "--out", str(tmp_path / "site")) == (
        2, f"annotator: error: {corpus}/links.toml:1: links.toml is not UTF-8 text (save links.toml as UTF-8)\n")


# --- limits (docs/limits.md) ----------------------------------------------------------------

def test_corpus_over_the_byte_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    with open(corpus / "source.txt", "r+b") as big:  # sparse: refused from its size, never read
        big.truncate(12 * 1024 * 1024)
    total = sum((corpus / name).stat().st_size for name in FILES)
    assert run(capsys, "build", str(corpus), "--out", str(tmp_path / "site")) == (
        2, f"annotator: error: {corpus}/corpus.toml: the corpus's 3 text files hold {total:,} bytes; the limit "
           "is 12,582,912 bytes of text per corpus (split the texts into several corpora (see docs/limits.md))\n")


def test_init_refuses_a_file_over_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "essay.txt"
    with open(big, "wb") as handle:
        handle.truncate(13 * 1024 * 1024)
    assert run(capsys, "init", str(tmp_path / "c"), "--source", str(big)) == (
        2, f"annotator: error: {big}: the file holds 13,631,488 bytes; the limit is 12,582,912 bytes of text per "
           "corpus (split the texts into several corpora (see docs/limits.md))\n")
    assert not (tmp_path / "c").exists()


def test_too_many_units(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The unit limit, lowered so that a small text reaches it."""
    monkeypatch.setattr(annotator.text.structure, "MAX_UNITS", 4)
    corpus = make_corpus(tmp_path / "c")
    assert run(capsys, "build", str(corpus), "--out", str(tmp_path / "site")) == (
        2, "annotator: error: source.txt:5: the source holds more than 4 units (paragraphs, bullets and sentences) "
           "by this line (split the text into several corpora (see docs/limits.md))\n")
