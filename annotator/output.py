"""Write an edition folder atomically, and only where annotator may: all files appear, or none change.

A build replaces its whole output folder. It may do so only to a folder that is new, empty,
or holds nothing but what an earlier build of ours wrote there: each build leaves
``.annotator-output.json`` listing the files it wrote, and that list decides (a stray
``edition.json`` does not make a folder ours). Never replaced: a folder that is, holds or lies
inside a corpus folder being built, and a symbolic link (refused: replacing it would cut the
link, and writing through it would replace a folder the link only points to).

Files are written into a staging folder beside the output, then swapped in by two renames.
Staging and backup folders are named ``.NAME.annotator-staging-*`` / ``.NAME.annotator-old-*``;
the write holds a lock on the parent folder, so any such folder found while holding it was
left by a build that was killed, and is removed. Concurrent writers into one folder take turns:
the last one's edition stands, complete, with nothing left beside it.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional, Union

from .errors import OutputError, excerpt

Content = Union[str, bytes]
OWNER_FILE = ".annotator-output.json"  # the list of the files a build wrote: they make the folder ours
OWNER_FORMAT = "annotator-output"
_OWNER_MAX_BYTES = 1 << 20
_MAX_ENTRIES = 10_000  # an edition writes about ten files; a folder with more is not one
_FIX_OUT = "choose a new or empty folder for --out"


def write_site(out: Path, files: Mapping[str, Content], corpora: Iterable[Path] = ()) -> Path:
    """Write ``files`` into a fresh folder beside ``out``, then move it into place."""
    out = Path(os.path.abspath(out))
    if not out.parent.is_dir():
        _check(out, corpora)  # before making the parent folder (where there is one, only under the lock:
        _make_parent(out)     # a check while another writer swaps its edition in would see half of it)
    with _parent_lock(out):
        _remove_stale(out)
        _check(out, corpora)  # again, locked: another process may have written there meanwhile
        staging = _staging_dir(out)
        try:
            _write_files(staging, files)
            _swap_into_place(staging, out)
        except OSError as error:
            raise OutputError(f"cannot write the output: {error.strerror or error}", file=str(out),
                              fix="choose a writable --out folder") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return out


def check_output(out: Path, corpora: Iterable[Path] = ()) -> None:
    """Raise OutputError unless a build may replace ``out`` (run it before the pipeline, too)."""
    out = Path(os.path.abspath(out))
    if out.parent.is_dir():
        with _parent_lock(out):  # not while another build swaps its edition in
            _check(out, corpora)
    else:
        _check(out, corpora)


def _check(out: Path, corpora: Iterable[Path]) -> None:
    blocker = next((p for p in (out, *out.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        where = "the output path" if blocker == out else f"{str(blocker)!r} (a parent of the output path)"
        raise OutputError(f"{where} is a file, not a folder", file=str(out), fix="choose another --out")
    if out.is_symlink():
        raise OutputError(f"the output folder is a symbolic link (to {excerpt(os.readlink(out))!r}); a build "
                          "replaces the whole folder and does not follow links", file=str(out),
                          fix="give the folder the link points to, or a new folder, as --out")
    check_apart_from_corpora(out, corpora)
    if out.is_dir():
        _check_ours(out)


def check_apart_from_corpora(out: Path, corpora: Iterable[Path]) -> None:
    real_out = out.resolve()
    for corpus in corpora:
        real = Path(corpus).resolve()
        if real_out == real or real_out in real.parents:
            what = "is" if real_out == real else "holds"
            raise OutputError(f"the output folder {what} the corpus folder {str(corpus)!r}; a build replaces "
                              "the whole output folder", file=str(out), fix="choose a folder outside the corpus for --out")
        if real in real_out.parents:
            raise OutputError(f"the output folder lies inside the corpus folder {str(corpus)!r}", file=str(out),
                              fix="choose a folder outside the corpus for --out")


def _check_ours(out: Path) -> None:
    """The folder is empty, or holds only the files its ownership list names."""
    try:
        found = _entries(out)
    except OSError as error:
        raise OutputError(f"cannot read the output folder: {error.strerror or error}", file=str(out),
                          fix="choose a writable --out folder") from None
    if not found:
        return
    owned = read_owner_list(out)
    if owned is None:
        raise OutputError("the output folder holds other files and no edition written by annotator "
                          f"(no {OWNER_FILE}); a build replaces the whole folder", file=str(out), fix=_FIX_OUT)
    stranger = next((name for name in sorted(found) if name not in owned and name != OWNER_FILE), None)
    if stranger is not None:
        raise OutputError(f"the output folder holds {excerpt(stranger)!r}, which annotator did not write; a build "
                          "replaces the whole folder", file=str(out), fix=f"move that file away, or {_FIX_OUT}")


def _entries(out: Path) -> set[str]:
    """Relative paths of the files, links and empty folders in ``out`` (links are not followed)."""
    found: set[str] = set()
    for folder, dirs, names in os.walk(out, onerror=_raise):
        base = Path(folder).relative_to(out)
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            found.add((base / name).as_posix())
        if not dirs and not names and folder != str(out):
            found.add(base.as_posix() + "/")
        if len(found) > _MAX_ENTRIES:
            break
    return found


def _raise(error: OSError) -> None:
    raise error


def read_owner_list(out: Path) -> Optional[frozenset[str]]:
    """The files the ownership list in ``out`` names, or None when it has none that is valid."""
    path = out / OWNER_FILE
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _OWNER_MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    files = data.get("files") if isinstance(data, dict) and data.get("format") == OWNER_FORMAT else None
    if not isinstance(files, list) or not all(isinstance(name, str) for name in files):
        return None
    return frozenset(files)


def owner_list_text(names: Iterable[str]) -> str:
    """The ownership list's text: the files a build wrote, sorted."""
    return json.dumps({"format": OWNER_FORMAT, "version": 1, "files": sorted(names)}, indent=1) + "\n"


