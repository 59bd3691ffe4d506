"""Tokenizer throughput: raw fugashi (surfaces only) against annotator's spaCy Docs, same text.

Run: ``python benchmarks/bench_tokens.py [--repeat 30] [--megabytes 10] [--rounds 3]``.
Prints one JSON object: characters per second for raw fugashi (one call per line, the way a
long text has to be fed: one call on more than ~2.8 MB crashes) and for ``analyze(text, "ja")``
(Docs with lemma, POS, tag, reading and sentence starts), on the seed ×repeat and on a text of
about ``--megabytes`` MB of UTF-8; and whether every token's lemma and reading equal fugashi's.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpora import seed_text  # noqa: E402


def best_seconds(funcs: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The best wall time of each function over ``rounds`` interleaved rounds."""
    best = dict.fromkeys(funcs, float("inf"))
    for _ in range(rounds):  # interleaved, so a busy machine slows all of them alike
        for name, func in funcs.items():
            started = time.perf_counter()
            func()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def tagger() -> Any:
    """fugashi on unidic-lite, as its README opens it."""
    import fugashi
    import unidic_lite

    return fugashi.Tagger('-d "%s"' % unidic_lite.DICDIR)


def rates(text: str, rounds: int) -> dict[str, float]:
    """Characters per second of raw fugashi (surfaces) and of analyze() on ``text``."""
    from annotator.text.nlp import analyze

    tag = tagger()
    lines = text.split("\n")
    funcs = {"fugashi_surface": lambda: [[node.surface for node in tag(line)] for line in lines],
             "annotator_doc": lambda: analyze(text, "ja")}
    best = best_seconds(funcs, rounds)
    return {name: len(text) / seconds for name, seconds in best.items()}


def agreement(text: str) -> dict[str, Any]:
    """Compare every token's lemma and reading with fugashi's own (gloss of loanwords aside)."""
    from annotator.text.nlp import analyze, reading

    tag = tagger()
    ours = [t for t in analyze(text, "ja") if not t.is_space]
    # fugashi's nodes are views into the tagger's last parse: read them before the next call
    theirs = [(n.surface, n.feature.lemma, n.feature.kana) for line in text.split("\n") for n in tag(line)
              if not n.surface.isspace()]
    mismatches = []
    if len(ours) != len(theirs):
        mismatches.append(f"token count {len(ours)} vs fugashi {len(theirs)}")
    for token, (surface, lemma, kana) in zip(ours, theirs):
        want = (surface, _lemma(lemma) or surface, kana or None)
        got = (token.text, token.lemma_, reading(token))
        if got != want:
            mismatches.append(f"{got} vs fugashi {want}")
    return {"tokens": len(ours), "mismatches": len(mismatches), "examples": mismatches[:5]}


def _lemma(lemma: Optional[str]) -> Optional[str]:
    """UniDic's lemma without the English gloss of loanwords (コメント-comment → コメント)."""
    if not lemma:
        return None
    base, sep, _ = lemma.partition("-")
    return base if sep and base else lemma


def sized_text(megabytes: float) -> str:
    """The seed text repeated to about ``megabytes`` MB of UTF-8."""
    seed = seed_text()
    copies = max(1, round(megabytes * 1_000_000 / len(seed.encode("utf-8"))))
    return seed * copies


def measure(repeat: int, megabytes: float, rounds: int) -> dict[str, Any]:
    """Rates on the seed ×repeat and on the sized text, and the lemma/reading agreement."""
    from annotator.text.nlp import analyze

    analyze("日本語の文。", "ja")  # load the pipeline and the dictionary outside the timings
    seed = seed_text() * repeat
    big = sized_text(megabytes) if megabytes else ""
    found: dict[str, Any] = {"repeat": repeat, "seed_chars": len(seed), "seed_rates": rates(seed, rounds)}
    if big:
        found.update(big_chars=len(big), big_bytes=len(big.encode("utf-8")), big_rates=rates(big, min(rounds, 2)))  # best of 2: one round also pays first-touch of ~1 GB
    found["agreement"] = agreement(seed)
    return found


def main() -> None:
    """Print the measurement as one JSON object (benchmarks/run.py reads it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="copies of the seed text")
    parser.add_argument("--megabytes", type=float, default=10.0, help="size of the large text (0: skip)")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many interleaved rounds")
    args = parser.parse_args()
    print(json.dumps(measure(args.repeat, args.megabytes, args.rounds), ensure_ascii=False))


if __name__ == "__main__":
    main()
