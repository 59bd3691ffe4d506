"""Read and validate ``corpus.toml`` strictly, with the line of every problem."""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from annotator.corpus.files import inside_corpus
from annotator.corpus.records import LANGS, ROLES, SectionLabel
from annotator.corpus.structured import read_toml_file
from annotator.errors import ManifestError

MANIFEST = "corpus.toml"
COMBINED = "combined"
TOP_KEYS = ("title", "title_en", "documents", "sections")
DOCUMENT_KEYS = ("file", "lang", "role", "parts")
PART_KEYS = ("role", "heading")
SECTION_KEYS = ("heading", "title_en", "title_ja")
MAX_DOCUMENTS = 1_000  # [[documents]] entries (a corpus is a commentary, a summary and their sources)

_HEADER = re.compile(r"^\s*\[\[?\s*([\w\-.\"' ]+?)\s*\]\]?\s*(?:#.*)?$")


@dataclass(frozen=True)
class PartSpec:
    """One ``parts`` entry of a combined document."""

    role: str
    heading: str
    line: int


@dataclass(frozen=True)
class DocumentSpec:
    """One ``[[documents]]`` entry, validated."""

    file: str
    lang: str
    role: str
    parts: tuple[PartSpec, ...]
    line: int


@dataclass(frozen=True)
class Manifest:
    """A validated ``corpus.toml``."""

    path: str
    title: str
    title_en: Optional[str]
    documents: tuple[DocumentSpec, ...]
    sections: tuple[SectionLabel, ...]


class _Lines:
    """Finds where keys stand in the raw TOML text; tomllib gives no positions.

    Header positions are indexed once, so finding the n-th table is not a scan of every header
    (a manifest of 50,000 [[sections]] was quadratic).
    """

    def __init__(self, text: str) -> None:
        self.lines = re.split(r"\r?\n", text)
        self.headers = [(i + 1, m.group(1).strip().strip("\"'"))
                        for i, ln in enumerate(self.lines) if "[" in ln and (m := _HEADER.match(ln))]
        self._by_name: dict[str, list[int]] = {}
        for position, (_, name) in enumerate(self.headers):
            self._by_name.setdefault(name, []).append(position)
        self._parts: dict[tuple[int, int], tuple[list[int], int]] = {}

    def top(self) -> tuple[int, int]:
        """The span before the first table header."""
        end = self.headers[0][0] if self.headers else len(self.lines) + 1
        return 1, end

    def table(self, name: str, index: int) -> tuple[int, int]:
        """The span of the index-th ``[[name]]`` table, sub-tables included."""
        positions = self._by_name.get(name, [])
        if index >= len(positions):
            return 1, len(self.lines) + 1
        position = positions[index]
        start = self.headers[position][0]
        for later in range(position + 1, len(self.headers)):  # no slice: a copy per table was quadratic
            line, header = self.headers[later]
            if not header.startswith(name + "."):
                return start, line
        return start, len(self.lines) + 1

    def header(self, name: str) -> Optional[int]:
        """The line of the first table header named name."""
        positions = self._by_name.get(name)
        return self.headers[positions[0]][0] if positions else None

    def key(self, key: str, span: tuple[int, int]) -> Optional[int]:
        """The first line in span where ``key =`` stands."""
        pattern = re.compile(r"(?:^|[\s{,])[\"']?" + re.escape(key) + r"[\"']?\s*=")
        for ln in range(span[0], min(span[1], len(self.lines) + 1)):
            if pattern.search(self.lines[ln - 1]):
                return ln
        return None

    def part(self, doc_span: tuple[int, int], index: int) -> int:
        """The line where the index-th part of a document begins."""
        if doc_span not in self._parts:
            self._parts[doc_span] = self._part_lines(doc_span)
        lines, fallback = self._parts[doc_span]
        return lines[index] if index < len(lines) else fallback

    def _part_lines(self, doc_span: tuple[int, int]) -> tuple[list[int], int]:
        """The line of each part's start, and the line for a part past them."""
        subs = [ln for ln, h in self.headers if h == "documents.parts" and doc_span[0] < ln < doc_span[1]]
        if subs:
            return subs, doc_span[0]
        first = self.key("parts", doc_span) or doc_span[0]
        found: list[int] = []
        for ln in range(first, min(doc_span[1], len(self.lines) + 1)):
            found += [ln] * len(_braces_outside_strings(self.lines[ln - 1]))
        return found, first


