"""index.html and handout.html, parsed and compared structurally, for the seed and hand-made editions."""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from typing import Any, Iterator

import lxml.html
import pytest

from annotator.check.coverage import COVERAGE_RANK
from annotator.model import (
    Citation,
    Corpus,
    Coverage,
    Document,
    Edition,
    Flag,
    Link,
    Quote,
    Redaction,
    Section,
    Tag,
    Term,
    TermOccurrence,
    Unit,
)
from annotator.render.anchors import broken_anchors
from annotator.render.jinja import render_handout, render_index
from annotator.render.spans import (
    Mark,
    MarkIndex,
    Segment,
    char_diff,
    locate,
    segments,
    styled,
)
from annotator.render.catalog import Catalog
from annotator.render.handout.options import HandoutOptions
from annotator.render.views import index_view
from annotator.render.words.flags import flag_message
from annotator.render.words.messages import plain

SRC = ("原文の題\n"
       "はじめに<script>alert(1)</script>と書く。二つ目の文。\n"
       "第一節\n"
       "価格は約10分の1になった。XXXが伏せてある。\n"
       "輸出規制は重要だ。輸出管理も要る。\n"
       "誰も触れない段落。\n")
SUM = ("要約\n"
       "1. 価格の話\n"
       "- 価格:: 価格は「約10倍」になった【元記事「第一節」】。\n"
       "- 規制:: 「輸出規制は大事だ」とある【元記事「存在しない節」】。\n")
COM = ("コメント\n"
       "1. 二重基準だ\n"
       "自国が同じことをしている。「輸出管理も要る」と言うが、<b>太字</b>ではない。\n")


def _span(text: str, snippet: str, after: int = 0) -> tuple[int, int]:
    start = text.index(snippet, after)
    return start, start + len(snippet)


def _unit(text: str, doc: str, uid: str, kind: str, snippet: str, **extra: Any) -> Unit:
    start, end = _span(text, snippet)
    return Unit(uid, doc, kind, snippet, start, end, **extra)


def _sentences(text: str, doc: str, parent: Unit, parts: list[str]) -> list[Unit]:
    out, after = [], parent.body_start or parent.start
    for i, part in enumerate(parts, start=1):
        start, end = _span(text, part, after)
        out.append(Unit(f"{parent.id}-s{i}", doc, "sentence", part, start, end, parent.section, parent.id))
        after = end
    return out


def _source_units() -> list[Unit]:
    p1 = _unit(SRC, "src", "src-p1", "paragraph", "はじめに<script>alert(1)</script>と書く。二つ目の文。")
    p2 = _unit(SRC, "src", "src-p2", "paragraph", "価格は約10分の1になった。XXXが伏せてある。", section="sec-one")
    p3 = _unit(SRC, "src", "src-p3", "paragraph", "輸出規制は重要だ。輸出管理も要る。", section="sec-one")
    p4 = _unit(SRC, "src", "src-p4", "paragraph", "誰も触れない段落。", section="sec-one")
    return [_unit(SRC, "src", "src-title", "title", "原文の題"),
            p1, *_sentences(SRC, "src", p1, ["はじめに<script>alert(1)</script>と書く。", "二つ目の文。"]),
            p2, *_sentences(SRC, "src", p2, ["価格は約10分の1になった。", "XXXが伏せてある。"]),
            p3, *_sentences(SRC, "src", p3, ["輸出規制は重要だ。", "輸出管理も要る。"]),
            p4, *_sentences(SRC, "src", p4, ["誰も触れない段落。"])]


def _summary_units() -> list[Unit]:
    group = _unit(SUM, "sum", "sum-1", "group", SUM[SUM.index("1."):].rstrip("\n"), number="1")
    b1_text = "価格:: 価格は「約10倍」になった【元記事「第一節」】。"
    b2_text = "規制:: 「輸出規制は大事だ」とある【元記事「存在しない節」】。"
    b1 = _unit(SUM, "sum", "sum-1-b1", "bullet", b1_text, parent="sum-1", label="価格",
               body_start=SUM.index(b1_text) + 4)
    b2 = _unit(SUM, "sum", "sum-1-b2", "bullet", b2_text, parent="sum-1", label="規制",
               body_start=SUM.index(b2_text) + 4)
    return [_unit(SUM, "sum", "sum-title", "title", "要約"), group,
            _unit(SUM, "sum", "sum-1-h", "heading", "価格の話", parent="sum-1"),
            b1, *_sentences(SUM, "sum", b1, [b1_text[4:]]), b2, *_sentences(SUM, "sum", b2, [b2_text[4:]])]


