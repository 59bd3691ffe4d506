"""Throughput of Japanese analysis on the seed text ×30: raw fugashi vs annotator.nlp.analyze.

Run from anywhere: ``python benchmarks/tokenize.py [--repeat 30] [--rounds 5]``.
Prints characters per second (best of several rounds) for
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

from annotator.nlp import analyze  # noqa: E402

SEED = Path(_HERE).parent / "corpus" / "deepseek-export-controls" / "000_504d558f0a83e77d.txt"


def best_rate(func: Callable[[], object], chars: int, rounds: int) -> float:
    """Characters per second of the fastest of ``rounds`` calls."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return chars / best


def raw_rates(text: str, rounds: int) -> tuple[float, float]:
    """(a) and (b): raw fugashi, the better of whole-text and per-line calls."""
    tagger = fugashi.Tagger('-d "%s"' % unidic_lite.DICDIR)
    lines = text.split("\n")

    def surfaces(parts: list[str]) -> Callable[[], object]:
        return lambda: [[node.surface for node in tagger(part)] for part in parts]

    def features(parts: list[str]) -> Callable[[], object]:
        return lambda: [[(node.feature.lemma, node.feature.kana) for node in tagger(part)]
                        for part in parts]

    a = max(best_rate(surfaces([text]), len(text), rounds), best_rate(surfaces(lines), len(text), rounds))
    b = max(best_rate(features([text]), len(text), rounds), best_rate(features(lines), len(text), rounds))
    return a, b


def main() -> None:
    """Measure and print the three rates and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="copies of the seed text")
    parser.add_argument("--rounds", type=int, default=5, help="take the best of this many runs")
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8") * args.repeat
    analyze(text[:1000], "ja")  # load the pipeline and the dictionary outside the timings
    a, b = raw_rates(text, args.rounds)
    c = best_rate(lambda: analyze(text, "ja"), len(text), args.rounds)
    doc = analyze(text, "ja")
    print(f"text: {len(text):,} characters, {len(doc):,} tokens, {len(list(doc.sents)):,} sentences")
    print(f"(a) raw fugashi, surface only        {a:12,.0f} chars/s")
    print(f"(b) raw fugashi, .feature lemma+kana {b:12,.0f} chars/s")
    print(f"(c) analyze() -> Doc                 {c:12,.0f} chars/s")
    print(f"(c)/(b) = {c / b:.2f}   (c)/(a) = {c / a:.2f}")


if __name__ == "__main__":
    main()
