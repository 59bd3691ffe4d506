"""Writing ``links.toml``: an entry appended (or taken back) atomically, one writer at a time.

The file stays the user's: a new entry is appended as text, so comments and entries written by
hand are kept byte for byte. Every change holds a lock on the corpus folder (one writer across
threads and processes), re-reads the file, and replaces it through a temporary file and a rename,
so a crash or a kill mid-write leaves the previous file whole. Used by ``annotator serve``; other
writers (an importer) should use ``entry_text`` and ``append_entry`` too.
"""
from __future__ import annotations

import fcntl
import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Mapping, Optional

from .corrections import ENTRY_KEYS, FILE, REQUIRED, toml_string

HEADER = ("# Corrections to the links and findings of this corpus, applied by `annotator build` and\n"
          "# written by `annotator serve`. Entries apply in order, later over earlier; see docs/corrections.md.\n")
_THREADS = threading.Lock()  # flock is per open file: threads of one process also need a lock


def comment_text(text: str) -> str:
    """Text made safe to stand after ``#`` on one line."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def entry_text(kind: str, values: Mapping[str, Optional[str]], comments: Mapping[str, str] = {},
               heading: str = "") -> str:
    """The TOML text of one entry: ``[[kind]]`` (with ``heading`` as a comment), then its keys in
    the documented order, each unit id followed by the number the page shows (``comments``)."""
    allowed = ENTRY_KEYS.get(kind)
    if allowed is None:
        raise ValueError(f"no correction kind {kind!r}")
    unknown = set(values) - set(allowed)
    missing = [key for key in REQUIRED[kind] if not values.get(key)]
    if unknown or missing:
        raise ValueError(f"[[{kind}]]: unknown keys {sorted(unknown)}, missing {missing}")
    lines = [f"[[{kind}]]" + (f"  # {comment_text(heading)}" if heading.strip() else "")]
    for key in allowed:
        value = values.get(key)
        if value is not None:
            note = comment_text(comments.get(key, ""))
            lines.append(f"{key} = {toml_string(value)}" + (f"  # {note}" if note else ""))
    return "\n".join(lines) + "\n"


def corrections_path(corpus_dir: Path) -> Path:
    """The corpus's corrections file."""
    return Path(corpus_dir) / FILE


def read_text(corpus_dir: Path) -> str:
    """The file's text, '' when there is none."""
    path = corrections_path(corpus_dir)
    return path.read_text(encoding="utf-8-sig") if path.is_file() else ""


@contextmanager
def locked(corpus_dir: Path) -> Iterator[None]:
    """Hold the corpus folder's writer lock (threads of this process, and other processes)."""
    with _THREADS:
        fd = os.open(str(corpus_dir), os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the flock


def update(corpus_dir: Path, change: Callable[[str], str]) -> str:
    """Under the lock: read the file, apply ``change`` to its text, write the result atomically;
    the new text. ``change`` may raise to leave the file as it was."""
    with locked(corpus_dir):
        new = change(read_text(corpus_dir))
        write_atomically(corrections_path(corpus_dir), new)
        return new


def with_entry(old: str, text: str) -> str:
    """The file's text with one entry appended (a new file starts with a header comment)."""
    base = old if old.strip() else HEADER
    return base + ("" if base.endswith("\n") else "\n") + "\n" + text


def append_entry(corpus_dir: Path, text: str, check: Optional[Callable[[str], None]] = None) -> str:
    """Append one entry (``entry_text``) to the file; the new text. ``check`` sees the new text
    first and may raise to leave the file as it was (e.g. ``parse_corrections`` against the edition)."""
    def add(old: str) -> str:
        new = with_entry(old, text)
        if check is not None:
            check(new)
        return new
    return update(corpus_dir, add)


def remove_entry(corpus_dir: Path, text: str) -> str:
    """Take back the last occurrence of an entry written by ``append_entry``; LookupError (the
    file unchanged) when the file no longer holds it word for word."""
    def take(old: str) -> str:
        at = old.rfind("\n" + text)
        if at < 0:
            raise LookupError("the entry is no longer in links.toml as written (edited by hand?)")
        return old[:at] + old[at + 1 + len(text):]
    return update(corpus_dir, take)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` through a synced temporary file in the same folder and a rename."""
    fd, temp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
