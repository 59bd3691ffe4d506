"""Read an edition.json someone hands in: bounded, parsed strictly, checked against the published schema.

``annotator export`` and ``annotator evaluate`` read editions that may have been edited by hand,
cut short or made by something else. The file is read up to MAX_EDITION_BYTES (a regular file
only: not /dev/zero), parsed without NaN or Infinity (JSON has neither; a number that overflows
to infinity is refused too), and checked against ``annotator/data/edition.schema.json`` before
anything uses it, so a missing key or a wrong type is one line naming where, never an internal
error. The schema is checked by the small validator below: it knows the keywords the schema uses
(type, const, enum, required, properties, items, $ref into $defs, minimum, minLength) and treats
true/false as booleans only, never as the numbers 1 and 0.
"""
from __future__ import annotations

import functools
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional

from annotator.corpus.structured import read_json_file
from annotator.errors import AnnotatorError, excerpt

EDITION_FORMAT = "annotator-edition"
EDITION_VERSION = 1
MAX_EDITION_BYTES = 512 * 1024 * 1024  # an edition of a corpus at the text limit is some 50-200 MB
FIX = "pass the edition.json written by annotator build"
Check = Callable[[Any], Optional[tuple[list[str], str]]]  # None when valid, else (path, problem)


class EditionFileError(AnnotatorError):
    """The edition file cannot be read as an annotator edition."""


# What ``annotator evaluate`` reads of each record (the rest of the schema's required keys may be
# missing in an edition made by hand for scoring; the types of what is there are still checked).
EVALUATE_REQUIRED = {
    "": ("format", "version"), "document": ("id", "role"), "section": ("id", "doc", "heading"),
    "unit": ("id", "doc", "kind", "text", "start", "end"), "citation": ("unit", "score"),
    "link": ("from", "to", "relation", "rank", "score"), "quote": ("text", "status", "unit"),
    "flag": ("unit", "kind"), "tag": ("unit", "kind"),
}


def read_edition_file(path: str | os.PathLike[str], purpose: str = "export") -> dict[str, Any]:
    """An edition.json's data, read within the limits and valid against the schema (``purpose``
    "evaluate": only the keys scoring reads are required)."""
    name = os.fspath(path)
    data = read_json_file(Path(name), MAX_EDITION_BYTES, "the edition", EditionFileError, FIX)
    check_edition(data, name, purpose)
    return data


def check_edition(data: Any, file: Optional[str] = None, purpose: str = "export") -> None:
    """EditionFileError naming the first place where ``data`` breaks the edition schema."""
    if not isinstance(data, dict) or data.get("format") != EDITION_FORMAT:
        raise EditionFileError(f"not an annotator edition (format is not {EDITION_FORMAT!r})", file=file, fix=FIX)
    version = data.get("version")
    if type(version) is not int or version != EDITION_VERSION:  # true is not 1
        raise EditionFileError(f"edition version {excerpt(repr(version), 40)} is not supported (expected "
                               f"{EDITION_VERSION})", file=file, fix="rebuild the edition with this annotator")
    problem = _schema_check(purpose)(data)
    if problem is not None:
        where, what = problem
        raise EditionFileError(f"the edition does not match its schema at {_path_text(where)}: {what}",
                               file=file, fix=FIX + " (see `annotator schema`)")


def _path_text(parts: list[str]) -> str:
    return "".join(parts).lstrip(".") or "the top level"


@functools.lru_cache(maxsize=2)
def _schema_check(purpose: str) -> Check:
    text = resources.files("annotator").joinpath("data", "edition.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    if purpose == "evaluate":
        schema["required"] = list(EVALUATE_REQUIRED[""])
        for name, keys in EVALUATE_REQUIRED.items():
            if name:
                schema["$defs"][name]["required"] = list(keys)
    return _compile(schema, schema.get("$defs", {}), {})


_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: type(v) is int,
    "number": lambda v: type(v) in (int, float),
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: booleans equal only booleans."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _shown(value: Any) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "an integer",
             float: "a number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _compile(schema: dict[str, Any], defs: dict[str, Any], done: dict[str, Check]) -> Check:
    """One check function for a (sub)schema; $refs share theirs."""
    checks: list[Check] = []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in done:
            done[name] = lambda value: None  # a placeholder while a recursive definition compiles
            done[name] = _compile(defs[name], defs, done)
        checks.append(lambda value, name=name: done[name](value))  # type: ignore[misc]
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        tests = [_TYPES[n] for n in names]
        wanted = " or ".join(names)
        checks.append(lambda v: None if any(t(v) for t in tests) else ([], f"expected {wanted}, found {_shown(v)}"))
    if "const" in schema:
        const = schema["const"]
        checks.append(lambda v: None if _same(v, const) else ([], f"expected {const!r}"))
    if "enum" in schema:
        allowed = schema["enum"]
        checks.append(lambda v: None if any(_same(v, a) for a in allowed)
                      else ([], f"{excerpt(repr(v), 40)} is not one of {', '.join(map(repr, allowed))}"))
    if "minimum" in schema:
        low = schema["minimum"]
        checks.append(lambda v: ([], f"{excerpt(repr(v), 40)} is below {low}")
                      if type(v) in (int, float) and v < low else None)
    if "minLength" in schema:
        shortest = schema["minLength"]
        checks.append(lambda v: ([], "the string is empty" if shortest == 1 else f"shorter than {shortest}")
                      if isinstance(v, str) and len(v) < shortest else None)
    if "required" in schema or "properties" in schema:
        checks.append(_object_check(schema, defs, done))
    if "items" in schema:
        checks.append(_items_check(_compile(schema["items"], defs, done)))
    return _all(checks)


def _all(checks: list[Check]) -> Check:
    def check(value: Any) -> Optional[tuple[list[str], str]]:
        for one in checks:
            problem = one(value)
            if problem is not None:
                return problem
        return None
    return check


def _object_check(schema: dict[str, Any], defs: dict[str, Any], done: dict[str, Check]) -> Check:
    required = list(schema.get("required", []))
    properties = {key: _compile(sub, defs, done) for key, sub in schema.get("properties", {}).items()}

    def check(value: Any) -> Optional[tuple[list[str], str]]:
        if not isinstance(value, dict):
            return None  # "type" reports it
        for key in required:
            if key not in value:
                return [], f"{key!r} is missing"
        for key, sub in properties.items():
            if key in value:
                problem = sub(value[key])
                if problem is not None:
                    return [f".{key}", *problem[0]], problem[1]
        return None
    return check


def _items_check(item: Check) -> Check:
    def check(value: Any) -> Optional[tuple[list[str], str]]:
        if not isinstance(value, list):
            return None
        for i, element in enumerate(value):
            problem = item(element)
            if problem is not None:
                return [f"[{i}]", *problem[0]], problem[1]
        return None
    return check
