"""Throughput of Japanese analysis on the seed text ×30: raw fugashi vs annotator.nlp.analyze.

Run from anywhere: ``python benchmarks/bench_tokenize.py [--repeat 30] [--rounds 5]``.
Prints characters per second (best of several interleaved rounds) for
(a) raw fugashi, surfaces only; (b) raw fugashi, lemma and kana from each node's ``.feature``;
(c) analyze(text, "ja") building Docs with lemma, POS, tag, reading and sentence starts.
The raw baselines take the faster of one call on the whole text and one call per line.
"""
from __future__ import annotations

import os
import sys

# This file's name shadows the stdlib's tokenize module: take its folder off the path first.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
sys.path.insert(0, os.path.dirname(_HERE))

import argparse  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

import fugashi  # noqa: E402
import unidic_lite  # noqa: E402

from annotator.text.nlp import analyze  # noqa: E402

SEED = Path(_HERE).parent / "corpus" / "deepseek-export-controls" / "000_504d558f0a83e77d.txt"


def seconds(func: Callable[[], object]) -> float:
    """Wall time of one call."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def contenders(text: str) -> dict[str, Callable[[], object]]:
    """The timed functions: raw fugashi on the whole text and per line, and analyze()."""
    tagger = fugashi.Tagger('-d "%s"' % unidic_lite.DICDIR)
    lines = text.split("\n")

    def surfaces(parts: list[str]) -> Callable[[], object]:
        return lambda: [[node.surface for node in tagger(part)] for part in parts]

    def features(parts: list[str]) -> Callable[[], object]:
        return lambda: [[(node.feature.lemma, node.feature.kana) for node in tagger(part)]
                        for part in parts]

    return {"a whole": surfaces([text]), "a lines": surfaces(lines),
            "b whole": features([text]), "b lines": features(lines),
            "c": lambda: analyze(text, "ja")}


def main() -> None:
    """Measure and print the three rates and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="copies of the seed text")
    parser.add_argument("--rounds", type=int, default=5, help="take the best of this many runs")
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8") * args.repeat
    analyze(text[:1000], "ja")  # load the pipeline and the dictionary outside the timings
    first = len(text) / seconds(lambda: analyze(text, "ja"))  # feature cache still filling
    timed = contenders(text)
    best = dict.fromkeys(timed, float("inf"))
    for _ in range(args.rounds):  # interleaved, so a busy machine slows all of them alike
        for name, func in timed.items():
            best[name] = min(best[name], seconds(func))
    a = len(text) / min(best["a whole"], best["a lines"])
    b = len(text) / min(best["b whole"], best["b lines"])
    c = len(text) / best["c"]
    doc = analyze(text, "ja")
    print(f"text: {len(text):,} characters, {len(doc):,} tokens, {len(list(doc.sents)):,} sentences")
    print(f"(a) raw fugashi, surface only        {a:12,.0f} chars/s")
    print(f"(b) raw fugashi, .feature lemma+kana {b:12,.0f} chars/s")
    print(f"(c) analyze() -> Doc                 {c:12,.0f} chars/s  (first call: {first:,.0f})")
    print(f"(c)/(b) = {c / b:.2f}   (c)/(a) = {c / a:.2f}")


if __name__ == "__main__":
    main()
