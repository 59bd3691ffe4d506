"""The frozen records passed between the pipeline's stages, in one place for users.

Each stage owns its records (``annotator.corpus.records``, ``annotator.text.records``,
``annotator.link.records``, ``annotator.check.records``, ``annotator.edition.model``); this module
gathers them under their old import path. Every unit satisfies
``document.text[unit.start:unit.end] == unit.text``.
"""
from __future__ import annotations

from .check.records import Coverage, Flag, Quote, Redaction, Tag, Term, TermOccurrence
from .corpus.records import LANGS, ROLES, Corpus, Document, SectionLabel
from .edition.model import Edition
from .link.records import Citation, Link
from .text.records import Section, Structure, Unit

__all__ = ["LANGS", "ROLES", "Citation", "Corpus", "Coverage", "Document", "Edition", "Flag", "Link", "Quote",
           "Redaction", "Section", "SectionLabel", "Structure", "Tag", "Term", "TermOccurrence", "Unit"]
