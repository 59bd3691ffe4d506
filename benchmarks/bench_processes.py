"""Whole commands in fresh processes: cold start, many corpora on 1 and 2 cores, peak memory.

Run: ``python benchmarks/bench_processes.py [--corpora 100] [--rounds 5]``. Measures
- cold start: ``annotator build SEED`` against a bare ``python -c "import spacy"`` (best of
  ``--rounds``, interleaved);
- one warm build of the seed inside a process that has built it before (median of 5);
- ``annotator build FOLDER --jobs 1`` and ``--jobs 2`` on a folder of ``--corpora`` seed copies;
- peak RSS of each command (``os.wait4`` of the child).
Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpora import SEED, write_many  # noqa: E402

# the median, not the best: it is compared with a sum of a hundred builds, noise included
WARM_BUILD = """
import statistics, sys, time, tempfile
from annotator.build import build
out = tempfile.mkdtemp()
build(sys.argv[1], out + "/0")
times = []
for n in range(1, 6):
    started = time.perf_counter()
    build(sys.argv[1], out + "/" + str(n))
    times.append(time.perf_counter() - started)
print(statistics.median(times))
"""


def run(cmd: Sequence[str], timeout: Optional[float] = None) -> dict[str, Any]:
    """Run a command; its wall time, exit code, peak RSS (MB), and the end of its stderr."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(list(cmd), stdout=out, stderr=err)
        deadline = None if timeout is None else started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        timed_out = deadline is not None and seconds > timeout  # type: ignore[operator]
        return {"seconds": seconds, "code": child.returncode, "peak_rss_mb": usage.ru_maxrss / 1024,
                "timed_out": timed_out, "stdout": out.read().decode(errors="replace")[-2000:],
                "stderr": err.read().decode(errors="replace")[-2000:]}


def annotator_cmd() -> list[str]:
    """The console script installed beside this interpreter, else ``python -m annotator``.

    Not the first ``annotator`` on PATH: a version manager's shim there (pyenv's is a bash
    script) adds ~60 ms that ``sys.executable -c "import spacy"`` does not pay.
    """
    script = Path(sys.executable).with_name("annotator")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "annotator"]


def byte_compile_package() -> None:
    """Write annotator's .pyc files, as installing a wheel does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start."""
    import compileall

    import annotator

    compileall.compile_dir(str(Path(annotator.__file__).parent), quiet=1)


def cold_start(rounds: int, scratch: Path) -> dict[str, Any]:
    """Best wall time of ``import spacy`` and of a cold ``annotator build`` of the seed."""
    byte_compile_package()
    spacy_runs, build_runs = [], []
    for n in range(rounds):  # interleaved, so a busy machine slows both alike
        spacy_runs.append(run([sys.executable, "-c", "import spacy"]))
        build_runs.append(run(annotator_cmd() + ["build", str(SEED), "--out", str(scratch / f"cold-{n}")]))
    failed = [r for r in build_runs if r["code"] != 0]
    if failed:
        raise RuntimeError(f"annotator build failed: {failed[0]['stderr']}")
    best_spacy = min(r["seconds"] for r in spacy_runs)
    best_build = min(r["seconds"] for r in build_runs)
    return {"import_spacy_s": best_spacy, "build_s": best_build, "ratio": best_build / best_spacy,
            "build_peak_rss_mb": max(r["peak_rss_mb"] for r in build_runs),
            "import_spacy_peak_rss_mb": max(r["peak_rss_mb"] for r in spacy_runs)}


def many(count: int, scratch: Path) -> dict[str, Any]:
    """``count`` seed corpora built with --jobs 1 and --jobs 2, against one warm build."""
    warm = run([sys.executable, "-c", WARM_BUILD, str(SEED)])
    one = float(warm["stdout"].strip().splitlines()[-1])
    folder = scratch / "shelf"
    write_many(folder, count)
    found: dict[str, Any] = {"corpora": count, "warm_build_s": one}
    for jobs in (1, 2):
        result = run(annotator_cmd() + ["build", str(folder), "--out", str(scratch / f"many-{jobs}"),
                                        "--jobs", str(jobs)])
        if result["code"] != 0:
            raise RuntimeError(f"annotator build --jobs {jobs} failed: {result['stderr']}")
        found[f"jobs{jobs}_s"] = result["seconds"]
        found[f"jobs{jobs}_peak_rss_mb"] = result["peak_rss_mb"]
    found["one_core_vs_warm"] = found["jobs1_s"] / (count * one)
    found["speedup_2_cores"] = found["jobs1_s"] / found["jobs2_s"]
    return found


def large(corpus: Path, scratch: Path, timeout: float) -> dict[str, Any]:
    """One ``annotator build`` of a large corpus: time, exit code, peak RSS (killed at timeout)."""
    size = sum(p.stat().st_size for p in corpus.iterdir() if p.suffix == ".txt")
    result = run(annotator_cmd() + ["build", str(corpus), "--out", str(scratch / "large")], timeout)
    return {"bytes": size, **{k: result[k] for k in ("seconds", "code", "peak_rss_mb", "timed_out")},
            "stderr": result["stderr"].strip().splitlines()[-1:] if result["code"] else []}


def main() -> None:
    """Print the measurement as one JSON object (benchmarks/run.py reads it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps({"cold": cold_start(args.rounds, Path(scratch)),
                          "many": many(args.corpora, Path(scratch))}))


if __name__ == "__main__":
    main()
