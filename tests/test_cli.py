"""The command line: init, check, build from a user's own files; one-line errors, exit 2."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED_CORPUS

from annotator.cli import main

SOURCE = "論考の題\nはじめに、規制の話をする。\n背景\n米国は2022年に輸出規制を始めた。効果は大きい。\n結論\n規制は続けるべきだ。\n"
SUMMARY = "要約\n1. 背景\n- 規制の開始:: 米国は2022年に規制を始めた【元記事「背景」】。\n- 結論:: 規制は続く【元記事「結論」】。\n"
COMMENTARY = "コメント\n1.規制は誤りだ。\n著者は規制を擁護している。\n- 実際、効果は小さい。\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_init_check_build_from_separate_files(tmp_path, capsys):
    files = tmp_path / "in"
    files.mkdir()
    args = ["init", str(tmp_path / "c"), "--source", str(write(files, "essay.txt", SOURCE)),
            "--summary", str(write(files, "summary.txt", SUMMARY)),
            "--commentary", str(write(files, "comment.txt", COMMENTARY))]
    assert main(args) == 0
    assert (tmp_path / "c" / "corpus.toml").is_file()
    assert main(["check", str(tmp_path / "c")]) == 0
    report = capsys.readouterr().out
    assert "section 1: 背景" in report and "section 2: 結論" in report
    assert "citation markers: 2" in report
    assert main(["build", str(tmp_path / "c"), "--out", str(tmp_path / "site")]) == 0
    edition = json.loads((tmp_path / "site" / "edition.json").read_text(encoding="utf-8"))
    assert [d["role"] for d in edition["documents"]] == ["commentary", "summary", "source"]
    assert {c["section"] for c in edition["citations"]} == {"背景", "結論"}


def test_init_combined_with_headings(tmp_path, capsys):
    combined = write(tmp_path, "all.txt", COMMENTARY + SUMMARY + SOURCE)
    args = ["init", str(tmp_path / "c"), "--combined", str(combined),
            "--heading", "commentary=コメント", "--heading", "summary=要約", "--heading", "source=論考の題"]
    assert main(args) == 0
    assert main(["check", str(tmp_path / "c")]) == 0
    assert "section 2: 結論" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["init", "X", "--combined", "MISSING.txt", "--heading", "source"], "--heading takes ROLE=VALUE"),
    (["build", "NOPE"], "does not exist"),
    (["check", "NOPE"], "does not exist"),
    (["evaluate", "NOPE.json", "NOPE.json"], "NOPE.json"),
    (["export", "NOPE.json"], "NOPE.json"),
])
def test_errors_are_one_line_with_exit_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: ") and err.count("\n") == 1 and message in err


def test_build_writes_every_output(tmp_path):
    assert main(["build", str(SEED_CORPUS), "--out", str(tmp_path / "site")]) == 0
    names = {p.name for p in (tmp_path / "site").iterdir()}
    assert {"edition.json", "index.html", "links.csv", "findings.csv", "annotations.jsonld",
            "edition.tei.xml", "edition.aif.json"} <= names


def test_build_is_byte_identical_across_runs(tmp_path):
    for out in ("a", "b"):
        assert main(["build", str(SEED_CORPUS), "--out", str(tmp_path / out)]) == 0
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "units" in schema["required"]


def test_wheel_ships_templates_and_data(tmp_path):
    """Templates must be found from an installed wheel, not only from a checkout."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("annotator-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "annotator/templates/index.html" in names and "annotator/templates/base.html" in names
    assert {"annotator/data/glossary.toml", "annotator/data/rebuttal_types.toml",
            "annotator/data/edition.schema.json", "annotator/data/anno.jsonld",
            "annotator/data/lexicon_ja_en.tsv"} <= names
    assert any(n.startswith("annotator/exports/") for n in names)


def test_a_closed_stdout_is_not_an_error(tmp_path):
    """`annotator schema >&-`: the output goes nowhere; no traceback, no internal error."""
    import shlex

    command = f"{shlex.quote(sys.executable)} -m annotator schema >&-"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                          cwd=ROOT)
    assert (done.returncode, done.stderr) == (0, "")


def test_the_cli_offers_every_export_format_there_is() -> None:
    from annotator.cli import EXPORT_CHOICES, EXPORT_FORMATS
    from annotator.exports import ALL, FORMATS

    assert EXPORT_CHOICES == FORMATS and EXPORT_FORMATS == ALL
