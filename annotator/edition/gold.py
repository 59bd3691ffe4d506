"""The gold standard an edition is scored against: load, validate, list its references.

The format is documented in docs/gold-format.md. Units are named by verbatim substrings
of their text and sections by their heading, never by id, so a gold file survives changes
to the parser's ids and offsets.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NoReturn, Optional

from annotator.corpus.structured import read_json_file
from annotator.check.taxonomy import kind_ids
from annotator.errors import AnnotatorError

GOLD_FORMAT = "annotator-gold"
GOLD_VERSION = 1
# miscitation is never listed: it follows from support_section differing from cited_section
FLAG_KINDS = ("number_mismatch", "unknown_section")
QUOTE_STATUSES = ("exact", "close", "absent", "redacted", "translated")
CLAIM_KINDS = ("point", "group", "bullet", "paragraph")
BLOCK_KINDS = ("paragraph", "bullet")
SENTENCE_KINDS = ("sentence",)
_FIX = "see docs/gold-format.md"


MAX_GOLD_BYTES = 64 * 1024 * 1024  # a gold file is written by hand: some KB


class GoldError(AnnotatorError):
    """The gold file is malformed, or one of its substrings names no unit or several."""


@dataclass(frozen=True)
class GoldRef:
    """One substring of the gold that must name exactly one unit of the edition."""

    where: str  # the field, e.g. 'summary[4].sentence'
    entry: str  # the entry, for messages: 'summary[4] ("…")'
    role: str  # the document role searched: commentary, summary or source
    kinds: tuple[str, ...]
    text: str


Check = Callable[[Any], Optional[str]]


def tag_kinds() -> tuple[str, ...]:
    """Tag ids a gold may list: every id of the shipped taxonomy (data/rebuttal_types.toml)."""
    return kind_ids()


def _text(value: Any) -> Optional[str]:
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _text_or_null(value: Any) -> Optional[str]:
    return None if value is None else _text(value)


def _texts(value: Any) -> Optional[str]:
    if not isinstance(value, list) or any(_text(v) for v in value):
        return "must be a list of non-empty strings"
    return "lists the same string twice" if len(set(value)) < len(value) else None


def _choices(allowed: tuple[str, ...] | Callable[[], tuple[str, ...]], many: bool) -> Check:
    def check(value: Any) -> Optional[str]:
        options = allowed() if callable(allowed) else allowed
        values = value if many and isinstance(value, list) else [value]
        if (many and not isinstance(value, list)) or any(v not in options for v in values):
            return f"must be {'a list of ' if many else ''}one of {', '.join(options)}"
        return "lists the same value twice" if len(set(values)) < len(values) else None
    return check


def _quotes(value: Any) -> Optional[str]:
    if not isinstance(value, list):
        return "must be a list of {\"text\", \"status\"} objects"
    for quote in value:
        if not isinstance(quote, dict) or set(quote) != {"text", "status"}:
            return "must be a list of objects with exactly the keys text and status"
        problem = _text(quote["text"]) or _choices(QUOTE_STATUSES, False)(quote["status"])
        if problem:
            return f"has a quote whose text or status {problem}"
    return None


# key -> (required, check)
_SUMMARY: dict[str, tuple[bool, Check]] = {
    "unit": (True, _text), "kind": (True, _choices(CLAIM_KINDS, False)),
    "cited_section": (True, _text_or_null), "support_section": (True, _text_or_null),
    "paragraph": (True, _text_or_null), "sentence": (True, _text_or_null),
    "alternatives": (False, _texts), "flags": (False, _choices(FLAG_KINDS, True)),
    "quotes": (False, _quotes), "note": (False, _text),
}
_COMMENTARY: dict[str, tuple[bool, Check]] = {
    "unit": (True, _text), "kind": (True, _choices(CLAIM_KINDS, False)),
    "targets": (False, _texts), "tags": (False, _choices(tag_kinds, True)),
    "flags": (False, _choices(FLAG_KINDS, True)), "quotes": (False, _quotes), "note": (False, _text),
}
_TOP = {"format": True, "version": True, "corpus": False, "summary": True, "commentary": True}


def load_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and validate a gold JSON file."""
    name = os.fspath(path)
    data = read_json_file(Path(name), MAX_GOLD_BYTES, "the gold file", GoldError, "check the path and fix the JSON")
    validate_gold(data, file=name)
    return data


