"""Where a corpus's files may be read from, and how much of them.

Every file a corpus names (its documents, corpus.toml, links.toml, glossary.toml) must lie inside
the corpus folder once links are resolved: an absolute path, a ``..`` that climbs out, or a
symbolic link that leads elsewhere is refused, so a corpus received from someone else cannot
make a build read (and publish) ``/etc/passwd`` or a file beside the corpus. Only regular files
are read (not devices, pipes or folders), and a read stops one byte past its limit: a size is
counted from the bytes actually read, so ``/proc`` files (which report size 0) and endless
devices cannot slip past a limit.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Optional

from annotator.errors import AnnotatorError, ManifestError, excerpt

_CHUNK = 1 << 20


class TooLarge(Exception):
    """A file holds more bytes than its limit allows (``limit`` is that limit)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def inside_corpus(root: Path, name: str, *, what: str, manifest: Optional[str] = None,
                  line: Optional[int] = None) -> Path:
    """The real path of ``name`` in the corpus folder ``root``; ManifestError when it is not a
    regular file inside that folder (``what`` names the entry in the message, e.g. "document file")."""
    def fail(problem: str, fix: str) -> ManifestError:
        return ManifestError(f"{what} {excerpt(name)!r} {problem}", file=manifest or str(root / name),
                             line=line, fix=fix)

    if not name or "\x00" in name:
        raise fail("is not a file name", "give the file's name, relative to the corpus folder")
    if os.path.isabs(name) or name.startswith("~"):
        raise fail("is an absolute path; a corpus reads only files inside its own folder",
                   "copy the file into the corpus folder and give its name relative to it")
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(root / name))
    if real != real_root and real_root not in real.parents:
        how = "leads outside the corpus folder" + (" (through a symbolic link)" if ".." not in Path(name).parts else "")
        raise fail(f"{how}; a corpus reads only files inside its own folder",
                   "copy the file into the corpus folder and give its name relative to it")
    try:
        mode = os.stat(real).st_mode
    except OSError:
        raise fail("does not exist", f"put the file in {excerpt(str(root))!r} or correct the name; "
                                     "paths are relative to the corpus folder") from None
    if not stat.S_ISREG(mode):
        kind = "is a folder" if stat.S_ISDIR(mode) else "is not a regular file (a device, pipe or socket)"
        raise fail(kind, "give the name of a text file in the corpus folder")
    return real


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, read until ``limit`` (TooLarge past it).

    OSError when it cannot be opened or is not a regular file (a FIFO is opened without waiting
    for a writer, then refused).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    handle = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(0, "not a regular file (a device, pipe, socket or folder)", str(path))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(handle, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(limit)
        return b"".join(chunks)
    finally:
        os.close(handle)


def read_small_file(path: Path, limit: int, what: str, error: type[AnnotatorError] = ManifestError,
                    fix: str = "check that the file exists and is readable") -> bytes:
    """``read_bounded`` with its failures as one-line errors of type ``error`` naming the file."""
    try:
        return read_bounded(path, limit)
    except TooLarge:
        raise error(f"{what} holds more than {limit:,} bytes, the limit", file=str(path),
                    fix="this is not a file annotator wrote or reads; check the path (see docs/limits.md)") from None
    except OSError as err:
        raise error(f"cannot read {what}: {err.strerror or err}", file=str(path), fix=fix) from None
