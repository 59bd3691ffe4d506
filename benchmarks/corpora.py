"""Benchmark inputs made from the seed corpus: large corpora and folders of many corpora.

A *scaled* corpus holds ``copies`` rounds of the seed's commentary, summary and source, one
file per role, so every stage sees k times the units, claims and source sentences. The source
reads like a long book rather than many short essays: at most ``SECTION_ROUNDS`` rounds keep
the seed's section headings (numbered, so sections stay distinct and citations still have
titles to resolve); the rounds between them continue the section before.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "deepseek-export-controls"
ROLES = ("commentary", "summary", "source")
SECTION_ROUNDS = 10  # a 10 MB corpus: 30 sections of some 300 KB, not 900 of 10 KB


def seed_parts() -> dict[str, str]:
    """The seed's text of each role, as the corpus loader splits it."""
    from annotator.corpus.load import load_corpus

    return {d.role: d.text for d in load_corpus(SEED).documents}


def seed_text() -> str:
    """The seed's combined text file, as it stands."""
    return next(SEED.glob("*.txt")).read_text(encoding="utf-8")


def _round(text: str, headings: list[str], round_no: int, stride: int) -> str:
    """Round ``round_no`` of a part: headings numbered every ``stride`` rounds, else dropped."""
    if round_no == 0 or not headings:
        return text
    keep = round_no % stride == 0
    lines = [f"{line}（{round_no // stride + 1}）" if line in headings else line
             for line in text.split("\n") if keep or line not in headings]
    return "\n".join(lines)


def write_scaled(dest: Path, copies: int) -> Path:
    """Write a corpus of ``copies`` rounds of the seed (three files) into dest; return dest."""
    parts = seed_parts()
    headings = _headings()
    stride = -(-copies // SECTION_ROUNDS)
    dest.mkdir(parents=True, exist_ok=True)
    for role in ROLES:
        first, _, rest = parts[role].partition("\n")
        body = rest.rstrip("\n") + "\n"
        rounds = [_round(body, headings if role == "source" else [], i, stride) for i in range(copies)]
        (dest / f"{role}.txt").write_text(first + "\n" + "".join(rounds), encoding="utf-8")
    (dest / "corpus.toml").write_text(_manifest(copies), encoding="utf-8")
    return dest


def write_sized(dest: Path, megabytes: float) -> Path:
    """A scaled corpus whose text files add up to about ``megabytes`` MB of UTF-8."""
    per_copy = sum(len(t.encode("utf-8")) for t in seed_parts().values())
    return write_scaled(dest, max(1, round(megabytes * 1_000_000 / per_copy)))


def write_many(dest: Path, count: int) -> list[Path]:
    """``count`` copies of the seed corpus as sibling folders of dest; return their paths."""
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = dest / f"seed-{i:04d}"
        if not path.exists():
            shutil.copytree(SEED, path)
        paths.append(path)
    return paths


def _headings() -> list[str]:
    from annotator.corpus.manifest import read_manifest

    return [s.heading for s in read_manifest(SEED).sections]


def _manifest(copies: int) -> str:
    lines = [f'title = "seed ×{copies}"', ""]
    for role in ROLES:
        lines += ["[[documents]]", f'file = "{role}.txt"', 'lang = "ja"', f'role = "{role}"', ""]
    return "\n".join(lines)