def validate_gold(gold: Any, file: Optional[str] = None) -> None:
    """Raise GoldError naming the first problem of a gold dict; return None when it is valid."""
    def fail(message: str, fix: str = _FIX) -> NoReturn:
        raise GoldError(message, file=file, fix=fix)

    if not isinstance(gold, dict):
        fail("the gold must be a JSON object")
    for key in gold:
        if key not in _TOP:
            fail(f"unknown top-level key {key!r}", f"allowed keys: {', '.join(_TOP)}")
    for key, required in _TOP.items():
        if required and key not in gold:
            fail(f"missing top-level key {key!r}")
    if "corpus" in gold and _text(gold["corpus"]):
        fail("'corpus' must be a non-empty string (the corpus folder's name)")
    if gold["format"] != GOLD_FORMAT or type(gold["version"]) is not int or gold["version"] != GOLD_VERSION:
        fail(f"format/version must be {GOLD_FORMAT!r}/{GOLD_VERSION}, got "
             f"{gold['format']!r}/{gold['version']!r}")
    for part, schema in (("summary", _SUMMARY), ("commentary", _COMMENTARY)):
        if not isinstance(gold[part], list):
            fail(f"{part!r} must be a list of entries")
        for i, entry in enumerate(gold[part]):
            _check_entry(entry, schema, f"{part}[{i}]", fail)


def _check_entry(entry: Any, schema: dict[str, tuple[bool, Check]], where: str,
                 fail: Callable[..., NoReturn]) -> None:
    if not isinstance(entry, dict):
        fail(f"{where} must be an object")
    for key, value in entry.items():
        if key not in schema:
            fail(f"{where}: unknown key {key!r}", f"allowed keys: {', '.join(schema)}")
        problem = schema[key][1](value)
        if problem:
            fail(f"{where}.{key} {problem}")
    missing = [key for key, (required, _) in schema.items() if required and key not in entry]
    if missing:
        fail(f"{where}: missing key {missing[0]!r}")
    if "sentence" in entry and (entry["sentence"] is None) != (entry["paragraph"] is None):
        fail(f"{where}: paragraph and sentence must both be given or both be null")
    if entry.get("alternatives") and entry.get("sentence") is None:
        fail(f"{where}: alternatives need a sentence")
    if schema is _COMMENTARY and not any(entry.get(k) for k in ("targets", "tags", "flags", "quotes")):
        fail(f"{where}: the entry gives no targets, tags, flags or quotes", "add one or drop the entry")


def entry_name(part: str, index: int, entry: dict[str, Any]) -> str:
    """How messages name a gold entry: its list position and the start of its unit substring."""
    text = entry["unit"]
    return f'{part}[{index}] ("{text[:24]}{"…" if len(text) > 24 else ""}")'


def gold_references(gold: dict[str, Any]) -> list[GoldRef]:
    """Every unit substring of a valid gold, with the role and unit kinds it must match."""
    refs: list[GoldRef] = []
    for part in ("summary", "commentary"):
        for i, entry in enumerate(gold[part]):
            name, where = entry_name(part, i, entry), f"{part}[{i}]"
            refs.append(GoldRef(f"{where}.unit", name, part, (entry["kind"],), entry["unit"]))
            if entry.get("paragraph") is not None:
                refs.append(GoldRef(f"{where}.paragraph", name, "source", BLOCK_KINDS, entry["paragraph"]))
            sentences = [("sentence", entry.get("sentence"))]
            for key in ("alternatives", "targets"):
                sentences += [(f"{key}[{k}]", t) for k, t in enumerate(entry.get(key, ()))]
            refs += [GoldRef(f"{where}.{key}", name, "source", SENTENCE_KINDS, text)
                     for key, text in sentences if text is not None]
    return refs