def _commentary_units() -> list[Unit]:
    point = _unit(COM, "com", "com-1", "point", COM[COM.index("1."):].rstrip("\n"), number="1")
    para_text = "自国が同じことをしている。「輸出管理も要る」と言うが、<b>太字</b>ではない。"
    para = _unit(COM, "com", "com-1-p1", "paragraph", para_text, parent="com-1")
    return [_unit(COM, "com", "com-title", "title", "コメント"), point,
            _unit(COM, "com", "com-1-h", "heading", "二重基準だ", parent="com-1"),
            para, *_sentences(COM, "com", para, ["自国が同じことをしている。", "「輸出管理も要る」と言うが、<b>太字</b>ではない。"])]


def synthetic_edition() -> Edition:
    """A small edition made by hand, with one of every finding."""
    docs = (Document("com", "commentary", "ja", "c.txt", COM), Document("sum", "summary", "ja", "s.txt", SUM),
            Document("src", "source", "ja", "o.txt", SRC))
    corpus = Corpus("/tmp/synthetic", "合成<テスト>", "Synthetic & <test>", docs)
    sec_start = SRC.index("第一節")
    section = Section("sec-one", "src", "第一節", "Section one", None, sec_start, len(SRC), 1)
    m1, m2 = _span(SUM, "【元記事「第一節」】"), _span(SUM, "【元記事「存在しない節」】")
    redaction = _span(SRC, "XXX")
    occurrences = tuple(TermOccurrence(v, "src-p3", *_span(SRC, v)) for v in ("輸出規制", "輸出管理"))
    return Edition(
        corpus=corpus, sections=(section,),
        units=tuple(_commentary_units() + _summary_units() + _source_units()),
        citations=(Citation("sum-1-b1", SUM[m1[0]:m1[1]], "第一節", None, "sec-one", 0.9, *m1),
                   Citation("sum-1-b2", SUM[m2[0]:m2[1]], "存在しない節", None, None, 0.1, *m2)),
        links=(Link("sum-1-b1", "src-p2-s1", "supports", 0.8, 1, ("term:価格",)),
               Link("sum-1-b2", "src-p3-s1", "supports", 0.6, 1),
               Link("sum-1-b2", "src-p1", "supports", 0.3, 2),
               Link("com-1-p1", "src-p3", "rebuts", 0.5, 1),
               Link("com-1", "src-p1-s2", "rebuts", 0.2, 1)),
        quotes=(Quote("sum-1-b1", "約10倍", "absent", None, 0.2, *_span(SUM, "約10倍")),
                Quote("sum-1-b2", "輸出規制は大事だ", "close", "src-p3-s1", 0.75, *_span(SUM, "輸出規制は大事だ"),
                      match_text="輸出規制は重要だ"),
                Quote("com-1-p1", "輸出管理も要る", "exact", "src-p3-s2", 1.0, *_span(COM, "輸出管理も要る"))),
        flags=(Flag("sum-1-b1", "number_mismatch", "約10倍 ↔ 約10分の1", "src-p2-s1"),
               Flag("sum-1-b2", "miscitation", "cited 存在しない節, found in 第一節", "src-p3")),
        tags=(Tag("com-1-p1", "double_standard", "自国が"),),
        redactions=(Redaction("src-p2", "src", *redaction, "XXX"),),
        terms=(Term("輸出規制", "export controls", ("輸出規制", "輸出管理"), occurrences),),
        coverage=(Coverage("src-p1", 1, 1), Coverage("src-p2", 1, 0), Coverage("src-p3", 1, 1),
                  Coverage("src-p4", 0, 0)))


@pytest.fixture(scope="module")
def synthetic() -> Edition:
    return synthetic_edition()


