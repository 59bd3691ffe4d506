"""Rebuttal tags on held-out points: points with a right tag, precision of the tags given, and
neutral sentences tagged. The tables (tests/data/rebuttal_points_heldout*.tsv) were written without
looking at the tagger's output; this measures how the tagger generalizes, it is not fitted to them.

    PYTHONPATH=$PWD python benchmarks/tag_heldout.py [--details] [table.tsv ...]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLES = sorted((ROOT / "tests" / "data").glob("rebuttal_points_heldout*.tsv"))


@dataclass(frozen=True)
class Score:
    """How the tagger did on one table."""

    points: int
    right: int  # points with at least one right tag
    given: int  # tags given on points
    correct: int  # tags given on points that are right
    neutral: int
    neutral_tagged: int
    misses: tuple[str, ...]

    def line(self, name: str) -> str:
        precision = self.correct / self.given if self.given else 1.0
        return (f"{name}: points with a right tag {self.right}/{self.points} ({self.right / self.points:.0%}), "
                f"precision {self.correct}/{self.given} ({precision:.0%}), neutral tagged {self.neutral_tagged}/{self.neutral}")


def read_table(path: Path) -> list[tuple[str, set[str]]]:
    """(text, kinds) rows of a table; kinds empty for a neutral sentence."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, kinds = line.split("\t")
            rows.append((text, set() if kinds == "-" else set(kinds.split(","))))
    return rows


def tags_of(text: str) -> set[str]:
    """The kinds the tagger gives one point, as a bullet on its own."""
    from annotator.check.tags import tag_units
    from annotator.model import Unit

    unit = Unit("c-b1", "c", "bullet", text, 0, len(text))
    return {t.kind for t in tag_units([unit], {"c": "commentary"})}


def score(rows: list[tuple[str, set[str]]]) -> Score:
    """The tagger's score on rows."""
    points = [(text, kinds, tags_of(text)) for text, kinds in rows]
    kinded = [(t, k, g) for t, k, g in points if k]
    neutral = [(t, k, g) for t, k, g in points if not k]
    misses = tuple(f"{sorted(g) or '-'} vs {sorted(k) or '-'}: {t}" for t, k, g in points if g != k)
    return Score(len(kinded), sum(1 for _, k, g in kinded if k & g), sum(len(g) for _, _, g in kinded),
                 sum(len(k & g) for _, k, g in kinded), len(neutral), sum(1 for _, _, g in neutral if g), misses)


def main(argv: list[str]) -> int:
    details = "--details" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or TABLES
    for path in paths:
        result = score(read_table(path))
        print(result.line(path.name))
        if details:
            print("\n".join("  " + m for m in result.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
