"""Render the edition's HTML pages from templates; no logic beyond loops and conditionals."""
from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from types import CodeType
from typing import Any, Callable, MutableMapping, Optional

import jinja2
from markupsafe import Markup, escape

from ..collector import collector_paused
from ..edition.model import Edition
from .catalog import Catalog
from .views import index_view

# markupsafe's escaping without the Markup wrapper, through its private ``_escape_inner``: rendering
# seed ×32 takes 0.29 s with it, 0.39 s with the public ``escape`` (a Markup per value) and 0.35 s with
# a str.replace chain (benchmarks/bench_pipeline.py, render stage). Where it is missing or behaves
# otherwise, the public ``escape`` (tests/test_render_escape.py checks both paths).
try:
    from markupsafe import _escape_inner as _private_escape
except ImportError:  # pragma: no cover - depends on markupsafe's version
    _private_escape = None


def _public_escape(text: str) -> str:
    return str(escape(text))


def _usable_escape() -> Callable[[str], str]:
    probe = "<a href='x'>\"&amp;\u3042"
    if _private_escape is not None and _private_escape(probe) == _public_escape(probe):
        return _private_escape
    return _public_escape


_escape_inner = _usable_escape()


def template_dir() -> Path:
    """The templates folder: ``templates/`` of the checkout the package runs from, else the one
    packaged with the wheel (a checkout run through PYTHONPATH beside another editable install must
    render its own templates, not the installed ones)."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "templates" / "base.html").is_file():
        return checkout / "templates"
    return Path(str(resources.files("annotator.templates")))


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment (one per process, so each template compiles once): autoescape on,
    undefined names as errors, compiled templates kept between runs when a cache folder is usable."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir())), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             bytecode_cache=_bytecode_cache())
    env.template_class = TextEscapingTemplate
    env.filters.update(bi=LabelMacro(env, "bi_html"), both=LabelMacro(env, "both_html"))
    return env


def escape_output(value: Any) -> str:
    """What a template writes for ``{{ value }}``: markupsafe's escaping, as a plain ``str`` when the
    value is one (the page is joined into one string; only a macro's own result needs to be Markup)."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:  # a macro's output, already safe
        return value
    if kind is float or kind is int:  # digits, sign, point, exponent: nothing to escape
        return str(value)
    return escape(value)


class TextEscapingTemplate(jinja2.Template):
    """A template whose output expressions escape with ``escape_output``: a page writes a few hundred
    thousand values, and wrapping each escaped one in a Markup object costs more than escaping it."""

    @classmethod
    def from_code(cls, environment: jinja2.Environment, code: CodeType, globals: MutableMapping[str, Any],
                  uptodate: Optional[Callable[[], bool]] = None) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        # the compiled code looks ``escape`` up in its module at every output expression
        template.root_render_func.__globals__["escape"] = escape_output
        return template


class LabelMacro:
    """A label macro of ``_macros.html``, rendered once per distinct label: a page repeats a few
    dozen interface labels and each unit's name thousands of times, and a macro call costs more
    than a dict lookup. The output is the macro's own, autoescaped as ever."""

    LIMIT = 1 << 16  # distinct labels kept; past it the memo starts again

    def __init__(self, env: jinja2.Environment, name: str) -> None:
        self._env, self._name = env, name
        self._macro: Optional[Callable[[Any], Markup]] = None
        self._memo: dict[tuple[str, str], Markup] = {}

    def __call__(self, label: Any) -> Markup:
        """The macro's output for ``label`` (anything with ``ja`` and ``en``)."""
        ja, en = label.ja, label.en
        if type(ja) is not str or type(en) is not str:  # Markup equals its str: never share a slot
            return self._render(label)
        found = self._memo.get((ja, en))
        if found is None:
            if len(self._memo) >= self.LIMIT:
                self._memo.clear()
            found = self._memo[(ja, en)] = self._render(label)
        return found

    def _render(self, label: Any) -> Markup:
        if self._macro is None:
            self._macro = getattr(self._env.get_template("_macros.html").module, self._name)
        return self._macro(label)


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's per-user cache folder; a failed write only means the next run compiles again."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> Optional[jinja2.BytecodeCache]:
    """A cold build then loads the templates' code instead of compiling them (an entry is used only
    while its template's source is unchanged)."""
    try:
        return _QuietBytecodeCache(pattern="__annotator_%s.cache")
    except (OSError, RuntimeError):  # no private folder can be made in the temp directory
        return None


@cache
def asset(name: str) -> str:
    """An inline asset's text (CSS or script), checked so it cannot close its own element early."""
    text = (template_dir() / name).read_text(encoding="utf-8")
    if "</" in text:
        raise ValueError(f"{name} must not contain '</': it is inlined in the page")
    return text


def inline_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(style: str, script: Optional[str]) -> str:
    """No requests at all; only this page's own style (and script) may run."""
    parts = ["default-src 'none'", f"style-src {inline_hash(style)}",
             f"script-src {inline_hash(script)}" if script else "script-src 'none'",
             "base-uri 'none'", "form-action 'none'"]
    return "; ".join(parts)


def render_page(template: str, view: Any, style: str, script: Optional[str] = None) -> str:
    """A self-contained page: the view through its template, with inline style and script."""
    return environment().get_template(template).render(
        view=view, style=Markup(style), script=Markup(script) if script else "",
        csp=content_security_policy(style, script))


def render_index(edition: Edition, catalog: Optional[Catalog] = None, furigana: Optional[str] = None) -> str:
    """index.html: commentary and summary beside the source, linked both ways, with the findings
    (``catalog``: the edition's lookups, to share them with the other page; ``furigana``: all,
    beyond-joyo or grade:N puts readings over the words chosen)."""
    with collector_paused():
        view = index_view(edition, catalog, furigana)
        return render_page("index.html", view, asset("edition.css"), asset("edition.js"))


def render_handout(edition: Edition, catalog: Optional[Catalog] = None, options: Optional[Any] = None,
                   kind: str = "teacher") -> str:
    """A printable handout (``kind``: the student sheet, or the teacher's key with findings and answers;
    ``options``: a ``HandoutOptions``; ``catalog``: the edition's lookups, to share them with the other page)."""
    from .handout import handout_view

    with collector_paused():
        view = handout_view(edition, catalog, options, kind)
        return render_page("handout.html", view, asset("handout.css") + PAPER_RULES[view.paper])


# the sheet's size as the options choose it (the style sheet's own @page rule is A4)
PAPER_RULES = {"A4": "", "Letter": "\n@page { size: letter; }\n"}
