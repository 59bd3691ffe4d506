"""Corpus: a corpus folder read into frozen records.

Takes a folder holding ``corpus.toml`` and its text files; gives a ``Corpus`` of ``Document``
records (decoded text, role, language, where each part starts in its file) and the manifest's
section labels. Also writes new corpus folders from a user's files (``annotator init``).
"""
from __future__ import annotations

from ..lazy import lazy_exports

__all__ = ["Corpus", "Document", "LANGS", "ROLES", "SectionLabel", "describe_corpus", "load_corpus", "load_corpus_report", "read_manifest", "write_corpus"]

__getattr__ = lazy_exports(__name__, {
    "load_corpus": ".load",
    "load_corpus_report": ".load",
    "read_manifest": ".manifest",
    "write_corpus": ".scaffold",
    "describe_corpus": ".scaffold",
    "Corpus": ".records",
    "Document": ".records",
    "SectionLabel": ".records",
    "ROLES": ".records",
    "LANGS": ".records",
})
