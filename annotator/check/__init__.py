"""Check: what a careful reader would flag, and what kind of answer each rebuttal gives.

Takes the corpus, its structure and the alignment; gives ``Findings`` (quotations checked against
the source, flags for miscitations and changed figures, redactions, terminology variants, coverage)
and rebuttal ``Tag``s.
"""
from __future__ import annotations

from ..lazy import lazy_exports

__all__ = ["Coverage", "Findings", "Flag", "Quote", "Redaction", "Tag", "Term", "TermOccurrence", "rebuttal_types", "run_checks", "tag_units"]

__getattr__ = lazy_exports(__name__, {
    "run_checks": ".run",
    "Findings": ".run",
    "tag_units": ".tags",
    "rebuttal_types": ".taxonomy",
    "Quote": ".records",
    "Flag": ".records",
    "Tag": ".records",
    "Redaction": ".records",
    "Term": ".records",
    "TermOccurrence": ".records",
    "Coverage": ".records",
})
