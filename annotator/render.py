"""Render the edition's HTML pages from templates; no logic beyond loops and conditionals."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2

from .model import Edition
from .views import index_view


def template_dir() -> Path:
    """The templates folder: packaged with the wheel, or ``templates/`` in a checkout."""
    try:
        packaged = Path(str(resources.files("annotator.templates")))
        if (packaged / "base.html").is_file():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "templates"


def environment() -> jinja2.Environment:
    """A Jinja2 environment with autoescape on and undefined names as errors."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir())), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def render_index(edition: Edition) -> str:
    """index.html: the parsed structure of every document."""
    return environment().get_template("index.html").render(view=index_view(edition))
