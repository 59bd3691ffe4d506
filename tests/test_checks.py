"""The media-literacy checks: quotations, figures, miscitations, redactions, terminology, coverage."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.check.citations import MARGIN, WEAK, check_citations
from annotator.check.coverage import check_coverage, unanswered, unsupported
from annotator.check.figures import check_figures, claim_quantities
from annotator.check.quotes import CLOSE_AT, check_quotes, quote_differences
from annotator.check.run import Findings, find_redactions, run_checks
from annotator.check.terms import check_terms
from annotator.errors import ManifestError
from annotator.extract.glossary import (
    Concept,
    corpus_glossary,
    default_glossary,
    parse_glossary,
)
from annotator.extract.glossary_match import TermMatcher
from annotator.extract.quotes import fold
from annotator.link.align import CITED_SECTION_BONUS, Alignment
from annotator.model import (
    Citation,
    Corpus,
    Document,
    Flag,
    Link,
    Section,
    Structure,
    Unit,
)
from annotator.pipeline import (
    align,
    analyze_documents,
    load_corpus,
    load_corrections,
    parse_structure,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "deepseek-export-controls"


def _build(path: Path) -> tuple[Corpus, Structure, Alignment, Findings]:
    corpus = load_corpus(path)
    docs = analyze_documents(corpus.documents)
    structure = parse_structure(corpus, docs)
    corrections = load_corrections(Path(corpus.path), structure.units, structure.sections)
    alignment = align(corpus, structure, docs, corrections, corpus_glossary(corpus.path))
    return corpus, structure, alignment, run_checks(corpus, structure, alignment)


@pytest.fixture(scope="module")
def seed():
    return _build(SEED)


@pytest.fixture(scope="module")
def seed_units(seed):
    return {u.id: u for u in seed[1].units}


def _quote(findings: Findings, text: str):
    found = [q for q in findings.quotes if q.text == text]
    assert len(found) == 1, [q.text for q in findings.quotes]
    return found[0]


# --- quotations on the seed -----------------------------------------------------------

def test_seed_exact_quote(seed, seed_units):
    quote = _quote(seed[3], "永続的な優位性")
    assert (quote.status, quote.similarity, quote.match_text) == ("exact", 1.0, "永続的な優位性")
    assert "永続的な優位性" in seed_units[quote.match].text


def test_seed_close_quote(seed, seed_units):
    quote = _quote(seed[3], "中国が何百万ものチップを獲得するのを防ぐ唯一の方法")
    assert quote.status == "close" and CLOSE_AT <= quote.similarity < 1.0
    assert "唯一のもの" in seed_units[quote.match].text
    assert quote.match_text and quote.match_text in seed_units[quote.match].text
    changes = quote_differences(quote.text, quote.match_text)
    assert changes and all(op in ("replace", "insert", "delete") for op, _, _ in changes)


def test_seed_absent_quote(seed):
    quote = _quote(seed[3], "技術的デカップリング")
    assert (quote.status, quote.match, quote.match_text) == ("absent", None, None)
    assert quote.similarity < CLOSE_AT


def test_seed_redacted_quote(seed):
    quote = _quote(seed[3], "XXXXに違反したXXXXに服従したため")
    assert quote.status == "redacted"


def test_seed_quotes_once_on_the_smallest_block(seed, seed_units):
    corpus, _, _, findings = seed
    texts = {d.id: d.text for d in corpus.documents}
    roles = {d.id: d.role for d in corpus.documents}
    places = [(q.unit, q.start) for q in findings.quotes]
    assert len(places) == len(set(places))
    for quote in findings.quotes:
        unit = seed_units[quote.unit]
        assert roles[unit.doc] in ("commentary", "summary")
        assert unit.kind in ("heading", "paragraph", "bullet", "title")
        assert texts[unit.doc][quote.start:quote.end] == quote.text
        assert unit.start <= quote.start and quote.end <= unit.end


def test_seed_citation_titles_are_not_quotes(seed):
    titles = {c.title for c in seed[2].citations}
    assert not titles & {q.text for q in seed[3].quotes}


# --- flags on the seed ------------------------------------------------------------------

def test_seed_number_mismatch_is_the_inverted_price_ratio(seed, seed_units):
    flags = [f for f in seed[3].flags if f.kind == "number_mismatch"]
    assert len({f.unit for f in flags}) == 1
    flag = flags[0]
    assert "10倍" in seed_units[flag.unit].text
    assert "10分の1" in seed_units[flag.target].text and seed_units[flag.target].kind == "sentence"
    assert "10倍" in flag.detail and "10分の1" in flag.detail


def test_seed_miscitations(seed, seed_units):
    _, structure, alignment, findings = seed
    flags = [f for f in findings.flags if f.kind == "miscitation"]
    assert sorted(seed_units[f.unit].label for f in flags) == ["コントロール", "コントロール効果"]
    cited = {c.unit: c.section for c in alignment.citations}
    headings = {s.id: s.heading for s in structure.sections}
    for flag in flags:
        assert headings[cited[flag.unit]] == "ディープシークのモデル"
        assert seed_units[flag.target].section != cited[flag.unit]
        assert headings[seed_units[flag.target].section] == "輸出管理"
        assert "ディープシークのモデル" in flag.detail and "輸出管理" in flag.detail


def test_seed_redactions(seed):
    corpus, _, _, findings = seed
    texts = {d.id: d.text for d in corpus.documents}
    assert len(findings.redactions) == 7
    for redaction in findings.redactions:
        assert texts[redaction.doc][redaction.start:redaction.end] == redaction.text
        assert redaction.unit is not None


def test_seed_terms(seed):
    corpus, structure, _, findings = seed
    several = [t for t in findings.terms if len(t.variants) >= 2]
    assert len(several) >= 5
    assert {"scaling-laws", "export-controls"} <= {t.concept for t in several}
    units = {u.id: u for u in structure.units}
    texts = {d.id: d.text for d in corpus.documents}
    for term in findings.terms:
        assert {o.variant for o in term.occurrences} == set(term.variants)
        for occurrence in term.occurrences:
            unit = units[occurrence.unit]
            assert unit.kind != "sentence" and unit.start <= occurrence.start < occurrence.end <= unit.end
            assert fold(texts[unit.doc][occurrence.start:occurrence.end]).startswith(fold(occurrence.variant))


def test_seed_coverage_one_item_per_source_block(seed):
    corpus, structure, _, findings = seed
    sources = {d.id for d in corpus.documents if d.role == "source"}
    blocks = [u.id for u in structure.units if u.doc in sources and u.kind in ("paragraph", "bullet")]
    assert [c.unit for c in findings.coverage] == blocks
    assert sum(c.supported_by for c in findings.coverage) > 0
    assert sum(c.answered_by for c in findings.coverage) > 0
    assert set(unanswered(findings.coverage)) == {c.unit for c in findings.coverage if c.answered_by == 0}


# --- a faithful corpus of our own ------------------------------------------------------------

FAITHFUL = {
    "corpus.toml": """title = "再生可能エネルギーの将来"

