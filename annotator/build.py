"""Build an edition folder from a corpus: gather everything, render, check, then write."""
from __future__ import annotations

import os
from pathlib import Path

from .collector import collector_paused
from .edition.model import Edition
from .edition.serialize import edition_dict, edition_json
from .output import check_output, write_site
from .pipeline import build_edition
from .render.anchors import check_anchors
from .render.catalog import Catalog
from .render.jinja import render_handout, render_index


def render_site(edition: Edition, pdf: bool = False) -> dict[str, str | bytes]:
    """Every output file's name and content, rendered in memory (the cyclic collector paused:
    see collector.py)."""
    with collector_paused():
        return _render_files(edition, pdf)


def _render_files(edition: Edition, pdf: bool) -> dict[str, str | bytes]:
    from .exports import export_files

    pages = render_pages(edition)
    for name, content in pages.items():
        check_anchors(name, content)
    data = edition_dict(edition)  # one set of dicts for edition.json and every export
    files: dict[str, str | bytes] = {"edition.json": edition_json(edition, data), **pages}
    files.update(export_files(data))
    if pdf:
        from .render.pdf import render_pdf  # the default path never looks for Chromium

        files["handout.pdf"] = render_pdf(pages["handout.html"])
    return files


def render_pages(edition: Edition) -> dict[str, str]:
    """index.html and handout.html, rendered from one set of lookups (built as the first page
    needs them, then shared)."""
    catalog = Catalog(edition)
    return {"index.html": render_index(edition, catalog), "handout.html": render_handout(edition, catalog)}


def build(corpus_path: str | os.PathLike[str], out: str | os.PathLike[str], pdf: bool = False,
          semantic: bool = False) -> Path:
    """Run the pipeline and write the edition folder atomically.

    The output folder is checked first (output.check_output): a folder that is not ours, or that
    is, holds or lies inside the corpus, is refused before any work is done.
    """
    corpora = (Path(corpus_path),)
    check_output(Path(out), corpora)
    edition = build_edition(corpus_path, semantic=semantic)
    return write_site(Path(out), render_site(edition, pdf), corpora)


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
    return lines
