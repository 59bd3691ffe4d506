"""Check that every in-page link of a rendered page points at an element that exists.

The pages are our own templates' output: attributes are written lowercase as ``name="value"``
(or ``'value'``) with the value escaped, so ``id="`` and ``href="`` never occur in text. A regex
pass over the markup outside ``<script>``, ``<style>`` and comments finds every attribute; the
patterns begin with a literal, which the regex engine finds fast.
"""
from __future__ import annotations

import html
import re

from ..errors import AnnotatorError

# script, style or a comment, in any case (\u017f: the long s, which matches s when case is
# ignored); the lookahead lets most tags fail on their first two letters
_OPAQUE = re.compile(r"<(?=[sS\u017f][cCtT]|!--)(?i:script\b.*?</script\s*>|style\b.*?</style\s*>|!--.*?-->)",
                     re.DOTALL)
# an attribute begins after whitespace; the lookbehind comes after the name, so the search
# still starts from a literal. One group, the value in its quotes: findall then gives strings.
_ID = re.compile(r"""id=(?<=[ \t\n\r\f]id=)("[^"]*"|'[^']*')""")
_HREF = re.compile(r"""href=(?:(?<=[ \t\n\r\f]href=)|(?<=[ \t\n\r\f]xlink:href=))("#[^"]+"|'#[^']+')""")


def broken_anchors(page: str) -> list[str]:
    """The in-page targets (``#x``) that no element's id provides."""
    markup = _OPAQUE.sub(" ", page)
    hrefs = {quoted[2:-1] for quoted in _HREF.findall(markup)}
    ids = {quoted[1:-1] for quoted in _ID.findall(markup)}
    return sorted(_unescaped(hrefs) - _unescaped(ids))


def _unescaped(values: set[str]) -> set[str]:
    escaped = {value for value in values if "&" in value}
    return (values - escaped) | {html.unescape(value) for value in escaped}


def check_anchors(name: str, page: str) -> None:
    """Raise when a rendered page links to an anchor it does not contain."""
    missing = broken_anchors(page)
    if missing:
        raise AnnotatorError(f"{len(missing)} in-page links lead nowhere, first #{missing[0]}", file=name,
                             fix="this is a bug in annotator: please report it with the corpus")
