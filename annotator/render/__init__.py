"""Render: the edition's pages, from view data built in one place and Jinja2 templates.

Takes an ``Edition``; gives ``index.html`` (the linked side-by-side edition) and ``handout.html``
(and, with Chromium, ``handout.pdf``), every in-page anchor checked.
"""
from __future__ import annotations

from ..lazy import lazy_exports

__all__ = ["Catalog", "check_anchors", "handout_view", "index_view", "render_handout", "render_index", "render_pdf"]

__getattr__ = lazy_exports(__name__, {
    "render_index": ".jinja",
    "render_handout": ".jinja",
    "Catalog": ".catalog",
    "check_anchors": ".anchors",
    "render_pdf": ".pdf",
    "index_view": ".views",
    "handout_view": ".handout",
})
