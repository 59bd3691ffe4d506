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
    ('[[add]]\nfrom = "summary-1-b1"\nto = "source-p1-s1"\nrank = 1\n', "unknown key 'rank'", 4),
    ('[[add]]\nfrom = "summary-1-b1"\nto = "source-p1-s1"\nrelation = "agrees"\n', "relation 'agrees'", 4),
    ('[[tag]]\nunit = "commentary-1"\n', "names no tag to add or remove", 1),
    ('[[dismiss]]\nunit = "commentary-1"\n', "has no 'kind'", 1),
    ('[[undo]]\nfrom = "x"\n', "unknown key 'undo'", 1),
])
def test_malformed_entries_are_errors(corpus, toml, message, line, capsys):
    (corpus / "links.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ManifestError) as raised:
        build_edition(corpus)
    assert message in str(raised.value)
    assert raised.value.line == line
    assert main(["build", str(corpus), "--out", str(corpus.parent / "site")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "links.toml" in err


@pytest.mark.parametrize("toml, message", [
    ('[[add]]\nfrom = "summary-9-b9"\nto = "source-p1-s1"\n', "[[add]] from 'summary-9-b9' names no unit"),
    ('[[remove]]\nfrom = "summary-1-b1"\nto = "nowhere"\n', "[[remove]] to 'nowhere' names no unit"),
    ('[[pin]]\nunit = "summary-1-b1"\nsection = "nosuch"\n', "section 'nosuch' names no section"),
    ('[[pin]]\nunit = "source-p1"\nsection = "export-controls"\n', "names no unit with a citation marker"),
    ('[[tag]]\nunit = "commentary-1"\nadd = "nosuch"\n', "add 'nosuch' names no rebuttal type"),
])
def test_an_entry_naming_a_vanished_id_is_reported_not_dropped(corpus, toml, message, capsys, seed_edition):
    (corpus / "links.toml").write_text("# by hand\n\n" + toml, encoding="utf-8")
    edition = build_edition(corpus)
    assert len(edition.stale_corrections) == 1
    assert message in edition.stale_corrections[0] and edition.stale_corrections[0].startswith("links.toml:3:")
    assert edition.links == seed_edition.links and edition.citations == seed_edition.citations
    assert main(["check", str(corpus)]) == 0
    reported = [line for line in capsys.readouterr().out.splitlines() if "not applied" in line]
    assert len(reported) == 1 and message in reported[0]


def test_entries_apply_in_file_order(corpus, seed_edition):
    link = next(l for l in seed_edition.links if l.source == "summary-1-b1" and l.rank == 2)
    (corpus / "links.toml").write_text(
        f'[[remove]]\nfrom = "summary-1-b1"\nto = "{link.target}"\n\n'
        f'[[add]]\nfrom = "summary-1-b1"\nto = "{link.target}"\nrelation = "rebuts"\n\n'
        '[[tag]]\nunit = "commentary-1"\nadd = "omission"\n\n'
        '[[tag]]\nunit = "commentary-1"\nremove = "omission"\n\n'
        '[[pin]]\nunit = "summary-1-b2"\nsection = "export-controls"\n\n'
        '[[pin]]\nunit = "summary-1-b2"\nsection = "three-developments"\n', encoding="utf-8")
    edition = build_edition(corpus)
    first = next(l for l in edition.links if l.source == "summary-1-b1" and l.rank == 1)
    assert (first.target, first.relation, first.evidence) == (link.target, "rebuts", ("manual",))
    assert ("commentary-1", "omission") not in {(t.unit, t.kind) for t in edition.tags}
    assert {c.section for c in edition.citations if c.unit == "summary-1-b2"} == {"three-developments"}


def test_confirm_relation_dismiss_and_tag(corpus, seed_edition):
    best = next(l for l in seed_edition.links if l.source == "commentary-1" and l.rank == 1)
    flag = seed_edition.flags[0]
    kept_tag = next(t for t in seed_edition.tags if t.unit == "commentary-1")
    (corpus / "links.toml").write_text(
        f'[[confirm]]\nfrom = "commentary-1"\nto = "{best.target}"\n\n'
        f'[[relation]]\nfrom = "commentary-1"\nto = "{best.target}"\nrelation = "supports"\n\n'
        f'[[dismiss]]\nunit = "{flag.unit}"\nkind = "{flag.kind}"\nnote = "fine"\n\n'
        f'[[tag]]\nunit = "commentary-1"\nremove = "{kept_tag.kind}"\nadd = "proposal"\n', encoding="utf-8")
    edition = build_edition(corpus)
    link = next(l for l in edition.links if l.source == "commentary-1" and l.target == best.target)
    assert (link.rank, link.relation, link.evidence) == (1, "supports", best.evidence + ("manual",))
    assert flag not in edition.flags
    assert [(d.unit, d.kind, d.detail, d.note) for d in edition.dismissed] == [(flag.unit, flag.kind, flag.detail, "fine")]
    tags = {(t.kind, t.cue) for t in edition.tags if t.unit == "commentary-1"}
    assert ("proposal", "manual") in tags and kept_tag.kind not in {kind for kind, _ in tags}


def test_a_rewrite_by_import_keeps_review_entries_and_stale_ones(corpus, seed_edition):
    from annotator.link.corrections import Corrections, corrections_toml, load_corrections
    from annotator.research.importing import merge

    flag = seed_edition.flags[0]
    (corpus / "links.toml").write_text(
        f'[[dismiss]]\nunit = "{flag.unit}"\nkind = "{flag.kind}"\nnote = "a \\"fine\\" figure"\n\n'
        '[[tag]]\nunit = "commentary-1"\nadd = "proposal"\n\n'
        '[[remove]]\nfrom = "summary-99"\nto = "source-p1-s1"\n', encoding="utf-8")
    before = build_edition(corpus)
    existing = load_corrections(corpus, seed_edition.units, seed_edition.sections)
    (corpus / "links.toml").write_text(corrections_toml(merge(existing, Corrections(), set(), set())), encoding="utf-8")
    after = build_edition(corpus)
    assert (after.dismissed, after.tags, after.links) == (before.dismissed, before.tags, before.links)
    assert len(after.stale_corrections) == 1 and "summary-99" in after.stale_corrections[0]