def _write_files(staging: Path, files: Mapping[str, Content]) -> None:
    for name, content in sorted(files.items()):
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8", newline="\n")
        else:
            target.write_bytes(content)
    (staging / OWNER_FILE).write_text(owner_list_text(files), encoding="utf-8")


def _make_parent(out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the output folder: {error.strerror or error}", file=str(out),
                          fix="choose a writable --out folder") from None


@contextlib.contextmanager
def _parent_lock(out: Path) -> Iterator[None]:
    """An exclusive lock on the output's parent folder (flock on the folder itself: no lock file)."""
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: no lock, as before
        yield
        return
    try:
        handle = os.open(out.parent, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock


def _our_leftovers(out: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{out.name}.annotator-") + r"(?:staging|old)-[0-9a-f]{16}")


def _remove_stale(out: Path) -> None:
    """Staging and backup folders of this output left by a build that was killed (the lock is held)."""
    pattern = _our_leftovers(out)
    try:
        leftovers = [entry for entry in os.scandir(out.parent) if pattern.fullmatch(entry.name)]
    except OSError:
        return
    for entry in leftovers:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)


def _staging_dir(out: Path) -> Path:
    staging = out.parent / f".{out.name}.annotator-staging-{secrets.token_hex(8)}"
    try:
        staging.mkdir(mode=0o777)  # the umask applies, as for any folder the user makes
        return staging
    except OSError as error:
        raise OutputError(f"cannot create the output folder: {error.strerror or error}", file=str(out),
                          fix="choose a writable --out folder") from None


def _swap_into_place(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    backup = out.parent / f".{out.name}.annotator-old-{secrets.token_hex(8)}"
    try:
        os.replace(out, backup)
        os.replace(staging, out)
    except BaseException:  # an interrupt too: the previous edition goes back where it was
        if backup.exists() and not out.exists():
            os.replace(backup, out)
        raise
    shutil.rmtree(backup, ignore_errors=True)