[[documents]]
file = "commentary.txt"
lang = "ja"
role = "commentary"

[[documents]]
file = "summary.txt"
lang = "ja"
role = "summary"

[[documents]]
file = "source.txt"
lang = "ja"
role = "source"
""",
    "source.txt": """再生可能エネルギーの将来
太陽光発電のコストはこの十年で大きく下がった。本稿では、その理由と課題、そして政策の役割を論じる。
コストの低下
太陽光パネルの価格は2010年から2020年にかけて約10分の1になった。量産効果と技術改良が主な理由である。
風力発電のコストも同じ期間に約40%下がった。大型の風車が普及したことが効いている。
送電網の課題
発電量が天候に左右されるため、送電網の増強が欠かせない。蓄電池の容量は今後5年で3倍に増やす必要がある。
送電線の建設には長い時間がかかる。許認可の手続きを簡素化すべきだ。
政策の役割
政府は炭素価格を導入すべきである。炭素価格は排出を減らす最も効率的な手段である。
補助金だけでは市場の歪みが残る。段階的な廃止が望ましい。
""",
    "summary.txt": """速読
1. コストの動向
- 太陽光の価格低下:: 太陽光パネルの価格は2010年から2020年にかけて約10分の1に下がった【元記事「コストの低下」】。
- 風力の価格低下:: 風力発電のコストも同じ期間に約40%下がった【元記事「コストの低下」】。
2. 送電網と政策
- 蓄電池の増強:: 著者は、蓄電池の容量を今後5年で3倍に増やす必要があると述べている【元記事「送電網の課題」】。
- 炭素価格の導入:: 著者は、炭素価格が「排出を減らす最も効率的な手段」だと主張している【元記事「政策の役割」】。
""",
    "commentary.txt": """コメント