def _braces_outside_strings(line: str) -> list[int]:
    """Positions of ``{`` not inside a quoted string (single-line strings only)."""
    found, quote, escaped = [], "", False
    for i, ch in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch == "{":
            found.append(i)
    return found


class TomlChecker:
    """Validates the parsed tables, raising ManifestError with file and line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = str(path)
        self.where = _Lines(text)

    def fail(self, message: str, line: Optional[int], fix: str) -> ManifestError:
        return ManifestError(message, file=self.path, line=line, fix=fix)

    def keys(self, table: dict[str, Any], allowed: tuple[str, ...], what: str,
             span: tuple[int, int]) -> None:
        for key in table:
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {near[0]!r}? " if near else ""
                raise self.fail(f"unknown key {key!r} in {what}", self.where.key(key, span),
                                f"{hint}allowed keys: {', '.join(allowed)}")

    def string(self, table: dict[str, Any], key: str, what: str, span: tuple[int, int],
               required: bool = True, empty: bool = False) -> Optional[str]:
        """The string at ``key`` (``empty``: "" is allowed, a field left to fill in)."""
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(f"{what} has no {key!r}", span[0],
                                f"add {key} = \"...\" to {what}")
            return None
        if empty and value == "":
            return value
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key!r} in {what} must be a non-empty string",
                            self.where.key(key, span) or span[0],
                            f"write {key} = \"...\" with the value in quotes")
        return value

    def choice(self, table: dict[str, Any], key: str, allowed: tuple[str, ...],
               what: str, span: tuple[int, int]) -> str:
        value = self.string(table, key, what, span)
        assert value is not None
        if value not in allowed:
            raise self.fail(f"{key} {value!r} in {what} is not one of {', '.join(allowed)}",
                            self.where.key(key, span) or span[0],
                            f"set {key} to one of: {', '.join(allowed)}")
        return value

    def tables(self, value: Any, key: str, span: tuple[int, int]) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"{key!r} must be an array of tables",
                            self.where.key(key, span) or self.where.header(key) or span[0],
                            f"write each entry as [[{key}]] followed by its keys")
        return value


def read_manifest(corpus_dir: Path) -> Manifest:
    """Parse and validate ``corpus_dir/corpus.toml``; files must exist inside the corpus folder."""
    path = corpus_dir / MANIFEST
    text = _manifest_text(corpus_dir, path)
    data = load_toml(path, text)
    check = TomlChecker(path, text)
    top = check.where.top()
    check.keys(data, TOP_KEYS, MANIFEST, top)
    title = check.string(data, "title", MANIFEST, top)
    title_en = check.string(data, "title_en", MANIFEST, top, required=False)
    if "documents" not in data:
        raise check.fail("corpus.toml lists no documents", 1,
                         "add a [[documents]] table with file, lang and role")
    entries = check.tables(data["documents"], "documents", top)
    if len(entries) > MAX_DOCUMENTS:
        raise check.fail(f"corpus.toml lists {len(entries):,} documents; the limit is {MAX_DOCUMENTS:,}",
                         check.where.header("documents"), "split the texts into several corpora (see docs/limits.md)")
    docs = tuple(_document(check, corpus_dir, entry, i) for i, entry in enumerate(entries))
    if not docs:
        raise check.fail("corpus.toml lists no documents", 1,
                         "add a [[documents]] table with file, lang and role")
    sections = tuple(_section(check, entry, i) for i, entry in
                     enumerate(check.tables(data.get("sections", []), "sections", top)))
    assert title is not None
    return Manifest(str(path), title.strip(), title_en.strip() if title_en else None,
                    docs, sections)


def load_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into a ManifestError with its line."""
    try:
        return tomllib.loads(text)
    except RecursionError:  # check_toml_shape refuses deep nesting first; this is a last guard
        raise ManifestError("the TOML nests too deep to read", file=str(path),
                            fix="write the keys and values as the documentation shows") from None
    except ValueError as err:  # TOMLDecodeError is one; else an integer of more than 4,300 digits
        if not isinstance(err, tomllib.TOMLDecodeError):
            raise ManifestError("a number is too long to read (more than 4,300 digits)", file=str(path),
                                fix="write numbers of a sane size; strings go in double quotes") from None
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        reason = re.sub(r"\s*\(at line.*?\)", "", str(err)).splitlines()[0]
        raise ManifestError(f"TOML syntax error: {reason}" +
                            (f" (column {found.group(2)})" if found else ""),
                            file=str(path), line=int(found.group(1)) if found else None,
                            fix="correct the TOML at that line; strings need double quotes") from None


