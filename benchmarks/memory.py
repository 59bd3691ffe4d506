"""Peak memory of a full build at the size limits (docs/limits.md), each case in a fresh process.

Run from the checkout: ``python benchmarks/memory.py [--case NAME ...]``. Cases:

- ``prose-5mb``: the seed corpus's commentary and summary, and its source repeated to just under
  the 5 MB text limit (about 5,000,000 bytes of Japanese prose);
- ``lines-50k``: a source of 50,000 one-sentence lines, the most the line limit allows;
- ``english-5mb``: an English source of 53,000 long sentences on 10,600 lines (5 MB);
- ``units-300k``: three documents of 1,000 lines of 98 tiny sentences each, just under the
  limit of 100,000 units per document: the worst case the limits allow;
- ``seed``: the seed corpus as it stands, for comparison.

Prints, per case, the bytes of text, the units built, the wall time and the peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of the child that built it).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "deepseek-export-controls"
sys.path.insert(0, str(ROOT))
TARGET_BYTES = 5_000_000
CASES = ("seed", "lines-50k", "prose-5mb", "english-5mb", "units-300k")


def _parts() -> dict[str, str]:
    from annotator.corpus.load import load_corpus

    return {d.role: d.text for d in load_corpus(SEED).documents}


def _write(folder: Path, texts: dict[str, str], langs: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = ['title = "memory"', ""]
    for role, text in texts.items():
        (folder / f"{role}.txt").write_text(text, encoding="utf-8")
        lang = (langs or {}).get(role, "ja")
        manifest += ["[[documents]]", f'file = "{role}.txt"', f'lang = "{lang}"', f'role = "{role}"', ""]
    (folder / "corpus.toml").write_text("\n".join(manifest), encoding="utf-8")
    return folder


def make_case(name: str, folder: Path) -> Path:
    """Write the corpus of one case into folder."""
    parts = _parts()
    if name == "seed":
        return _write(folder, parts)
    if name == "prose-5mb":
        rest = sum(len(parts[r].encode("utf-8")) for r in ("commentary", "summary"))
        copies = (TARGET_BYTES - rest) // len(parts["source"].encode("utf-8"))
        return _write(folder, {**parts, "source": parts["source"] * copies})
    if name == "lines-50k":
        lines = "".join(f"計算資源{i}は重要である。\n" for i in range(49_999))
        return _write(folder, {**parts, "source": "長い資料\n" + lines})
    if name == "english-5mb":
        sentence = "The model number {} learns more when it is given more compute and more data to train on. "
        lines = "".join("".join(sentence.format(i * 5 + k) for k in range(5)) + "\n" for i in range(10_600))
        return _write(folder, {**parts, "source": "A long report\n" + lines}, {"source": "en"})
    if name == "units-300k":
        line = "".join(f"文{k}。" for k in range(98)) + "\n"  # one paragraph and 98 sentences
        return _write(folder, {role: "資料\n" + line * 1_000 for role in ("source", "summary", "commentary")})
    raise SystemExit(f"unknown case {name!r}")


def child(name: str) -> None:
    """Build one case and print its figures as JSON."""
    from annotator.build import build

    with tempfile.TemporaryDirectory(prefix="annotator-memory-") as tmp:
        corpus = make_case(name, Path(tmp) / "c")
        size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
        started = time.perf_counter()
        site = build(corpus, Path(tmp) / "site")
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before reading the output back
        units = len(json.loads((site / "edition.json").read_text(encoding="utf-8"))["units"])
    print(json.dumps({"case": name, "bytes": size, "units": units, "seconds": round(elapsed, 1),
                      "peak_rss_mb": round(peak)}))


def main() -> int:
    """Run each case in its own process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=CASES)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    print(f"{'case':<10} {'bytes':>10} {'units':>8} {'seconds':>8} {'peak RSS MB':>12}")
    for name in args.case or CASES:
        done = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True)
        if done.returncode:
            print(f"{name}: failed\n{done.stderr}")
            return 1
        row = json.loads(done.stdout.splitlines()[-1])
        print(f"{row['case']:<10} {row['bytes']:>10,} {row['units']:>8} {row['seconds']:>8} "
              f"{row['peak_rss_mb']:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
