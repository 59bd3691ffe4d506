"""The corpus as loaded: its documents and the manifest's section labels."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

ROLES = ("commentary", "summary", "source")
LANGS = ("ja", "en")


@dataclass(frozen=True)
class Document:
    """One text of a corpus: a whole file, or one part of a combined file."""

    id: str
    role: str
    lang: str
    file: str
    text: str
    file_start: int = 0  # offset of text[0] in the file's decoded text
    first_line: int = 1  # 1-based line of text[0] in the file


@dataclass(frozen=True)
class SectionLabel:
    """A manifest ``[[sections]]`` entry: bilingual titles for a source heading."""

    heading: str
    title_en: Optional[str] = None
    title_ja: Optional[str] = None


@dataclass(frozen=True)
class Corpus:
    """A loaded, validated corpus folder."""

    path: str
    title: str
    title_en: Optional[str]
    documents: tuple[Document, ...]
    section_labels: tuple[SectionLabel, ...] = ()
