"""Hostile and careless input, one test (or a few) per fault of issue 15: a build never deletes
what is not its own, never reads outside the corpus, stays bounded, never hangs; every refusal is
one line and exit 2, and nothing outside --out changes (the surrounding tree is hashed before and
after)."""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import stat
from pathlib import Path

import pytest

import annotator.build
from annotator import output
from annotator.cli import main
from annotator.corpus.files import TooLarge, read_bounded
from annotator.edition.json_text import json_text

SOURCE = "資料の見出し\n計算資源は重要である。半導体の輸出規制は効果を下げる。\n第二の見出し\n研究者は規制に反対した。\n"
SUMMARY = "1. 要約\n- 計算資源は重要だ【元記事「資料の見出し」】。\n"
COMMENTARY = "1. 反論\n- 輸出規制には効果がある。\n"


def manifest(*documents: tuple[str, str], extra: str = "") -> str:
    """corpus.toml text listing (file, role) documents in Japanese."""
    parts = ['title = "hostile"\n']
    for file, role in documents:
        parts.append(f'[[documents]]\nfile = "{file}"\nlang = "ja"\nrole = "{role}"\n')
    return "\n".join(parts) + extra


DEFAULT_DOCS = (("source.txt", "source"), ("summary.txt", "summary"), ("commentary.txt", "commentary"))


def make_corpus(root: Path, toml: str | None = None, **files: str) -> Path:
    """A small corpus folder (texts given by name replace the defaults)."""
    root.mkdir(parents=True, exist_ok=True)
    texts = {"source.txt": SOURCE, "summary.txt": SUMMARY, "commentary.txt": COMMENTARY, **files}
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "corpus.toml").write_text(manifest(*DEFAULT_DOCS) if toml is None else toml, encoding="utf-8")
    return root


def tree(root: Path) -> dict[str, str]:
    """Every entry under root: files by content hash, links by target, folders by name."""
    found = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel] = "dir"
            elif stat.S_ISREG(path.lstat().st_mode):
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "special"
    return found


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], *expected: str) -> str:
    """Run argv; it must exit 2 with one line holding each of ``expected``."""
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("annotator: error: ") and err.count("\n") == 1, err
    for part in expected:
        assert part in err, err
    return err


# --- 1. data loss: --out is replaced only when it holds nothing but our own edition ---------

def test_stray_edition_json_does_not_make_a_folder_ours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    out = tmp_path / "w"
    out.mkdir()
    (out / "notes.txt").write_text("keep\n", encoding="utf-8")
    (out / "edition.json").write_text("{}\n", encoding="utf-8")
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(out)], "no edition written by annotator")
    assert tree(tmp_path) == before


def test_a_file_added_to_an_edition_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    out = tmp_path / "site"
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    (out / "notes.txt").write_text("my notes\n", encoding="utf-8")
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(out)], "'notes.txt', which annotator did not write")
    assert tree(tmp_path) == before


def test_corpus_inside_an_earlier_edition_is_not_deleted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["build", str(make_corpus(tmp_path / "c")), "--out", str(out)]) == 0
    corpus = make_corpus(out / "inner")  # a corpus put inside the edition folder, then built into it
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(out)], "the output folder holds the corpus folder")
    assert tree(tmp_path) == before


@pytest.mark.parametrize("where", ["inside", "is", "parent"])
def test_output_never_overlaps_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    corpus = make_corpus(tmp_path / "c")
    out = {"inside": corpus / "site", "is": corpus, "parent": tmp_path}[where]
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(out)], "corpus")
    assert tree(tmp_path) == before


def test_output_is_checked_before_the_pipeline(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path / "c")
    out = tmp_path / "w"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / "photo.jpg").write_bytes(b"\xff\xd8")

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline ran before the output folder was checked")

    monkeypatch.setattr(annotator.build, "build_edition", never)
    refused(capsys, ["build", str(corpus), "--out", str(out)], "no edition written by annotator")


