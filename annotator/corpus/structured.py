"""TOML and JSON inputs read within limits: size before parsing, nesting depth, sane numbers.

A few hundred KB of TOML can exhaust memory (tomllib builds every prefix of a dotted key
``a.a.a….b``: quadratic in its length) and deep nesting of arrays or objects overflows the
parser's recursion. TOML text is scanned once before tomllib sees it; JSON (parsed by the C
scanner, which raises RecursionError cleanly) is bounded in size and its failures, NaN and
Infinity included, become one-line errors.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any, NoReturn

from annotator.corpus.files import read_small_file
from annotator.errors import AnnotatorError, ManifestError, excerpt

MAX_TOML_BYTES = 8 * 1024 * 1024  # corpus.toml, links.toml, glossary.toml (50,000 [[sections]] take ~3.5 MB)
MAX_TOML_DEPTH = 32  # arrays and inline tables inside each other
MAX_KEY_PARTS = 32  # a.b.c… in one key or table header
_TOML_NEXT = re.compile(r"\"\"\"|'''|[\"'#\n\[\]{}=,.]")
_TOML_STRING_END = {
    '"""': re.compile(r'(?:[^\\]|\\.)*?"""("{0,2})', re.S),
    "'''": re.compile(r".*?'''('{0,2})", re.S),
    '"': re.compile(r'(?:[^"\\\n]|\\.)*"'),
    "'": re.compile(r"[^'\n]*'"),
}
_KEY_RESET = frozenset("\n,={}[]")


def check_toml_shape(text: str, file: str) -> None:
    """ManifestError when TOML text nests deeper than MAX_TOML_DEPTH or has a key of more than
    MAX_KEY_PARTS parts (strings and comments skipped; a syntax error is left to tomllib)."""
    depth, line, parts, pos = 0, 1, 1, 0
    while (found := _TOML_NEXT.search(text, pos)) is not None:
        token, pos = found.group(), found.end()
        if token in _TOML_STRING_END:
            end = _TOML_STRING_END[token].match(text, pos)
            if end is None:
                return  # an unterminated string: tomllib names the line
            line += text.count("\n", pos, end.end())
            pos = end.end()
        elif token == "#":
            newline = text.find("\n", pos)
            pos = len(text) if newline < 0 else newline
        elif token == ".":
            parts += 1
            if parts > MAX_KEY_PARTS:
                _too_deep(file, line, f"a key of more than {MAX_KEY_PARTS} dotted parts")
        else:
            line += token == "\n"
            depth += (token in "[{") - (token in "]}")
            if depth > MAX_TOML_DEPTH:
                _too_deep(file, line, f"arrays or tables nested more than {MAX_TOML_DEPTH} deep")
        if token in _KEY_RESET:
            parts = 1


def _too_deep(file: str, line: int, what: str) -> NoReturn:
    raise ManifestError(f"the file holds {what}", file=file, line=line,
                        fix="this is not a file annotator can read: write the keys and values as the "
                            "documentation shows")


def read_toml_file(path: Path, what: str) -> str:
    """The text of a TOML file (UTF-8, a BOM allowed), within MAX_TOML_BYTES, its shape checked."""
    raw = read_small_file(path, MAX_TOML_BYTES, what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ManifestError(f"{Path(path).name} is not UTF-8 text", file=str(path),
                            line=raw[:err.start].count(b"\n") + 1,
                            fix=f"save {Path(path).name} as UTF-8") from None
    check_toml_shape(text, str(path))
    return text


def finite_float(text: str) -> float:
    """A JSON number as a float; ValueError for one too large to be finite (1e999)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {excerpt(text, 20)} is too large")
    return value


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def read_json_file(path: Path, limit: int, what: str, error: type[AnnotatorError],
                   fix: str) -> Any:
    """Parse a JSON file of at most ``limit`` bytes; ``error`` (one line, with the line number
    where known) for an unreadable file, bad syntax, deep nesting, NaN/Infinity or a number
    too long to convert."""
    raw = read_small_file(path, limit, what, error, fix)
    name = str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise error(f"{what} is not UTF-8 text", file=name, line=raw[:err.start].count(b"\n") + 1,
                    fix=fix) from None
    del raw
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=finite_float)
    except json.JSONDecodeError as err:
        raise error(f"not valid JSON: {err.msg} (column {err.colno})", file=name, line=err.lineno,
                    fix=fix) from None
    except RecursionError:
        raise error(f"{what} nests arrays or objects too deep to read", file=name, fix=fix) from None
    except ValueError as err:  # NaN/Infinity, an integer of more than 4,300 digits
        reason = str(err).split(";")[0].split(": value has")[0]
        raise error(f"{what} holds a value that cannot be read: {reason}", file=name, fix=fix) from None
