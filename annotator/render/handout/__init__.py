"""The handouts: a student sheet and a teacher's key, as HTML (printable to PDF) and Word files."""
from __future__ import annotations

from ...lazy import lazy_exports

__all__ = ["HandoutOptions", "HandoutView", "KINDS", "handout_view", "render_docx"]

__getattr__ = lazy_exports(__name__, {
    "HandoutOptions": ".options",
    "KINDS": ".options",
    "HandoutView": ".view",
    "handout_view": ".view",
    "render_docx": ".docx",
})