# --- 2. reads stay inside the corpus folder --------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("/etc/passwd", "is an absolute path"),
    ("../outside.txt", "leads outside the corpus folder"),
    ("sub/../../outside.txt", "leads outside the corpus folder"),
    ("link.txt", "leads outside the corpus folder (through a symbolic link)"),
    ("linkdir/outside.txt", "leads outside the corpus folder (through a symbolic link)"),
    ("/proc/self/status", "is an absolute path"),
    ("fifo", "is not a regular file"),
])
def test_document_paths_outside_the_corpus_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       name: str, expected: str) -> None:
    secret = "秘密の内容は公開されてはならない。\n"
    (tmp_path / "outside.txt").write_text(secret, encoding="utf-8")
    corpus = make_corpus(tmp_path / "c", manifest((name, "source"), ("summary.txt", "summary"),
                                                  ("commentary.txt", "commentary")))
    (corpus / "sub").mkdir()
    os.symlink(tmp_path / "outside.txt", corpus / "link.txt")
    os.symlink(tmp_path, corpus / "linkdir")
    os.mkfifo(corpus / "fifo")
    before = tree(tmp_path)
    err = refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], expected, "corpus.toml:")
    assert "秘密" not in err
    assert tree(tmp_path) == before


@pytest.mark.parametrize("name", ["links.toml", "glossary.toml", "corpus.toml"])
def test_corpus_files_linked_out_of_the_corpus_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           name: str) -> None:
    corpus = make_corpus(tmp_path / "c")
    target = tmp_path / "elsewhere.toml"
    target.write_bytes((corpus / "corpus.toml").read_bytes() if name == "corpus.toml" else b"")
    (corpus / name).unlink(missing_ok=True)
    os.symlink(target, corpus / name)
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], "leads outside the corpus folder")
    assert tree(tmp_path) == before


def test_a_link_inside_the_corpus_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    (corpus / "texts").mkdir()
    (corpus / "source.txt").rename(corpus / "texts" / "source.txt")
    os.symlink(Path("texts") / "source.txt", corpus / "source.txt")
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0


def test_pseudo_files_are_counted_by_what_is_read() -> None:
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0  # what the size check alone would have seen
    with pytest.raises(TooLarge):
        read_bounded(status, 10)
    assert len(read_bounded(status, 1 << 20)) > 10


def test_unknown_section_heading_quotes_only_an_excerpt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_heading = "見出し" * 2_000
    corpus = make_corpus(tmp_path / "c", manifest(*DEFAULT_DOCS, extra=f'\n[[sections]]\nheading = "{long_heading}"\n'
                                                                         'title_en = "x"\n'),
                         **{"source.txt": "\n".join(f"見出し{i}\n本文{i}である。" for i in range(400)) + "\n"})
    err = refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], "is not a section heading")
    assert len(err) < 1_000 and "more" in err


# --- 3. bounded work: no unit's text repeated per row ----------------------------------------

def test_a_long_unit_with_many_terms_is_written_once_per_column(tmp_path: Path) -> None:
    line = "輸出規制と輸出管理と半導体とセミコンダクターの" * 800  # ~20,000 characters, 3,200 term occurrences (two renderings each)
    corpus = make_corpus(tmp_path / "c", **{"commentary.txt": "1. 反論\n" + line + "\n"})
    out = annotator.build.build(corpus, tmp_path / "site")
    findings = (out / "findings.csv").read_bytes().decode("utf-8-sig")
    assert findings.count(line) == 1  # the unit's text once; its term rows name the unit only
    assert findings.count("\r\nterm,") > 3_000
    assert len(findings.encode("utf-8")) < 4 * len(line.encode("utf-8")) + 400_000


# --- 4. TOML size and depth limits -----------------------------------------------------------

DEEP_TOML = {
    "dotted key": "a." * 200_000 + "b = 1\n",
    "dotted header": "[" + "a." * 30_000 + "b]\nc = 1\n",
    "nested arrays": "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
    "nested inline tables": "x = " + "{a = " * 5_000 + "1" + "}" * 5_000 + "\n",
    "long integer": "x = " + "9" * 5_000 + "\n",
}


@pytest.mark.parametrize("shape", DEEP_TOML, ids=list(DEEP_TOML))
@pytest.mark.parametrize("name", ["corpus.toml", "links.toml", "glossary.toml"])
def test_hostile_toml_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, shape: str) -> None:
    corpus = make_corpus(tmp_path / "c")
    text = DEEP_TOML[shape]
    if name == "corpus.toml":
        text = manifest(*DEFAULT_DOCS).replace('title = "hostile"\n', 'title = "hostile"\n' + text)
    (corpus / name).write_text(text, encoding="utf-8")
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], name)
    assert tree(tmp_path) == before