1. コスト低下の説明は妥当である
著者は、太陽光パネルの価格低下について「量産効果と技術改良が主な理由である」と説明している。
- この指摘は正しいが、資源価格の下落も太陽光パネルの価格に影響した。
2. 補助金の評価には疑問が残る
- 著者は「補助金だけでは市場の歪みが残る」と述べるが、補助金がなければ普及は遅れたはずだ。
""",
}


@pytest.fixture(scope="module")
def faithful(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faithful")
    for name, text in FAITHFUL.items():
        (folder / name).write_text(text, encoding="utf-8")
    return _build(folder)


def test_faithful_corpus_has_no_flags(faithful):
    _, structure, alignment, findings = faithful
    assert len(alignment.citations) == 4 and all(c.section for c in alignment.citations)
    assert findings.flags == ()
    assert [q.status for q in findings.quotes] == ["exact", "exact", "exact"]
    assert findings.redactions == ()


def test_faithful_corpus_coverage(faithful):
    _, structure, _, findings = faithful
    assert len(findings.coverage) == 7
    assert unsupported(findings.coverage) == ()
    by_unit = {c.unit: c for c in findings.coverage}
    assert set(unanswered(findings.coverage)) == {u for u, c in by_unit.items() if c.answered_by == 0}
    assert by_unit["source-p7"].answered_by >= 1  # the commentary quotes its 補助金 sentence


# --- synthetic model pieces: thresholds on both sides ----------------------------------------

def _sentence(uid: str, text: str, section: str | None = "a", doc: str = "source") -> Unit:
    return Unit(id=uid, doc=doc, kind="sentence", text=text, start=0, end=len(text), section=section, parent=None)


def _claim(uid: str, text: str) -> Unit:
    return Unit(id=uid, doc="summary", kind="bullet", text=text, start=0, end=len(text))


def _link(source: str, target: str, score: float, rank: int, relation: str = "supports",
          evidence: tuple[str, ...] = ()) -> Link:
    return Link(source, target, relation, score, rank, evidence)


@pytest.mark.parametrize("claim, sources, flagged", [
    ("価格は約10倍になった", ["価格は約10分の1になった"], ["s1"]),
    ("価格は10分の1になった", ["価格は1/10になった"], []),
    ("価格は10分の1になった", ["価格は10倍安くなった"], []),
    ("チップは約5万個ある", ["チップは50,000個ある"], []),
    ("費用は600万ドルだった", ["費用は6百万ドルだった"], []),
    ("費用は約40%下がった", ["費用は約40%下がった"], []),
    ("費用は約40%下がった", ["費用は約20%下がった"], ["s1"]),
    ("費用は600万ドルだった", ["費用は数千万ドルだった"], ["s1"]),
    ("費用は600万ドルだった", ["費用は数千万ドルだった", "費用は600万ドルだった"], []),  # another sentence agrees
    ("価格は約10倍になった", ["価格は約10分の1になった", "差は10倍だった"], ["s1"]),  # a reversal stands
    ("価格は約10倍になった", ["差は10倍だった", "x", "価格は約10分の1になった"], ["s3"]),
    ("価格は約10倍になった", ["差は10倍だった", "x", "y", "価格は約10分の1になった"], []),  # beyond rank 3
    ("価格は約10分の1になった【元記事「10倍の壁」】", ["価格は約10分の1になった"], []),  # marker figures ignored
])
def test_figures(claim, sources, flagged):
    targets = [_sentence(f"s{k}", text) for k, text in enumerate(sources, 1)]
    structure = Structure((), (_claim("c", claim), *targets))
    links = [_link("c", t.id, 1.0 - k / 10, k) for k, t in enumerate(targets, 1)]
    flags = check_figures(structure, links)
    assert [f.target for f in flags] == flagged
    assert all(f.kind == "number_mismatch" and f.unit == "c" and f.detail for f in flags)


def test_figures_ignore_rebuttals():
    structure = Structure((), (_claim("c", "価格は約10倍になった"), _sentence("s1", "価格は約10分の1になった")))
    assert check_figures(structure, [_link("c", "s1", 0.9, 1, relation="rebuts")]) == ()


def test_claim_quantities_skip_markers():
    assert [q.text for q in claim_quantities("価格は約10分の1になった【元記事「10倍の壁」】")] == ["約10分の1"]


SECTIONS = (Section("a", "source", "第一章", None, None, 0, 10, 1), Section("b", "source", "第二章", None, None, 10, 20, 2))


def _miscitation(*links: tuple[str | None, float, int]) -> tuple[Flag, ...]:
    """Flags for one claim citing section a, given (section of target, content score, rank) links."""
    citation = Citation("c", "【元記事「第一章」】", "第一章", None, "a", 0.8, 0, 10)
    units = [_claim("c", "主張")]
    found = []
    for k, (section, content, rank) in enumerate(links):
        units.append(_sentence(f"t{k}", "文", section))
        bonus = CITED_SECTION_BONUS * citation.score if section == "a" else 0.0
        found.append(_link("c", f"t{k}", content + bonus, rank, evidence=("citation",) if section == "a" else ()))
    return check_citations(Structure(SECTIONS, tuple(units)), [citation], found)


def test_miscitation_constants():
    assert (MARGIN, WEAK) == (pytest.approx(0.15), pytest.approx(0.25))


@pytest.mark.parametrize("links, flagged", [
    ([("b", 0.50, 1), ("a", 0.20, 2)], True),
    ([("b", 0.60, 1), ("a", 0.24, 2)], True),   # the cited section just below WEAK
    ([("b", 0.60, 1), ("a", 0.26, 2)], False),  # just above: not weak, though far behind
    ([("b", 0.26, 1), ("a", 0.05, 2)], True),   # the other section just reaches WEAK
    ([("b", 0.24, 1), ("a", 0.05, 2)], False),  # just below: the best of weak matches
    ([("b", 0.30, 1), ("a", 0.14, 2)], True),   # gap 0.16 ≥ MARGIN
    ([("b", 0.30, 1), ("a", 0.16, 2)], False),  # gap 0.14 < MARGIN
    ([("b", 0.50, 1), ("b", 0.45, 2), ("b", 0.40, 3)], True),  # no link reaches the cited section
    ([("b", 0.20, 1), ("b", 0.18, 2), ("b", 0.15, 3)], False),  # ... but the other section is weak too
    ([("a", 0.30, 1), ("b", 0.25, 2)], False),  # the marker's section leads
    ([(None, 0.60, 1), (None, 0.55, 2), ("b", 0.50, 3), ("a", 0.10, 4)], False),  # support not in the top 2
    ([(None, 0.60, 1), ("a", 0.10, 2)], False),  # the unsectioned introduction cannot be cited
])
def test_miscitation_thresholds(links, flagged):
    flags = _miscitation(*links)
    assert bool(flags) is flagged
    if flagged:
        assert flags[0].kind == "miscitation" and flags[0].target == "t0"
        assert "第一章" in flags[0].detail and "第二章" in flags[0].detail


def _quote_corpus(quote: str, source: str, source_lang: str = "ja") -> tuple[Corpus, Structure]:
    summary = f"- 著者は「{quote}」と述べた。"
    docs = (Document("summary", "summary", "ja", "s.txt", summary), Document("source", "source", source_lang, "x.txt", source))
    units = (Unit("summary-b1", "summary", "bullet", summary[2:], 2, len(summary)),
             Unit("source-p1", "source", "paragraph", source, 0, len(source)),
             Unit("source-p1-s1", "source", "sentence", source, 0, len(source), parent="source-p1"))
    return Corpus("/nonexistent", "t", None, docs), Structure((), units)


SOURCE_KANA = "あいうえおかきくけこさしすせそたちつてと"


@pytest.mark.parametrize("quote, status, similarity, matched", [
    (SOURCE_KANA[:12], "exact", 1.0, True),
    ("ＡＢＣ" + SOURCE_KANA[:5], "absent", 0.625, False),
    (SOURCE_KANA[:15] + "ばびぶべぼ", "close", 0.75, True),    # coverage exactly CLOSE_AT
    (SOURCE_KANA[:14] + "ばびぶべぼぱ", "absent", 0.7, False),  # just below
    ("あいうXXえおかきく", "redacted", 0.8, True),           # the unmasked rest still matches
    ("XXXXXXばびぶべ", "redacted", 0.0, False),
])
def test_quote_thresholds(quote, status, similarity, matched):
    corpus, structure = _quote_corpus(quote, SOURCE_KANA)
    (found,) = check_quotes(corpus, structure, [])
    assert (found.unit, found.text, found.status) == ("summary-b1", quote, status)
    assert found.similarity == pytest.approx(similarity)
    assert (found.match == "source-p1-s1") is matched
    if status == "close":
        assert found.match_text == SOURCE_KANA[:15]
        assert quote_differences(quote, found.match_text) == (("delete", "ばびぶべぼ", ""),)


def test_translated_quote_takes_the_claims_best_link():
    corpus, structure = _quote_corpus("強力な輸出規制", "Strict export controls matter.", source_lang="en")
    links = [_link("summary-b1", "source-p1-s1", 0.42, 1)]
    (found,) = check_quotes(corpus, structure, links)
    assert (found.status, found.match, found.similarity) == ("translated", "source-p1-s1", 0.42)


def test_latin_quotation_in_a_japanese_corpus_is_checked_not_translated():
    corpus, structure = _quote_corpus("DeepSeek-V3", "DeepSeek-V3は実に革新的である。")
    (found,) = check_quotes(corpus, structure, [])
    assert (found.status, found.match) == ("exact", "source-p1-s1")


def test_match_text_maps_folded_offsets_back():
    source = "価格はＡＰＩで約１０分の１になった。"
    corpus, structure = _quote_corpus("APIで約10分の1", source)
    (found,) = check_quotes(corpus, structure, [])
    assert (found.status, found.match_text) == ("exact", "ＡＰＩで約１０分の１")


# --- glossary and terms -------------------------------------------------------------------

def test_shipped_glossary_has_the_core_concepts():
    concepts = {c.id: c for c in default_glossary()}
    for cid in ("scaling-laws", "shifting-the-curve", "paradigm-shift", "export-controls", "chips",
                "reinforcement-learning", "unipolar", "bipolar"):
        assert concepts[cid].en and len(concepts[cid].variants) >= 2
    assert {"スケーリング則", "膨張の法則", "拡大法"} <= set(concepts["scaling-laws"].variants)


GLOSSARY = [Concept("chips", "chips", ("半導体チップ", "チップ", "chip")),
            Concept("semis", "semiconductors", ("半導体",)),
            Concept("export-controls", "export controls", ("輸出規制", "export control")),
            Concept("rl", "reinforcement learning", ("強化学習", "RL"))]


@pytest.mark.parametrize("text, found", [
    ("半導体チップとチップ", [("半導体チップ", 0, 6), ("チップ", 7, 10)]),
    ("半導体の話", [("半導体", 0, 3)]),
    ("Export Controls on chips", [("export control", 0, 15), ("chip", 19, 24)]),
    ("export controlled", []),
    ("RLHF and RL", [("RL", 9, 11)]),
    ("ＲＬと強化学習", [("RL", 0, 2), ("強化学習", 3, 7)]),
    ("ｶﾞﾁｯﾌﾟ", [("チップ", 2, 6)]),
    ("ﾁｯﾌﾟが", [("チップ", 0, 4)]),
])
def test_term_matching(text, found):
    owners = {v: c.id for c in GLOSSARY for v in c.variants}
    hits = TermMatcher(GLOSSARY).find(text)
    assert [(h.variant, h.start, h.end) for h in hits] == found
    assert all(owners[h.variant] == h.concept for h in hits)


def test_terms_need_two_renderings():
    text = "輸出規制とexport controls。チップ。"
    docs = (Document("source", "source", "ja", "x.txt", text),)
    units = (Unit("source-p1", "source", "paragraph", text, 0, len(text)),)
    (term,) = check_terms(Corpus("/nonexistent", "t", None, docs), Structure((), units), GLOSSARY)
    assert (term.concept, term.variants) == ("export-controls", ("輸出規制", "export control"))
    assert [(o.unit, o.start, o.end) for o in term.occurrences] == [("source-p1", 0, 4), ("source-p1", 5, 20)]


def test_corpus_glossary_extends_the_shipped_one(tmp_path):
    (tmp_path / "glossary.toml").write_text(
        '[[concepts]]\nid = "export-controls"\nvariants = ["輸出統制令"]\n\n'
        '[[concepts]]\nid = "solar"\nen = "solar power"\nvariants = ["太陽光発電", "ソーラー発電"]\n', encoding="utf-8")
    concepts = {c.id: c for c in corpus_glossary(tmp_path)}
    assert concepts["export-controls"].variants[-1] == "輸出統制令"
    assert concepts["export-controls"].en == "export controls"
    assert concepts["solar"].variants == ("太陽光発電", "ソーラー発電")
    assert len(concepts) == len(default_glossary()) + 1


@pytest.mark.parametrize("text, line, words", [
    ('[[concepts]]\nid = "a"\nen = "A"\nvarients = ["x"]\n', 4, "varients"),
    ('[[concepts]]\nid = "a"\nen = "A"\nvariants = ["x"]\n\n[[concepts]]\nid = "b"\nen = "B"\nvariants = ["y"]\ncolour = 1\n', 10, "colour"),
    ('title = "x"\n', 1, "title"),
    ('[[concepts]]\nid = "Bad Id"\nen = "A"\nvariants = ["x"]\n', 2, "id"),
    ('[[concepts]]\nid = "a"\nvariants = ["x"]\n', 1, "English"),
    ('[[concepts]]\nid = "a"\nen = "A"\nvariants = []\n', 4, "variants"),
    ('[[concepts]]\nid = "a"\nen = "A"\nvariants = ["x", 3]\n', 4, "variants"),
    ('[[concepts]]\nid = "a"\nen = "A"\nvariants = ["x"]\n[[concepts]]\nid = "a"\nen = "A"\nvariants = ["y"]\n', 6, "twice"),
    ('[[concepts]]\nid = "a"\nen = "A\nvariants = ["x"]\n', 3, "TOML"),
])
def test_glossary_errors_name_file_and_line(text, line, words):
    with pytest.raises(ManifestError) as caught:
        parse_glossary(text, "corpus/x/glossary.toml")
    error = caught.value
    assert (error.file, error.line) == ("corpus/x/glossary.toml", line)
    assert words in error.message and error.fix
    assert str(error).startswith(f"corpus/x/glossary.toml:{line}: ")


def test_bad_corpus_glossary_stops_the_checks(tmp_path):
    (tmp_path / "glossary.toml").write_text('[[concepts]]\nid = "a"\nen = "A"\nvariant = ["x"]\n', encoding="utf-8")
    with pytest.raises(ManifestError, match="variant"):
        corpus_glossary(tmp_path)


# --- coverage -------------------------------------------------------------------------------

def test_coverage_counts_distinct_claims_per_block():
    docs = (Document("summary", "summary", "ja", "s", "x"), Document("commentary", "commentary", "ja", "c", "x"),
            Document("source", "source", "ja", "x", "x"))
    units = (Unit("p1", "source", "paragraph", "", 0, 0), Unit("p1-s1", "source", "sentence", "", 0, 0, parent="p1"),
             Unit("p1-s2", "source", "sentence", "", 0, 0, parent="p1"), Unit("b1", "source", "bullet", "", 0, 0),
             Unit("b1-s1", "source", "sentence", "", 0, 0, parent="b1"))
    links = [_link("s1", "p1-s1", 0.9, 1), _link("s1", "p1-s2", 0.8, 2),  # one claim, counted once
             _link("s2", "p1-s2", 0.9, 3), _link("s3", "b1-s1", 0.9, 4),   # rank 4 does not count
             _link("c1", "b1-s1", 0.5, 1, relation="rebuts"), _link("c1", "p1", 0.4, 2, relation="rebuts")]
    coverage = check_coverage(Corpus("/x", "t", None, docs), Structure((), units), links)
    assert [(c.unit, c.supported_by, c.answered_by) for c in coverage] == [("p1", 2, 1), ("b1", 0, 1)]
    assert unanswered(coverage) == () and unsupported(coverage) == ("b1",)


# --- arbitrary text -------------------------------------------------------------------------

TEXT = st.text(alphabet=st.sampled_from(list("「」『』“”XＸ○ｶﾞﾁｯﾌﾟチップ輸出規制RLrl s。\n-e\u0301半導体")), max_size=60)


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_checks_never_break_and_offsets_slice_back(summary, source):
    docs = (Document("summary", "summary", "ja", "s.txt", summary), Document("source", "source", "ja", "x.txt", source))
    units = (Unit("summary-p1", "summary", "paragraph", summary, 0, len(summary)),
             Unit("source-p1", "source", "paragraph", source, 0, len(source)),
             Unit("source-p1-s1", "source", "sentence", source, 0, len(source), parent="source-p1"))
    corpus, structure = Corpus("/nonexistent", "t", None, docs), Structure((), units)
    for quote in check_quotes(corpus, structure, []):
        assert summary[quote.start:quote.end] == quote.text
        assert quote.match_text is None or quote.match_text in source
    for redaction in find_redactions(corpus, structure):
        assert {"summary": summary, "source": source}[redaction.doc][redaction.start:redaction.end] == redaction.text
    hits = TermMatcher(GLOSSARY).find(summary)
    assert all(0 <= a.start < a.end <= b.start for a, b in zip(hits, hits[1:]))
    assert all(h.end <= len(summary) for h in hits)
