"""Write a new corpus folder from a user's files; describe a loaded corpus."""
from __future__ import annotations

import os
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from annotator.corpus.load import (
    heading_offsets,
    line_starts,
    load_corpus,
    read_text_file,
)
from annotator.corpus.manifest import COMBINED, MANIFEST
from annotator.corpus.records import LANGS, ROLES, Corpus
from annotator.errors import AnnotatorError, InputTextError, ManifestError, OutputError

TITLE_CHARS = 80
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                 "\f": "\\f", "\r": "\\r"}


@dataclass(frozen=True)
class _Input:
    role: str
    path: Path
    text: str
    lang: str
    name: str = ""
    parts: tuple[tuple[str, str], ...] = ()  # (role, heading) in file order


def write_corpus(target_dir: str | os.PathLike[str], *, source: Optional[Path] = None,
                 commentary: Optional[Path] = None, summary: Optional[Path] = None,
                 combined: Optional[Path] = None, langs: Optional[Mapping[str, str]] = None,
                 headings: Optional[Mapping[str, str]] = None,
                 title: Optional[str] = None,
                 section_headings: Optional[Callable[[Corpus], Sequence[str]]] = None) -> Path:
    """Copy the given files into target_dir with a corpus.toml; return the folder.

    ``section_headings`` reads the source's section headings from the loaded corpus: each is
    written as a [[sections]] entry with empty title_en/title_ja to fill in."""
    target = Path(target_dir)
    manifest = target / MANIFEST
    if manifest.exists():
        raise OutputError(f"{MANIFEST} already exists", file=str(manifest),
                          fix="choose another folder, or delete its corpus.toml first")
    given = {"combined": combined, "commentary": commentary, "summary": summary,
             "source": source}
    inputs = [_read_input(role, Path(p), dict(langs or {}), headings)
              for role, p in given.items() if p is not None]
    if not inputs:
        raise ManifestError("no files given for the corpus",
                            fix="give at least one of: source, commentary, summary, combined")
    inputs = _named(inputs)
    corpus_title = (title or "").strip() or _default_title(inputs, target)
    target.mkdir(parents=True, exist_ok=True)
    written = _copy_files(inputs, target)
    _write_atomic(manifest, manifest_text(corpus_title, inputs))
    try:
        corpus = load_corpus(target)
        found = list(section_headings(corpus)) if section_headings else []
        if found:
            _write_atomic(manifest, manifest_text(corpus_title, inputs, found))
            load_corpus(target)
    except AnnotatorError:
        for path in [manifest, *written]:
            path.unlink(missing_ok=True)
        raise
    return target


def detect_lang(text: str) -> str:
    """'ja' when kana and kanji make a fair share of the letters, else 'en'."""
    japanese = latin = 0
    for ch in text:
        code = ord(ch)
        if 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0xFF66 <= code <= 0xFF9F:
            japanese += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    # A Japanese word takes about 2 characters, an English one about 5: weigh accordingly.
    return "ja" if japanese and japanese * 5 >= latin else "en"


def _read_input(role: str, path: Path, langs: dict[str, str],
                headings: Optional[Mapping[str, str]]) -> _Input:
    if not path.is_file():
        state = ("is a folder" if path.is_dir() else "is not a regular file (a device, pipe or socket)"
                 if path.exists() else "does not exist")
        raise InputTextError(f"the {role} file {state}", file=str(path),
                             fix="give the path of an existing text file")
    text, _ = read_text_file(path)
    lang = langs.get(role) or detect_lang(text)
    if lang not in LANGS:
        raise ManifestError(f"language {lang!r} for the {role} file is not one of "
                            f"{', '.join(LANGS)}", file=str(path),
                            fix=f"give the language as one of: {', '.join(LANGS)}")
    parts = _combined_parts(path, text, headings) if role == COMBINED else ()
    return _Input(role, path, text, lang, parts=parts)


def _combined_parts(path: Path, text: str,
                    headings: Optional[Mapping[str, str]]) -> tuple[tuple[str, str], ...]:
    if not headings:
        raise ManifestError("a combined file needs the heading that starts each part",
                            file=str(path), fix="give a heading per role, e.g. source=HEADING")
    found = []
    for role, heading in headings.items():
        if role not in ROLES:
            raise ManifestError(f"unknown part role {role!r}", file=str(path),
                                fix=f"use one of: {', '.join(ROLES)}")
        offsets = heading_offsets(text, heading) if "\n" not in heading else []
        if not offsets:
            raise ManifestError(f"heading {heading!r} of part {role!r} is not found",
                                file=str(path), fix=f"the heading must begin a line of {path.name}")
        found.append((offsets[0], role, heading.strip()))
    found.sort()
    starts = line_starts(text)
    for (a, role_a, _), (b, role_b, _) in zip(found, found[1:]):
        if a == b:
            raise ManifestError(f"parts {role_a!r} and {role_b!r} start on the same line "
                                f"{starts.index(a) + 1}", file=str(path),
                                fix="give each part a heading that only its own line begins with")
    if text[:found[0][0]].strip():
        raise ManifestError(f"text before the first part ({found[0][2]!r})", file=str(path),
                            fix="give a heading for the part at the top of the file too")
    return tuple((role, heading) for _, role, heading in found)


