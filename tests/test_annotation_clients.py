"""annotations.jsonld read by a client others wrote: Apache Annotator anchors every selector in Chromium.

Each bundled corpus is built; its documents' texts (what the selectors count in: each
annotation's ``source`` is a ``text/plain`` document) are put in a page, one ``<pre>`` each,
and Apache Annotator (``@apache-annotator/dom`` from npm, pinned by tests/js/package-lock.json,
installed into a cache folder and bundled with esbuild here, never shipped) anchors every
SpecificResource of every annotation: its TextQuoteSelector must match once, at the place its
TextPositionSelector names, and both must give the text of the unit or section it names.

Needs node and npm (and the npm registry, the first time), Debian's /usr/bin/chromium and
Playwright; without them the test is skipped with the reason (in CI, where CI is set, a failed
npm install fails it instead). index.html is not the scope: it shows labels as links and
leaves out list markers and line breaks, so a quote that spans them is not in its text; there
a second test finds every annotated sentence (its quote without the context, which crosses
those labels) inside that sentence's element.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

import pytest
from browsers import CHROMIUM, chromium_context
from conftest import ROOT

from annotator.cli import main
from annotator.exports.webanno import iri

JS = Path(__file__).resolve().parent / "js"
BUNDLED = sorted(p.parent for p in (ROOT / "corpus").glob("*/corpus.toml"))

ANCHOR = """async ([scopeId, resources]) => {
    const A = window.ApacheAnnotator;
    const scope = document.getElementById(scopeId);
    const out = [];
    for (const resource of resources) {
        const quotes = [];
        for await (const range of A.createTextQuoteSelectorMatcher(resource.quote)(scope)) {
            const where = await A.describeTextPosition(range, scope);
            quotes.push([range.toString(), where.start, where.end]);
        }
        const positioned = [];
        for await (const range of A.createTextPositionSelectorMatcher(resource.position)(scope)) {
            positioned.push(range.toString());
        }
        out.push({quotes, positioned});
    }
    return out;
}"""


def _unavailable(reason: str) -> None:
    """Skip, except in CI, where what .ci/run installs must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)


def _npm_tree() -> Path:
    """node_modules of tests/js, installed once per lock file into a cache folder."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            _unavailable(f"{tool} is missing: apt-get install nodejs npm")
    lock = (JS / "package-lock.json").read_bytes()
    cache = Path(os.environ.get("ANNOTATOR_NPM_CACHE", Path.home() / ".cache" / "annotator-tests"))
    tree = cache / f"clients-{hashlib.sha256(lock).hexdigest()[:16]}"
    if (tree / "node_modules" / "@apache-annotator" / "dom").is_dir():
        return tree
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="clients-", dir=cache))
    for name in ("package.json", "package-lock.json"):
        shutil.copy(JS / name, staging / name)
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=staging,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        _unavailable(f"npm ci of tests/js failed: {done.stderr.strip()[-300:]}")
    try:
        staging.rename(tree)
    except OSError:  # another run installed it meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    return tree


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Apache Annotator's DOM package as one browser script (window.ApacheAnnotator)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip("/usr/bin/chromium is missing: apt-get install chromium")
    pytest.importorskip("playwright.sync_api", reason="Playwright is missing: pip install playwright")
    tree = _npm_tree()
    out = tmp_path_factory.mktemp("bundle") / "apache-annotator.js"
    entry = tree / "apache_annotator.js"
    shutil.copy(JS / "apache_annotator.js", entry)
    subprocess.run([str(tree / "node_modules" / ".bin" / "esbuild"), str(entry), "--bundle", "--format=iife",
                    "--target=chrome100", f"--outfile={out}", "--log-level=warning"], check=True, cwd=tree)
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundled")
    assert main(["build", *map(str, BUNDLED), "--out", str(out), "--jobs", "1"]) == 0
    return out


@pytest.fixture(scope="module")
def browser(bundle: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    # index.html's policy forbids the injected (inline) client script
    with chromium_context(tmp_path_factory.mktemp("profile"), bypass_csp=True) as context:
        yield context


IN_PAGE = """async (resources) => {
    const A = window.ApacheAnnotator;
    const out = [];
    for (const [unitId, exact] of resources) {
        const unit = document.getElementById('u-' + unitId);
        const inside = [];
        for await (const range of A.createTextQuoteSelectorMatcher({type: 'TextQuoteSelector', exact})(
                unit.closest('article.doc'))) {
            inside.push(unit.contains(range.commonAncestorContainer) && range.toString() === exact);
        }
        out.push(inside.includes(true));
    }
    return out;
}"""


def resources(annotation: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every SpecificResource an annotation targets or has as a body."""
    for part in ("target", "body"):
        value = annotation.get(part)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and item.get("type") == "SpecificResource":
                yield item


