"""Review mode's rebuild after one correction against a cold ``annotator build`` of the seed.

Run: ``python benchmarks/bench_serve.py [--rounds 5]``. Cold: ``annotator build SEED --out TMP`` in
a fresh process (imports, spaCy, pipeline, pages, exports, writes), the median of the rounds.
Warm: in a running review session (annotator serve's, without HTTP), one correction applied —
checked, appended to links.toml, the edition rebuilt and its pages rendered — then undone, the
median of the rounds' applications. Goal: warm <= 1/4 of cold. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "corpus" / "deepseek-export-controls"
GOAL = 0.25


def cold_build(corpus: Path, out: Path) -> float:
    """Wall time of ``annotator build`` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "annotator", "build", str(corpus), "--out", str(out)], check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - start


def warm_rebuilds(corpus: Path, rounds: int) -> list[float]:
    """Wall time of each correction (reject the best link of a claim) in one session, undone after."""
    from annotator.serve.session import ReviewSession

    session = ReviewSession(corpus)
    claims = [c for c in session.state()["claims"] if c["links"]]
    times = []
    for i in range(rounds):
        claim = claims[i % len(claims)]
        start = time.perf_counter()
        session.act({"action": "reject", "from": claim["unit"], "to": claim["links"][0]["to"]})
        times.append(time.perf_counter() - start)
        session.undo()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "seed"
        shutil.copytree(SEED, corpus)
        cold = [cold_build(corpus, Path(tmp) / f"site{i}") for i in range(args.rounds)]
        warm = warm_rebuilds(corpus, args.rounds)
    ratio = statistics.median(warm) / statistics.median(cold)
    print(json.dumps({"cold_build_s": round(statistics.median(cold), 3), "warm_rebuild_s": round(statistics.median(warm), 3),
                      "ratio": round(ratio, 3), "goal": GOAL, "met": ratio <= GOAL}))


if __name__ == "__main__":
    main()
