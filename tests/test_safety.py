"""Nothing runs, nothing is lost: hostile text comes out inert; failed builds change nothing.

Nothing runs: text holding markup, script URLs, template syntax and spreadsheet formulas is
built into an edition, and every output (HTML, JSON, CSV, XML) is checked as its own reader
would parse it. Nothing lost: the previous edition survives a stage that fails, a write that
fails and an interrupt, and no build ever changes the corpus's files.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree, html

import annotator.build
import annotator.output
from annotator.cli import main
from annotator.errors import AnnotatorError

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
JS_URL = "javascript:alert(3)"
STYLE_END = "</style><style>body{display:none}</style>"
TEMPLATE = "{{ 7*191 }} {% if true %}TPL{% endif %}"
CDATA = "]]><x/><![CDATA["
PAYLOADS = (SCRIPT, IMG, JS_URL, STYLE_END, TEMPLATE, CDATA)
SOURCE = (f"計算資源の論説{SCRIPT}\n"
          f"規模の法則{IMG}\n"
          f"モデルは計算を増やすほど賢くなる{SCRIPT}。これは{JS_URL}多くの研究で確かめられた{TEMPLATE}。\n"
          f"@SUM(A1) 計算を増やすとモデルは賢くなる{CDATA}。\n"
          "輸出の管理\n"
          f"半導体の輸出規制は技術の拡散を遅らせる{STYLE_END}。\n"
          "+1+2 規制には抜け穴もある。\n")
SUMMARY = (f"1. 規模{SCRIPT}\n"
           f"- =HYPERLINK(\"http://x\") 計算を増やすとモデルは賢くなる【元記事「規模の法則{IMG}」の前編】。\n"
           "2. 輸出\n"
           f"- - -1+1 輸出規制は拡散を遅らせる「{SCRIPT}」【元記事「輸出の管理」の後編】。\n")
COMMENTARY = f"1. 規制の効果は限られる{TEMPLATE}\n- 抜け穴がある以上、規制の効果は小さい{JS_URL}。\n"
IMG_IN_TOML = IMG.replace('"', '\\"')
MANIFEST = f"""title = "{IMG_IN_TOML}{SCRIPT}"
title_en = "{TEMPLATE}"

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

[[sections]]
heading = "輸出の管理"
title_en = "{STYLE_END}"
"""
FILES = {"source.txt": SOURCE, "summary.txt": SUMMARY, "commentary.txt": COMMENTARY, "corpus.toml": MANIFEST}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def make_corpus(root: Path, files: dict[str, str] = FILES) -> Path:
    """A corpus folder holding ``files``."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition of the hostile corpus."""
    root = tmp_path_factory.mktemp("hostile")
    assert main(["build", str(make_corpus(root / "c")), "--out", str(root / "site")]) == 0
    return root / "site"


# --- nothing runs ---------------------------------------------------------------------------

HTML_PAGES = ("index.html", "handout.html")


@pytest.mark.parametrize("page", HTML_PAGES)
def test_html_has_only_its_own_script_and_style(site: Path, page: str) -> None:
    tree = html.fromstring((site / page).read_bytes())
    scripts = tree.xpath("//script")
    assert len(scripts) <= 1 and all(not s.get("src") for s in scripts)
    assert len(tree.xpath("//style")) == 1
    for name in ("img", "iframe", "object", "embed", "link", "base", "form", "frame", "foreignObject"):
        assert tree.xpath(f"//{name}") == [], name
    assert tree.xpath("//meta[@http-equiv='refresh']") == []


@pytest.mark.parametrize("page", HTML_PAGES)
def test_html_has_no_handlers_or_script_urls(site: Path, page: str) -> None:
    tree = html.fromstring((site / page).read_bytes())
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert not re.sub(r"\s", "", value).lower().startswith(("javascript:", "data:", "vbscript:")), (name, value)


@pytest.mark.parametrize("page", HTML_PAGES)
def test_html_shows_hostile_text_as_text(site: Path, page: str) -> None:
    raw = (site / page).read_text(encoding="utf-8")
    text = html.fromstring(raw.encode("utf-8")).text_content()
    for payload in (SCRIPT, IMG, TEMPLATE):
        assert payload in text, payload  # shown verbatim, so escaped in the markup
    assert "1337" not in raw  # {{ 7*191 }} was not evaluated


