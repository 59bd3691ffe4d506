"""docs/api.md's examples run as written, in a fresh process, on a copy of the bundled corpora."""
from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"
TOKENIZER = "annotator.fugashi_unidic_lite.v1"

pytest.importorskip("pandas", reason="the examples use Edition.to_pandas(): pip install 'annotator[pandas]'")


def examples() -> list[str]:
    """The ```python blocks of docs/api.md, in order."""
    return re.findall(r"^```python\n(.*?)^```$", DOC.read_text(encoding="utf-8"), flags=re.S | re.M)


def entry_point_path(tmp_path: Path) -> list[Path]:
    """Nothing when annotator's installed metadata declares the spaCy entry point (CI); else a
    folder holding that metadata, made from pyproject.toml as an install would."""
    if any(e.name == TOKENIZER for e in importlib.metadata.entry_points(group="spacy_tokenizers")):
        return []
    from test_spacy_entry_point import declared_target

    dist = tmp_path / "metadata" / "annotator_docs_check-0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: annotator-docs-check\nVersion: 0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[spacy_tokenizers]\n{TOKENIZER} = {declared_target()}\n",
                                           encoding="utf-8")
    return [dist.parent]


def test_the_api_docs_examples_run(tmp_path: Path) -> None:
    blocks = examples()
    assert len(blocks) >= 8 and any("to_pandas" in b for b in blocks) and any("write_site" in b for b in blocks)
    work = tmp_path / "work"
    shutil.copytree(ROOT / "corpus", work / "corpus")
    script = "\n".join(f"print('--- example {i + 1}')\n{block}" for i, block in enumerate(blocks))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, [ROOT, *entry_point_path(tmp_path)]))}
    done = subprocess.run([sys.executable, "-c", script], cwd=work, capture_output=True, text=True, env=env,
                          check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert out.count("--- example") == len(blocks)
    assert "miscitation:" in out and "number_mismatch:" in out  # the bundled corpus's deliberate errors
    assert (work / "site" / "index.html").is_file() and (work / "rebuttals.csv").is_file()
    assert "('渋滞', '渋滞', 'NOUN')" in out
    assert "skipped" not in out and "'corpus': 'deepseek-export-controls'" in out
