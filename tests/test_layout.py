"""The package's folders follow the pipeline: no module imports a later stage (read with ``ast``)."""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Optional

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "annotator"

# Rank of each stage in the flow; a module may import its own stage and earlier ones only.
# render and exports are siblings: both read the edition, neither reads the other.
STAGES = {"corpus": 1, "text": 2, "extract": 3, "link": 4, "check": 5, "edition": 6, "render": 7, "exports": 7}
FOUNDATION = {"errors", "collector", "lazy"}  # below every stage
TOP = 9  # pipeline, build, cli …: they wire the stages together
MAX_LINES = 400
MAX_MODULES = 15


def stage_of(module: str) -> tuple[str, int]:
    """(stage name, rank) of a dotted module name below ``annotator``."""
    head = module.split(".")[1] if module.count(".") else ""
    if head in STAGES:
        return head, STAGES[head]
    if head in FOUNDATION:
        return head, 0
    return "top", TOP


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(module: str, is_package: bool, source: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module) of every import of annotator's own modules in ``source``."""
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target + "." + a.name for a in node.names] if node.module is None else [target]
            else:
                names = [node.module or ""]
            yield from ((node.lineno, n) for n in names if n == "annotator" or n.startswith("annotator."))
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names if a.name.startswith("annotator"))


def violation(importer: str, target: str) -> Optional[str]:
    """Why importing ``target`` from ``importer`` runs against the flow, or None."""
    (own, rank), (other, other_rank) = stage_of(importer), stage_of(target)
    if target == "annotator" and rank < TOP:
        return "imports the top-level package"
    if other_rank > rank:
        return f"{own} (stage {rank}) imports {other} (stage {other_rank}), a later stage"
    if other_rank == rank and own != other and rank in STAGES.values():
        return f"{own} imports its sibling {other}"
    return None


def violations(module: str, is_package: bool, source: str) -> list[str]:
    found = []
    for line, target in imported(module, is_package, source):
        why = violation(module, target)
        if why:
            found.append(f"{module}:{line}: {target}: {why}")
    return found


def all_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def test_no_import_runs_against_the_flow() -> None:
    found = [v for p in all_modules()
             for v in violations(module_name(p), p.name == "__init__.py", p.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("module, source, expected", [
    ("annotator.link.align", "from ..render.views import index_view", "link (stage 4) imports render (stage 7)"),
    ("annotator.text.structure", "from ..link import align", "text (stage 2) imports link (stage 4)"),
    ("annotator.extract.quotes", "from annotator.check.run import run_checks", "extract (stage 3) imports check"),
    ("annotator.check.figures", "def f():\n    from ..render import catalog\n", "check (stage 5) imports render"),
    ("annotator.render.views", "from ..exports import tei", "render imports its sibling exports"),
    ("annotator.corpus.load", "from .. import pipeline", "corpus (stage 1) imports top (stage 9)"),
    ("annotator.check", "from ..render.jinja import render_index", "check (stage 5) imports render"),
])
def test_an_import_against_the_flow_is_found(module: str, source: str, expected: str) -> None:
    found = violations(module, module.count(".") == 1, source)
    assert len(found) == 1 and expected in found[0]


@pytest.mark.parametrize("module, source", [
    ("annotator.link.align", "from ..extract.quotes import QuotePool\nfrom ..text.records import Unit"),
    ("annotator.render.views", "from ..check.coverage import unanswered\nfrom ..errors import AnnotatorError"),
    ("annotator.build", "from .render.jinja import render_index\nfrom .exports import export_files"),
    ("annotator.exports.tei", "from ..edition.json_text import json_text"),
])
def test_imports_along_the_flow_pass(module: str, source: str) -> None:
    assert violations(module, False, source) == []


def test_modules_and_folders_stay_small() -> None:
    long = [f"{p.relative_to(PACKAGE)}: {n} lines" for p in all_modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    crowded = [f"{d.relative_to(PACKAGE)}: {n} modules" for d in [PACKAGE, *PACKAGE.iterdir()] if d.is_dir()
               if (n := len([p for p in d.glob("*.py") if p.name != "__init__.py"])) > MAX_MODULES]
    assert long == [] and crowded == []


def test_every_stage_says_what_it_takes_and_gives() -> None:
    import importlib

    for stage in STAGES:
        package = importlib.import_module(f"annotator.{stage}")
        assert package.__doc__ and len(package.__doc__.strip()) > 80, stage
        for name in getattr(package, "__all__", ()):
            assert getattr(package, name) is not None, f"annotator.{stage}.{name}"


def test_public_api_and_old_paths() -> None:
    import annotator
    import annotator.nlp
    from annotator.model import Edition, Unit

    assert {"build_edition", "render_site", "write_site", "load_corpus", "Edition", "Unit"} <= set(annotator.__all__)
    assert annotator.Edition is Edition and annotator.Unit is Unit
    assert annotator.nlp.analyze("今日は晴れ。", "ja").text == "今日は晴れ。"
    assert annotator.nlp.pipeline("ja")("東京へ行く").text == "東京へ行く"


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = {module_name(p): {t for _, t in imported(module_name(p), p.name == "__init__.py", p.read_text("utf-8"))}
             for p in all_modules()}
    cycles = []

    def visit(node: str, path: list[str], done: set[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                cycles.append(" → ".join(path[path.index(nxt):] + [nxt]))
            elif nxt not in done and nxt in graph:
                visit(nxt, path + [nxt], done)
        done.add(node)

    done: set[str] = set()
    for start in sorted(graph):
        if start not in done:
            visit(start, [start], done)
    assert [c for c in cycles if not c.startswith("annotator →")] == []
