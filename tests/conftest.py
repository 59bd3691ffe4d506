"""Shared fixtures: the seed corpus built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus" / "deepseek-export-controls"


@pytest.fixture(scope="session", autouse=True)
def vector_cache_in_tmp(tmp_path_factory):
    """--semantic builds keep vectors in a cache of this session's own, never the user's."""
    import os

    os.environ["ANNOTATOR_CACHE"] = str(tmp_path_factory.mktemp("annotator-cache"))


@pytest.fixture(scope="session")
def seed_edition():
    """The Edition of the bundled seed corpus."""
    from annotator.pipeline import build_edition

    return build_edition(SEED_CORPUS)


@pytest.fixture(scope="session")
def seed_json(seed_edition):
    """The seed edition as edition.json data."""
    from annotator.edition.serialize import edition_dict

    return edition_dict(seed_edition)
