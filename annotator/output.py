"""Write a set of output files atomically: all of them appear, or none change."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping, Union

from .errors import OutputError

Content = Union[str, bytes]
EDITION_MARK = "edition.json"  # a folder holding it was written by a build, and may be replaced
MANIFEST = "corpus.toml"


def write_site(out: Path, files: Mapping[str, Content]) -> Path:
    """Write ``files`` (name → str or bytes, as ``render_site`` gives) as the folder ``out``:
    into a fresh folder beside it, then moved into place, so that all files appear or none
    change. ``out`` may be new, empty or an earlier edition; anything else is an ``OutputError``.
    Returns the absolute path."""
    out = Path(out).absolute()
    _check_replaceable(out)
    staging = _staging_dir(out)
    try:
        for name, content in sorted(files.items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                target.write_text(content, encoding="utf-8", newline="\n")
            else:
                target.write_bytes(content)
        _swap_into_place(staging, out)
    except OSError as error:
        raise OutputError(f"cannot write the output: {error.strerror or error}", file=str(out),
                          fix="choose a writable --out folder") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _check_replaceable(out: Path) -> None:
    """The build replaces the whole folder: only an earlier edition, or nothing, may stand there."""
    blocker = next((p for p in (out, *out.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        where = "the output path" if blocker == out else f"{str(blocker)!r} (a parent of the output path)"
        raise OutputError(f"{where} is a file, not a folder", file=str(out), fix="choose another --out")
    if not out.is_dir():
        return
    try:
        names = {p.name for p in out.iterdir()}
    except OSError as error:
        raise OutputError(f"cannot read the output folder: {error.strerror or error}", file=str(out),
                          fix="choose a writable --out folder") from None
    if names and (EDITION_MARK not in names or MANIFEST in names):
        raise OutputError("the output folder holds other files and no edition; a build replaces the whole "
                          "folder", file=str(out), fix="choose a new or empty folder for --out")


def _staging_dir(out: Path) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; the site should not be
        return staging
    except OSError as error:
        raise OutputError(f"cannot create the output folder: {error.strerror or error}", file=str(out),
                          fix="choose a writable --out folder") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap_into_place(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    backup.rmdir()
    try:
        os.replace(out, backup)
        os.replace(staging, out)
    except BaseException:  # an interrupt too: the previous edition goes back where it was
        if backup.exists() and not out.exists():
            os.replace(backup, out)
        raise
    shutil.rmtree(backup, ignore_errors=True)