def _named(inputs: list[_Input]) -> list[_Input]:
    """Give each input a file name in the corpus folder, unique among the inputs."""
    named: list[_Input] = []
    used: set[str] = set()
    for item in inputs:
        name = item.path.name
        if name in used:
            name = f"{item.role}-{name}"
        used.add(name)
        named.append(_Input(item.role, item.path, item.text, item.lang, name, item.parts))
    return named


def _copy_files(inputs: list[_Input], target: Path) -> list[Path]:
    plans = []
    for item in inputs:
        dest = target / item.name
        if dest.is_symlink() and not dest.exists():  # a dangling link: copying would write where it points
            raise OutputError(f"{item.name} in the corpus folder is a symbolic link to nothing",
                              file=str(dest), fix="remove the link, or choose another folder")
        if dest.exists() and not dest.samefile(item.path):
            if dest.read_bytes() != item.path.read_bytes():
                raise OutputError(f"{item.name} already exists in the corpus folder",
                                  file=str(dest), fix="move it away, or choose another folder")
            continue
        if not dest.exists():
            plans.append((item.path, dest))
    for src, dest in plans:
        shutil.copyfile(src, dest)
    return [dest for _, dest in plans]


def _default_title(inputs: list[_Input], target: Path) -> str:
    for item in inputs:
        if item.role == "source":
            return _first_line(item.text) or _folder_name(target)
        if any(role == "source" for role, _ in item.parts):
            return _first_line(_part_text(item, "source")) or _folder_name(target)
    return _folder_name(target)


def _part_text(item: _Input, role: str) -> str:
    """The source part's text with its heading taken off the first line."""
    heading = dict(item.parts)[role]
    start = heading_offsets(item.text, heading)[0]
    rest = item.text[start:].lstrip()
    folded = unicodedata.normalize("NFKC", rest[:len(heading)])
    if folded == unicodedata.normalize("NFKC", heading):
        rest = rest[len(heading):]
    return rest


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:TITLE_CHARS].rstrip()
    return ""


def _folder_name(target: Path) -> str:
    return target.resolve().name or "corpus"


def toml_string(value: str) -> str:
    """A TOML basic string holding value exactly."""
    out = []
    for ch in value:
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif unicodedata.category(ch) == "Cc":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def manifest_text(title: str, inputs: list[_Input], sections: Sequence[str] = ()) -> str:
    """The corpus.toml for the inputs (``sections``: the source's headings, titles left to fill in)."""
    lines = [f"title = {toml_string(title)}",
             '# title_en = "..."  (optional: the edition\'s English title)', ""]
    for item in inputs:
        lines += ["[[documents]]", f"file = {toml_string(item.name)}",
                  f"lang = {toml_string(item.lang)}", f"role = {toml_string(item.role)}"]
        if item.parts:
            lines.append("parts = [")
            lines += [f"  {{ role = {toml_string(r)}, heading = {toml_string(h)} }},"
                      for r, h in item.parts]
            lines.append("]")
        lines.append("")
    if not sections:
        lines += ["# Optional labels for the source's section headings:",
                  "# [[sections]]", '# heading = "..."', '# title_en = "..."', ""]
        return "\n".join(lines)
    lines += ["# The source's section headings. Give each its title in the other language (or a short",
              "# name) so that citations written in either language resolve; empty ones are ignored.", ""]
    for heading in sections:
        lines += ["[[sections]]", f"heading = {toml_string(heading)}", 'title_en = ""', 'title_ja = ""', ""]
    return "\n".join(lines)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def describe_corpus(corpus: Corpus) -> list[str]:
    """Readable lines on a corpus: its title, documents and section labels."""
    title = corpus.title + (f" / {corpus.title_en}" if corpus.title_en else "")
    lines = [f"{title} ({corpus.path})", f"{len(corpus.documents)} documents:"]
    for doc in corpus.documents:
        count = len(line_starts(doc.text)) - (1 if doc.text.endswith(("\n", "\r")) else 0)
        last = doc.first_line + max(count, 1) - 1
        lines.append(f"  {doc.id}: {doc.role}, {doc.lang}, {doc.file} lines "
                     f"{doc.first_line}-{last} ({count} lines, {len(doc.text)} characters)")
    for file in dict.fromkeys(doc.file for doc in corpus.documents):
        encoding = read_text_file(Path(corpus.path) / file)[1]
        if encoding != "UTF-8":
            lines.append(f"  {file}: read as {encoding}")
    if corpus.section_labels:
        lines.append(f"{len(corpus.section_labels)} section labels:")
        lines += [f"  {label.heading} -> " +
                  (" / ".join(t for t in (label.title_en, label.title_ja) if t) or "(titles not filled in)")
                  for label in corpus.section_labels]
    return lines
