"""The pages review mode serves: the edition's index.html with the review script, and the handouts."""
from __future__ import annotations

from pathlib import Path

import json

from markupsafe import Markup

from ..edition.model import Edition
from ..render.catalog import Catalog
from ..build import HANDOUT_FILES
from ..render.handout.options import merged
from ..render.jinja import asset, content_security_policy, environment, render_handout
from ..render.views import index_view


def review_page(edition: Edition, catalog: Catalog, token: str) -> str:
    """index.html as ``annotator build`` writes it, plus the review style and script; its policy
    lets the script talk to this server only (connect-src 'self'), and nothing else changes."""
    style = asset("edition.css") + "\n" + asset("review.css")
    config = json.dumps({"token": token})  # the token is hex: nothing to escape
    script = f"var ANNOTATOR_REVIEW = {config};\n" + asset("edition.js") + "\n" + asset("review.js")
    csp = content_security_policy(style, script) + "; connect-src 'self'"
    return environment().get_template("index.html").render(
        view=index_view(edition, catalog), style=Markup(style), script=Markup(script), csp=csp)


def handout_pages(edition: Edition, catalog: Catalog, corpus: Path) -> dict[str, str]:
    """The handouts (student sheet, teacher's key) exactly as ``annotator build`` writes them, with the
    corpus's handout.toml settings: file name → page."""
    options = merged(corpus)
    return {f"{HANDOUT_FILES[kind]}.html": render_handout(edition, catalog, options, kind) for kind in options.kinds}


def page_policy(html: str) -> str:
    """The Content-Security-Policy a page declares in its meta element, to send as a header too."""
    start = html.index('http-equiv="Content-Security-Policy" content="') + len('http-equiv="Content-Security-Policy" content="')
    return html[start:html.index('"', start)].replace("&#39;", "'").replace("&#x27;", "'")
