"""Peer tokenizers on the same text, run inside the throwaway benchmark environment.

Never imported by annotator, and its packages are never annotator's dependencies. run.py
creates the environment when asked (``--peers``) and calls this script with its Python::

    python -m venv /tmp/bench-venv
    /tmp/bench-venv/bin/pip install "spacy>=3.7,<3.9" "ginza>=5.2" "ja-ginza>=5.2" \\
        sudachipy sudachidict-core janome fugashi unidic-lite
    /tmp/bench-venv/bin/python benchmarks/peers.py TEXT_FILE

Each peer reads the text one line at a time (SudachiPy refuses inputs over ~49 KB), keeping
what a lemma/POS/reading consumer needs; slow peers get a prefix of the text. Prints one JSON
object: characters per second and the number of characters each peer was timed on.
"""
from __future__ import annotations

import argparse
import json
import time
from typing import Any, Callable

PEERS = ("spacy_sudachi", "ginza", "janome")
SHARE = {"spacy_sudachi": 1.0, "ginza": 0.06, "janome": 0.3}  # of the text, so each takes seconds


def _spacy_sudachi() -> Callable[[list[str]], Any]:
    import spacy

    nlp = spacy.blank("ja")  # spaCy's own Japanese: SudachiPy split mode A, lemma, POS, reading
    return lambda lines: [[(t.lemma_, t.pos_, t.morph.get("Reading")) for t in doc] for doc in nlp.pipe(lines)]


def _ginza() -> Callable[[list[str]], Any]:
    import spacy

    nlp = spacy.load("ja_ginza")  # the full GiNZA pipeline, as its users run it
    return lambda lines: [[(t.lemma_, t.pos_, t.morph.get("Reading")) for t in doc] for doc in nlp.pipe(lines)]


def _janome() -> Callable[[list[str]], Any]:
    from janome.tokenizer import Tokenizer

    tokenizer = Tokenizer()
    return lambda lines: [[(t.base_form, t.part_of_speech, t.reading) for t in tokenizer.tokenize(line)]
                          for line in lines]


def _prefix(lines: list[str], share: float) -> list[str]:
    wanted = sum(map(len, lines)) * share
    taken: list[str] = []
    total = 0
    for line in lines:
        if total >= wanted:
            break
        taken.append(line)
        total += len(line)
    return taken


def measure(text: str, rounds: int) -> dict[str, Any]:
    """Characters per second of each peer (best of ``rounds``), after one warm-up call each."""
    lines = [line for line in text.split("\n") if line.strip()]
    found: dict[str, Any] = {}
    for name, make in (("spacy_sudachi", _spacy_sudachi), ("ginza", _ginza), ("janome", _janome)):
        run = make()
        run(lines[:5])
        part = _prefix(lines, SHARE[name])
        best = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            run(part)
            best = min(best, time.perf_counter() - started)
        chars = sum(map(len, part))
        found[name] = {"chars": chars, "chars_per_s": chars / best}
    found["versions"] = _versions()
    return found


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for package in ("spacy", "sudachipy", "sudachidict-core", "ginza", "ja-ginza", "janome"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "missing"
    return out


def main() -> None:
    """Read the text file named on the command line; print the rates as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", help="a UTF-8 text file")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with open(args.text, encoding="utf-8") as handle:
        text = handle.read()
    print(json.dumps(measure(text, args.rounds)))


if __name__ == "__main__":
    main()
