"""The order of the stages: corpus → nlp → structure → citations/align → checks → edition."""
from __future__ import annotations

import os

from .align import align
from .analysis import analyze_documents, compounds, token_source
from .corpus import load_corpus
from .model import Corpus, Edition, Section, Structure, Unit
from .structure import parse_document
from .tags import tag_units


def build_edition(corpus_path: str | os.PathLike[str]) -> Edition:
    """Run every stage on one corpus folder and return what they found."""
    corpus = load_corpus(corpus_path)
    docs = analyze_documents(corpus.documents)
    structure = parse_structure(corpus, docs)
    alignment = align(corpus, structure, docs)
    tags = tag_units(structure.units, {d.id: d.role for d in corpus.documents})
    return Edition(corpus=corpus, sections=structure.sections, units=structure.units,
                   citations=alignment.citations, links=alignment.links, tags=tuple(tags))


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
    return Structure(tuple(sections), tuple(units))
