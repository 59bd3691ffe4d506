"""Review mode in a real browser (Playwright driving Debian's Chromium, as tests/test_browser.py):
each correction made on the page lands in links.toml, shows at once, survives a reload, and
`annotator build` of the corpus gives the same edition."""
from __future__ import annotations

import html
import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from conftest import SEED_CORPUS

pytest.importorskip("uvicorn", reason="annotator serve needs: pip install 'annotator[serve]'")

from browsers import chromium_context, needs_chromium  # noqa: E402
from serving import Served, serving  # noqa: E402

from annotator.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    corpus = tmp_path_factory.mktemp("review") / "c"
    shutil.copytree(SEED_CORPUS, corpus)
    with serving(corpus) as server:
        yield server


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Chromium context with a fresh profile, driven by Playwright."""
    with chromium_context(tmp_path_factory.mktemp("profile")) as context:
        yield context


@pytest.fixture(scope="module")
def tab(served: Served, browser: Any) -> Iterator[Any]:
    """The served edition in review mode, console messages collected on ``tab.messages``."""
    page = browser.new_page()
    page.messages = []
    page.on("console", lambda message: page.messages.append(f"{message.type}: {message.text}"))
    page.goto(served.url)
    page.wait_for_selector("html[data-review-ready]")
    yield page
    page.close()


def links_toml(served: Served) -> str:
    path = served.session.corpus / "links.toml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def claim_where(served: Served, test: Any) -> dict[str, Any]:
    return next(c for c in served.session.state()["claims"] if test(c))


def open_panel(tab: Any, claim: dict[str, Any]) -> None:
    tab.click(f'[data-key="open-{claim["element"]}"]')
    tab.wait_for_selector(f'#review-panel [data-unit="{claim["unit"]}"]')


def settle(tab: Any) -> None:
    """Wait until the last action's answer came back and the page was swapped."""
    tab.wait_for_function("() => !document.documentElement.hasAttribute('data-review-busy')")


