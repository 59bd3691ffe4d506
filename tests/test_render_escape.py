"""Templates escape every output expression exactly as markupsafe does, through the fast hook."""
from __future__ import annotations

from typing import Any

import pytest
from markupsafe import Markup, escape

from annotator.render.jinja import environment, escape_output

HOSTILE = "<script>alert('x')</script> & \"quoted\" 「引用」"


def test_every_page_template_writes_its_output_through_the_hook() -> None:
    for name in ("index.html", "handout.html"):
        template = environment().get_template(name)
        assert template.root_render_func.__globals__["escape"] is escape_output


@pytest.mark.parametrize("value", [HOSTILE, Markup("<b>safe</b>"), 42, -1.5e-07, None, ("<", 1)])
def test_a_value_is_written_as_markupsafe_escapes_it(value: Any) -> None:
    template = environment().from_string("[{{ value }}]")
    assert template.render(value=value) == f"[{escape(value)}]"
    assert str(escape_output(value)) == str(escape(value))


def test_a_str_subclass_is_escaped_too() -> None:
    class Name(str):
        pass

    assert environment().from_string("{{ v }}").render(v=Name("<i>")) == "&lt;i&gt;"


def test_without_markupsafes_private_escaper_the_public_one_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import annotator.render.jinja as jinja

    monkeypatch.setattr(jinja, "_private_escape", None)
    assert jinja._usable_escape() is jinja._public_escape
    monkeypatch.setattr(jinja, "_private_escape", lambda text: text)  # present but escaping otherwise
    assert jinja._usable_escape() is jinja._public_escape
    monkeypatch.setattr(jinja, "_escape_inner", jinja._public_escape)
    assert jinja.environment().from_string("[{{ v }}]").render(v=HOSTILE) == f"[{escape(HOSTILE)}]"
