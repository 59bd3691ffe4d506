"""Fuzzing the structured inputs: corpus.toml, links.toml, glossary.toml and edition.json.

Whatever the shape (odd keys and values, deep nesting, long numbers, NaN, wrong types, missing
records), the command ends with exit 0 or 2 and at most one line on stderr, never a traceback or
an internal error. ``ANNOTATOR_FUZZ_EXAMPLES`` sets the examples per input (default 25); a long
run: ``ANNOTATOR_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz_inputs.py``.
"""
from __future__ import annotations

import copy
import io
import json
import os
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.build import build
from annotator.cli import main

EXAMPLES = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 25,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SOURCE = "資料の見出し\n計算資源は重要である。半導体の輸出規制は効果を下げる。\n第二の見出し\n研究者は規制に反対した。\n"
SUMMARY = "1. 要約\n- 計算資源は重要だ【元記事「資料の見出し」】。\n"
COMMENTARY = "1. 反論\n- 輸出規制には効果がある。輸出管理は難しい。\n"
MANIFEST_LINES = ['title = "fuzz"', "[[documents]]", 'file = "source.txt"', 'lang = "ja"', 'role = "source"',
                  "[[documents]]", 'file = "summary.txt"', 'lang = "ja"', 'role = "summary"', "[[documents]]",
                  'file = "commentary.txt"', 'lang = "ja"', 'role = "commentary"']


def run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


def assert_clean(code: int, err: str) -> None:
    assert code in (0, 2), err
    assert "Traceback" not in err and "internal error" not in err, err
    assert err.count("\n") <= 1 and len(err) < 2_000, err


KEYS = st.sampled_from(["title", "title_en", "documents", "sections", "file", "lang", "role", "parts", "heading",
                        "title_ja", "id", "en", "variants", "broader", "note", "from", "to", "relation", "unit",
                        "section", "add", "remove", "pin", "concepts", "x", '"quoted key"', "a.b.c", "ｆｉｌｅ"])
SCALARS = st.one_of(
    st.sampled_from(['"source.txt"', '"../outside.txt"', '"/etc/passwd"', '"summary.txt"', '"ja"', '"en"', '"source"',
                     '"combined"', '"summary"', '"commentary"', '"資料の見出し"', '""', "true", "false", "nan", "inf",
                     "-inf", "1e999", "1979-05-27T07:32:00Z", '"""multi\nline"""', "'literal'", '"summary-1-b1"',
                     '"source-p1-s1"', '"supports"', '"rebuts"', '"compute"', '["計算資源", "計算"]', "[]", "{}"]),
    st.integers().map(str),
    st.integers(min_value=4_000, max_value=6_000).map(lambda n: "9" * n),
    st.text(max_size=30).map(json.dumps),
)


def _nested(depth: int, inner: str) -> str:
    return "[" * depth + inner + "]" * depth


VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.tuples(KEYS, SCALARS).map(lambda kv: "{ " + f"{kv[0]} = {kv[1]}" + " }"),
    st.tuples(st.integers(1, 3_000), SCALARS).map(lambda d: _nested(*d)),
)
LINES = st.one_of(
    st.sampled_from(MANIFEST_LINES),
    st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.sampled_from(["[[documents]]", "[[sections]]", "[[documents.parts]]", "[documents]", "[[concepts]]",
                     "[[add]]", "[[remove]]", "[[pin]]", "[x]", "[[", "]]", "# comment", "", "=", '"unterminated']),
    st.integers(1, 50_000).map(lambda n: "a." * n + "b = 1"),
    st.text(max_size=40),
)
TOML = st.lists(LINES, max_size=25).map("\n".join)


def _corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (("source.txt", SOURCE), ("summary.txt", SUMMARY), ("commentary.txt", COMMENTARY)):
        (root / name).write_text(text, encoding="utf-8")
    (root / "corpus.toml").write_text("\n".join(MANIFEST_LINES) + "\n", encoding="utf-8")
    return root


@FUZZ
@given(name=st.sampled_from(["corpus.toml", "links.toml", "glossary.toml"]), text=TOML,
       keep_valid=st.booleans())
def test_toml_inputs_end_in_exit_0_or_2(name: str, text: str, keep_valid: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _corpus(Path(tmp) / "c")
        if name == "corpus.toml" and keep_valid:
            text = "\n".join(MANIFEST_LINES) + "\n" + text
        (corpus / name).write_text(text, encoding="utf-8", errors="surrogatepass") if _encodable(text) else \
            (corpus / name).write_bytes(text.encode("utf-8", "replace"))
        assert_clean(*run(["check", str(corpus)]))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@pytest.fixture(scope="module")
def edition_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("fuzz-edition")
    out = build(_corpus(root / "c"), root / "site")
    data: dict[str, Any] = json.loads((out / "edition.json").read_text(encoding="utf-8"))
    return data


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10) | st.sampled_from(["summary-1-b1", "source-p1-s1", "source", "sec-1", "supports"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data[:3]):
            found += _paths(value, prefix + (i,))
    return found


@st.composite
def damaged(draw: st.DrawFn, data: dict[str, Any]) -> str:
    """edition.json text with a few places deleted or replaced, or turned into raw oddities."""
    edited = copy.deepcopy(data)
    paths = _paths(edited)[1:]
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths))
        parent = edited
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()):
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    text = json.dumps(edited, ensure_ascii=False)
    raw = draw(st.sampled_from(["", "NaN", "Infinity", "1e999", "9" * 5_000, "[" * 5_000, "true"]))
    if raw and '"score": ' in text:
        text = text.replace('"score": ', f'"score": {raw}, "was": ', 1)
    return text


@FUZZ
@given(data=st.data())
def test_edition_shapes_end_in_exit_0_or_2(edition_data: dict[str, Any], data: st.DataObject) -> None:
    text = data.draw(damaged(edition_data))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edition.json"
        path.write_text(text, encoding="utf-8")
        gold = Path(tmp) / "gold.json"
        gold.write_text(json.dumps({"format": "annotator-gold", "version": 1, "summary": [
            {"unit": "計算資源は重要だ", "kind": "claim", "cited_section": "資料の見出し", "support_section": "資料の見出し",
             "paragraph": None, "sentence": None}], "commentary": []}, ensure_ascii=False), encoding="utf-8")
        assert_clean(*run(["export", str(path), "--out", str(Path(tmp) / "exports")]))
        assert_clean(*run(["evaluate", str(path), str(gold)]))
