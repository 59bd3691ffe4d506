"""annotator: a bilingual critical-reading toolkit (commentary, summary and source, aligned and checked)."""

__version__ = "0.1.0"