@pytest.fixture(scope="module", params=["seed", "synthetic"])
def case(request: pytest.FixtureRequest, synthetic: Edition) -> tuple[Edition, str, Any]:
    """An edition, its index.html, and the parsed page."""
    edition = request.getfixturevalue("seed_edition") if request.param == "seed" else synthetic
    html = render_index(edition)
    return edition, html, lxml.html.document_fromstring(html)


@pytest.fixture(scope="module", params=["seed", "synthetic"])
def handout(request: pytest.FixtureRequest, synthetic: Edition) -> tuple[Edition, str, Any]:
    edition = request.getfixturevalue("seed_edition") if request.param == "seed" else synthetic
    html = render_handout(edition)
    return edition, html, lxml.html.document_fromstring(html)


def classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def text(el: Any) -> str:
    return " ".join(el.text_content().split())


def block_of(page: Any, unit_id: str) -> Any:
    """The element that shows a unit as a block (itself, or the block around a sentence)."""
    el = page.get_element_by_id(f"u-{unit_id}")
    while el.tag == "span":
        el = el.getparent()
    return el


def annots(block: Any) -> list[Any]:
    return block.xpath("./span[@class='own']/span[@class='annots']")


def role_of(edition: Edition, unit_id: str) -> str:
    unit = next(u for u in edition.units if u.id == unit_id)
    return next(d.role for d in edition.corpus.documents if d.id == unit.doc)


# ---- every page -------------------------------------------------------------------------------------------------

def test_every_unit_has_its_anchor(case):
    edition, _, page = case
    ids = set(page.xpath("//@id"))
    assert {f"u-{u.id}" for u in edition.units} <= ids


def test_ids_are_unique(case):
    _, _, page = case
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("render", [render_index, render_handout])
def test_every_in_page_link_resolves_and_nothing_leaves_the_page(render, seed_edition, synthetic):
    for edition in (seed_edition, synthetic):
        html = render(edition)
        page = lxml.html.document_fromstring(html)
        assert broken_anchors(html) == []
        assert all(h.startswith("#") for h in page.xpath("//@href"))
        assert page.xpath("//@src | //@srcset | //@action | //@xlink:href",
                          namespaces={"xlink": "http://www.w3.org/1999/xlink"}) == []
        inline = " ".join(page.xpath("//style/text() | //script/text()"))
        assert "http" not in inline and "//" not in inline and "@import" not in inline and "url(" not in inline


