"""Peak memory of a full build at the size limits (docs/limits.md), each case in a fresh process.

Run from the checkout: ``python benchmarks/memory.py [--case NAME ...]``. Cases:

- ``prose-5mb``: the seed corpus's commentary and summary, and its source repeated to just under
  the 5 MB text limit (about 5,000,000 bytes of Japanese prose);
- ``lines-50k``: a source of 50,000 one-sentence lines, the most the line limit allows;
- ``english-5mb``: an English source of 53,000 long sentences on 10,600 lines (5 MB);
- ``units-300k``: three documents of 1,000 lines of 98 tiny sentences each, just under the
  limit of 100,000 units per document: the worst case the limits allow;
- ``seed``: the seed corpus as it stands, for comparison.

The worst shapes of hostile or careless input (issue 15), each to stay within 3 GB and 60 s:

- ``ja-line-100k``: each document one 99,999-character Japanese line without punctuation, made
  of glossary terms in two renderings each (thousands of term findings in one unit);
- ``en-paragraph-12mib``: a 12 MiB English paragraph without punctuation, hard-wrapped into
  lines of 300 characters (one unit, one sentence of 12 million characters);
- ``markers-10k``: a summary of 10,000 bullets, each with a citation marker naming one of the
  source's 5,000 sections by its own title (every title meets every section);
- ``sections-25k``: a source of 24,999 headings with a sentence each (the line limit) and a
  corpus.toml naming all of them in [[sections]];
- ``manifest-50k``: a corpus.toml of 50,000 [[sections]] (refused at the first heading the
  source lacks; the manifest is read in linear time).

Prints, per case, the bytes of text, the units built, the wall time, the CPU time (user + system:
on a shared machine the fairer measure), the peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``
of the child that built it) and the bytes written.
"""
from __future__ import annotations

import argparse
import json
import random
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
CASES = ("seed", "lines-50k", "prose-5mb", "english-5mb", "units-300k", "ja-line-100k", "en-paragraph-12mib",
         "markers-10k", "sections-25k", "manifest-50k")
TERMS_JA = ("輸出規制", "輸出管理", "半導体", "セミコンダクター", "スケーリング則", "スケーリング法則", "計算資源", "モデル")
WORDS_EN = ("the", "model", "export", "control", "controls", "chip", "semiconductor", "compute", "scaling", "law",
            "researchers", "data", "training", "more", "less", "china")


def _parts() -> dict[str, str]:
    from annotator.corpus.load import load_corpus

    return {d.role: d.text for d in load_corpus(SEED).documents}


def _write(folder: Path, texts: dict[str, str], langs: dict[str, str] | None = None, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = ['title = "memory"', ""]
    for role, text in texts.items():
        (folder / f"{role}.txt").write_text(text, encoding="utf-8")
        lang = (langs or {}).get(role, "ja")
        manifest += ["[[documents]]", f'file = "{role}.txt"', f'lang = "{lang}"', f'role = "{role}"', ""]
    (folder / "corpus.toml").write_text("\n".join(manifest) + extra, encoding="utf-8")
    return folder


def _unpunctuated(words: tuple[str, ...], joiners: str, length: int, seed: int = 0) -> str:
    """Words joined without any sentence-ending punctuation, cut to ``length`` characters."""
    rng = random.Random(seed)
    pieces, total = [], 0
    while total < length:
        piece = rng.choice(words) + rng.choice(joiners)
        pieces.append(piece)
        total += len(piece)
    return "".join(pieces)[:length]


def _hostile_case(name: str, folder: Path) -> Path:
    if name == "ja-line-100k":
        line = _unpunctuated(TERMS_JA, "はがをにでとの", 99_999)
        return _write(folder, {"source": "見出し\n" + line + "\n", "summary": "1. 要約\n" + line + "\n",
                               "commentary": "1. 反論\n" + line + "\n"})
    if name == "en-paragraph-12mib":
        body = _unpunctuated(WORDS_EN, " ", 12 * 1024 * 1024 * 300 // 301 - 4_096)  # a line break per 300
        wrapped = "\n".join(body[i:i + 300] for i in range(0, len(body), 300))
        en = {"source": "A report\n\nIt begins here.\nAnd goes on.\n\nA second paragraph.\n\n" + wrapped + "\n",
              "summary": "1. Summary\n- The model needs compute [source “A report”].\n",
              "commentary": "1. Reply\n- Export controls work.\n"}
        return _write(folder, en, {role: "en" for role in en})
    if name == "markers-10k":
        source = "資料\n" + "".join(f"第{i}節の見出し\n計算資源{i}は重要である。\n" for i in range(5_000))
        summary = "1. 要約\n" + "".join(f"- 計算資源{i % 5_000}は重要だ【元記事「第{i % 5_000}節の見出し」】。\n"
                                      for i in range(10_000))
        return _write(folder, {"source": source, "summary": summary, "commentary": "1. 反論\n- 計算資源は重要でない。\n"})
    if name in ("sections-25k", "manifest-50k"):
        count = 24_999 if name == "sections-25k" else 50_000
        source = "資料\n" + "".join(f"見出し{i}\n本文{i}は計算資源を論じる。\n" for i in range(min(count, 24_999)))
        sections = "".join(f'\n[[sections]]\nheading = "見出し{i}"\ntitle_en = "Section {i}"\n' for i in range(count))
        texts = {"source": source, "summary": "1. 要約\n- 本文は重要だ【元記事「見出し1」】。\n",
                 "commentary": "1. 反論\n- 計算資源は重要でない。\n"}
        return _write(folder, texts, extra=sections)
    raise SystemExit(f"unknown case {name!r}")


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
    return _hostile_case(name, folder)


def child(name: str) -> None:
    """Build one case and print its figures as JSON."""
    from annotator.build import build
    from annotator.errors import AnnotatorError

    with tempfile.TemporaryDirectory(prefix="annotator-memory-") as tmp:
        corpus = make_case(name, Path(tmp) / "c")
        size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
        started = time.perf_counter()
        try:
            site = build(corpus, Path(tmp) / "site")
        except AnnotatorError:  # a refusal (manifest-50k): its time and memory are the figures
            site = None
        elapsed = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_SELF)
        peak = usage.ru_maxrss / 1024  # before reading the output back
        cpu = usage.ru_utime + usage.ru_stime  # on a shared machine, the fairer measure of the work
        units = len(json.loads((site / "edition.json").read_text(encoding="utf-8"))["units"]) if site else "refused"
        written = sum(p.stat().st_size for p in site.iterdir()) if site else 0
    print(json.dumps({"case": name, "bytes": size, "units": units, "seconds": round(elapsed, 1), "cpu": round(cpu, 1),
                      "peak_rss_mb": round(peak), "output_mb": round(written / 1e6, 1)}))


def main() -> int:
    """Run each case in its own process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=CASES)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    print(f"{'case':<19} {'bytes':>10} {'units':>8} {'seconds':>8} {'CPU s':>6} {'peak RSS MB':>12} {'output MB':>10}")
    for name in args.case or CASES:
        done = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True)
        if done.returncode:
            print(f"{name}: failed\n{done.stderr}")
            return 1
        row = json.loads(done.stdout.splitlines()[-1])
        print(f"{row['case']:<19} {row['bytes']:>10,} {row['units']:>8} {row['seconds']:>8} {row['cpu']:>6} "
              f"{row['peak_rss_mb']:>12} {row['output_mb']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
