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
from itertools import accumulate
from pathlib import Path
from typing import Any, NoReturn

from annotator.corpus.files import read_small_file
from annotator.errors import AnnotatorError, ManifestError, excerpt

MAX_TOML_BYTES = 8 * 1024 * 1024  # corpus.toml, links.toml, glossary.toml (50,000 [[sections]] take ~3.5 MB)
MAX_TOML_DEPTH = 32  # arrays and inline tables inside each other
MAX_KEY_PARTS = 32  # a.b.c… in one key or table header
# Strings and comments, leftmost first (a # inside a string is text; a quote inside a comment too);
# written as unrolled loops, which the regex engine runs fastest
_TOML_TEXT = re.compile(r'"""[^\\"]*(?:(?:\\.|"(?!""))[^\\"]*)*"""(?:"{1,2}(?!"))?'
                        r"|'''[^']*(?:'(?!'')[^']*)*'''(?:'{1,2}(?!'))?"
                        r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
                        r"|'[^'\n]*'|#[^\n]*")
# MAX_KEY_PARTS + 1 dotted parts with nothing between them that ends a key
_LONG_KEY = re.compile(r"(?:\.[^.\n=,{}\[\]]*){%d}" % MAX_KEY_PARTS)
_NOT_BRACKET = re.compile(r"[^\[\]{}|]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _blank(match: re.Match[str]) -> str:
    return "_" + "\n" * match.group().count("\n")  # keep line breaks: lines are reported


def check_toml_shape(text: str, file: str) -> None:
    """ManifestError when TOML text nests deeper than MAX_TOML_DEPTH or has a key of more than
    MAX_KEY_PARTS parts (strings and comments do not count; a syntax error is left to tomllib).

    Done with whole-text regular expressions (C speed): strings and comments are blanked, then a
    run of dots with nothing between them that ends a key is searched for, then the brackets left
    are counted. Line numbers are worked out only for a file that is refused.
    """
    skeleton = _TOML_TEXT.sub("_", text)
    if _LONG_KEY.search(skeleton) is not None:
        skeleton = _TOML_TEXT.sub(_blank, text)
        found = _LONG_KEY.search(skeleton)
        _too_deep(file, skeleton.count("\n", 0, found.start() if found else 0) + 1,
                  f"a key of more than {MAX_KEY_PARTS} dotted parts")
    brackets = _NOT_BRACKET.sub("", skeleton).replace("|", "")  # | is not TOML outside strings: tomllib's to report
    opening = brackets.count("[") + brackets.count("{")
    if opening <= MAX_TOML_DEPTH or max(accumulate(map(_STEP.__getitem__, brackets))) <= MAX_TOML_DEPTH:
        return
    depth, line = 0, 1
    for char in _NOT_BRACKET.sub("", _TOML_TEXT.sub(_blank, text).replace("\n", "|")):
        line += char == "|"
        depth += _STEP.get(char, 0)
        if depth > MAX_TOML_DEPTH:
            _too_deep(file, line, f"arrays or tables nested more than {MAX_TOML_DEPTH} deep")


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
