"""The page at 1366×768 reads first: both panes start in the first screen, the drawer opens and closes
by keyboard; screenshots of the page, the drawer and the handout are saved in the test output folder
(``$ANNOTATOR_TEST_OUTPUT``, default ``test-output/`` beside the tests)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest
from browsers import chromium_context

from annotator.render.jinja import render_handout, render_index

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shots() -> Path:
    """Where the screenshots go."""
    folder = Path(os.environ.get("ANNOTATOR_TEST_OUTPUT", ROOT / "test-output"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def pages(seed_edition: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("classroom")
    (out / "index.html").write_text(render_index(seed_edition), encoding="utf-8")
    (out / "handout.html").write_text(render_handout(seed_edition, kind="student"), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def tab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A page of a fresh Chromium profile at 1366×768."""
    with chromium_context(tmp_path_factory.mktemp("profile"), 1366, 768) as context:
        yield context.new_page()


def _top(tab: Any, selector: str) -> float:
    return float(tab.eval_on_selector(selector, "el => el.getBoundingClientRect().top"))


def test_both_panes_start_in_the_first_screen(tab: Any, pages: Path, shots: Path) -> None:
    tab.goto((pages / "index.html").as_uri())
    for pane in ("#pane-claims", "#pane-source"):
        assert 0 <= _top(tab, pane) < 768 * 0.25, pane
        first = _top(tab, f"{pane} .doc")
        assert first < 768, f"{pane}: its first document starts at {first}px"
    bottom = tab.eval_on_selector("#pane-source", "el => el.getBoundingClientRect().bottom")
    assert bottom <= 768 + 1  # the panes fill the screen and scroll inside
    tab.screenshot(path=str(shots / "page-1366x768.png"))


def test_drawer_opens_and_closes_by_keyboard(tab: Any, pages: Path, shots: Path) -> None:
    tab.goto((pages / "index.html").as_uri())
    before = _top(tab, "#pane-source")
    assert not tab.eval_on_selector("#drawer", "el => el.open")
    tab.focus("#drawer > summary")
    tab.keyboard.press("Enter")
    assert tab.eval_on_selector("#drawer", "el => el.open")
    assert tab.is_visible("#overview-h") and tab.is_visible("#findings-h")
    assert _top(tab, "#pane-source") == before  # it lies over the panes, it does not push them down
    tab.click("a[href='#findings-h']")  # a tab scrolls the drawer, not the page under it
    assert tab.is_visible("#findings-h") and _top(tab, ".top") == 0 and _top(tab, "#pane-source") == before
    tab.screenshot(path=str(shots / "drawer-1366x768.png"))
    tab.focus("#drawer > summary")
    tab.keyboard.press("Escape")
    assert not tab.eval_on_selector("#drawer", "el => el.open")
    assert tab.evaluate("document.activeElement.matches('#drawer > summary')")
    tab.keyboard.press("Space")
    assert tab.eval_on_selector("#drawer", "el => el.open")
    tab.keyboard.press("Space")  # the focus stayed on the drawer's button
    assert not tab.eval_on_selector("#drawer", "el => el.open")


def test_overview_labels_are_legible(tab: Any, pages: Path) -> None:
    tab.goto((pages / "index.html").as_uri())
    tab.focus("#drawer > summary")
    tab.keyboard.press("Enter")
    sizes = tab.eval_on_selector_all(
        "svg.overview text", "els => els.filter(e => e.getClientRects().length).map("
        "e => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a)")
    assert sizes and min(sizes) >= 11


def test_panes_stack_on_a_narrow_screen(tab: Any, pages: Path) -> None:
    tab.set_viewport_size({"width": 600, "height": 800})
    try:
        tab.goto((pages / "index.html").as_uri())
        claims = tab.eval_on_selector("#pane-claims", "el => el.getBoundingClientRect().toJSON()")
        source = tab.eval_on_selector("#pane-source", "el => el.getBoundingClientRect().toJSON()")
        assert source["top"] >= claims["bottom"] - 1 and abs(source["left"] - claims["left"]) < 2
    finally:
        tab.set_viewport_size({"width": 1366, "height": 768})


def test_handout_screenshot(tab: Any, pages: Path, shots: Path) -> None:
    tab.goto((pages / "handout.html").as_uri())
    assert tab.is_visible("#questions")
    tab.screenshot(path=str(shots / "handout-student.png"))
