"""Build an edition folder from a corpus: gather everything, render, check, then write."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Optional

from .collector import collector_paused
from .edition.model import Edition
from .edition.serialize import edition_dict, edition_json
from .output import check_output, write_site
from .pipeline import build_edition
from .render.anchors import check_anchors
from .render.catalog import Catalog
from .render.handout.options import HandoutOptions, merged
from .render.jinja import render_handout, render_index

HANDOUT_FILES = {"student": "handout", "teacher": "handout-teacher"}  # file stem of each sheet


def render_site(edition: Edition, pdf: bool = False, handout: Optional[HandoutOptions] = None,
                docx: bool = False) -> dict[str, str | bytes]:
    """Every output file of an edition folder, rendered in memory: file name → content (str or
    bytes): ``edition.json``, ``index.html``, the handouts (``handout.html`` for students,
    ``handout-teacher.html``) and the exports (``pdf=True`` adds PDFs of the handouts, which needs
    Chromium; ``docx=True`` Word files; ``handout``: which sections, documents, questions and
    language). Pass the result to ``write_site`` to write it.
    (The cyclic collector is paused meanwhile: see collector.py.)"""
    with collector_paused():
        return _render_files(edition, pdf, handout or HandoutOptions(), docx)


def _render_files(edition: Edition, pdf: bool, handout: HandoutOptions, docx: bool) -> dict[str, str | bytes]:
    from .exports import export_files

    pages = render_pages(edition, handout)
    for name, content in pages.items():
        check_anchors(name, content)
    data = edition_dict(edition)  # one set of dicts for edition.json and every export
    files: dict[str, str | bytes] = {"edition.json": edition_json(edition, data), **pages}
    files.update(export_files(data))
    if pdf:
        from .render.pdf import render_pdf  # the default path never looks for Chromium

        for kind in handout.kinds:
            files[f"{HANDOUT_FILES[kind]}.pdf"] = render_pdf(pages[f"{HANDOUT_FILES[kind]}.html"])
    if docx:
        from .render.handout.docx import render_docx  # python-docx is imported only when asked for

        for kind in handout.kinds:
            files[f"{HANDOUT_FILES[kind]}.docx"] = render_docx(edition, handout, kind)
    return files


def render_pages(edition: Edition, handout: Optional[HandoutOptions] = None) -> dict[str, str]:
    """index.html and the handouts (handout.html for students, handout-teacher.html with the key),
    rendered from one set of lookups (built as the first page needs them, then shared)."""
    handout = handout or HandoutOptions()
    catalog = Catalog(edition)
    pages = {"index.html": render_index(edition, catalog, handout.furigana)}
    for kind in handout.kinds:
        pages[f"{HANDOUT_FILES[kind]}.html"] = render_handout(edition, catalog, handout, kind)
    return pages


def build(corpus_path: str | os.PathLike[str], out: str | os.PathLike[str], pdf: bool = False,
          semantic: bool = False, handout: Optional[HandoutOptions] = None,
          chosen: frozenset[str] = frozenset(), docx: bool = False,
          report: Optional[Callable[[str], None]] = None) -> Path:
    """``build_edition``, ``render_site`` and ``write_site`` in one call, as ``annotator build``
    does: the edition folder ``out`` is written atomically (replaced only if it holds an earlier
    edition of ours: output.check_output, run first, before any work); returns its absolute path.
    ``handout``: the handout options, of which the ``chosen`` fields override the corpus's
    handout.toml. ``report`` gets one line for each thing that could not be read (``notice_lines``)."""
    corpora = (Path(corpus_path),)
    check_output(Path(out), corpora)
    options = merged(corpus_path, handout, chosen)
    edition = build_edition(corpus_path, semantic=semantic)
    path = write_site(Path(out), render_site(edition, pdf, options, docx), corpora)
    for line in notice_lines(edition) if report else ():
        report(line)
    return path


def notice_lines(edition: Edition) -> list[str]:
    """One line for each thing the build could not read (none for a corpus read in full)."""
    return [f"unread: {notice.detail}" for notice in edition.notices]


def check_report(corpus_path: str | os.PathLike[str]) -> list[str]:
    """What a corpus holds (documents, parts, sections, markers), for ``annotator check``."""
    from .corpus.scaffold import describe_corpus

    edition = build_edition(corpus_path)
    lines = [f"corpus: {edition.corpus.title}"] + describe_corpus(edition.corpus)
    for section in edition.sections:
        lines.append(f"section {section.index}: {section.heading} ({section.id})")
    counts: dict[str, int] = {}
    for unit in edition.units:
        counts[f"{unit.doc} {unit.kind}"] = counts.get(f"{unit.doc} {unit.kind}", 0) + 1
    lines += [f"{key}: {value}" for key, value in counts.items()]
    lines.append(f"citation markers: {len(edition.citations)}")
    lines += [f"correction not applied: {line}" for line in edition.stale_corrections]
    return lines + notice_lines(edition)