def test_toml_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    (corpus / "links.toml").write_text("# " + "x" * (9 * 1024 * 1024) + "\n", encoding="utf-8")
    refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], "links.toml", "limit")


def test_strings_hiding_toml_syntax_are_not_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Dots and brackets inside strings and comments are text, not nesting."""
    corpus = make_corpus(tmp_path / "c")
    glossary = ('# a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n'
                '[[concepts]]\nid = "dots"\nen = "dots"\nvariants = ["計算資源"]\n'
                'note = """' + "a." * 100 + "[" * 100 + '"""\n')
    (corpus / "glossary.toml").write_text(glossary, encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0


# --- 5. a batch whose worker dies ------------------------------------------------------------

@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_killed_worker_is_that_corpus_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    shelf = tmp_path / "shelf"
    for name in ("alpha", "doomed", "gamma"):
        make_corpus(shelf / name)
    real_build = annotator.build.build

    def build(corpus: Path, out: Path, **kwargs: object) -> Path:
        if Path(corpus).name == "doomed":
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
        return real_build(corpus, out, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(annotator.build, "build", build)
    out = tmp_path / "out"
    code = main(["build", str(shelf), "--out", str(out), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 2
    assert "annotator: doomed: error: the process building it was killed by SIGKILL" in err
    assert "built 2 of 3 corpora; failed: doomed" in err
    assert sorted(p.name for p in out.iterdir()) == ["alpha", "gamma"]
    assert (out / "alpha" / "edition.json").is_file()


# --- 6. one file listed many times counts each time -------------------------------------------

def test_repeated_listing_counts_against_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = ("計算資源は重要である。" * 12 + "\n") * 12_000  # ~4.3 MB, under the limit on its own
    docs = [("source.txt", "source")] * 3 + [("summary.txt", "summary"), ("commentary.txt", "commentary")]
    corpus = make_corpus(tmp_path / "c", manifest(*docs), **{"source.txt": big})
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], "corpus.toml", "12,582,912 bytes")
    assert tree(tmp_path) == before


# --- 7. many [[sections]] are linear -----------------------------------------------------------

def test_fifty_thousand_sections_end_with_the_first_missing_heading(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    sections = "".join(f'[[sections]]\nheading = "節{i}"\ntitle_en = "Section {i}"\n\n' for i in range(50_000))
    corpus = make_corpus(tmp_path / "c", manifest(*DEFAULT_DOCS, extra="\n" + sections))
    err = refused(capsys, ["check", str(corpus)], "[[sections]] heading '節0' is not a section heading",
                  "corpus.toml:")
    assert len(err) < 1_000


# --- 8. a symlinked --out -----------------------------------------------------------------------

def test_symlinked_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    assert main(["build", str(corpus), "--out", str(tmp_path / "real")]) == 0
    os.symlink(tmp_path / "real", tmp_path / "site")
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], "is a symbolic link")
    assert tree(tmp_path) == before


# --- 9. leftovers and concurrent writers --------------------------------------------------------

def test_stale_staging_folders_of_ours_are_removed(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c")
    for kind in ("staging", "old"):
        stale = tmp_path / f".site.annotator-{kind}-0123456789abcdef"
        stale.mkdir()
        (stale / "index.html").write_text("half written", encoding="utf-8")
    other = tmp_path / ".site.mine"  # not a name a build gives: left alone
    other.mkdir()
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.mine", "c", "site"]


def _write_many(out: str, tag: str, rounds: int) -> None:
    for i in range(rounds):
        output.write_site(Path(out), {"a.txt": f"{tag} {i}\n", "b.txt": f"{tag} {i}\n", "sub/c.txt": f"{tag} {i}\n"})


def test_concurrent_writers_leave_one_complete_edition(tmp_path: Path) -> None:
    out = tmp_path / "site"
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    workers = [context.Process(target=_write_many, args=(str(out), tag, 25)) for tag in ("x", "y", "z")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    texts = {(out / name).read_text(encoding="utf-8") for name in ("a.txt", "b.txt", "sub/c.txt")}
    assert len(texts) == 1 and texts.pop().endswith(" 24\n")  # all three files from one writer's last round
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old folder left
    assert output.read_owner_list(out) == {"a.txt", "b.txt", "sub/c.txt"}


# --- 10. malformed JSON inputs are one line, never an internal error -----------------------------

@pytest.fixture
def edition_file(tmp_path: Path) -> Path:
    corpus = make_corpus(tmp_path / "c")
    return annotator.build.build(corpus, tmp_path / "site") / "edition.json"


def _edit(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    target = path.parent.parent / "edited.json"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


EDITION_DAMAGE = {
    "missing units": (lambda d: d.pop("units"), "'units' is missing"),
    "unit without text": (lambda d: d["units"][0].pop("text"), "units[0]: 'text' is missing"),
    "start as a string": (lambda d: d["units"][1].__setitem__("start", "3"), "units[1].start: expected integer"),
    "links as an object": (lambda d: d.__setitem__("links", {}), "links: expected array"),
    "version true": (lambda d: d.__setitem__("version", True), "edition version True is not supported"),
    "negative offset": (lambda d: d["units"][0].__setitem__("end", -1), "units[0].end: -1 is below 0"),
}


@pytest.mark.parametrize("command", ["export", "evaluate"])
@pytest.mark.parametrize("damage", EDITION_DAMAGE, ids=list(EDITION_DAMAGE))
def test_damaged_editions_are_one_line(edition_file: Path, capsys: pytest.CaptureFixture[str], command: str,
                                       damage: str) -> None:
    change, expected = EDITION_DAMAGE[damage]
    path = _edit(edition_file, change)
    gold = edition_file.parent.parent / "gold.json"
    gold.write_text(json.dumps({"format": "annotator-gold", "version": 1, "summary": [], "commentary": []}))
    before = tree(edition_file.parent.parent)
    argv = ["export", str(path), "--out", str(path.parent / "exports")] if command == "export" else \
        ["evaluate", str(path), str(gold)]
    if command == "evaluate" and damage == "missing units":  # scoring needs no list: none is none found
        assert main(argv) == 0
    else:
        refused(capsys, argv, expected)
    assert tree(edition_file.parent.parent) == before


@pytest.mark.parametrize("text, expected", [
    ("[" * 100_000 + "]" * 100_000, "too deep"),
    ('{"format": "annotator-edition", "version": ' + "9" * 5_000 + "}", "cannot be read"),
    ('{"format": "annotator-edition", "version": 1, "x": NaN}', "NaN is not a number JSON allows"),
    ('{"format": "annotator-edition", "version": 1, "x": -Infinity}', "-Infinity is not a number JSON allows"),
    ('{"format": "annotator-edition", "version": 1, "x": 1e999}', "too large"),
])
@pytest.mark.parametrize("role", ["edition", "gold"])
def test_hostile_json_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str,
                                  role: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    good_gold = tmp_path / "gold.json"
    good_gold.write_text(json.dumps({"format": "annotator-gold", "version": 1, "summary": [], "commentary": []}))
    argv = ["evaluate", str(bad), str(good_gold)] if role == "edition" else ["evaluate", str(bad), str(bad)]
    if role == "edition":
        refused(capsys, ["export", str(bad), "--out", str(tmp_path / "x")], expected)
    refused(capsys, argv, expected)
    assert not (tmp_path / "x").exists()


# --- 11. JSON out is JSON -------------------------------------------------------------------------

def test_nan_in_an_edition_is_refused_not_exported(edition_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = edition_file.read_text(encoding="utf-8")
    damaged = edition_file.parent.parent / "nan.json"
    damaged.write_text(text.replace('"score": 1.0', '"score": NaN', 1).replace('"score": 0.', '"score": NaN, "x": 0.', 1),
                       encoding="utf-8")
    assert "NaN" in damaged.read_text(encoding="utf-8")
    refused(capsys, ["export", str(damaged), "--out", str(edition_file.parent.parent / "ex")], "NaN")
    assert not (edition_file.parent.parent / "ex").exists()


def test_json_writer_refuses_nan() -> None:
    with pytest.raises(ValueError):
        json_text({"score": float("nan")})


def test_exports_of_a_valid_edition_are_strict_json(edition_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = edition_file.parent.parent / "ex"
    assert main(["export", str(edition_file), "--out", str(out)]) == 0

    def strict(name: str) -> None:
        raise ValueError(name)

    for name in ("edition.aif.json", "annotations.jsonld"):
        json.loads((out / name).read_text(encoding="utf-8"), parse_constant=strict)


# --- 12. minor ------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["edition", "gold"])
def test_dev_zero_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"format": "annotator-gold", "version": 1, "summary": [], "commentary": []}))
    argv = ["evaluate", "/dev/zero", str(gold)] if which == "edition" else ["evaluate", str(gold), "/dev/zero"]
    err = refused(capsys, argv, "/dev/zero", "not a regular file")
    assert "corpus" not in err


def test_a_huge_string_is_not_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c", 'title = "t"\n' + "x" * 5_000_000 + ' = "y"\n')
    err = refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], "corpus.toml")
    assert len(err) < 1_500


def test_init_names_a_fifo_for_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "summary.txt").write_text(SUMMARY, encoding="utf-8")
    refused(capsys, ["init", str(tmp_path / "new"), "--source", str(tmp_path / "pipe.txt"),
                     "--summary", str(tmp_path / "summary.txt")], "is not a regular file")


def test_glossary_broader_must_name_a_concept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    (corpus / "glossary.toml").write_text('[[concepts]]\nid = "compute"\nen = "compute"\nvariants = ["計算資源"]\n'
                                          'broader = "no-such-concept"\n', encoding="utf-8")
    refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], "glossary.toml:5:",
            "'broader' names 'no-such-concept', which is no concept")


def test_sigterm_while_writing_leaves_the_previous_edition_and_no_staging(tmp_path: Path) -> None:
    import subprocess
    import sys

    corpus = make_corpus(tmp_path / "c")
    out = tmp_path / "site"
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    before = tree(tmp_path)
    script = ("import sys, time\nimport annotator.output as o\nwrite = o._write_files\n"
              "def slow(staging, files):\n    write(staging, files)\n    print('staged', flush=True)\n    time.sleep(60)\n"
              "o._write_files = slow\nfrom annotator.cli import main\n"
              f"sys.exit(main(['build', {str(corpus)!r}, '--out', {str(out)!r}]))\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert child.stdout is not None and child.stdout.readline() == "staged\n"
    assert any(p.name.startswith(".site.annotator-staging-") for p in tmp_path.iterdir())
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130 and err == "annotator: interrupted; nothing was written\n"
    assert tree(tmp_path) == before  # the previous edition, and no staging folder beside it


def test_init_never_writes_through_a_dangling_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "source.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "new").mkdir()
    os.symlink(tmp_path / "elsewhere.txt", tmp_path / "new" / "source.txt")
    before = tree(tmp_path)
    refused(capsys, ["init", str(tmp_path / "new"), "--source", str(tmp_path / "src" / "source.txt")],
            "is a symbolic link to nothing")
    assert tree(tmp_path) == before and not (tmp_path / "elsewhere.txt").exists()


def test_handout_settings_linked_out_of_the_corpus_are_refused(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c")
    (tmp_path / "elsewhere.toml").write_text("questions = [1]\n", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere.toml", corpus / "handout.toml")
    before = tree(tmp_path)
    refused(capsys, ["build", str(corpus), "--out", str(tmp_path / "site")], "leads outside the corpus folder")
    assert tree(tmp_path) == before


@pytest.mark.parametrize("text, expected", [(None, "not a regular file"), ("[" * 100_000, "cannot be read"),
                                             ('{"x": NaN}', "NaN is not a number JSON allows")])
def test_imported_annotations_are_read_within_bounds(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     text: str | None, expected: str) -> None:
    corpus = make_corpus(tmp_path / "c")
    source = Path("/dev/zero")
    if text is not None:
        source = tmp_path / "notes.jsonld"
        source.write_text(text, encoding="utf-8")
    before = tree(tmp_path)
    refused(capsys, ["import", str(source), "--into", str(corpus)], expected)
    assert tree(tmp_path) == before