def selectors(resource: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    by_type = {s["type"]: s for s in resource["selector"]}
    return by_type["TextQuoteSelector"], by_type["TextPositionSelector"]


@pytest.mark.parametrize("corpus", [p.name for p in BUNDLED])
def test_apache_annotator_anchors_every_annotation(browser: Any, bundle: str, built: Path, corpus: str) -> None:
    edition = json.loads((built / corpus / "edition.json").read_text(encoding="utf-8"))
    items = json.loads((built / corpus / "annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    docs = {iri(doc["file"], doc["id"]): (f"doc-{n}", doc) for n, doc in enumerate(edition["documents"])}
    texts = {doc["id"]: doc["text"] for doc in edition["documents"]}
    named = {unit["id"]: unit["text"] for unit in edition["units"]}  # what a resource's id names: a unit…
    named.update((section["id"], texts[section["doc"]][section["start"]:section["end"]])  # …or a section
                 for section in edition["sections"])
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><meta charset='utf-8'><title>documents</title><body></body>")
        page.add_script_tag(content=bundle)
        page.evaluate("""docs => { for (const [id, text] of docs) {
            const pre = document.createElement('pre'); pre.id = id; pre.textContent = text; document.body.append(pre);
        } }""", [[scope, doc["text"]] for scope, doc in docs.values()])
        by_scope: dict[str, list[dict[str, Any]]] = {}
        for annotation in items:
            for resource in resources(annotation):
                by_scope.setdefault(docs[resource["source"]["id"]][0], []).append(resource)
        checked = 0
        for scope, found in by_scope.items():
            payload = [dict(zip(("quote", "position"), selectors(r))) for r in found]
            for resource, anchored in zip(found, page.evaluate(ANCHOR, [scope, payload])):
                quote, position = selectors(resource)
                assert anchored["quotes"] == [[quote["exact"], position["start"], position["end"]]], resource
                assert anchored["positioned"] == [quote["exact"]], resource
                if "id" in resource:  # a whole unit or section: the client's text is its text
                    assert named[unquote(resource["id"].split("#", 1)[1])] == quote["exact"]
                checked += 1
    finally:
        page.close()
    assert checked == sum(1 for annotation in items for _ in resources(annotation)) > 50


@pytest.mark.parametrize("corpus", [p.name for p in BUNDLED])
def test_apache_annotator_finds_annotated_sentences_in_index_html(browser: Any, bundle: str, built: Path,
                                                                 corpus: str) -> None:
    edition = json.loads((built / corpus / "edition.json").read_text(encoding="utf-8"))
    items = json.loads((built / corpus / "annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    kinds = {unit["id"]: unit["kind"] for unit in edition["units"]}
    sentences = sorted({(unit_id, selectors(resource)[0]["exact"]) for annotation in items
                        for resource in resources(annotation) if "id" in resource
                        for unit_id in [unquote(resource["id"].split("#", 1)[1])] if kinds.get(unit_id) == "sentence"})
    page = browser.new_page()
    try:
        page.goto((built / corpus / "index.html").as_uri())
        page.add_script_tag(content=bundle)
        found = page.evaluate(IN_PAGE, [list(pair) for pair in sentences])
    finally:
        page.close()
    assert len(sentences) > 20
    assert [pair for pair, ok in zip(sentences, found) if not ok] == []
