"""annotator import: Web Annotation (ours, and quote-only as Hypothesis writes it) and brat standoff
become links.toml corrections; what cannot be anchored is listed."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main
from annotator.link.corrections import Corrections, read_corrections_file
from annotator.pipeline import build_edition
from annotator.research.importing import import_annotations

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "congestion-pricing"


@pytest.fixture(scope="module")
def auto() -> dict[str, Any]:
    return build_edition(CORPUS).to_dict()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    assert not (target / "links.toml").exists()
    return target


def as_sets(corrections: Corrections) -> tuple[set, set, set]:
    return set(corrections.add), set(corrections.remove), set(corrections.pin)


def chosen_corrections(auto: dict[str, Any]) -> Corrections:
    """Corrections the pipeline would not make by itself, picked from the edition (no ids written in)."""
    roles = {d["id"]: d["role"] for d in auto["documents"]}
    doc_of = {u["id"]: u["doc"] for u in auto["units"]}
    links: dict[str, list[str]] = {}
    for link in auto["links"]:
        links.setdefault(link["from"], []).append(link["to"])
    rebutting = [c for c, targets in links.items() if roles[doc_of[c]] == "commentary" and len(targets) >= 3]
    supporting = [c for c, targets in links.items() if roles[doc_of[c]] == "summary" and len(targets) >= 2]
    sentences = [u["id"] for u in auto["units"] if u["kind"] == "sentence" and roles[u["doc"]] == "source"]
    first, second = rebutting[0], supporting[0]
    new_target = next(s for s in sentences if s not in links[first])
    citation = next(c for c in auto["citations"] if c["section"])
    other = next(s["id"] for s in auto["sections"] if s["id"] != citation["section"])
    return Corrections(add=((first, new_target, "rebuts"), (second, links[second][1], "rebuts")),
                       remove=((first, links[first][1]),), pin=((citation["unit"], other),))


def write_links_toml(corpus: Path, corrections: Corrections) -> None:
    from annotator.link.corrections import corrections_toml

    (corpus / "links.toml").write_text(corrections_toml(corrections), encoding="utf-8")


def test_our_web_annotation_comes_back_as_the_same_corrections(corpus: Path, tmp_path: Path, auto) -> None:
    wanted = chosen_corrections(auto)
    write_links_toml(corpus, wanted)
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0
    corrected = json.loads((tmp_path / "site" / "edition.json").read_text(encoding="utf-8"))
    (corpus / "links.toml").unlink()

    result = import_annotations(tmp_path / "site" / "annotations.jsonld", corpus, replace=True)
    assert as_sets(read_corrections_file(corpus / "links.toml")) == as_sets(wanted)
    assert [n for n in result.not_imported if not n.anchored] == []
    rebuilt = build_edition(corpus).to_dict()
    assert rebuilt["links"] == corrected["links"] and rebuilt["citations"] == corrected["citations"]


def test_our_own_export_imports_as_no_correction(corpus: Path, tmp_path: Path) -> None:
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0
    result = import_annotations(tmp_path / "site" / "annotations.jsonld", corpus, replace=True, write=False)
    assert as_sets(result.corrections) == (set(), set(), set())
    assert result.links == len(json.loads((tmp_path / "site" / "edition.json").read_text("utf-8"))["links"])


def quote_selector(text: str, start: int, end: int) -> dict[str, Any]:
    return {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": text[max(0, start - 20):start],
            "suffix": text[end:end + 20]}


def test_a_hypothesis_style_annotation_anchors_by_quote(corpus: Path, auto) -> None:
    docs = {d["id"]: d for d in auto["documents"]}
    units = {u["id"]: u for u in auto["units"]}
    links = [link for link in auto["links"] if docs[units[link["from"]]["doc"]]["role"] == "commentary"]
    claim = units[links[0]["from"]]
    linked = {link["to"] for link in links if link["from"] == claim["id"]}
    target = next(u for u in auto["units"] if u["kind"] == "sentence" and docs[u["doc"]]["role"] == "source"
                  and u["id"] not in linked)
    claim_text, target_text = docs[claim["doc"]]["text"], docs[target["doc"]]["text"]
    # a part of the claim's text and the whole target sentence, as a reader would highlight them
    claim_start = claim["start"] + len(claim["text"]) // 3
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "id": "https://hyp.is/abc",
        "motivation": "linking",
        "target": {"source": "https://example.org/commentary.html",
                   "selector": [quote_selector(claim_text, claim_start, claim_start + 12)]},
        "body": [{"type": "SpecificResource", "source": "https://example.org/essay.html",
                  "selector": quote_selector(target_text, target["start"], target["end"])},
                 {"type": "TextualBody", "value": "rebuts", "purpose": "tagging"}],
    }
    unanchorable = {**annotation, "id": "https://hyp.is/lost",
                    "target": {"source": "https://example.org/c", "selector": {
                        "type": "TextQuoteSelector", "exact": "words that no text of this corpus holds"}}}
    comment = {"type": "Annotation", "id": "https://hyp.is/note", "motivation": "commenting",
               "target": annotation["target"], "body": {"type": "TextualBody", "value": "good point"}}
    path = corpus / "hypothesis.json"
    path.write_text(json.dumps([annotation, unanchorable, comment], ensure_ascii=False), encoding="utf-8")

    result = import_annotations(path, corpus)
    assert as_sets(read_corrections_file(corpus / "links.toml")) == ({(claim["id"], target["id"], "rebuts")}, set(), set())
    lost = [(n.where, n.why) for n in result.not_imported if not n.anchored]
    assert lost == [("https://hyp.is/lost", "target: the quote 'words that no text of this cor…' "
                                            "is not in the corpus's texts")]
    assert [n.where for n in result.not_imported if n.anchored] == ["https://hyp.is/note"]


def test_a_position_selector_anchors_when_the_quote_is_not_found(corpus: Path, auto) -> None:
    docs = {d["id"]: d for d in auto["documents"]}
    link = next(link for link in auto["links"] if link["rank"] == 1)
    units = {u["id"]: u for u in auto["units"]}
    claim, target = units[link["from"]], units[link["to"]]
    other = next(u for u in auto["units"] if u["doc"] == target["doc"] and u["kind"] == "sentence"
                 and u["id"] != target["id"] and (link["from"], u["id"]) not in
                 {(x["from"], x["to"]) for x in auto["links"]})
    edited = "a quotation edited since" + docs[other["doc"]]["text"][other["start"]:other["end"]]
    annotation = {"type": "Annotation", "id": "#1", "motivation": "linking",
                  "target": {"source": f"{docs[claim['doc']]['file']}#{claim['doc']}",
                             "selector": {"type": "TextPositionSelector", "start": claim["start"], "end": claim["end"]}},
                  "body": {"type": "SpecificResource", "source": f"{docs[other['doc']]['file']}#{other['doc']}",
                           "selector": [{"type": "TextQuoteSelector", "exact": edited},
                                        {"type": "TextPositionSelector", "start": other["start"], "end": other["end"]}]}}
    path = corpus / "positions.jsonld"
    path.write_text(json.dumps(annotation), encoding="utf-8")
    result = import_annotations(path, corpus, write=False)
    assert as_sets(result.imported) == ({(claim["id"], other["id"], None)}, set(), set())


def test_brat_standoff_relations_import(tmp_path: Path) -> None:
    # brat annotates one text file: the seed corpus, whose three parts share one file
    corpus = tmp_path / "seed"
    shutil.copytree(ROOT / "corpus" / "deepseek-export-controls", corpus)
    auto = build_edition(corpus).to_dict()
    docs = {d["id"]: d for d in auto["documents"]}
    units = {u["id"]: u for u in auto["units"]}
    made = {(link["from"], link["to"]) for link in auto["links"]}
    claims = {f for f, _ in made}
    claim = next(u for u in auto["units"] if docs[u["doc"]]["role"] == "commentary" and u["kind"] == "sentence"
                 and u["parent"] in claims and u["id"] not in claims)
    holder = claim["parent"]
    target = next(u for u in auto["units"] if docs[u["doc"]]["role"] == "source" and u["kind"] == "sentence"
                  and (holder, u["id"]) not in made and "\n" not in u["text"])
    citation = next(c for c in auto["citations"] if c["section"])
    section = next(s for s in auto["sections"] if s["id"] != citation["section"])

    def span(name: str, kind: str, doc: str, start: int, end: int) -> str:
        base = docs[doc]["file_start"]
        return f"{name}\t{kind} {base + start} {base + end}\t{docs[doc]['text'][start:end]}"

    marker_unit = units[citation["unit"]]
    ann = "\n".join([
        span("T1", "Claim", claim["doc"], claim["start"], claim["end"]),
        span("T2", "Passage", target["doc"], target["start"], target["end"]),
        "R1\tSupports Arg1:T1 Arg2:T2",
        span("T3", "Marker", marker_unit["doc"], citation["start"], citation["end"]),
        span("T4", "Heading", section["doc"], section["start"], section["start"] + len(section["heading"])),
        "R2\tCites Arg1:T3 Arg2:T4",
        "T5\tClaim 20 38\tno such words here",
        "R3\tRebuts Arg1:T5 Arg2:T2",
        "A1\tConfidence T1 High",
        "",
    ])
    assert docs[marker_unit["doc"]]["text"][citation["start"]:citation["end"]] == citation["marker"]
    path = tmp_path / (Path(docs[claim["doc"]]["file"]).stem + ".ann")
    path.write_text(ann, encoding="utf-8")
    result = import_annotations(path, corpus)
    assert as_sets(read_corrections_file(corpus / "links.toml")) == (
        {(holder, target["id"], "supports")}, set(), {(citation["unit"], section["id"])})
    assert [(n.where, n.why.split(":")[0]) for n in result.not_imported] == [
        ("line 8 (R3)", "Arg1"), ("line 9", "not a text-bound annotation (T) or a relation (R) with Arg1 and Arg2")]


def test_import_command_reports_and_writes(corpus: Path, tmp_path: Path, capsys) -> None:
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0
    capsys.readouterr()
    assert main(["import", str(tmp_path / "site" / "annotations.jsonld"), "--into", str(corpus), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == ""  # no corrections: an empty links.toml
    assert "0 to add, 0 to remove, 0 to pin" in captured.err and not (corpus / "links.toml").exists()
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["import", str(bad), "--into", str(corpus)]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_entries_the_file_does_not_judge_are_kept(corpus: Path, tmp_path: Path, auto) -> None:
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0
    link = next(link for link in auto["links"] if link["rank"] == 1)
    source_doc = next(u["doc"] for u in auto["units"] if u["id"] == link["to"])
    other = next(u["id"] for u in auto["units"] if u["kind"] == "sentence" and u["doc"] == source_doc
                 and (link["from"], u["id"]) not in {(x["from"], x["to"]) for x in auto["links"]})
    write_links_toml(corpus, Corrections(add=((link["from"], other, None),), remove=((link["from"], link["to"]),)))
    hand_written = (corpus / "links.toml").read_text(encoding="utf-8")
    import_annotations(tmp_path / "site" / "annotations.jsonld", corpus)
    # the file asserts link["from"] → link["to"]: that removal goes; the add it does not judge stays
    assert as_sets(read_corrections_file(corpus / "links.toml")) == ({(link["from"], other, None)}, set(), set())
    assert (corpus / "links.toml.bak").read_text(encoding="utf-8") == hand_written
    import_annotations(tmp_path / "site" / "annotations.jsonld", corpus, replace=True)
    assert as_sets(read_corrections_file(corpus / "links.toml")) == (set(), set(), set())


def test_a_recogito_style_relation_between_two_highlights(corpus: Path, auto) -> None:
    docs = {d["id"]: d for d in auto["documents"]}
    made = {(link["from"], link["to"]) for link in auto["links"]}
    claim = next(u for u in auto["units"] if docs[u["doc"]]["role"] == "summary" and u["id"] in {f for f, _ in made})
    target = next(u for u in auto["units"] if docs[u["doc"]]["role"] == "source" and u["kind"] == "sentence"
                  and (claim["id"], u["id"]) not in made)

    def highlight(name: str, unit: dict[str, Any]) -> dict[str, Any]:
        text = docs[unit["doc"]]["text"]
        return {"id": name, "type": "Annotation", "motivation": "highlighting",
                "target": {"source": "doc.html", "selector": quote_selector(text, unit["start"], unit["end"])}}

    relation = {"id": "#rel", "type": "Annotation", "motivation": "linking", "target": ["#a", "#b"],
                "body": {"type": "TextualBody", "value": "Supports", "purpose": "tagging"}}
    page = {"type": "AnnotationPage", "items": [highlight("#a", claim), highlight("#b", target), relation]}
    path = corpus / "recogito.jsonld"
    path.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    result = import_annotations(path, corpus, write=False)
    assert as_sets(result.imported) == ({(claim["id"], target["id"], "supports")}, set(), set())
    assert sorted(n.where for n in result.not_imported) == ["#a", "#b"]


def tag_entries(path: Path) -> set[tuple[str, str, str]]:
    found = read_corrections_file(path).others
    return {(e.get("unit"), "add" if e.get("add") else "remove", e.get("add") or e.get("remove"))
            for e in found if e.kind == "tag"}


def test_tag_corrections_come_back_from_our_web_annotation(corpus: Path, tmp_path: Path, auto) -> None:
    from annotator.check.taxonomy import kind_ids

    tagged = next(t for t in auto["tags"])
    given = {t["kind"] for t in auto["tags"] if t["unit"] == tagged["unit"]}
    new_kind = next(k for k in kind_ids() if k not in given)
    (corpus / "links.toml").write_text(
        f'[[tag]]\nunit = "{tagged["unit"]}"\nadd = "{new_kind}"\n\n'
        f'[[tag]]\nunit = "{tagged["unit"]}"\nremove = "{tagged["kind"]}"\n', encoding="utf-8")
    wanted = tag_entries(corpus / "links.toml")
    assert main(["build", str(corpus), "--out", str(tmp_path / "site")]) == 0
    corrected = json.loads((tmp_path / "site" / "edition.json").read_text(encoding="utf-8"))
    (corpus / "links.toml").unlink()

    result = import_annotations(tmp_path / "site" / "annotations.jsonld", corpus, replace=True)
    assert result.tags == len(corrected["tags"])
    assert tag_entries(corpus / "links.toml") == wanted
    assert build_edition(corpus).to_dict()["tags"] == corrected["tags"]


def test_a_quote_anchored_tag_adds_a_tag(corpus: Path, auto) -> None:
    from annotator.check.taxonomy import kind_ids

    docs = {d["id"]: d for d in auto["documents"]}
    point = next(u for u in auto["units"] if docs[u["doc"]]["role"] == "commentary" and u["kind"] in ("point", "bullet")
                 and any(t["unit"] == u["id"] for t in auto["tags"]))
    given = {t["kind"] for t in auto["tags"] if t["unit"] == point["id"]}
    kind = next(k for k in kind_ids() if k not in given)
    text = docs[point["doc"]]["text"]
    annotation = {"type": "Annotation", "id": "https://hyp.is/tag", "motivation": "classifying",
                  "target": {"source": "https://example.org/commentary.html",
                             "selector": quote_selector(text, point["start"], point["end"])},
                  "body": {"type": "TextualBody", "value": kind, "purpose": "classifying"}}
    path = corpus / "tags.json"
    path.write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    result = import_annotations(path, corpus)
    assert (result.tags, tag_entries(corpus / "links.toml")) == (1, {(point["id"], "add", kind)})
    assert {(t["unit"], t["kind"]) for t in build_edition(corpus).to_dict()["tags"]} >= {(point["id"], kind)}
