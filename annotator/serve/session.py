"""One review session: the served corpus, its current edition and pages, and the undo history.

Every action runs under one lock: check it against the current edition, append its entry to
links.toml (atomically, after checking that the new file parses), rebuild, then answer. Two tabs
writing at once are thus applied one after the other, in the order they arrive.
"""
from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..check.tags import tag_kinds
from ..edition.model import Edition
from ..edition.serialize import edition_json
from ..errors import AnnotatorError
from ..link.corrections import parse_corrections
from ..link.corrections_file import append_entry, corrections_path, entry_text, remove_entry
from ..pipeline import build_edition
from ..render.catalog import Catalog
from .actions import BadAction, parse_action
from .page import handout_pages, review_page
from .state import edition_ids, review_state

UNDO_STEPS = 50  # how far back undo reaches in one session


@dataclass(frozen=True)
class Built:
    """The edition and everything served from it, made once per change."""

    edition: Edition
    catalog: Catalog
    index: str
    handouts: dict[str, str]  # file name → page: the student sheet and the teacher's key
    json: str


class ReviewSession:
    """The corpus being reviewed; ``act``, ``undo`` and ``redo`` change its links.toml and rebuild."""

    def __init__(self, corpus: Path, semantic: bool = False, token: Optional[str] = None) -> None:
        self.corpus = Path(corpus).resolve()
        self.semantic = semantic
        self.token = token or secrets.token_hex(16)
        self._lock = threading.Lock()
        self._undo: list[str] = []  # entry texts this session appended, latest last
        self._redo: list[str] = []
        self.problem = ""  # why the files as they stand do not build ('' when they do)
        self._stamp = self._files()
        self.built = self._build()

    def _files(self) -> tuple[tuple[str, int, int], ...]:
        """Name, mtime and size of each file of the corpus folder: a change by hand shows here."""
        found: list[tuple[str, int, int]] = []
        if not self.corpus.is_dir():  # the pipeline says what is wrong
            return ()
        for path in sorted(self.corpus.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                stat = path.stat()
                found.append((path.name, stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def current(self) -> Built:
        """The edition of the files as they stand: rebuilt when one was edited by hand since the last
        build; when they no longer build, the last edition, with ``problem`` saying why."""
        with self._lock:
            stamp = self._files()
            if stamp != self._stamp:
                self._stamp = stamp
                try:
                    self.built = self._build()
                    self.problem = ""
                except AnnotatorError as error:
                    self.problem = str(error)
            return self.built

    def _build(self) -> Built:
        edition = build_edition(self.corpus, semantic=self.semantic)
        catalog = Catalog(edition)
        return Built(edition, catalog, review_page(edition, catalog, self.token),
                     handout_pages(edition, catalog, self.corpus),
                     edition_json(edition))

    def state(self) -> dict[str, Any]:
        """What the review script shows (see state.py)."""
        built = self.built
        state = review_state(built.edition, built.catalog, {"undo": len(self._undo), "redo": len(self._redo)})
        if self.problem:
            state["stale"] = [f"the files as they stand do not build: {self.problem}"] + state["stale"]
        return state

    def act(self, body: Any) -> dict[str, Any]:
        """Apply one action (BadAction, nothing changed, when it is refused); the new state."""
        with self._lock:
            built = self.built
            correction = parse_action(body, built.edition, built.catalog, edition_ids(built.edition))
            text = entry_text(correction.kind, correction.values, correction.comments, correction.heading)
            self._append(text)
            self._undo = (self._undo + [text])[-UNDO_STEPS:]
            self._redo.clear()
            return self._rebuilt()

    def undo(self) -> dict[str, Any]:
        """Take back the latest action of this session; the new state."""
        with self._lock:
            if not self._undo:
                raise BadAction("nothing to undo")
            text = self._undo[-1]
            try:
                remove_entry(self.corpus, text)
            except LookupError as error:
                self._undo.clear()
                raise BadAction(str(error)) from None
            self._redo.append(self._undo.pop())
            return self._rebuilt()

    def redo(self) -> dict[str, Any]:
        """Apply again the latest action undone; the new state."""
        with self._lock:
            if not self._redo:
                raise BadAction("nothing to redo")
            text = self._redo[-1]
            self._append(text)
            self._undo.append(self._redo.pop())
            return self._rebuilt()

    def _append(self, text: str) -> None:
        """Append an entry, refusing it (file unchanged) when the file would no longer read."""
        edition = self.built.edition
        path = corrections_path(self.corpus)
        kinds = tag_kinds()

        def check(new: str) -> None:
            try:
                parse_corrections(path, new, edition.units, edition.sections, kinds)
            except AnnotatorError as error:
                raise BadAction(f"links.toml cannot take the entry: {error}") from None

        append_entry(self.corpus, text, check)

    def _rebuilt(self) -> dict[str, Any]:
        self._stamp = self._files()
        self.built = self._build()
        self.problem = ""
        return self.state()

