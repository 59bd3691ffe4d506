"""The table benchmarks/run.py prints: one row per ratio of issue 9, target and verdict."""
from __future__ import annotations

import re
from typing import Any, NamedTuple, Optional


class Row(NamedTuple):
    """One line of the table."""

    goal: str
    what: str
    target: str
    measured: str
    met: Optional[bool]  # None: stated, not judged


def _rate(value: float) -> str:
    return f"{value / 1000:,.0f}k chars/s"


def tokenizer_rows(tokens: dict[str, Any], peers: Optional[dict[str, Any]]) -> list[Row]:
    """Goal 1: Docs against raw fugashi, the peers, and agreement with fugashi."""
    rows = []
    for key, label in (("seed_rates", f"seed ×{tokens['repeat']} ({tokens['seed_chars']:,} chars)"),
                       ("big_rates", f"{tokens.get('big_bytes', 0) / 1e6:.1f} MB text, chunked")):
        if key in tokens:
            ours, raw = tokens[key]["annotator_doc"], tokens[key]["fugashi_surface"]
            rows.append(Row("1", f"Docs ÷ raw fugashi surfaces, {label}", "≥ 0.60",
                            f"{ours / raw:.2f} ({_rate(ours)} ÷ {_rate(raw)})", ours / raw >= 0.6))
    ours = tokens["seed_rates"]["annotator_doc"]
    for name, label, target, bar in (("spacy_sudachi", "spaCy ja + SudachiPy", "≥ 3.5×", 3.5),
                                     ("ginza", "GiNZA (ja_ginza)", "> 100×", 100.0), ("janome", "Janome", "", None)):
        if peers and name in peers:
            ratio = ours / peers[name]["chars_per_s"]
            rows.append(Row("1", f"Docs ÷ {label}, seed text", target or "(context)",
                            f"{ratio:,.1f}× ({_rate(peers[name]['chars_per_s'])})",
                            None if bar is None else (ratio >= bar if bar < 100 else ratio > bar)))
    agree = tokens["agreement"]
    rows.append(Row("1", "lemma and reading equal fugashi's (gloss of loanwords aside)", "0 differences",
                    f"{agree['mismatches']} of {agree['tokens']:,} tokens", agree["mismatches"] == 0))
    return rows


def pipeline_rows(pipeline: dict[str, Any]) -> list[Row]:
    """Goal 2: tokenizer time ÷ whole in-process build time, per corpus size."""
    rows = []
    for name, found in pipeline.items():
        rows.append(Row("2", f"pipeline ÷ tokenizer throughput, seed {name} ({found['chars']:,} chars)", "≥ 0.40",
                        f"{found['ratio']:.3f} ({found['pipeline_chars_per_s'] / 1000:,.1f}k chars/s, "
                        f"build {found['seconds']:.1f} s)", found["ratio"] >= 0.4))
    return rows


def process_rows(processes: dict[str, Any], align: dict[str, Any]) -> list[Row]:
    """Goals 3 and 4: cold start, many corpora on one and two cores, alignment at scale."""
    cold, many = processes["cold"], processes["many"]
    n = many["corpora"]
    return [
        Row("3", "cold `annotator build` of the seed ÷ `python -c \"import spacy\"`", "≤ 1.5",
            f"{cold['ratio']:.2f} ({cold['build_s']:.2f} s ÷ {cold['import_spacy_s']:.2f} s)", cold["ratio"] <= 1.5),
        Row("4", f"{n} seed corpora, `--jobs 1` ÷ ({n} × one warm build)", "≤ 1.0",
            f"{many['one_core_vs_warm']:.3f} ({many['jobs1_s']:.1f} s ÷ {n} × {many['warm_build_s']:.3f} s)",
            many["one_core_vs_warm"] <= 1.0),
        Row("4", f"{n} seed corpora, `--jobs 1` ÷ ({n} × a cold `annotator build` command)", "(context)",
            f"{many['jobs1_s'] / (n * cold['build_s']):.2f}", None),
        Row("4", f"{n} seed corpora, `--jobs 1` ÷ `--jobs 2`", "≥ 1.6",
            f"{many['speedup_2_cores']:.2f} ({many['jobs1_s']:.1f} s ÷ {many['jobs2_s']:.1f} s)",
            many["speedup_2_cores"] >= 1.6),
        Row("4", f"rank {align['claims']:,} claims × {align['sentences']:,} source sentences (sparse)",
            "bounded memory", f"{align['index_s'] + align['rank_s']:.1f} s, peak RSS {align['peak_rss_mb']:,.0f} MB, "
            f"{align['peak_rss_mb'] - align.get('rss_before_mb', 0):,.0f} MB above the process before the index "
            f"({align['hits_per_claim']:.0f} hits kept per claim)", None),
    ]


