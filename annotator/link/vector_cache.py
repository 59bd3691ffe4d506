"""Sentence vectors kept between builds, so a rebuild encodes only the sentences that changed.

One SQLite file (``semantic.sqlite``) in ``$ANNOTATOR_CACHE``, else ``$XDG_CACHE_HOME/annotator``,
else ``~/.cache/annotator``; ``ANNOTATOR_CACHE=off`` turns it off. Keys are SHA-256 digests of
encoder, mode and text, so nothing of the texts is stored but their vectors. SQLite's locking
lets parallel builds (``--jobs``) share the file. A cache that cannot be opened or written is
skipped: it only saves time, it never decides a result (the encoder gives the same vector for a
text whatever else is in its batch, so a cached vector equals a fresh one).
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import numpy

FILE_NAME = "semantic.sqlite"


def cache_dir() -> Optional[Path]:
    """Where the cache lives, or None when turned off."""
    configured = os.environ.get("ANNOTATOR_CACHE")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "annotator"


def cached_vectors(namespace: str, texts: Sequence[str], encode: Callable[[list[str]], Any], width: int) -> Any:
    """Vectors of ``texts`` (rows of ``width`` float32): cached ones read, the rest encoded in one
    batch and kept. A cached vector of another width (a damaged entry) is encoded again."""
    key_of = {text: hashlib.sha256(f"{namespace}\0{text}".encode("utf-8")).hexdigest() for text in texts}
    found = {key: vector for key, vector in _read(list(set(key_of.values()))).items() if vector.size == width}
    missing = [t for t, k in key_of.items() if k not in found]
    if missing:
        new = dict(zip((key_of[t] for t in missing), numpy.asarray(encode(missing), dtype=numpy.float32)))
        _write(new)
        found.update(new)
    if not texts:
        return numpy.zeros((0, width), dtype=numpy.float32)
    return numpy.stack([found[key_of[t]] for t in texts])


def _connect() -> Optional[sqlite3.Connection]:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(folder / FILE_NAME, timeout=30)
    except (OSError, sqlite3.Error):
        return None
    try:
        connection.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
    except sqlite3.Error:  # not an SQLite file, or read-only
        connection.close()
        return None
    return connection


def _read(keys: Sequence[str]) -> dict[str, Any]:
    connection = _connect()
    if connection is None:
        return {}
    found: dict[str, Any] = {}
    try:
        with connection:
            for start in range(0, len(keys), 500):  # SQLite caps the number of parameters
                chunk = keys[start:start + 500]
                rows = connection.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})",
                                          chunk)
                found.update((key, _vector(blob)) for key, blob in rows)
    except sqlite3.Error:
        return {}
    finally:
        connection.close()
    return found


def _vector(blob: Any) -> Any:
    """A stored vector; an empty one (so: of no use) when the blob is not whole float32s."""
    if not isinstance(blob, bytes) or len(blob) % 4:
        return numpy.zeros(0, dtype=numpy.float32)
    return numpy.frombuffer(blob, dtype=numpy.float32)


def _write(vectors: dict[str, Any]) -> None:
    connection = _connect()
    if connection is None:
        return
    try:
        with connection:
            connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                   [(key, numpy.asarray(v, dtype=numpy.float32).tobytes()) for key, v in vectors.items()])
    except sqlite3.Error:
        pass  # a full disk or a read-only cache costs time next build, nothing else
    finally:
        connection.close()