@pytest.mark.parametrize("page", HTML_PAGES)
def test_csp_allows_no_external_source_and_no_inline_handlers(site: Path, page: str) -> None:
    tree = html.fromstring((site / page).read_bytes())
    (meta,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']")
    directives = dict(d.strip().split(None, 1) for d in meta.get("content").split(";"))
    assert directives["default-src"] == "'none'"
    for name, value in directives.items():
        for word in value.split():
            assert word == "'none'" or re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", word), (name, word)
    assert directives.get("script-src", "'none'") == _hashes(tree.xpath("//script/text()"))
    assert directives["style-src"] == _hashes(tree.xpath("//style/text()"))


def _hashes(texts: list[str]) -> str:
    if not texts:
        return "'none'"
    digests = (base64.b64encode(hashlib.sha256(t.encode("utf-8")).digest()).decode("ascii") for t in texts)
    return " ".join(f"'sha256-{d}'" for d in digests)


def test_json_keeps_the_text_as_data(site: Path) -> None:
    edition = json.loads((site / "edition.json").read_text(encoding="utf-8"))
    texts = {d["id"]: d["text"] for d in edition["documents"]}
    assert texts["source"] == SOURCE and texts["summary"] == SUMMARY
    assert edition["corpus"]["title"] == IMG + SCRIPT
    assert edition["corpus"]["title_en"] == TEMPLATE


@pytest.mark.parametrize("name", [
    "edition.json", "annotations.jsonld", "edition.aif.json"])
def test_json_files_escape_markup(site: Path, name: str) -> None:
    raw = (site / name).read_text(encoding="utf-8")
    assert json.loads(raw) and not re.search("[<>&]", raw)  # as \\u003c \\u003e \\u0026


@pytest.mark.parametrize("name", ["links.csv", "findings.csv"])
def test_csv_cells_cannot_start_a_formula(site: Path, name: str) -> None:
    rows = list(csv.reader(io.StringIO((site / name).read_text(encoding="utf-8-sig"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells and not [c for c in cells if c.startswith(FORMULA_START)]
    if name == "links.csv":
        texts = {row[1] for row in rows[1:]} | {row[3] for row in rows[1:]}
        assert {t[:2] for t in texts if t.startswith("'")} >= {"'=", "'@", "'-"}


def test_xml_keeps_the_text_inert(site: Path) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.fromstring((site / "edition.tei.xml").read_bytes(), parser)
    text = "".join(tree.itertext())
    for payload in (SCRIPT, IMG, CDATA):
        assert payload in text, payload
    assert not [e for e in tree.iter() if isinstance(e.tag, str) and etree.QName(e).localname in ("script", "img")]
    assert not [e for e in tree.iter() if isinstance(e, etree._ProcessingInstruction) and e.target != "xml-model"]


# --- nothing lost ---------------------------------------------------------------------------

def snapshot(root: Path) -> dict[str, str]:
    """Every file under root (hidden ones too) and the SHA-256 of its bytes."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


Built = tuple[Path, Path, dict[str, str], dict[str, str]]


@pytest.fixture
def built(tmp_path: Path) -> Built:
    """The corpus built once: (corpus, out, the corpus's hashes, the edition's hashes)."""
    corpus = make_corpus(tmp_path / "c")
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0
    return corpus, tmp_path / "site", snapshot(corpus), snapshot(tmp_path / "site")


def _raise(error: BaseException) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise error
    return fail


STAGE_FAILURES = [
    # (case, what to patch, the error, exit code, the start of the line on stderr)
    ("render fails with a bug", "annotator.build.render_index", RuntimeError("boom"), 1,
     "annotator: internal error: RuntimeError: boom"),
    ("a stage rejects the input", "annotator.pipeline.align", AnnotatorError("bad input", file="x.txt", line=3), 2,
     "annotator: error: x.txt:3: bad input"),
    ("export runs out of disk", "annotator.exports.export_files", OSError(28, "No space left on device"), 2,
     "annotator: error: No space left on device"),
    ("render is interrupted", "annotator.build.render_handout", KeyboardInterrupt(), 130,
     "annotator: interrupted; nothing was written"),
    ("an error message with a line break", "annotator.pipeline.run_checks",
     AnnotatorError("first\nsecond", file="x.txt"), 2, "annotator: error: x.txt: first second"),
]


@pytest.mark.parametrize("case, target, error, code, message", STAGE_FAILURES, ids=[s[0] for s in STAGE_FAILURES])
def test_failed_stage_leaves_the_previous_edition(built: Built, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch, case: str, target: str,
                                                  error: BaseException, code: int, message: str) -> None:
    corpus, out, corpus_hashes, edition_hashes = built
    capsys.readouterr()
    monkeypatch.setattr(target, _raise(error))
    assert main(["build", str(corpus), "--out", str(out)]) == code
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert snapshot(out) == edition_hashes and snapshot(corpus) == corpus_hashes
    assert sorted(p.name for p in out.parent.iterdir()) == ["c", "site"]  # no staging folder left


def _fail_on_nth_write(n: int, error: BaseException) -> Callable[..., int]:
    calls = {"count": 0}
    original = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        calls["count"] += 1
        if calls["count"] == n:
            raise error
        return original(self, data)
    return write_bytes


WRITE_FAILURES = [
    ("disk full while writing", OSError(28, "No space left on device"), 2,
     "annotator: error: {out}: cannot write the output: No space left on device (choose a writable --out folder)\n"),
    ("interrupted while writing", KeyboardInterrupt(), 130, "annotator: interrupted; nothing was written\n"),
]


@pytest.mark.parametrize("case, error, code, message", WRITE_FAILURES, ids=[w[0] for w in WRITE_FAILURES])
def test_failed_write_leaves_the_previous_edition(built: Built, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch, case: str,
                                                  error: BaseException, code: int, message: str) -> None:
    corpus, out, corpus_hashes, edition_hashes = built
    capsys.readouterr()
    monkeypatch.setattr(Path, "write_bytes", _fail_on_nth_write(2, error))
    assert main(["build", str(corpus), "--out", str(out)]) == code
    assert capsys.readouterr().err == message.format(out=out)
    assert snapshot(out) == edition_hashes and snapshot(corpus) == corpus_hashes
    assert sorted(p.name for p in out.parent.iterdir()) == ["c", "site"]


def test_interrupt_between_the_two_renames_restores_the_previous_edition(built: Built,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, out, corpus_hashes, edition_hashes = built
    calls = []
    original = os.replace

    def replace(src: object, dst: object) -> None:
        calls.append((src, dst))
        if len(calls) == 2:  # the old edition is moved aside; the new one is not yet in place
            raise KeyboardInterrupt
        original(src, dst)

    monkeypatch.setattr(annotator.output.os, "replace", replace)
    assert main(["build", str(corpus), "--out", str(out)]) == 130
    assert snapshot(out) == edition_hashes and snapshot(corpus) == corpus_hashes
    assert sorted(p.name for p in out.parent.iterdir()) == ["c", "site"]


def test_first_build_that_fails_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path / "c")
    monkeypatch.setattr(annotator.build, "render_index", _raise(RuntimeError("boom")))
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


def test_rebuild_replaces_the_edition_completely(built: Built) -> None:
    corpus, out, corpus_hashes, edition_hashes = built
    # a file an older build wrote (say handout.pdf of a --pdf build) and this one does not
    owned = annotator.output.read_owner_list(out)
    assert owned is not None and "edition.json" in owned
    (out / "handout.pdf").write_bytes(b"%PDF-1.4 from an older build")
    (out / annotator.output.OWNER_FILE).write_text(annotator.output.owner_list_text([*owned, "handout.pdf"]))
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    assert snapshot(out) == edition_hashes and snapshot(corpus) == corpus_hashes


@pytest.mark.parametrize("argv", [
    ["build", "{c}", "--out", "{t}/site"],
    ["build", "{c}", "--out", "{t}/c/site"],  # refused: the edition inside the corpus folder
    ["build", "{c}", "--out", "{c}"],  # refused: it would replace the corpus
    ["check", "{c}"],
    ["init", "{t}/new", "--source", "{c}/source.txt", "--summary", "{c}/summary.txt"],
])
def test_inputs_are_never_modified(tmp_path: Path, argv: list[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    (corpus / "links.toml").write_text('[[remove]]\nfrom = "summary-1-b1"\nto = "source-p1-s1"\n', encoding="utf-8")
    before = {k: v for k, v in snapshot(corpus).items() if not k.startswith("site")}
    main([a.format(c=corpus, t=tmp_path) for a in argv])
    assert {k: v for k, v in snapshot(corpus).items() if not k.startswith("site")} == before
