"""Issue 9's benchmark: every performance ratio measured in one run, printed as one table.

Run from the checkout (a few minutes; ``--peers`` adds SudachiPy, GiNZA and Janome)::

    python benchmarks/run.py [--peers] [--json results.json] [--quick]

Each measurement runs in a fresh process (the ``bench_*.py`` scripts beside this one, each
printing JSON), so one cannot warm or bloat another. The peers run in a throwaway virtual
environment that ``--peers`` creates when missing (``--venv``, default /tmp/bench-venv; see
benchmarks/peers.py): they are never annotator's dependencies. Absolute times are context
only: the goals are ratios measured on the same machine in the same run.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from table import goal_rows, render  # noqa: E402

PEER_PACKAGES = ("spacy>=3.7,<3.9", "ginza>=5.2", "ja-ginza>=5.2", "sudachipy", "sudachidict-core", "janome",
                 "fugashi", "unidic-lite")


def bench(script: str, *args: str, python: str = sys.executable, timeout: Optional[float] = None) -> Any:
    """Run benchmarks/<script> in a fresh process and return the JSON it prints."""
    done = subprocess.run([python, str(HERE / script), *args], capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peer_python(venv: Path) -> str:
    """The throwaway environment's Python, creating it with the peers when missing."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv} with {', '.join(PEER_PACKAGES)} (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return str(python)


def peers(venv: Path, repeat: int) -> dict[str, Any]:
    """Peer rates on the seed ×repeat, measured in the throwaway environment."""
    from corpora import seed_text

    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        handle.write(seed_text() * repeat)
    try:
        return bench("peers.py", handle.name, python=peer_python(venv))
    finally:
        Path(handle.name).unlink()


def large_builds(megabytes: list[float], timeout: float) -> dict[str, Any]:
    """``annotator build`` of scaled corpora of these sizes, each in a fresh process."""
    from bench_processes import large
    from corpora import write_sized

    found = {}
    with tempfile.TemporaryDirectory() as scratch:
        for size in megabytes:
            corpus = write_sized(Path(scratch) / f"seed-{size}mb", size)
            found[f"{size}MB"] = large(corpus, Path(scratch), timeout)
    return found


def _has_dask() -> bool:
    """Whether the cluster row can be measured (the extra annotator[cluster] is installed)."""
    import importlib.util

    return importlib.util.find_spec("distributed") is not None


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement of the table, in order; each step says on stderr what it runs."""
    steps = [
        ("tokens", lambda: bench("bench_tokens.py", "--repeat", str(args.repeat), "--megabytes",
                                 str(args.megabytes), "--rounds", str(args.rounds))),
        ("peers", lambda: peers(args.venv, args.repeat) if args.peers else None),
        ("pipeline", lambda: bench("bench_pipeline.py", "--copies", *map(str, args.copies))),
        ("processes", lambda: bench("bench_processes.py", "--corpora", str(args.corpora))),
        ("cluster", lambda: bench("bench_cluster.py", "--corpora", str(args.corpora)) if _has_dask() else None),
        ("align", lambda: bench("bench_align.py", "--claims", str(args.claims), "--sentences", str(args.claims))),
        ("large", lambda: large_builds(args.large, args.timeout)),
    ]
    results: dict[str, Any] = {}
    for name, step in steps:
        print(f"[run.py] {name} ...", file=sys.stderr, flush=True)
        results[name] = step()
    return results


def main() -> None:
    """Measure, print the table (markdown), optionally save the raw numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", action="store_true", help="also measure SudachiPy, GiNZA, Janome (venv)")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/bench-venv"))
    parser.add_argument("--json", type=Path, help="write the raw measurements here")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test, not the table")
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds allowed for each large build")
    args = parser.parse_args()
    args.repeat, args.rounds = (3, 1) if args.quick else (30, 3)
    args.megabytes = 0.5 if args.quick else 10.0
    args.copies = [4] if args.quick else [16, 32]
    args.corpora = 6 if args.quick else 100
    args.claims = 1000 if args.quick else 10_000
    args.large = [0.5] if args.quick else [10.0, 4.95]
    results = measure(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(render(goal_rows(results), results))


if __name__ == "__main__":
    main()