@pytest.mark.parametrize("render, scripts", [(render_index, 1), (render_handout, 0)])
def test_csp_allows_only_the_inline_script_and_style_by_hash(render, scripts, synthetic):
    page = lxml.html.document_fromstring(render(synthetic))
    (meta,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']")
    policy = dict((d.split()[0], d.split()[1:]) for d in meta.get("content").split(";") if d.strip())
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    assert policy["style-src"] == [_hash(page.xpath("//style/text()")[0])]
    bodies = page.xpath("//script/text()")
    assert len(bodies) == scripts
    assert policy["script-src"] == ([_hash(bodies[0])] if scripts else ["'none'"])


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


@pytest.mark.parametrize("render", [render_index, render_handout])
def test_no_inline_event_handlers_or_style_attributes(render, seed_edition, synthetic):
    for edition in (seed_edition, synthetic):
        page = lxml.html.document_fromstring(render(edition))
        names = {name for el in page.iter() if isinstance(el.tag, str) for name in el.attrib}
        assert not [n for n in names if n.startswith("on")]
        assert "style" not in names


@pytest.mark.parametrize("render", [render_index, render_handout])
def test_markup_in_the_text_comes_out_escaped(render, synthetic):
    html = render(synthetic)
    page = lxml.html.document_fromstring(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<b>太字" not in html
    assert page.xpath("//b") == []
    assert "合成&lt;テスト&gt;" in html and "Synthetic &amp; &lt;test&gt;" in html


@pytest.mark.parametrize("render", [render_index, render_handout])
def test_output_is_deterministic(render, synthetic, seed_edition):
    assert render(synthetic) == render(synthetic_edition())
    assert render(seed_edition) == render(seed_edition)


# ---- languages --------------------------------------------------------------------------------------------------

def test_labels_and_texts_carry_their_language(case):
    edition, _, page = case
    assert page.get("lang") == "ja" and page.get("data-ui") == "ja"
    assert all(el.get("lang") == "ja" for el in page.find_class("ui-ja"))
    assert all(el.get("lang") == "en" for el in page.find_class("ui-en"))
    assert len(page.find_class("ui-ja")) == len(page.find_class("ui-en")) > 20
    langs = {d.id: d.lang for d in edition.corpus.documents}
    for doc in edition.corpus.documents:
        assert page.get_element_by_id(f"d-{doc.id}").get("lang") == doc.lang
    for unit in edition.units:
        el = page.get_element_by_id(f"u-{unit.id}")
        holder = next(e for e in el.iterancestors() if e.get("lang")) if el.tag == "span" else el
        assert holder.get("lang") == langs[unit.doc], unit.id


def test_toggle_is_a_hidden_button_until_the_script_shows_it(case):
    _, _, page = case
    (toggle,) = page.xpath("//button[@id='ui-toggle']")
    assert toggle.get("type") == "button" and toggle.get("hidden") is not None
    assert toggle.get("aria-pressed") == "false"


# ---- panes, links both ways -------------------------------------------------------------------------------------

def test_two_panes_are_labelled_regions(case):
    _, _, page = case
    panes = page.xpath("//main//section[contains(@class, 'pane')]")
    assert [p.get("id") for p in panes] == ["pane-claims", "pane-source"]
    assert all(p.get("role") == "region" and " / " in p.get("aria-label") for p in panes)
    roles = [[a.get("class") for a in p.xpath(".//article")] for p in panes]
    assert all(r != "doc role-source" for r in roles[0]) and set(roles[1]) == {"doc role-source"}


def test_one_chip_per_citation_on_its_claim(case):
    edition, _, page = case
    for citation in edition.citations:
        chips = [c for a in annots(block_of(page, citation.unit)) for c in a.find_class("chip")]
        assert citation.marker in [c.get("title").split(" · ")[0] for c in chips]
    summary = [c for c in edition.citations if role_of(edition, c.unit) == "summary"]
    in_summary = page.xpath("//article[contains(@class, 'role-summary')]//*[contains(concat(' ', @class, ' '), ' chip ')]")
    assert len(in_summary) == len(summary)
    assert len(page.find_class("chip")) == len(edition.citations)


def test_synthetic_chips_name_the_section_and_the_best_passage(synthetic):
    page = lxml.html.document_fromstring(render_index(synthetic))
    chips = [(c.get("href"), text(c), classes(c)) for c in page.find_class("chip")]
    assert chips[0][:2] == ("#u-src-p2-s1", "第一節 Section one ¶2·1")
    assert chips[1][0] == "#u-src-p3-s1" and "unresolved" in chips[1][2]
    assert chips[1][1].startswith("存在しない節")
    scored = page.find_class("chip")[0].get("title")
    assert scored == "【元記事「第一節」】 · 0.90 · 支持 0.80 / supports 0.80"  # marker score, best link


def test_unresolved_chip_without_a_link_is_not_a_link():
    edition = dataclasses.replace(synthetic_edition(), links=())
    page = lxml.html.document_fromstring(render_index(edition))
    chips = page.find_class("chip")
    assert [(c.tag, c.get("href")) for c in chips] == [("a", "#s-sec-one"), ("span", None)]
    assert "unresolved" in classes(chips[1])


def test_every_link_has_a_link_on_the_claim_and_a_back_link_on_the_passage(case):
    edition, _, page = case
    for link in edition.links:
        heading = next((u for u in edition.units if u.parent == link.source and u.kind == "heading"), None)
        claim = block_of(page, heading.id if heading else link.source)
        out = [a.get("href") for a in annots(claim)[0].find_class("link")]
        assert f"#u-{link.target}" in out, link
        if link.rank > COVERAGE_RANK:
            continue  # weaker candidates are listed on the claim only, as coverage counts them
        back = [a.get("href") for a in annots(block_of(page, link.target))[0].find_class("backlink")]
        assert f"#u-{link.source}" in back, link


def test_back_links_name_the_relation_and_the_rebuttal_type(synthetic):
    page = lxml.html.document_fromstring(render_index(synthetic))
    groups = annots(page.get_element_by_id("u-src-p3"))[0].find_class("backlinks")
    english = [" ".join(e.text_content() for e in g.xpath(".//*[@lang='en']")) for g in groups]
    assert english == ["claims on this passage rebuts Commentary 1.1 double standard",
                       "claims on this passage supports Summary 1.2"]
    assert [[a.get("href") for a in g.find_class("backlink")] for g in groups] == [["#u-com-1-p1"], ["#u-sum-1-b2"]]


def test_peers_point_both_ways(case):
    edition, _, page = case
    for link in edition.links:
        source = page.get_element_by_id(f"u-{link.source}")
        target = page.get_element_by_id(f"u-{link.target}")
        heading = next((u for u in edition.units if u.parent == link.source and u.kind == "heading"), None)
        if heading:
            source = page.get_element_by_id(f"u-{heading.id}")
        assert f"u-{link.target}" in source.get("data-peers").split()
        assert f"u-{link.source}" in target.get("data-peers").split()


# ---- findings ---------------------------------------------------------------------------------------------------

def test_each_finding_is_shown_where_it_occurs(case):
    edition, _, page = case
    for flag in edition.flags:
        notes = annots(block_of(page, flag.unit))[0].find_class(f"flag-{flag.kind}")
        said = plain(flag_message(Catalog(edition), flag).ja, "ja")  # in the reader's words, not the detail
        assert said in [text(n.find_class("note-text")[0].find_class("ui-ja")[0]) for n in notes]
    for quote in edition.quotes:
        notes = annots(block_of(page, quote.unit))[0].find_class(f"q-{quote.status}")
        assert notes, quote
        marked = [text(m) for m in block_of(page, quote.unit).xpath(f".//span[contains(@class, 'q-{quote.status}')]")]
        assert quote.text in "".join(marked) or any(quote.text in m for m in marked)
    assert len(page.find_class("redacted")) >= len(edition.redactions)
    finding_rows = page.get_element_by_id("findings").find_class("finding")
    expected = len(edition.flags) + sum(q.status != "exact" for q in edition.quotes) + len(edition.redactions)
    assert len(finding_rows) == expected


def test_close_quotation_shows_its_char_diff(synthetic):
    page = lxml.html.document_fromstring(render_index(synthetic))
    (note,) = [n for n in page.find_class("note") if "q-close" in classes(n)]
    diff = note.find_class("diff")[0]
    assert [e.text for e in diff.xpath(".//ins")] == ["大事"]
    assert [e.text for e in diff.xpath(".//del")] == ["重要"]
    assert text(diff) == "輸出規制は重要大事だ"


@pytest.mark.parametrize("css, count", [
    ("redacted", 1), ("term", 2), ("marker", 2), ("q-absent", 1), ("q-close", 1), ("q-exact", 1),
])
def test_marks_in_the_synthetic_text(synthetic, css, count):
    page = lxml.html.document_fromstring(render_index(synthetic))
    panes = page.get_element_by_id("panes")
    marks = [e for e in panes.iter("span") if css in classes(e) and not e.xpath("ancestor-or-self::*[@class='annots']")]
    assert len(marks) == count


def test_glossary_lists_concept_variants_and_occurrences(synthetic):
    page = lxml.html.document_fromstring(render_index(synthetic))
    (row,) = page.get_element_by_id("glossary").xpath(".//tbody/tr")
    assert text(row.xpath("./th")[0]) == "export controls"  # the concept's key is an id: never shown
    variants = [(text(li.find_class("term")[0]), [a.get("href") for a in li.xpath(".//a")]) for li in row.xpath(".//li")]
    assert variants == [("輸出規制", ["#u-src-p3"]), ("輸出管理", ["#u-src-p3"])]


def test_coverage_strip_and_unanswered_passages(case):
    edition, _, page = case
    cells = page.find_class("cov-cell")
    assert len(cells) == len(edition.coverage)
    for item, cell in zip(sorted(edition.coverage, key=lambda c: [u.id for u in edition.units].index(c.unit)), cells):
        state = ("both" if item.supported_by and item.answered_by else "supported" if item.supported_by
                 else "answered" if item.answered_by else "none")
        assert cell.get("href") == f"#u-{item.unit}" and f"cov-{state}" in classes(cell)
        assert f"cov-{state}" in classes(page.get_element_by_id(f"u-{item.unit}"))


def test_legend_is_a_region_with_every_status(case):
    edition, _, page = case
    legend = page.get_element_by_id("legend-h").getparent()
    assert legend.get("role") == "region" and legend.get("aria-labelledby") == "legend-h"
    swatches = {c for s in legend.find_class("swatch") for c in classes(s)}
    assert {"q-exact", "q-close", "q-absent", "q-redacted", "q-translated", "flag-miscitation",
            "flag-number_mismatch", "redacted", "term", "cov-none", "rel-supports", "rel-rebuts"} <= swatches
    counts = {text(li.find_class("ui-en")[0]): text(li.find_class("count")[0])
              for li in legend.xpath(".//li") if li.find_class("count")}
    assert counts["supports"] == f"({sum(l.relation == 'supports' for l in edition.links)})"
    assert counts["redaction"] == f"({len(edition.redactions)})"
    assert counts["no one speaks to it"] == f"({sum(c.supported_by + c.answered_by == 0 for c in edition.coverage)})"


# ---- overview ---------------------------------------------------------------------------------------------------

def test_overview_draws_a_line_per_link_and_links_every_box(case):
    edition, _, page = case
    (svg,) = page.xpath("//svg")
    lines = svg.xpath(".//path")
    assert len(lines) == len(edition.links)
    for relation in ("supports", "rebuts"):
        assert sum(f"rel-{relation}" in classes(p) for p in lines) == sum(l.relation == relation for l in edition.links)
    widths = {float(p.get("stroke-width")) for p in lines}
    assert all(0.6 <= w <= 4.0 for w in widths)
    boxes = svg.xpath(".//a")
    assert boxes and all(a.xpath("./rect") and a.xpath("./text") for a in boxes)
    hrefs = {a.get("href") for a in boxes}
    passages = [u for u in edition.units if role_of(edition, u.id) == "source" and u.kind in ("paragraph", "bullet")]
    assert {f"#u-{u.id}" for u in passages} <= hrefs


def test_overview_line_is_thicker_for_a_stronger_link(synthetic):
    page = lxml.html.document_fromstring(render_index(synthetic))
    widths = {p.xpath("./title")[0].text.split(" / ")[0]: float(p.get("stroke-width")) for p in page.xpath("//svg//path")}
    assert widths["要約1.1 → ¶2: 支持 0.80"] > widths["要約1.2 → ¶1: 支持 0.30"]


def _degenerate(kind: str) -> Edition:
    edition = synthetic_edition()
    if kind == "empty":
        return dataclasses.replace(edition, sections=(), units=(), citations=(), links=(), quotes=(), flags=(),
                                   tags=(), redactions=(), terms=(), coverage=())
    if kind == "source only":
        corpus = dataclasses.replace(edition.corpus, documents=edition.corpus.documents[2:])
        units = tuple(u for u in edition.units if u.doc == "src")
        return Edition(corpus, edition.sections, units, redactions=edition.redactions, coverage=edition.coverage)
    if kind == "english":
        docs = tuple(dataclasses.replace(d, lang="en") for d in edition.corpus.documents)
        return dataclasses.replace(edition, corpus=dataclasses.replace(edition.corpus, documents=docs))
    # findings whose offsets and texts do not match the units, and ids that do not exist
    return dataclasses.replace(
        edition,
        quotes=(Quote("sum-1-b1", "どこにもない", "close", "src-p2", 0.5, 999, 1005),
                Quote("nowhere", "x", "absent", None, 0.0)),
        flags=(Flag("nowhere", "number_mismatch", "?"), Flag("sum-1-b1", "new_kind", "detail", "nowhere")),
        links=edition.links + (Link("sum-1-b1", "nowhere", "supports", 0.9, 1),),
        citations=edition.citations + (Citation("nowhere", "【x】", None, None, None, 0.0, 0, 3),),
        redactions=(Redaction(None, "src", 5000, 5003, "XXX"),),
        tags=(Tag("com-1-p1", "invented_kind", "cue"),))


@pytest.mark.parametrize("kind", ["empty", "source only", "english", "mismatched findings"])
@pytest.mark.parametrize("render", [render_index, render_handout])
def test_unusual_editions_render_and_their_links_resolve(kind, render):
    html = render(_degenerate(kind))
    page = lxml.html.document_fromstring(html)
    assert broken_anchors(html) == []
    assert page.get("lang") == ("en" if kind == "english" else "ja")
    if kind == "mismatched findings" and render is render_index:
        rows = page.get_element_by_id("findings").find_class("finding")
        assert [(r.get("class"), r.xpath(".//a/@href")) for r in rows] == [
            ("finding flag flag-new_kind", ["#u-sum-1-b1"]), ("finding quote q-close", ["#u-sum-1-b1"])]
        assert "invented kind" in text(page.get_element_by_id("u-com-1-p1"))


# ---- view data --------------------------------------------------------------------------------------------------

def _records(value: Any) -> Iterator[Any]:
    if dataclasses.is_dataclass(value):
        yield value
        for f in dataclasses.fields(value):
            yield from _records(getattr(value, f.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _records(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _records(item)


def test_templates_get_frozen_records_only(synthetic):
    records = list(_records(index_view(synthetic)))
    assert len(records) > 50
    assert all(type(r).__dataclass_params__.frozen for r in records)  # type: ignore[attr-defined]


@pytest.mark.parametrize("source, quote, expected", [
    ("輸出規制は重要だ", "輸出規制は大事だ", [("輸出規制は", ""), ("重要", "del"), ("大事", "ins"), ("だ", "")]),
    ("abc", "abc", [("abc", "")]),
    ("約10分の1", "約10倍", [("約10", ""), ("分の1", "del"), ("倍", "ins")]),
    ("", "新しい", [("新しい", "ins")]),
])
def test_char_diff(source, quote, expected):
    assert [(s.text, s.css) for s in char_diff(source, quote)] == expected


UNIT = Unit("u", "d", "sentence", "価格は約10倍", 10, 18)


@pytest.mark.parametrize("start, end, snippet, expected", [
    (13, 16, "約10", (13, 16)),  # document offsets
    (3, 6, "約10", (13, 16)),  # offsets inside the unit
    (0, 0, "10倍", (14, 17)),  # found by its text
    (0, 0, "ない", None),
])
def test_locate(start, end, snippet, expected):
    doc = "0123456789価格は約10倍です"
    assert locate(doc, UNIT, start, end, snippet) == expected


def test_segments_cut_at_every_mark_and_merge_equal_runs():
    marks = [Mark(2, 6, "q"), Mark(4, 5, "redacted", "r")]
    cut = segments("abcdefgh", 0, 8, marks)
    assert [(s.text, s.css) for s in cut] == [("ab", ""), ("cd", "q"), ("e", "q redacted"), ("f", "q"), ("gh", "")]
    assert segments("abc", 0, 3, []) == (Segment("abc"),)


MARKS = [Mark(0, 2, "a"), Mark(1, 9, "long"), Mark(3, 4, "b"), Mark(3, 4, "b", "t"), Mark(6, 6, "empty"),
         Mark(7, 8, "c")]


@pytest.mark.parametrize("start, end", [(0, 10), (0, 1), (2, 3), (3, 4), (4, 6), (5, 7), (8, 9), (9, 10), (6, 6)])
def test_mark_index_finds_the_marks_over_a_span_as_a_full_scan_does(start, end):
    over = [m for m in MARKS if m.start < end and m.end > start]
    assert MarkIndex(MARKS).over(start, end) == over
    assert styled("0123456789", start, end, MarkIndex(MARKS)) == segments("0123456789", start, end, MARKS)


@pytest.mark.parametrize("page, broken", [
    ('<a href="#x">x</a>', ["x"]),
    ('<p id="x"></p><a href="#x">x</a><a href="#">top</a><a href="https://e.org/#y">e</a>', []),
    ('<p id="a&amp;b"></p><a class="c" href="#a&amp;b">x</a><a href="#a&amp;c">y</a>', ["a&c"]),
    ('<svg><use xlink:href="#g"/><g id="h"></g></svg>', ["g"]),
    ('<script>var s = \'<p id="x">\';</script><a href="#x">x</a>', ["x"]),
    ('<SCRIPT>var s = \'<p id="x">\';</Script ><a href="#x">x</a>', ["x"]),
    ('<style>a[href="#y"] { color: red }</style><!-- <p id="z"> --><a href="#z">z</a>', ["z"]),
    ('<p title="id=&#34;x&#34;"></p><a href="#x">x</a>', ["x"]),
    ('<p data-id="x"></p><a href="#x">x</a><a data-href="#y">y</a>', ["x"]),
])
def test_broken_anchors(page, broken):
    assert broken_anchors(page) == broken


# ---- handout ----------------------------------------------------------------------------------------------------

def test_handout_numbers_every_source_passage(handout):
    edition, _, page = handout
    passages = [u for u in edition.units if role_of(edition, u.id) == "source" and u.kind not in ("title", "sentence")]
    numbers = [text(n) for n in page.xpath("//section[contains(@class, 'source')]//span[@class='num']")]
    assert numbers == [f"¶{i}" for i in range(1, len(passages) + 1)]


def test_handout_footnotes_are_called_and_point_to_paragraph_numbers(handout):
    edition, _, page = handout
    sups = page.xpath("//sup/a")
    notes = page.xpath("//ol[@class='footnotes']/li")
    assert len(sups) == len(notes) >= len(edition.citations)
    assert [s.get("href") for s in sups] == [f"#{n.get('id')}" for n in notes]
    for note in notes:
        targets = [a.get("href") for a in note.xpath("./a[not(@class='back')]")]
        assert all(page.get_element_by_id(t[1:]) is not None for t in targets)


def test_handout_footnote_of_a_cited_claim(synthetic):
    page = lxml.html.document_fromstring(render_handout(synthetic))
    claim = page.get_element_by_id("h-sum-1-b1")
    (sup,) = claim.xpath(".//sup/a")
    note = page.get_element_by_id(sup.get("href")[1:])
    assert "【元記事「第一節」】 → 第一節; 支持: ¶2" in text(note)  # a Japanese corpus: Japanese words only
    assert [a.get("href") for a in note.xpath("./a[not(@class='back')]")] == ["#h-src-p2"]


def test_handout_notes_and_questions_come_from_the_findings(synthetic):
    page = lxml.html.document_fromstring(render_handout(synthetic, options=HandoutOptions(lang="both")))
    notes = [text(n) for n in page.get_element_by_id("h-sum-1-b1").find_class("hnote")]
    assert notes == ["引用: 原文にない quote: not in the source 「約10倍」",
                     "数字の食い違い figure mismatch 要約の数字が原文と合わない。 "
                     "A figure in the summary does not match the source. → ¶2"]
    questions = page.get_element_by_id("questions").xpath(".//ol/li")
    english = [text(q.xpath("./p[@lang='en']")[0]) for q in questions]
    assert english[0].startswith("Does the figure in Summary 1.1 match what ¶2 of the source actually says?")
    assert any("Summary 1.1 quotes “約10倍”. Does the source say this?" in e for e in english)
    assert any(e.startswith("Open the section that Summary 1.2 cites") for e in english)
    assert any("double standard" in e for e in english)
    keys = [text(k) for k in page.get_element_by_id("questions").find_class("key")]
    assert "解答の手がかり Key 原文にこの言葉はない。近いのは¶2。 The source never says it; the closest is ¶2." in keys
    compare = [[a.get("href") for a in q.xpath(".//p[@class='compare']/a")] for q in questions]
    assert compare[0] == ["#h-sum-1-b1", "#h-src-p2"]
    assert all(compare)


def test_handout_prints_on_a4_with_ipaexgothic(synthetic):
    page = lxml.html.document_fromstring(render_handout(synthetic))
    css = page.xpath("//style/text()")[0]
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css) and "IPAexGothic" in css
    assert "break-before: page" in css  # before the questions only: the parts flow on
    assert len(re.findall(r"break-before:\s*page", css)) == 1

