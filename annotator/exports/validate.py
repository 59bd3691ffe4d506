"""Validation of the TEI export against the TEI P5 schema (``annotator export --validate``).

The schema is TEI P5 4.3.0's ``tei_all`` RELAX NG (``data/tei_all.rng.gz``, the TEI
Consortium's, BSD-2 / CC BY; provenance in ``data/TEI-LICENCE.txt``), checked with lxml
(libxml2). Compiling it takes some seconds, so it is compiled once per process.
"""
from __future__ import annotations

import gzip
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, NamedTuple, Union

from .common import ExportError

TEI_FILE = "edition.tei.xml"
SCHEMA_FILE = "tei_all.rng.gz"
SCHEMA_NAME = "TEI P5 4.3.0 (tei_all)"
MAX_REPORTED = 5


class Problem(NamedTuple):
    """One place where a document breaks the schema."""

    line: int
    message: str


@cache
def tei_schema() -> Any:
    """The compiled TEI P5 schema (an ``lxml.etree.RelaxNG``)."""
    from lxml import etree

    data = gzip.decompress(resources.files("annotator").joinpath("data", SCHEMA_FILE).read_bytes())
    return etree.RelaxNG(etree.fromstring(data, etree.XMLParser(huge_tree=True)))


def tei_problems(document: bytes) -> list[Problem]:
    """Where ``document`` (a TEI file's bytes) breaks the TEI P5 schema; [] when it is valid."""
    from lxml import etree

    try:
        tree = etree.fromstring(document, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [Problem(error.lineno or 0, f"not well-formed XML: {error.msg}")]
    schema = tei_schema()
    if schema.validate(tree):
        return []
    return [Problem(entry.line, entry.message) for entry in schema.error_log]


def check_tei(document: bytes, file: str) -> None:
    """Raise ExportError naming the first problems when ``document`` is not valid TEI P5."""
    problems = tei_problems(document)
    if not problems:
        return
    shown = "; ".join(f"line {p.line}: {p.message}" for p in problems[:MAX_REPORTED])
    more = f" (and {len(problems) - MAX_REPORTED} more)" if len(problems) > MAX_REPORTED else ""
    raise ExportError(f"not valid against {SCHEMA_NAME}: {shown}{more}", file=file, line=problems[0].line,
                      fix="the file is written all the same; unless edition.json was edited by hand this is a bug in "
                          "annotator's TEI export: please report it with the edition.json")


def validate_file(files: Mapping[str, Union[str, bytes]], folder: Path) -> str:
    """``annotator export --validate``: check the TEI among the exported ``files``; a line that says so."""
    document = files[TEI_FILE]
    check_tei(document.encode("utf-8") if isinstance(document, str) else document, str(folder / TEI_FILE))
    return f"valid: {folder / TEI_FILE} against {SCHEMA_NAME}"
