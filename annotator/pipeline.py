"""The order of the stages: corpus → nlp → structure → citations/align → checks → edition."""
from __future__ import annotations

import os
from pathlib import Path

from .check.run import run_checks
from .check.tags import apply_tag_edits, tag_kinds, tag_units
from .collector import collector_paused
from .corpus.load import load_corpus
from .corpus.records import Corpus
from .edition.model import Edition
from .extract.glossary import corpus_glossary
from .link.align import align
from .link.corrections import Corrections, load_corrections
from .link.semantic import encoder_name, require_encoder
from .text.analysis import analyze_documents, compounds, token_source
from .text.records import Section, Structure, Unit
from .text.structure import check_section_labels, parse_document


def build_edition(corpus_path: str | os.PathLike[str], *, semantic: bool = False,
                  corrections: bool | Corrections = True) -> Edition:
    """Run every stage on the corpus folder ``corpus_path`` and return the ``Edition``.

    Nothing is written. ``semantic=True`` also ranks rebuttal targets by meaning (needs
    ``annotator[semantic]``; see link/semantic.py). A ``links.toml`` in the folder is applied
    unless ``corrections=False`` (the links as the pipeline alone makes them) or ``corrections``
    gives others.
    Raises ``AnnotatorError`` naming the file, line and fix for bad input.
    """
    if semantic:
        require_encoder()
    with collector_paused():
        return _run_stages(corpus_path, semantic, corrections)


def _run_stages(corpus_path: str | os.PathLike[str], semantic: bool, corrections: bool | Corrections = True) -> Edition:
    corpus = load_corpus(corpus_path)
    docs = analyze_documents(corpus.documents)
    structure = parse_structure(corpus, docs)
    if isinstance(corrections, Corrections):
        fixes = corrections
    else:
        fixes = (load_corrections(Path(corpus.path), structure.units, structure.sections, tag_kinds()) if corrections
                 else Corrections())
    glossary = corpus_glossary(corpus.path)
    alignment = align(corpus, structure, docs, fixes, glossary, semantic=semantic)
    texts = {d.id: d.text for d in corpus.documents}
    tags = apply_tag_edits(tag_units(structure.units, {d.id: d.role for d in corpus.documents}, docs, texts),
                           fixes.tag_edits)
    findings = run_checks(corpus, structure, alignment, glossary, fixes.dismissals)
    return Edition(corpus=corpus, sections=structure.sections, units=structure.units,
                   citations=alignment.citations, links=alignment.links, tags=tuple(tags),
                   quotes=findings.quotes, flags=findings.flags, redactions=findings.redactions,
                   terms=findings.terms, coverage=findings.coverage, dismissed=findings.dismissed,
                   stale_corrections=fixes.stale, notices=findings.notices,
                   semantic=encoder_name() if semantic else None)


def parse_structure(corpus: Corpus, docs: dict) -> Structure:  # type: ignore[type-arg]
    """Sections and units of every document, in corpus order."""
    joined = compounds(docs)
    sections: list[Section] = []
    units: list[Unit] = []
    for document in corpus.documents:
        found_sections, found_units = parse_document(document, token_source(docs[document.id]), joined,
                                                     corpus.section_labels)
        sections += found_sections
        units += found_units
    check_section_labels(corpus, sections)
    return Structure(tuple(sections), tuple(units))
