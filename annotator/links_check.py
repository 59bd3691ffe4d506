"""Check that every in-page link of a rendered page points at an element that exists."""
from __future__ import annotations

from html.parser import HTMLParser

from .errors import AnnotatorError


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ("href", "xlink:href") and value and value.startswith("#") and len(value) > 1:
                self.hrefs.append(value[1:])


def broken_anchors(html: str) -> list[str]:
    """The in-page targets (``#x``) that no element's id provides."""
    parser = _Anchors()
    parser.feed(html)
    return sorted({href for href in parser.hrefs if href not in parser.ids})


def check_anchors(name: str, html: str) -> None:
    """Raise when a rendered page links to an anchor it does not contain."""
    missing = broken_anchors(html)
    if missing:
        raise AnnotatorError(f"{len(missing)} in-page links lead nowhere, first #{missing[0]}", file=name,
                             fix="this is a bug in annotator: please report it with the corpus")