def _manifest_text(corpus_dir: Path, path: Path) -> str:
    if not corpus_dir.exists():
        raise ManifestError(f"corpus folder {str(corpus_dir)!r} does not exist",
                            file=str(corpus_dir), fix="give the path of a folder holding corpus.toml")
    if not corpus_dir.is_dir():
        raise ManifestError(f"{str(corpus_dir)!r} is a file, not a corpus folder",
                            file=str(corpus_dir),
                            fix="give the folder that holds corpus.toml, not a file in it")
    if not path.exists() and not path.is_symlink():
        raise ManifestError(f"no {MANIFEST} in {str(corpus_dir)!r}", file=str(path),
                            fix="write a corpus.toml there (see `annotator init`)")
    return read_toml_text(inside_corpus(corpus_dir, MANIFEST, what="the manifest"))


def read_toml_text(path: Path) -> str:
    """The text of a TOML file (UTF-8, a BOM allowed; within the size and nesting limits of
    structured.py), or a ManifestError naming file and line."""
    return read_toml_file(path, Path(path).name)


def _document(check: TomlChecker, corpus_dir: Path, entry: dict[str, Any],
              index: int) -> DocumentSpec:
    span = check.where.table("documents", index)
    what = f"document {index + 1}"
    check.keys(entry, DOCUMENT_KEYS, what, span)
    file = check.string(entry, "file", what, span)
    lang = check.choice(entry, "lang", LANGS, what, span)
    role = check.choice(entry, "role", ROLES + (COMBINED,), what, span)
    assert file is not None
    file_line = check.where.key("file", span) or span[0]
    inside_corpus(corpus_dir, file, what="document file", manifest=check.path, line=file_line)
    parts = _parts(check, entry, role, what, span)
    return DocumentSpec(file, lang, role, parts, file_line)


def _parts(check: TomlChecker, entry: dict[str, Any], role: str, what: str,
           span: tuple[int, int]) -> tuple[PartSpec, ...]:
    if role != COMBINED:
        if "parts" in entry:
            raise check.fail(f"{what} has parts but role {role!r}",
                             check.where.key("parts", span) or span[0],
                             'set role = "combined", or remove parts')
        return ()
    if "parts" not in entry:
        raise check.fail(f"{what} is combined but has no parts", span[0],
                         'add parts = [{ role = "...", heading = "..." }, ...]')
    entries = check.tables(entry["parts"], "parts", span)
    if not entries:
        raise check.fail(f"{what} has an empty parts list", check.where.key("parts", span),
                         "list at least one part with its role and heading")
    parts = []
    for i, part in enumerate(entries):
        line = check.where.part(span, i)
        pspan, pwhat = (line, span[1]), f"part {i + 1} of {what}"
        check.keys(part, PART_KEYS, pwhat, pspan)
        prole = check.choice(part, "role", ROLES, pwhat, pspan)
        heading = check.string(part, "heading", pwhat, pspan)
        assert heading is not None
        parts.append(PartSpec(prole, heading.strip(), line))
    return tuple(parts)


def _section(check: TomlChecker, entry: dict[str, Any], index: int) -> SectionLabel:
    span = check.where.table("sections", index)
    what = f"section {index + 1}"
    check.keys(entry, SECTION_KEYS, what, span)
    heading = check.string(entry, "heading", what, span)
    # "" is a title left to fill in (annotator init writes the source's headings so)
    title_en = check.string(entry, "title_en", what, span, required=False, empty=True)
    title_ja = check.string(entry, "title_ja", what, span, required=False, empty=True)
    if title_en is None and title_ja is None:
        raise check.fail(f"{what} has neither title_en nor title_ja", span[0],
                         'add title_en = "..." or title_ja = "..."')
    assert heading is not None
    return SectionLabel(heading.strip(), title_en.strip() if title_en else None,
                        title_ja.strip() if title_ja else None)
