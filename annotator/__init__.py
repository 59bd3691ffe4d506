"""annotator: a bilingual critical-reading toolkit (commentary, summary and source, aligned and checked).

The Python API, each name imported when first used (``import annotator`` loads nothing heavy)::

    import annotator
    edition = annotator.build_edition("corpus/congestion-pricing")
    files = annotator.render_site(edition)            # file name -> content, in memory
    annotator.write_site(Path("site"), files)         # written atomically
    frames = edition.to_pandas()                      # DataFrames (pip install 'annotator[pandas]')

``load_corpus`` reads a corpus folder only; ``build`` does build_edition, render_site and
write_site in one call; ``edition_dict`` (``edition.to_dict()``) is edition.json's data. A worked
session is in docs/api.md; the formats in docs/corpus-format.md and docs/edition-format.md.

The stages live in subpackages, in the order of the flow: ``corpus`` → ``text`` → ``extract`` →
``link`` → ``check`` → ``edition`` → ``render`` / ``exports``; ``pipeline.py`` shows the order.
"""
from __future__ import annotations

from .lazy import lazy_exports

__version__ = "0.1.0"

_RECORDS = ("Citation", "Corpus", "Coverage", "Document", "Edition", "Flag", "Link", "Quote", "Redaction", "Section",
            "SectionLabel", "Structure", "Tag", "Term", "TermOccurrence", "Unit")

__all__ = ["AnnotatorError", "build", "build_edition", "edition_dict", "load_corpus", "render_site", "write_site",
           *_RECORDS]

__getattr__ = lazy_exports(__name__, {
    "AnnotatorError": ".errors",
    "build": ".build",
    "build_edition": ".pipeline",
    "edition_dict": ".edition.serialize",
    "load_corpus": ".corpus.load",
    "render_site": ".build",
    "write_site": ".output",
    **{name: ".model" for name in _RECORDS},
})
