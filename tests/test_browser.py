"""The seed edition in a real browser (headless Chromium via Playwright) and the handout printed to PDF.

Needs Debian's /usr/bin/chromium and fonts-ipaexfont-gothic; Playwright from PyPI drives that
Chromium (never ``playwright install``). Without /usr/bin/chromium these tests are skipped.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from browsers import chromium_context, needs_chromium  # noqa: E402

from annotator.errors import AnnotatorError
from annotator.render.jinja import render_handout, render_index
from annotator.render.pdf import pdf_page_count, print_pdf, render_pdf


@pytest.fixture(scope="module")
def site(seed_edition: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed edition's pages, written to a folder."""
    out = tmp_path_factory.mktemp("site")
    (out / "index.html").write_text(render_index(seed_edition), encoding="utf-8")
    (out / "handout.html").write_text(render_handout(seed_edition), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Chromium context with a fresh profile, driven by Playwright."""
    with chromium_context(tmp_path_factory.mktemp("profile")) as context:
        yield context


@pytest.fixture()
def page(browser: Any, site: Path) -> Iterator[Any]:
    """index.html opened from file://, with console messages collected on ``page.messages``."""
    tab = browser.new_page()
    messages: list[str] = []
    tab.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    tab.on("request", lambda request: messages.append(f"request: {request.url}")
           if not request.url.startswith("file:") else None)
    tab.goto((site / "index.html").as_uri())
    tab.messages = messages
    yield tab
    tab.close()


def in_view(page: Any, element_id: str) -> bool:
    """True when the element's box lies inside the viewport and inside its scrolling pane."""
    return page.evaluate("""id => {
        const el = document.getElementById(id);
        const box = el.getBoundingClientRect();
        const pane = el.closest('.pane').getBoundingClientRect();
        const inside = (outer) => box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1;
        return box.height > 0 && inside(pane) && inside({top: 0, bottom: window.innerHeight});
    }""", element_id)


def has_class(page: Any, element_id: str, name: str) -> bool:
    return page.evaluate("([id, name]) => document.getElementById(id).classList.contains(name)", [element_id, name])


@needs_chromium
def test_page_loads_without_policy_errors_or_requests(page: Any) -> None:
    assert page.is_visible("#ui-toggle")  # the script ran under the page's own CSP
    assert page.evaluate("getComputedStyle(document.querySelector('.pane')).overflowY") == "auto"
    assert not [m for m in page.messages if "Content Security Policy" in m or "Refused" in m or "request:" in m]


@needs_chromium
def test_clicking_a_citation_chip_shows_the_passage(page: Any) -> None:
    chip = page.locator("#pane-claims a.chip").first
    target = chip.get_attribute("href")[1:]
    assert not in_view(page, target)
    chip.click()
    page.wait_for_function("id => document.getElementById(id).classList.contains('current')", arg=target)
    page.wait_for_timeout(100)
    assert in_view(page, target)
    assert page.evaluate("id => document.getElementById(id).matches(':target')", target)
    colour = page.evaluate("id => getComputedStyle(document.getElementById(id)).backgroundColor", target)
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


@needs_chromium
def test_tab_onto_a_claim_highlights_its_counterparts(page: Any) -> None:
    page.focus("#pane-claims")
    peers = ""
    for _ in range(80):
        page.keyboard.press("Tab")
        peers = page.evaluate("""() => {
            const el = document.activeElement;
            const owner = el && el.classList.contains('self') ? el.closest('[data-peers]') : null;
            return owner ? owner.getAttribute('data-peers') : '';
        }""")
        if peers:
            break
    assert peers, "no claim with links was reached by Tab"
    for peer in peers.split():
        assert has_class(page, peer, "peer"), peer
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert has_class(page, peers.split()[0], "peer")


CONTRAST = """selectors => selectors.map(selector => {
    const el = document.querySelector(selector);
    if (!el) { return [selector, null]; }
    const rgb = c => c.match(/[\\d.]+/g).map(Number);
    const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    let node = el, background = [255, 255, 255];
    while (node && node.nodeType === 1) {
        const c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length < 4 || c[3] > 0) { background = c; break; }
        node = node.parentElement;
    }
    const [light, dark] = [luminance(rgb(getComputedStyle(el).color)), luminance(background)].sort((a, b) => b - a);
    return [selector, (light + 0.05) / (dark + 0.05)];
})"""
SAMPLES = ["body", ".self", "a.chip", ".chip .sec-en", ".link.rel-supports", ".link.rel-rebuts", ".backlink", ".tag",
           ".note-text", ".note a", ".marker", ".redacted", ".h-inline", ".cov-cell", ".title-en", ".section-en",
           ".count", ".badge", "#ui-toggle", ".cov-badge", "svg.overview text", ".legend li"]


@needs_chromium
def test_text_colours_meet_wcag_aa(page: Any) -> None:
    ratios = dict(page.evaluate(CONTRAST, SAMPLES))
    measured = {k: v for k, v in ratios.items() if v is not None}
    assert len(measured) >= len(SAMPLES) - 3, ratios
    assert {k: round(v, 2) for k, v in measured.items() if v < 4.5} == {}


@needs_chromium
def test_language_toggle_switches_the_labels(page: Any) -> None:
    label = page.locator("#pane-claims .pane-title")
    assert label.inner_text().strip() == "コメントと要約"
    page.click("#ui-toggle")
    assert page.get_attribute("html", "data-ui") == "en"
    assert page.get_attribute("#ui-toggle", "aria-pressed") == "true"
    assert label.inner_text().strip() == "Commentary and summary"


@needs_chromium
def test_screenshot_renders_japanese(page: Any, tmp_path: Path) -> None:
    page.evaluate("document.getElementById('panes').scrollIntoView()")
    shot = tmp_path / "edition.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    fonts = page.evaluate("""async () => {
        await document.fonts.ready;
        return document.fonts.check('16px IPAexGothic', '日本語');
    }""")
    assert fonts


@needs_chromium
def test_links_work_without_the_script(browser: Any, site: Path) -> None:
    # a persistent context cannot turn scripts off per page: make the script inert instead
    raw = (site / "index.html").read_text(encoding="utf-8")
    static = site / "static.html"
    static.write_text(raw.replace("<script>", "<template>").replace("</script>", "</template>"), encoding="utf-8")
    tab = browser.new_page()
    tab.goto(static.as_uri())
    assert tab.is_hidden("#ui-toggle")
    chip = tab.locator("#pane-claims a.chip").first
    target = chip.get_attribute("href")[1:]
    chip.click()
    assert tab.evaluate("id => document.getElementById(id).matches(':target')", target)
    assert in_view(tab, target)
    tab.close()


@needs_chromium
def test_handout_prints_to_a_multi_page_pdf_in_japanese(site: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    print_pdf(site / "handout.html", pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert pdf_page_count(data) > 1
    assert b"IPAexGothic" in data
    assert pdf_page_count(render_pdf((site / "handout.html").read_text(encoding="utf-8"))) == pdf_page_count(data)
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "討論のための問い" in text and "¶1" in text


def test_print_pdf_says_what_to_install_without_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ANNOTATOR_CHROMIUM", str(tmp_path / "no-chromium"))
    page = tmp_path / "handout.html"
    page.write_text("<!doctype html><p>x</p>", encoding="utf-8")
    with pytest.raises(AnnotatorError) as raised:
        print_pdf(page, tmp_path / "handout.pdf")
    message = str(raised.value)
    assert "apt-get install --no-install-recommends chromium fonts-ipaexfont-gothic" in message
    assert "\n" not in message and not (tmp_path / "handout.pdf").exists()
