"""What goes into a handout: which sheets, language, sections, documents, questions, paper, furigana.

Read from the command line, or from ``handout.toml`` in the corpus folder (the command line wins):

    kinds = ["student", "teacher"]
    lang = "ja"               # ja | en | both (default: the corpus's language)
    sections = ["輸出管理"]    # source sections, by heading or number (default: all)
    documents = ["source", "summary"]   # roles or document ids (default: all)
    questions = [1, 3]        # question numbers (default: all)
    paper = "A4"              # A4 | Letter
    furigana = "beyond-joyo"  # all | beyond-joyo | grade:N (default: none)
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Optional

from ...corpus.files import inside_corpus
from ...corpus.structured import read_toml_file
from ...errors import AnnotatorError, excerpt

KINDS = ("student", "teacher")
LANGS = ("ja", "en", "both")
PAPERS = ("A4", "Letter")
FURIGANA = re.compile(r"^(all|beyond-joyo|grade:[1-6])$")
FILE_NAME = "handout.toml"


class HandoutOptionError(AnnotatorError):
    """A handout option (on the command line or in handout.toml) has a value that cannot be used."""


@dataclass(frozen=True)
class HandoutOptions:
    """The choices that shape the handouts; the defaults give every part of the edition."""

    kinds: tuple[str, ...] = KINDS
    lang: Optional[str] = None
    sections: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    questions: tuple[int, ...] = ()
    paper: str = "A4"
    furigana: Optional[str] = None

    def __post_init__(self) -> None:
        check(self)


def check(options: HandoutOptions, file: Optional[str] = None) -> None:
    """Raise ``HandoutOptionError`` naming the first value that cannot be used, and the fix."""
    def fail(what: str, fix: str) -> None:
        raise HandoutOptionError(what, file=file, fix=fix)

    if not options.kinds or any(k not in KINDS for k in options.kinds):
        fail(f"unknown handout kind in {','.join(options.kinds) or 'nothing'}", "use student, teacher or both")
    if options.lang is not None and options.lang not in LANGS:
        fail(f"unknown handout language {options.lang!r}", "use ja, en or both")
    if options.paper not in PAPERS:
        fail(f"unknown paper size {options.paper!r}", "use A4 or Letter")
    if options.furigana is not None and not FURIGANA.match(options.furigana):
        fail(f"unknown furigana setting {options.furigana!r}", "use all, beyond-joyo or grade:N (N from 1 to 6)")
    if any(n < 1 for n in options.questions):
        fail("question numbers start at 1", "number the questions as the handout does: 1, 2, 3 …")


def from_file(corpus_path: str | Path) -> dict[str, Any]:
    """The settings of ``handout.toml`` in a corpus folder (empty when there is none)."""
    path = Path(corpus_path) / FILE_NAME
    if not path.exists() and not path.is_symlink():
        return {}
    # inside the corpus folder, a regular file, bounded in size and nesting (docs/limits.md)
    text = read_toml_file(inside_corpus(Path(corpus_path), FILE_NAME, what="the handout settings"), FILE_NAME)
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as error:  # TOMLDecodeError, or a number past 4,300 digits
        raise HandoutOptionError(f"cannot read it: {excerpt(str(error))}", file=str(path),
                                 fix="write it as TOML, e.g. questions = [1, 2]") from None
    known = {f.name for f in fields(HandoutOptions)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise HandoutOptionError(f"unknown setting {unknown[0]!r}", file=str(path),
                                 fix=f"use one of: {', '.join(sorted(known))}")
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


def merged(corpus_path: str | Path, given: Optional[HandoutOptions] = None,
           explicit: frozenset[str] = frozenset()) -> HandoutOptions:
    """The corpus's handout.toml settings, overridden by the ``explicit`` fields of ``given``."""
    settings = from_file(corpus_path)
    base = given or HandoutOptions()
    try:
        chosen = replace(HandoutOptions(), **settings)
    except (TypeError, HandoutOptionError) as error:
        raise HandoutOptionError(str(getattr(error, "message", error)), file=str(Path(corpus_path) / FILE_NAME),
                                 fix=getattr(error, "fix", None) or "see docs/handouts.md") from None
    return replace(chosen, **{name: getattr(base, name) for name in explicit})


def split_list(text: str) -> tuple[str, ...]:
    """A comma-separated command-line value as a tuple of its non-empty parts."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def question_numbers(text: str) -> tuple[int, ...]:
    """``1,3,5-7`` as (1, 3, 5, 6, 7)."""
    numbers: list[int] = []
    for part in split_list(text):
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise HandoutOptionError(f"not a question number: {part!r}", fix="give numbers such as 1,3,5-7")
        numbers += range(int(low), int(high or low) + 1)
    return tuple(numbers)
