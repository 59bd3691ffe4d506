"""Many corpora on a local Dask cluster against the process pool: ``--cluster local:2`` ÷ ``--jobs 2``.

Run: ``python benchmarks/bench_cluster.py [--corpora 100] [--rounds 1]`` (needs
``annotator[cluster]``). Each command runs in a fresh process, on a folder of ``--corpora``
seed copies, the three kinds interleaved round by round (best of ``--rounds``); the cluster's
time includes starting its scheduler and two workers, as a user's command pays it. The
cluster's editions are checked byte for byte against the pool's. Only wall times: the
cluster's workers are children of a fork server that nobody waits for, so their CPU time is
not counted among the command's. On a busy machine take the best of several rounds. Prints one
JSON object.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_processes import annotator_cmd, byte_compile_package, run  # noqa: E402
from corpora import write_many  # noqa: E402

KINDS = {"jobs2": ["--jobs", "2"], "cluster2": ["--cluster", "local:2"],
         "cluster2_collect": ["--cluster", "local:2", "--collect"]}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def measure(count: int, rounds: int, scratch: Path) -> dict[str, Any]:
    """Best wall time of each kind of command over ``rounds`` interleaved rounds, and their ratios."""
    byte_compile_package()
    shelf = scratch / "shelf"
    write_many(shelf, count)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for n in range(rounds):
        for kind, options in KINDS.items():
            out = scratch / f"{kind}-{n}"
            result = run(annotator_cmd() + ["build", str(shelf), "--out", str(out)] + options)
            if result["code"] != 0:
                raise RuntimeError(f"annotator build {' '.join(options)} failed: {result['stderr']}")
            times[kind].append(result["seconds"])
    same = all(_files(scratch / f"{kind}-0") == _files(scratch / "jobs2-0") for kind in KINDS)
    best = {kind: min(found) for kind, found in times.items()}
    return {"corpora": count, "rounds": rounds, **{f"{kind}_s": seconds for kind, seconds in best.items()},
            "cluster_vs_jobs": best["cluster2"] / best["jobs2"],
            "collect_vs_jobs": best["cluster2_collect"] / best["jobs2"], "identical_outputs": same}


def main() -> None:
    """Print the measurement as one JSON object (benchmarks/run.py reads it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps(measure(args.corpora, args.rounds, Path(scratch))))


if __name__ == "__main__":
    main()
