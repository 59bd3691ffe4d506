"""spaCy finds annotator's tokenizer through a ``spacy_tokenizers`` entry point, in a fresh process."""
from __future__ import annotations

import importlib
import importlib.metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAME = "annotator.fugashi_unidic_lite.v1"

# Nothing of annotator is imported before spacy.blank: spaCy must find the tokenizer alone.
_FRESH = f"""
import sys
import spacy
assert not any(m.split(".")[0] == "annotator" for m in sys.modules)
nlp = spacy.blank("ja", config={{"nlp": {{"tokenizer": {{"@tokenizers": "{NAME}"}}}}}})
doc = nlp("東京へ行った。日本語の文です。")
assert doc.text == "東京へ行った。日本語の文です。"
print(" ".join(t.text for t in doc))
print(" ".join(t.lemma_ for t in doc))
print(sorted(m for m in sys.modules if m.split(".")[0] == "sudachipy"))
"""


def declared_target() -> str:
    """The entry point's target as pyproject.toml declares it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["entry-points"]["spacy_tokenizers"][NAME]


def run_fresh(extra_path: list[Path]) -> list[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in [ROOT, *extra_path])}
    result = subprocess.run([sys.executable, "-c", _FRESH], capture_output=True, text=True, env=env,
                            check=False, cwd=extra_path[0] if extra_path else ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_declared_target_is_the_tokenizer_pipeline_uses() -> None:
    module, _, attribute = declared_target().partition(":")
    factory = getattr(importlib.import_module(module), attribute)
    from annotator.text import nlp

    assert factory is nlp.fugashi_tokenizer and nlp.TOKENIZER_NAME == NAME
    tokenizer = factory()(nlp.pipeline("ja"))
    assert [t.text for t in tokenizer("東京へ行った。")] == [t.text for t in nlp.analyze("東京へ行った。", "ja")]


def test_spacy_blank_finds_the_declared_entry_point_in_a_fresh_process(tmp_path: Path) -> None:
    # The metadata an install writes, made here from pyproject.toml: runs in any checkout.
    dist = tmp_path / "annotator_entry_point_check-0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: annotator-entry-point-check\nVersion: 0\n",
                                   encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[spacy_tokenizers]\n{NAME} = {declared_target()}\n", encoding="utf-8")
    tokens, lemmas, sudachi = run_fresh([tmp_path])
    assert tokens.split() == ["東京", "へ", "行っ", "た", "。", "日本", "語", "の", "文", "です", "。"]
    assert lemmas.split()[2] == "行く" and sudachi == "[]"


def test_the_installed_annotator_registers_the_entry_point() -> None:
    """Runs where annotator is installed from this tree's metadata (CI: pip install -e '.[test]')."""
    installed = {e.name: e.value for e in importlib.metadata.entry_points(group="spacy_tokenizers")}
    if NAME not in installed:
        pytest.skip("annotator's spacy_tokenizers entry point is not in this environment's metadata "
                    "(installed before it was declared): pip install -e . registers it")
    assert installed[NAME] == declared_target()
    tokens, _, sudachi = run_fresh([])
    assert tokens.split()[:2] == ["東京", "へ"] and sudachi == "[]"
