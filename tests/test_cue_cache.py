"""Cue lemmas are kept in the cache folder: a second start reads them, a damaged entry is analyzed again."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.check import cues

PIECES = ["無視する", "誰も", "ない", "cherry-pick", "ignored the"]


def test_kept_lemmas_are_read_back_and_equal_the_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_CACHE", str(tmp_path))
    first = cues.piece_lemmas(PIECES)
    assert first == cues._analyzed(sorted(PIECES)) and first["ignored the"][0] == ["ignore"]
    kept = list(tmp_path.glob("cue-lemmas-*.json"))
    assert len(kept) == 1

    def refuse(pieces: list[str]) -> dict[str, list[list[str]]]:
        raise AssertionError("analyzed again although the cache holds these pieces")

    monkeypatch.setattr(cues, "_analyzed", refuse)
    assert cues.piece_lemmas(PIECES) == first


def test_a_damaged_or_foreign_entry_is_analyzed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_CACHE", str(tmp_path))
    first = cues.piece_lemmas(PIECES)
    entry = next(tmp_path.glob("cue-lemmas-*.json"))
    for damage in ("{not json", '{"other": []}', "[]"):
        entry.write_text(damage, encoding="utf-8")
        assert cues.piece_lemmas(PIECES) == first


def test_without_a_cache_folder_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_CACHE", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cues.piece_lemmas(PIECES) == cues._analyzed(sorted(PIECES))
    assert not list(tmp_path.rglob("cue-lemmas-*"))