@needs_chromium
def test_review_in_the_browser(served: Served, tab: Any, tmp_path: Path) -> None:
    claim = claim_where(served, lambda c: len(c["links"]) > 2)
    first, second = claim["links"][0]["to"], claim["links"][1]["to"]
    tab.evaluate("id => document.getElementById(id).scrollIntoView({block: 'center'})", claim["element"])
    scrolled = tab.evaluate("document.getElementById('pane-claims').scrollTop")
    open_panel(tab, claim)

    # confirm: the focus stays on the button pressed, the scroll where it was
    confirm = f'[data-key="confirm|{claim["unit"]}|{second}"]'
    tab.click(confirm)
    settle(tab)
    assert "[[confirm]]" in links_toml(served)
    assert tab.evaluate("document.activeElement.getAttribute('data-key')") == confirm[11:-2]
    assert abs(tab.evaluate("document.getElementById('pane-claims').scrollTop") - scrolled) <= 2
    assert tab.evaluate("document.body.firstElementChild.className") == "skip"
    tab.click("#ui-toggle")  # the page's own script still works on the swapped page
    assert tab.get_attribute("html", "data-ui") == "en"
    tab.click("#ui-toggle")

    # reject the best link: it is gone from the page, the next one moves up, the file says so
    tab.click(f'[data-key="reject|{claim["unit"]}|{first}"]')
    settle(tab)
    assert f'to = "{first}"' in links_toml(served).split("[[remove]]")[1]
    assert tab.locator(f'#review-panel li[data-to="{first}"]').count() == 0
    assert tab.locator("#review-panel .review-links li").first.get_attribute("data-to") == second
    shown = f"#{claim['element']} a.link[href='#u-{first}']"
    assert tab.locator(shown).count() == 0

    # add a link: choose the claim, then click a source passage
    target = next(t for t in served.session.state()["targets"]
                  if t not in {l["to"] for l in claim["links"]} and t.count("-s") == 1)
    tab.click(f'[data-key="add|{claim["unit"]}"]')
    tab.evaluate("id => document.getElementById(id).scrollIntoView({block: 'center'})", f"u-{target}")
    tab.click(f"#u-{target}")
    settle(tab)
    assert tab.locator("#review-panel .review-links li").first.get_attribute("data-to") == target
    assert "[[add]]" in links_toml(served)

    # re-pin a citation
    cited = claim_where(served, lambda c: c["citations"] and c["citations"][0]["section"])
    other = next(s["id"] for s in served.session.state()["sections"] if s["id"] != cited["citations"][0]["section"])
    open_panel(tab, cited)
    tab.select_option(f'[data-key="pin|{cited["unit"]}|0"]', other)
    settle(tab)
    assert f'section = "{other}"' in links_toml(served)
    assert tab.input_value(f'[data-key="pin|{cited["unit"]}|0"]') == other

    # dismiss a finding: it leaves the page and the handout, and is listed, greyed, as dismissed
    flagged = claim_where(served, lambda c: any(f["kind"] != "quote" for f in c["findings"]))
    index = next(i for i, f in enumerate(flagged["findings"]) if f["kind"] != "quote")
    detail = flagged["findings"][index]["detail"]
    handout = tab.context.new_page()
    handout.goto(served.url + "handout-teacher.html")  # the student sheet shows no findings
    assert detail in handout.inner_text("body")
    open_panel(tab, flagged)
    tab.fill(f'[data-key="note|{flagged["unit"]}|{index}"]', "<b>checked</b> by hand")
    tab.click(f'[data-key="dismiss|{flagged["unit"]}|{index}"]')
    settle(tab)
    assert "[[dismiss]]" in links_toml(served) and 'note = "<b>checked</b> by hand"' in links_toml(served)
    handout.reload()
    assert detail not in handout.inner_text("body")
    handout.close()
    assert detail not in tab.inner_text("#findings")
    dismissed = tab.locator("#review-bar .review-dismissed li").first
    assert "<b>checked</b>" in dismissed.inner_text()  # the note stays text
    assert tab.evaluate("getComputedStyle(document.querySelector('#review-bar .review-dismissed li')).color") \
        == "rgb(89, 89, 89)"

    # change a tag, then undo the change
    tagged = claim_where(served, lambda c: c["taggable"] and c["tags"])
    old = tagged["tags"][0]["kind"]
    new = next(k["id"] for k in served.session.state()["tag_kinds"] if k["id"] not in {t["kind"] for t in tagged["tags"]})
    open_panel(tab, tagged)
    tab.select_option(f'[data-key="retag|{tagged["unit"]}|{old}"]', new)
    settle(tab)
    assert f'add = "{new}"' in links_toml(served)
    assert tab.locator(f'#review-panel [data-key="retag|{tagged["unit"]}|{new}"]').count() == 1
    tab.click('[data-key="undo"]')
    settle(tab)
    assert "[[tag]]" not in links_toml(served)
    assert tab.locator(f'#review-panel [data-key="retag|{tagged["unit"]}|{old}"]').count() == 1

    # reload: every change kept
    tab.reload()
    tab.wait_for_selector("html[data-review-ready]")
    open_panel(tab, claim)
    rows = tab.locator("#review-panel .review-links li")
    assert rows.first.get_attribute("data-to") == target
    assert tab.locator(f'#review-panel li[data-to="{first}"]').count() == 0
    assert tab.locator("#review-bar .review-dismissed li").count() == 1
    tab.screenshot(path=str(tmp_path / "review.png"))
    if os.environ.get("ANNOTATOR_REVIEW_SHOT"):  # regenerate the README's picture (docs/review.png)
        tab.set_viewport_size({"width": 1280, "height": 700})
        tab.evaluate("document.getElementById('panes').scrollIntoView()")
        tab.screenshot(path=os.environ["ANNOTATOR_REVIEW_SHOT"])
        tab.set_viewport_size({"width": 1400, "height": 900})
    assert (tmp_path / "review.png").stat().st_size > 20_000
    assert not [m for m in tab.messages if "Content Security Policy" in m or "Refused" in m or m.startswith("error")]

    # annotator build of the same corpus: the same edition
    out = tmp_path / "site"
    assert main(["build", str(served.session.corpus), "--out", str(out)]) == 0
    assert (out / "edition.json").read_text(encoding="utf-8") == served.session.built.json
    assert html.escape("<b>checked</b>") not in (out / "index.html").read_text(encoding="utf-8")  # dismissed: off the page


@needs_chromium
def test_corpus_text_stays_inert_in_review_mode(browser: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(SEED_CORPUS, corpus)
    text_file = next(corpus.glob("*.txt"))
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    text = text_file.read_text(encoding="utf-8")
    text_file.write_text(text.replace("約5万個で", f"約5万個で「{hostile}」", 1), encoding="utf-8")  # a quotation the source lacks
    with serving(corpus) as server:
        claim = next(c for c in server.session.state()["claims"] if any(hostile in f["detail"] for f in c["findings"]))
        page = browser.new_page()
        page.goto(server.url)
        page.wait_for_selector("html[data-review-ready]")
        open_panel(page, claim)
        assert hostile in page.inner_text("#review-panel")
        assert page.locator("#review-panel img, #review-panel script, #panes img").count() == 0
        assert page.evaluate("() => window.pwned === undefined")
        page.close()


@needs_chromium
def test_a_correction_whose_unit_is_gone_is_shown_on_the_page(browser: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "links.toml").write_text('# mine\n[[remove]]\nfrom = "summary-99-b1"\nto = "source-p1-s1"\n',
                                       encoding="utf-8")
    with serving(corpus) as server:
        page = browser.new_page()
        page.goto(server.url)
        page.wait_for_selector("html[data-review-ready]")
        shown = page.locator("#review-bar .review-stale li").all_inner_texts()
        page.close()
    assert len(shown) == 1 and shown[0].startswith("links.toml:2: [[remove]] from 'summary-99-b1' names no unit")
