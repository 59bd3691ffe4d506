"""Coverage: for each source paragraph or bullet, how many claims support it and how many answer it.

A claim counts for a block when one of its links ranked within ``COVERAGE_RANK`` (3) targets
the block or one of its sentences; each claim counts once per block. ``supports`` links come
from summary bullets, ``rebuts`` links from commentary points and bullets.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from ..corpus.records import Corpus
from ..link.records import Link
from ..text.records import Structure
from .common import BLOCK_KINDS, block_of, units_by_id
from .records import Coverage

COVERAGE_RANK = 3


def check_coverage(corpus: Corpus, structure: Structure, links: Sequence[Link]) -> tuple[Coverage, ...]:
    """One Coverage per source block, in text order."""
    sources = {d.id for d in corpus.documents if d.role == "source"}
    units = units_by_id(structure)
    claims: dict[tuple[str, str], set[str]] = {}
    for link in links:
        target = units.get(link.target)
        block = block_of(target, units) if link.rank <= COVERAGE_RANK and target is not None else None
        if block is not None:
            claims.setdefault((block.id, link.relation), set()).add(link.source)
    return tuple(Coverage(unit=u.id, supported_by=len(claims.get((u.id, "supports"), ())),
                          answered_by=len(claims.get((u.id, "rebuts"), ())))
                 for u in structure.units if u.doc in sources and u.kind in BLOCK_KINDS)


def unanswered(coverage: Iterable[Coverage]) -> tuple[str, ...]:
    """The source blocks that no commentary unit answers."""
    return tuple(c.unit for c in coverage if c.answered_by == 0)


def unsupported(coverage: Iterable[Coverage]) -> tuple[str, ...]:
    """The source blocks that no summary bullet supports."""
    return tuple(c.unit for c in coverage if c.supported_by == 0)
