"""annotator agree: observed agreement, Cohen's kappa and Krippendorff's alpha, checked by hand."""
from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.link.corrections import Corrections, corrections_toml
from annotator.research.agreement import cohen_kappa, compare, figures, krippendorff_alpha, read_side

ROOT = Path(__file__).resolve().parent.parent

# Ten decisions by two coders (r: rebuts, s: supports, n: no link).
#   A: r r r r s s s n n n
#   B: r r r s s s n n n r
# Agreement: items 1-3, 5-6, 8-9 → 7/10.
# Cohen: A and B each use r 4, s 3, n 3 times → p_e = (4·4 + 3·3 + 3·3) / 100 = 34/100;
#   kappa = (70/100 - 34/100) / (1 - 34/100) = 36/66 = 6/11.
# Krippendorff (nominal, 2 coders, 20 values): the coincidences off the diagonal are one pair
#   each way for r-s, s-n and n-r → 6; the value totals are r 8, s 6, n 6, so the expected
#   disagreement's sum is 2·(8·6 + 8·6 + 6·6) = 264; alpha = 1 - (20 - 1) · 6 / 264 = 25/44.
A = "r r r r s s s n n n".split()
B = "r r r s s s n n n r".split()
PAIRS = list(zip(A, B))


def test_figures_of_a_hand_computed_case() -> None:
    found = figures("links", [(str(i),) for i in range(10)], PAIRS)
    assert found.items == 10 and found.observed == pytest.approx(0.7)
    assert found.kappa == pytest.approx(float(Fraction(6, 11)))
    assert [(item[0], x, y) for item, x, y in found.disagreements] == [("3", "r", "s"), ("6", "s", "n"),
                                                                      ("9", "n", "r")]


def test_krippendorff_alpha_of_the_hand_computed_case() -> None:
    pytest.importorskip("krippendorff", reason="the agree extra is not installed: pip install 'annotator[agree]'")
    assert krippendorff_alpha(PAIRS) == pytest.approx(float(Fraction(25, 44)))


def test_undefined_figures_are_none() -> None:
    assert cohen_kappa([("r", "r"), ("r", "r")]) is None and krippendorff_alpha([("r", "r")]) is None
    assert figures("links", [], []).observed is None


def write(path: Path, corrections: Corrections) -> Path:
    path.write_text(corrections_toml(corrections), encoding="utf-8")
    return path


