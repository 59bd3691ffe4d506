"""Are this checkout's editions byte-identical to those of another commit?

A change that should move code without changing behaviour (a refactor, a speed-up) is checked
by building the same corpora with both versions and comparing every file they write::

    python benchmarks/same_output.py [--base REV] [--keep DIR]

``REV`` (default ``HEAD``) is checked out into a temporary git worktree and run from there
(``PYTHONPATH``), this checkout as it stands in the working tree. The corpora: every bundled
corpus, the seed with ``--semantic``, and the benchmark's scaled seed (×4, three files); each
built with ``--pdf`` off, into one folder per version. Prints one line per differing file and
exits 1 if any differ, 0 when all are the same.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def corpora(work: Path) -> list[tuple[str, Path, list[str]]]:
    """(name, corpus folder, extra build flags) for every build compared."""
    from corpora import write_scaled

    bundled = sorted(p.parent for p in (ROOT / "corpus").glob("*/corpus.toml"))
    builds = [(p.name, p, []) for p in bundled]
    builds.append(("seed-semantic", ROOT / "corpus" / "deepseek-export-controls", ["--semantic"]))
    builds.append(("seed-x4", write_scaled(work / "seed-x4", 4), []))
    return builds


def build_all(code: Path, out: Path, builds: list[tuple[str, Path, list[str]]]) -> None:
    """Build every corpus with the package found in ``code`` into ``out/<name>``."""
    env = dict(os.environ, PYTHONPATH=str(code), ANNOTATOR_CACHE="off")
    found = subprocess.run([sys.executable, "-c", "import annotator; print(annotator.__file__)"], env=env, cwd=code,
                           capture_output=True, text=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(code.resolve()):  # else both sides would run one checkout
        raise SystemExit(f"the package imported from {code} is {found}")
    for name, corpus, flags in builds:
        cmd = [sys.executable, "-m", "annotator", "build", str(corpus), "--out", str(out.absolute() / name), *flags]
        # run from ``code``: ``python -m`` puts the working folder first on sys.path, before PYTHONPATH
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=code)
        if done.returncode != 0:
            raise SystemExit(f"{code}: building {name} failed: {done.stderr.strip().splitlines()[-1:]}")


def differences(a: Path, b: Path) -> list[str]:
    """Files present in only one tree, or with other bytes."""
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    out = [f"only in base: {n}" for n in sorted(names_a - names_b)]
    out += [f"only in this checkout: {n}" for n in sorted(names_b - names_a)]
    out += [f"differs: {n}" for n in sorted(names_a & names_b) if not filecmp.cmp(a / n, b / n, shallow=False)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="HEAD", help="the commit to compare with (default HEAD)")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        base_code = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(base_code), args.base],
                       check=True)
        try:
            builds = corpora(work)
            build_all(base_code, work / "out-base", builds)
            build_all(ROOT, work / "out-this", builds)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base_code)], check=False)
        found = differences(work / "out-base", work / "out-this")
        count = sum(1 for p in (work / "out-this").rglob("*") if p.is_file())
    for line in found:
        print(line)
    print(f"{count} files compared, {len(found)} differ")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
