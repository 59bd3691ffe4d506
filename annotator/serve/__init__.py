"""Serve: ``annotator serve``, the edition served with a review mode that writes links.toml.

A top-level consumer of the stages (it runs the pipeline and renders pages after each
correction). Starlette and uvicorn are an optional extra (``annotator[serve]``), imported only
here: ``annotator build`` never loads them.
"""
