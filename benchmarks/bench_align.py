"""Alignment at scale: N claims ranked against M source sentences with annotator.similarity.

Run: ``python benchmarks/bench_align.py [--claims 10000] [--sentences 10000] [--sections 30]``.
The term bags are the seed's own (its source sentences and blocks, its summary and commentary
claims), copied until there are M sentences and N claims; the sentences are split into
``--sections`` groups in order. Each claim is ranked the way a caller keeping the top 5 links
does (``limit=5``; claims with citation markers also ask for each section's best and a section
bonus of up to 0.12). Prints the time, hits kept per claim, the peak RSS of the process and its
RSS before the index was built (spaCy and the seed's Docs).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LINKS = 5
SECTION_BONUS = 0.12  # annotator.link.align.CITED_SECTION_BONUS, times a citation score of at most 1


def seed_bags() -> dict[str, Any]:
    """The seed's sentence, block and claim bags, as the alignment stage builds them."""
    from corpora import SEED  # type: ignore[import-not-found]

    from annotator.corpus.load import load_corpus
    from annotator.link.claims import build_claims
    from annotator.link.terms import TermIndex
    from annotator.pipeline import parse_structure
    from annotator.text.analysis import analyze_documents

    corpus = load_corpus(SEED)
    docs = analyze_documents(corpus.documents)
    structure = parse_structure(corpus, docs)
    roles = {d.id: d.role for d in corpus.documents}
    indexes = {doc_id: TermIndex(doc) for doc_id, doc in docs.items()}
    source = [u for u in structure.units if roles[u.doc] == "source"]
    return {
        "sentences": [(u.id, u.parent, indexes[u.doc].bag(u.start, u.end)) for u in source if u.kind == "sentence"],
        "blocks": {u.id: indexes[u.doc].bag(u.start, u.end) for u in source if u.kind in ("paragraph", "bullet")},
        "claims": [(c.terms, bool(c.markers)) for c in build_claims(structure.units, roles, indexes)],
    }


def scaled_index(bags: dict[str, Any], sentences: int, sections: int) -> Any:
    """A SourceIndex of ``sentences`` copied seed sentences, in ``sections`` groups."""
    from annotator.link.similarity import SourceIndex

    seed = bags["sentences"]
    bag_of: dict[str, Counter[str]] = {}
    parent: dict[str, str] = {}
    blocks: dict[str, Counter[str]] = {}
    groups: dict[str, str] = {}
    for n in range(sentences):
        sid, block, bag = seed[n % len(seed)]
        copy = n // len(seed)
        key = f"c{copy}-{sid}"
        bag_of[key] = bag
        groups[key] = f"g{n * sections // sentences}"
        if block in bags["blocks"]:
            parent[key] = f"c{copy}-{block}"
            blocks[parent[key]] = bags["blocks"][block]
    return SourceIndex(bag_of, parent, blocks, groups)


def measure(claims: int, sentences: int, sections: int) -> dict[str, float]:
    """Build the index, rank every claim; return times (s), hits per claim and peak RSS (MB)."""
    bags = seed_bags()
    before = _rss_mb()
    started = time.perf_counter()
    index = scaled_index(bags, sentences, sections)
    built = time.perf_counter()
    stance = {sid: 0.06 for sid in index.ids[::3]}  # a prior on a third of the sentences
    hits = 0
    for n in range(claims):
        terms, cited = bags["claims"][n % len(bags["claims"])]
        found = index.rank(terms, limit=LINKS, prior=None if cited else stance,
                           lift=SECTION_BONUS if cited else None)
        hits += len(found)
    done = time.perf_counter()
    return {"claims": claims, "sentences": sentences, "sections": sections,
            "index_s": built - started, "rank_s": done - built, "hits_per_claim": hits / claims,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rss_before_mb": before}


def _rss_mb() -> float:
    """The resident set size now (Linux), or the peak so far elsewhere."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Print the measurement as one JSON object (benchmarks/run.py reads it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--sections", type=int, default=30)
    args = parser.parse_args()
    print(json.dumps(measure(args.claims, args.sentences, args.sections)))


if __name__ == "__main__":
    main()
