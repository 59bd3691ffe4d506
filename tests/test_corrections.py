"""links.toml: add, remove and pin by hand; bad entries named."""
from __future__ import annotations

import shutil

import pytest
from conftest import SEED_CORPUS

from annotator.cli import main
from annotator.errors import ManifestError
from annotator.pipeline import build_edition


@pytest.fixture()
def corpus(tmp_path):
    target = tmp_path / "c"
    shutil.copytree(SEED_CORPUS, target)
    return target


def test_add_remove_pin(corpus, seed_edition):
    first = next(l for l in seed_edition.links if l.source == "summary-1-b1" and l.rank == 1)
    (corpus / "links.toml").write_text(
        '[[add]]\nfrom = "summary-1-b1"\nto = "source-p1-s1"\n\n'
        f'[[remove]]\nfrom = "summary-1-b1"\nto = "{first.target}"\n\n'
        '[[pin]]\nunit = "summary-1-b2"\nsection = "export-controls"\n', encoding="utf-8")
    edition = build_edition(corpus)
    links = [l for l in edition.links if l.source == "summary-1-b1"]
    assert (links[0].target, links[0].rank, links[0].evidence) == ("source-p1-s1", 1, ("manual",))
    assert first.target not in {l.target for l in links}
    assert [l.rank for l in links] == list(range(1, len(links) + 1))
    pinned = [c for c in edition.citations if c.unit == "summary-1-b2"]
    assert pinned and all(c.section == "export-controls" and c.evidence == "manual" for c in pinned)


@pytest.mark.parametrize("toml, message, line", [
    ('[[add]]\nfrom = "summary-9-b9"\nto = "source-p1-s1"\n', "[[add]] entry 1: from 'summary-9-b9' names no unit", 2),
    ('[[remove]]\nfrom = "summary-1-b1"\nto = "nowhere"\n', "[[remove]] entry 1: to 'nowhere' names no unit", 3),
    ('[[pin]]\nunit = "summary-1-b1"\nsection = "nosuch"\n', "section 'nosuch' names no section", 3),
    ('[[pin]]\nunit = "source-p1"\nsection = "export-controls"\n', "names no unit with a citation marker", 2),
    ('[[add]]\nfrom = "summary-1-b1"\nto = "source-p1-s1"\nrank = 1\n', "unknown key 'rank'", 4),
    ('[[add]]\nfrom = "summary-1-b1"\nto = "source-p1-s1"\nrelation = "agrees"\n', "relation 'agrees'", 4),
])
def test_bad_entries(corpus, toml, message, line, capsys):
    (corpus / "links.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ManifestError) as raised:
        build_edition(corpus)
    assert message in str(raised.value)
    assert raised.value.line == line
    assert main(["build", str(corpus), "--out", str(corpus.parent / "site")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "links.toml" in err
