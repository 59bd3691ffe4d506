"""Research exports of an edition, made from edition.json data alone (no pipeline rerun).

``export_files(edition)`` maps output file names to contents: ``links.csv`` and
``findings.csv`` (csv, for spreadsheets), ``annotations.jsonld`` (webanno, W3C Web Annotation),
``edition.tei.xml`` (tei, TEI P5) and ``edition.aif.json`` (aif, xAIF); on request, the research
tables for analysis, raw: ``<table>.jsonl`` (jsonl) and ``<table>.parquet`` (parquet, needs
``annotator[pandas]``). The same input always gives the same bytes.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Union

from ..collector import collector_paused
from ..edition.validate import read_edition_file
from ..errors import OutputError
from .aif import aif
from .common import ExportError, json_text
from .research import jsonl_files, parquet_files
from .schema import edition_schema
from .tables import csv_files
from .tei import tei_bytes
from .webanno import webanno, webanno_text

Content = Union[str, bytes]
ALL = ("csv", "webanno", "tei", "aif")  # what a build writes
FORMATS = (*ALL, "jsonl", "parquet")

_WRITERS: dict[str, Callable[[dict[str, Any]], dict[str, Content]]] = {
    "csv": lambda edition: dict(csv_files(edition)),
    "webanno": lambda edition: {"annotations.jsonld": webanno_text(edition)},
    "tei": lambda edition: {"edition.tei.xml": tei_bytes(edition)},
    "aif": lambda edition: {"edition.aif.json": json_text(aif(edition))},
    "jsonl": lambda edition: dict(jsonl_files(edition)),
    "parquet": lambda edition: dict(parquet_files(edition)),
}

__all__ = ["ALL", "FORMATS", "ExportError", "aif", "csv_files", "edition_schema", "export_files",
           "read_edition", "tei_bytes", "webanno", "write_exports"]


def export_files(edition: dict[str, Any], formats: Iterable[str] = ALL) -> dict[str, Content]:
    """Output file name → content for each requested format, in a stable order.

    The cyclic collector is paused (see collector.py): the exports make some hundred thousand
    dicts and lists without cycles, and the full collections they trigger in a process that
    holds a whole pipeline's objects cost more than making them.
    """
    files: dict[str, Content] = {}
    with collector_paused():
        for name in formats:
            if name not in _WRITERS:
                raise ExportError(f"unknown export format {name!r}", fix=f"use one of: {', '.join(FORMATS)}")
            files.update(_WRITERS[name](edition))
    return files


def read_edition(path: Union[str, os.PathLike[str]]) -> dict[str, Any]:
    """Load an edition.json for export; AnnotatorError when it is not one this version reads
    (bounded, strict JSON, checked against the published schema: annotator.edition.validate)."""
    return read_edition_file(path)


def write_exports(files: Mapping[str, Content], out: Union[str, os.PathLike[str]]) -> list[Path]:
    """Write each file into the folder ``out`` (made if missing), each one atomically.

    Unlike a site build, the folder is not replaced: exports sit beside edition.json.
    """
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return [_write_one(folder, name, content) for name, content in sorted(files.items())]
    except OSError as error:
        raise OutputError(f"cannot write the exports: {error.strerror or error}", file=str(folder),
                          fix="choose a writable --out folder") from None


def _write_one(folder: Path, name: str, content: Content) -> Path:
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes it private; an export is for sharing
        os.replace(temp, folder / name)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return folder / name
