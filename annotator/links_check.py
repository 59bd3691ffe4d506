"""Check that every in-page link of a rendered page points at an element that exists.

The pages are our own templates' output: attributes are written lowercase as ``name="value"``
(or ``'value'``) with the value escaped, so ``id="`` and ``href="`` never occur in text. A regex
pass over the markup outside ``<script>``, ``<style>`` and comments finds every attribute; the
patterns begin with a literal, which the regex engine finds fast.
"""
from __future__ import annotations

import html
import re

from .errors import AnnotatorError

_OPAQUE = re.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_ID = re.compile(r"""id=(?:"([^"]*)"|'([^']*)')""")
_HREF = re.compile(r"""href=(?:"#([^"]+)"|'#([^']+)')""")
_SPACE = frozenset(" \t\n\r\f")
_XLINK = "xlink:"


def broken_anchors(page: str) -> list[str]:
    """The in-page targets (``#x``) that no element's id provides."""
    markup = _OPAQUE.sub(" ", page)
    ids = {_value(m) for m in _ID.finditer(markup) if _after_space(markup, m.start())}
    hrefs = {_value(m) for m in _HREF.finditer(markup)
             if _after_space(markup, m.start() - (len(_XLINK) if markup.endswith(_XLINK, 0, m.start()) else 0))}
    return sorted(hrefs - ids)


def _after_space(markup: str, start: int) -> bool:
    """Whether an attribute name begins at ``start`` (rather than ends a longer name)."""
    return start > 0 and markup[start - 1] in _SPACE


def _value(match: re.Match[str]) -> str:
    value = match.group(1) or match.group(2) or ""
    return html.unescape(value) if "&" in value else value


def check_anchors(name: str, page: str) -> None:
    """Raise when a rendered page links to an anchor it does not contain."""
    missing = broken_anchors(page)
    if missing:
        raise AnnotatorError(f"{len(missing)} in-page links lead nowhere, first #{missing[0]}", file=name,
                             fix="this is a bug in annotator: please report it with the corpus")
