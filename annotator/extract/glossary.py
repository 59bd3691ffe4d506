"""The bilingual glossary: concepts with an English label and their renderings (docs/glossary.md).

The toolkit ships ``annotator/data/glossary.toml``; a corpus folder may add its own
``glossary.toml`` in the same format. A corpus concept with a new ``id`` is added; one with a
shipped ``id`` adds its variants to that concept (and replaces ``en`` when it gives one).
Mistakes raise ``ManifestError`` naming the file, the line and the fix.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Optional, Sequence

from ..corpus.files import inside_corpus
from ..corpus.structured import read_toml_file
from ..errors import ManifestError

GLOSSARY_FILE = "glossary.toml"
CONCEPT_KEYS = ("id", "en", "variants", "note", "broader")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_AT_LINE = re.compile(r"at line (\d+)")
_HEADER = re.compile(r"^\s*\[\[\s*concepts\s*\]\]")


@dataclass(frozen=True)
class Concept:
    """One glossary entry: a stable id, an English label and its renderings."""

    id: str
    en: str
    variants: tuple[str, ...]
    broader: Optional[str] = None  # a wider concept (SKOS broader): multipolar → world-polarity


def default_glossary() -> tuple[Concept, ...]:
    """The glossary shipped with annotator."""
    text = resources.files("annotator").joinpath("data", GLOSSARY_FILE).read_text(encoding="utf-8")
    return parse_glossary(text, "annotator/data/" + GLOSSARY_FILE)


def corpus_glossary(corpus_path: str | Path) -> tuple[Concept, ...]:
    """The shipped glossary extended by the corpus folder's glossary.toml, if it has one."""
    base = default_glossary()
    path = Path(corpus_path) / GLOSSARY_FILE
    if not path.exists() and not path.is_symlink():
        return base
    real = inside_corpus(Path(corpus_path), GLOSSARY_FILE, what="the glossary")  # not a link out of the corpus
    text = read_toml_file(real, "the glossary")
    extra = parse_glossary(text, str(path), known={c.id for c in base})
    merged = extend_glossary(base, extra)
    ids = {c.id for c in merged}
    for index, concept in enumerate(extra):
        if concept.broader is not None and concept.broader not in ids:
            raise ManifestError(f"concept {concept.id!r}: 'broader' names {concept.broader!r}, which is no concept "
                                "of the glossary", file=str(path), line=_table_line(text, index, "broader"),
                                fix="give the id of a concept in this glossary or the shipped one, or remove broader")
    return merged


def extend_glossary(base: Sequence[Concept], extra: Sequence[Concept]) -> tuple[Concept, ...]:
    """``base`` with ``extra`` merged in: new ids appended, known ids given more variants."""
    merged = {c.id: c for c in base}
    for concept in extra:
        old = merged.get(concept.id)
        if old is None:
            merged[concept.id] = concept
        else:
            variants = old.variants + tuple(v for v in concept.variants if v not in old.variants)
            merged[concept.id] = Concept(old.id, concept.en or old.en, variants, concept.broader or old.broader)
    return tuple(merged.values())


def parse_glossary(text: str, file: str, known: frozenset[str] | set[str] = frozenset()) -> tuple[Concept, ...]:
    """Validate and read glossary TOML; ids in ``known`` may omit ``en`` (they extend a concept)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _AT_LINE.search(str(error))
        raise ManifestError(f"the glossary is not valid TOML: {error}", file=file,
                            line=int(found.group(1)) if found else None,
                            fix="check quotes, brackets and commas on that line") from None
    except (ValueError, RecursionError):  # a number of more than 4,300 digits; nesting past the shape check
        raise ManifestError("the glossary holds a value that cannot be read (a number too long, or nesting "
                            "too deep)", file=file, fix="write concepts as docs/glossary.md shows") from None
    for key in data:
        if key != "concepts":
            raise ManifestError(f"unknown key {key!r} in the glossary", file=file, line=_key_line(text, key),
                                fix="the glossary holds only [[concepts]] tables")
    tables = data.get("concepts", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ManifestError("'concepts' must be an array of tables", file=file, line=_key_line(text, "concepts"),
                            fix="write each concept as a [[concepts]] table")
    concepts: list[Concept] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        concept = _concept(table, index, text, file, known)
        if concept.id in seen:
            raise ManifestError(f"concept id {concept.id!r} appears twice", file=file,
                                line=_table_line(text, index, "id"), fix="merge the two entries")
        seen.add(concept.id)
        concepts.append(concept)
    return tuple(concepts)


def _concept(table: dict[str, Any], index: int, text: str, file: str, known: Sequence[str] | set[str]) -> Concept:
    def fail(message: str, key: Optional[str], fix: str) -> ManifestError:
        return ManifestError(message, file=file, line=_table_line(text, index, key), fix=fix)

    for key in table:
        if key not in CONCEPT_KEYS:
            raise fail(f"unknown key {key!r} in concept {index + 1}", key, "allowed keys: " + ", ".join(CONCEPT_KEYS))
    cid = table.get("id")
    if not isinstance(cid, str) or not _ID.match(cid):
        raise fail(f"concept {index + 1} needs an id of lowercase letters, digits and hyphens", "id",
                   'write e.g. id = "export-controls"')
    en = table.get("en", "")
    if not isinstance(en, str) or (not en.strip() and cid not in known):
        raise fail(f"concept {cid!r} needs an English label 'en'", "en", 'write e.g. en = "export controls"')
    variants = table.get("variants")
    if (not isinstance(variants, list) or not variants
            or not all(isinstance(v, str) and v.strip() for v in variants)):
        raise fail(f"concept {cid!r} needs 'variants', a list of non-empty strings", "variants",
                   'write e.g. variants = ["輸出規制", "輸出管理"]')
    if "note" in table and not isinstance(table["note"], str):
        raise fail(f"concept {cid!r}: 'note' must be a string", "note", "quote the note")
    broader = table.get("broader")
    if broader is not None and (not isinstance(broader, str) or not _ID.match(broader)):
        raise fail(f"concept {cid!r}: 'broader' must be a concept id", "broader", 'write e.g. broader = "world-polarity"')
    unique = tuple(dict.fromkeys(v.strip() for v in variants))
    return Concept(cid, en.strip(), unique, broader)


def _table_line(text: str, index: int, key: Optional[str]) -> Optional[int]:
    """The line of ``key`` in the index-th [[concepts]] table (or of the table's header)."""
    lines = text.splitlines()
    headers = [n for n, line in enumerate(lines) if _HEADER.match(line)]
    if index >= len(headers):
        return _key_line(text, key) if key else None
    stop = headers[index + 1] if index + 1 < len(headers) else len(lines)
    if key:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(headers[index], stop):
            if pattern.match(lines[n]):
                return n + 1
    return headers[index] + 1


def _key_line(text: str, key: str) -> Optional[int]:
    pattern = re.compile(rf"^\s*(?:\[\[?\s*)?[\"']?{re.escape(key)}[\"']?\s*(?:=|\]\]?)")
    for n, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return n
    return None
