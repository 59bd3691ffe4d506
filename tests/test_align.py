"""Citations, support and rebuttal links on the seed, scored by `annotator evaluate`."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import SEED_CORPUS

from annotator.cli import main
from annotator.pipeline import build_edition

GOLD = Path(__file__).parent / "gold" / "deepseek-export-controls.json"
SEED_FILE = "000_504d558f0a83e77d.txt"


@pytest.fixture(scope="module")
def scores(tmp_path_factory, capsys_module=None):
    out = tmp_path_factory.mktemp("site")
    assert main(["build", str(SEED_CORPUS), "--out", str(out)]) == 0
    return out / "edition.json"


def evaluate_lines(edition_json: Path, capsys, gold: Path = GOLD) -> dict[str, tuple[int, int]]:
    assert main(["evaluate", str(edition_json), str(gold)]) == 0
    printed = capsys.readouterr().out
    found = {}
    for line in printed.splitlines():
        m = re.match(r"^(.+?):\s+(\d+)/(\d+)", line)
        if m:
            found[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return found


def test_seed_scores(scores, capsys):
    got = evaluate_lines(scores, capsys)
    assert got["cited section"] == (15, 15)
    assert got["support paragraph@1"] == (15, 15)
    hit, total = got["support sentence@1"]
    assert total == 15 and hit >= 13
    assert got["support sentence@3"] == (15, 15)
    # Words alone (the default build) reach 7/10 and 9/10: these floors guard against regressions;
    # issue 3's bar (80% at rank 1, all within 3) is met with --semantic (test below).
    hit, total = got["rebuttal target@1"]
    assert total == 10 and hit >= 7
    hit, total = got["rebuttal target@3"]
    assert hit >= 9
    assert got["tag accuracy"][0] == got["tag accuracy"][1]


REWRITES = [
    ("[元記事「DeepSeekのモデル」のパートII]", "〔出典：『ＤｅｅｐＳｅｅｋのモデル』第二部〕"),
    ("【元記事「ディープシークのモデル」のパートII】", "（原文「ディープシークのモデル」後半）"),
    ("[元記事「ディープシークのモデル」の第2部]", "《元記事“ディープシークのモデル”パート2》"),
    ("【原文記事・前編「3つの重要な力学」】", "【元記事・前半「三つの重要な力学」】"),
    ("【元記事「3大開発」前編】", "［原文「三大発展」第一部］"),
    ("[元記事「3つの大きな進展」のパート1]", "(元記事『３つの大きな進展』パートI)"),
    ("[原文記事「ディープシーク社のモデル」第2部]", "【元記事「ディープシーク社のモデルについて」後編】"),
    ("[原文第二部「輸出規制」]", "【出典・後編「輸出の規制」】"),
    ("[原文記事、前編「3つの力学」]", "〔元記事・上編「３つの力学」〕"),
    ("[元記事の第2部「輸出規制」]", "［原典 第２部『輸出管理について』］"),
]


def test_rewritten_markers_resolve_as_well(tmp_path, seed_edition):
    corpus = tmp_path / "rewritten"
    shutil.copytree(SEED_CORPUS, corpus)
    text = (corpus / SEED_FILE).read_text(encoding="utf-8")
    for old, new in REWRITES:
        assert old in text
        text = text.replace(old, new)
    (corpus / SEED_FILE).write_text(text, encoding="utf-8")
    original = {c.unit: c.section for c in seed_edition.citations}
    rewritten = {c.unit: c.section for c in build_edition(corpus).citations}
    assert rewritten == original
    assert len(rewritten) == 15


def test_support_links_are_ranked(seed_edition):
    by_claim: dict[str, list] = {}
    for link in seed_edition.links:
        by_claim.setdefault(link.source, []).append(link)
    summary_bullets = [u.id for u in seed_edition.units if u.doc == "summary" and u.kind == "bullet"]
    assert set(summary_bullets) <= set(by_claim)
    for links in by_claim.values():
        assert [l.rank for l in links] == list(range(1, len(links) + 1))
        assert [l.score for l in links] == sorted((l.score for l in links), reverse=True)
        assert all(l.evidence for l in links)


def test_miscited_bullets_keep_the_named_section_but_find_the_support(seed_edition):
    units = {u.id: u for u in seed_edition.units}
    for citation in seed_edition.citations:
        if "H100チップの対中輸出禁止" in units[citation.unit].text:
            assert citation.section == "deepseeks-models"
            best = next(l for l in seed_edition.links if l.source == citation.unit and l.rank == 1)
            assert units[best.target].section == "export-controls"


BILINGUAL = SEED_CORPUS.parent / "congestion-pricing"
BILINGUAL_GOLD = Path(__file__).parent / "gold" / "congestion-pricing.json"


def test_bilingual_corpus_scores(tmp_path, capsys):
    """Japanese claims on an English source: markers, support sentences, flags across languages."""
    assert main(["build", str(BILINGUAL), "--out", str(tmp_path / "site")]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "site" / "edition.json"), str(BILINGUAL_GOLD)]) == 0
    got = {}
    for line in capsys.readouterr().out.splitlines():
        m = re.match(r"^(.+?):\s+(\d+)/(\d+)", line)
        if m:
            got[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    assert got["cited section"] == (12, 12)
    hit, total = got["support sentence@3"]
    assert hit >= 0.9 * total
    for kind in ("miscitation", "number_mismatch"):
        assert got[f"{kind} flags precision"] == (1, 1) and got[f"{kind} flags recall"] == (1, 1)
    # Words alone reach 7/12 within three; issue 7's 75% is met with --semantic (test below).
    hit, total = got["rebuttal target@3"]
    assert total == 12 and hit >= 7


@pytest.fixture(scope="module")
def semantic_scores(tmp_path_factory):
    """Both bundled corpora built with --semantic, as scores printed by `annotator evaluate`."""
    found = {}
    for corpus, gold in ((SEED_CORPUS, GOLD), (BILINGUAL, BILINGUAL_GOLD)):
        out = tmp_path_factory.mktemp(f"semantic-{corpus.name}")
        assert main(["build", str(corpus), "--semantic", "--out", str(out)]) == 0
        found[corpus.name] = out / "edition.json", gold
    return found


def test_semantic_seed_meets_the_rebuttal_bar(semantic_scores, capsys):
    edition, gold = semantic_scores[SEED_CORPUS.name]
    got = evaluate_lines(edition, capsys, gold)
    hit, total = got["rebuttal target@1"]
    assert total == 10 and hit >= 8
    assert got["rebuttal target@3"] == (10, 10)
    assert got["cited section"] == (15, 15) and got["support sentence@3"] == (15, 15)
    assert got["tag accuracy"][0] == got["tag accuracy"][1]


def test_semantic_bilingual_meets_the_commentary_bar(semantic_scores, capsys):
    edition, gold = semantic_scores[BILINGUAL.name]
    got = evaluate_lines(edition, capsys, gold)
    hit, total = got["rebuttal target@3"]
    assert total == 12 and hit >= 0.75 * total
    assert got["cited section"] == (12, 12)
    for kind in ("miscitation", "number_mismatch"):
        assert got[f"{kind} flags precision"] == (1, 1) and got[f"{kind} flags recall"] == (1, 1)