def test_two_corrections_files(tmp_path: Path, capsys) -> None:
    a = write(tmp_path / "a.toml", Corrections(add=(("c1", "s1", "rebuts"), ("c2", "s2", None)),
                                               remove=(("c3", "s3"),), pin=(("c1", "sec-a"),)))
    b = write(tmp_path / "b.toml", Corrections(add=(("c1", "s1", "rebuts"), ("c2", "s2", "supports")),
                                               remove=(("c4", "s4"),), pin=(("c1", "sec-b"),)))
    links, citations, tags = compare(read_side(a), read_side(b))
    # links: c1-s1 rebuts/rebuts, c2-s2 add/supports, c3-s3 remove/unchanged, c4-s4 unchanged/remove
    assert (links.items, links.observed) == (4, 0.25)
    assert [(i, x, y) for i, x, y in links.disagreements] == [
        (("c2", "s2"), "add", "supports"), (("c3", "s3"), "remove", "unchanged"), (("c4", "s4"), "unchanged", "remove")]
    # kappa: A rebuts 1, add 1, remove 1, unchanged 1; B rebuts 1, supports 1, unchanged 1, remove 1
    # p_e = (1·1 + 1·1 + 1·1) / 16 = 3/16 (rebuts, remove, unchanged); (1/4 - 3/16) / (13/16) = 1/13
    assert links.kappa == pytest.approx(1 / 13)
    assert (citations.items, citations.observed, citations.kappa) == (1, 0.0, 0.0)  # p_e = 0: no label shared
    assert tags.items == 0
    assert main(["agree", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "links: 4 decisions, agreement 0.250, Cohen's kappa 0.077" in out and "c2 s2: A add, B supports" in out


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory) -> tuple[Path, Path, dict, dict]:
    """The bundled bilingual corpus built as it is, and with one link removed and one citation pinned."""
    from annotator.pipeline import build_edition

    root = tmp_path_factory.mktemp("agree")
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus" / "congestion-pricing", corpus)
    plain = build_edition(corpus).to_dict()
    link = next(link for link in plain["links"] if link["rank"] == 2)
    citation = next(c for c in plain["citations"] if c["section"])
    other = next(s["id"] for s in plain["sections"] if s["id"] != citation["section"])
    write(corpus / "links.toml", Corrections(remove=((link["from"], link["to"]),), pin=((citation["unit"], other),)))
    corrected = build_edition(corpus).to_dict()
    a, b = root / "a" / "edition.json", root / "b" / "edition.json"
    for path, data in ((a, plain), (b, corrected)):
        path.parent.mkdir()
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return a, b, plain, corrected


def test_two_editions(two_editions, capsys) -> None:
    a, b, plain, corrected = two_editions
    links, citations, tags = compare(read_side(a), read_side(b))
    pairs = lambda e: {(link["from"], link["to"]): link["relation"] for link in e["links"]}
    differing = {k for k in pairs(plain).keys() | pairs(corrected).keys() if pairs(plain).get(k) != pairs(corrected).get(k)}
    assert {item for item, _, _ in links.disagreements} == differing and differing
    assert links.items == len(pairs(plain).keys() | pairs(corrected).keys())
    pinned = [c for c in corrected["citations"] if c["evidence"] == "manual"]
    assert [(item[0], y) for item, _, y in citations.disagreements] == [(c["unit"], c["section"]) for c in pinned]
    assert tags.observed == 1.0 and tags.kappa == 1.0 and tags.items >= len(plain["tags"])
    assert main(["agree", str(a.parent), str(b), "--json"]) == 0
    figures_json = json.loads(capsys.readouterr().out)
    assert [f["category"] for f in figures_json] == ["links", "citations", "tags"]
    assert figures_json[0]["agreement"] == pytest.approx(links.observed)


def test_like_is_compared_with_like(two_editions, tmp_path: Path, capsys) -> None:
    toml = write(tmp_path / "links.toml", Corrections(pin=(("c1", "s"),)))
    assert main(["agree", str(two_editions[0]), str(toml)]) == 2
    assert "compare two links.toml files, or two edition.json files" in capsys.readouterr().err


def test_review_entries_count_as_decisions(tmp_path: Path) -> None:
    """[[relation]], [[confirm]] and [[tag]] entries, as the review server writes them, are decisions too."""
    a = tmp_path / "a.toml"
    a.write_text('[[relation]]\nfrom = "c1"\nto = "s1"\nrelation = "rebuts"\n\n'
                 '[[confirm]]\nfrom = "c2"\nto = "s2"\n\n'
                 '[[tag]]\nunit = "c1"\nadd = "straw_man"\n\n'
                 '[[tag]]\nunit = "c2"\nremove = "proposal"\n', encoding="utf-8")
    b = tmp_path / "b.toml"
    b.write_text('[[relation]]\nfrom = "c1"\nto = "s1"\nrelation = "supports"\n\n'
                 '[[confirm]]\nfrom = "c2"\nto = "s2"\n\n'
                 '[[tag]]\nunit = "c1"\nadd = "straw_man"\n', encoding="utf-8")
    links, _, tags = compare(read_side(a), read_side(b))
    # links: c1-s1 rebuts/supports, c2-s2 confirm/confirm → 1 of 2 agree
    assert (links.items, links.observed) == (2, 0.5)
    assert [(i, x, y) for i, x, y in links.disagreements] == [(("c1", "s1"), "rebuts", "supports")]
    # tags: (c1, straw_man) add/add, (c2, proposal) remove/unchanged → 1 of 2
    assert (tags.items, tags.observed) == (2, 0.5)
    assert [(i, x, y) for i, x, y in tags.disagreements] == [(("c2", "proposal"), "remove", "unchanged")]
