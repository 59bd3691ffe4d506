"""The whole pipeline in one process, stage by stage, against the tokenizer's share of it.

Run: ``python benchmarks/bench_pipeline.py [--copies 16 32]``. For each size, a corpus of that
many rounds of the seed (benchmarks/corpora.py) is built in memory the way ``annotator build``
does (pipeline, render, anchor check, edition.json, exports; no disk writes), after a warm-up
build of the seed. The stages are timed by wrapping the functions the pipeline calls, so this
file needs no change when a stage's inside does. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpora import SEED, write_scaled  # noqa: E402

# (module, function) pairs timed as stages; nlp is the tokenizer, the rest come after it
STAGES = (("annotator.pipeline", "load_corpus", "load"), ("annotator.pipeline", "analyze_documents", "nlp"),
          ("annotator.pipeline", "parse_structure", "structure"), ("annotator.pipeline", "align", "align"),
          ("annotator.pipeline", "tag_units", "tags"), ("annotator.pipeline", "run_checks", "checks"),
          ("annotator.build", "render_index", "render"), ("annotator.build", "render_handout", "render"),
          ("annotator.build", "check_anchors", "anchors"), ("annotator.build", "edition_dict", "json"),
          ("annotator.build", "edition_json", "json"),
          ("annotator.exports", "export_files", "exports"))


class StageClock:
    """Wall time spent in each stage's functions while installed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._undo: list[tuple[Any, str, Any]] = []

    def install(self) -> None:
        """Wrap every stage function that exists (a missing one is skipped)."""
        import importlib

        for module_name, attr, stage in STAGES:
            module = importlib.import_module(module_name)
            func = getattr(module, attr, None)
            if func is not None:
                self._undo.append((module, attr, func))
                setattr(module, attr, self._timed(func, stage))

    def remove(self) -> None:
        """Put the original functions back."""
        for module, attr, func in reversed(self._undo):
            setattr(module, attr, func)
        self._undo.clear()

    def _timed(self, func: Callable[..., Any], stage: str) -> Callable[..., Any]:
        @functools.wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started
        return timed


def build_in_memory(corpus: Path) -> dict[str, Any]:
    """Build ``corpus`` as ``annotator build`` does, without writing; time it stage by stage."""
    from annotator.build import render_site
    from annotator.pipeline import build_edition

    clock = StageClock()
    clock.install()
    try:
        started = time.perf_counter()
        edition = build_edition(corpus)
        render_site(edition)
        total = time.perf_counter() - started
    finally:
        clock.remove()
    chars = sum(len(d.text) for d in edition.corpus.documents)
    nlp = clock.seconds.get("nlp", 0.0)
    return {"chars": chars, "units": len(edition.units), "seconds": total, "stages": clock.seconds,
            "pipeline_chars_per_s": chars / total, "tokenizer_chars_per_s": chars / nlp if nlp else None,
            "ratio": nlp / total}


def measure(copies: list[int]) -> dict[str, Any]:
    """Warm up on the seed, then build a scaled corpus of each size."""
    build_in_memory(SEED)
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for count in copies:
            corpus = write_scaled(Path(scratch) / f"seed-x{count}", count)
            found[f"x{count}"] = build_in_memory(corpus)
    return found


def main() -> None:
    """Print the measurement as one JSON object (benchmarks/run.py reads it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[16, 32])
    args = parser.parse_args()
    print(json.dumps(measure(args.copies)))


if __name__ == "__main__":
    main()