def cluster_rows(cluster: Optional[dict[str, Any]]) -> list[Row]:
    """Goal 4 beyond one machine: a local two-worker Dask cluster against the two-process pool."""
    if not cluster:
        return []
    n = cluster["corpora"]
    same = "" if cluster["identical_outputs"] else "; **outputs differ**"
    return [Row("4", f"{n} seed corpora, `--cluster local:2` ÷ `--jobs 2`", "≤ 1.2",
                f"{cluster['cluster_vs_jobs']:.2f} ({cluster['cluster2_s']:.1f} s ÷ {cluster['jobs2_s']:.1f} s){same}",
                cluster["cluster_vs_jobs"] <= 1.2 and cluster["identical_outputs"]),
            Row("4", f"{n} seed corpora, `--cluster local:2 --collect` ÷ `--jobs 2`", "(context)",
                f"{cluster['collect_vs_jobs']:.2f} ({cluster['cluster2_collect_s']:.1f} s)", None)]


def memory_rows(processes: dict[str, Any], large: dict[str, Any]) -> list[Row]:
    """Goal 5: peak RSS of the seed build and of the large builds (or why they did not finish)."""
    rows = [Row("5", "peak RSS, `annotator build` of the seed", "stated",
                f"{processes['cold']['build_peak_rss_mb']:,.0f} MB", None)]
    for name, found in large.items():
        if found["code"] == 0:
            outcome, met = f"built in {found['seconds']:.0f} s, peak RSS {found['peak_rss_mb']:,.0f} MB", True
        elif found["timed_out"]:
            outcome, met = f"not done after {found['seconds']:.0f} s (peak RSS so far {found['peak_rss_mb']:,.0f} MB)", False
        else:
            why = re.sub(r"^annotator: (error: )?\S+: ", "", " ".join(found["stderr"]))
            outcome, met = f"refused (exit {found['code']}): {why[:120]}", False
        rows.append(Row("5", f"`annotator build` of a {found['bytes'] / 1e6:.2f} MB corpus (seed ×N)", "builds",
                        outcome, met))
    return rows


def goal_rows(results: dict[str, Any]) -> list[Row]:
    """Every row, goal by goal."""
    return (tokenizer_rows(results["tokens"], results.get("peers")) + pipeline_rows(results["pipeline"])
            + process_rows(results["processes"], results["align"]) + cluster_rows(results.get("cluster"))
            + memory_rows(results["processes"], results["large"]))


def render(rows: list[Row], results: dict[str, Any]) -> str:
    """The markdown table, then the stage times of the largest in-process build."""
    verdict = {True: "yes", False: "**no**", None: "—"}
    lines = ["| goal | ratio | target | measured | met |", "|---|---|---|---|---|"]
    lines += [f"| {r.goal} | {r.what} | {r.target} | {r.measured} | {verdict[r.met]} |" for r in rows]
    name, largest = list(results["pipeline"].items())[-1]
    total = largest["seconds"]
    lines += ["", f"Stages of the in-process build of seed {name} ({largest['chars']:,} chars, {total:.1f} s):", "",
              "| stage | seconds | share |", "|---|---|---|"]
    stages = dict(largest["stages"])
    stages["between stages"] = max(0.0, total - sum(stages.values()))
    for stage, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        lines.append(f"| {stage} | {seconds:.2f} | {seconds / total:.0%} |")
    if results.get("peers"):
        lines += ["", "Peers: " + ", ".join(f"{k} {v}" for k, v in results["peers"]["versions"].items())]
    return "\n".join(lines)
