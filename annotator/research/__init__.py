"""For researchers, beside the pipeline: annotations from other tools in, agreement out.

Takes files other people and tools wrote (W3C Web Annotation, brat standoff, links.toml,
edition.json) and an edition of the corpus they are about; gives corrections
(``importing``: ``annotator import``) and agreement figures (``agreement``: ``annotator agree``).
``anchor`` finds the spans they select in the corpus's texts; ``readers`` reads the formats.
Sits above the stages: it may use any of them, none of them uses it.
"""
