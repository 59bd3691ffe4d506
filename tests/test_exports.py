"""Research exports (annotator.exports): schema, CSV, Web Annotation, TEI and AIF.

Every export is checked on the seed edition and on synthetic editions whose text holds
markup, formula starters and control characters; links are read back from each format.
"""
from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any, Optional

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from annotator.edition.json_text import json_text
from annotator.errors import AnnotatorError
from annotator.exports import (
    FORMATS,
    ExportError,
    export_files,
    read_edition,
    write_exports,
)
from annotator.exports.common import EditionIndex
from annotator.exports.schema import edition_schema
from annotator.exports.tables import _csv_bytes, csv_files, safe_cell
from annotator.exports.tei import claim_ids, tei_bytes
from annotator.exports.webanno import CONTEXT, webanno, webanno_text
from annotator.exports.xmltext import IdMap, XmlWriter, ncname, xml_safe

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
EXPECTED_FILES = {"links.csv", "findings.csv", "annotations.jsonld", "edition.tei.xml", "edition.aif.json"}


# --- synthetic editions -------------------------------------------------------------------

class EditionBuilder:
    """Builds edition.json data whose units slice their documents exactly."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {
            "format": "annotator-edition", "version": 1,
            "corpus": {"name": "synthetic", "title": "合成 <コーパス> & \"題\"", "title_en": "Synthetic"},
            "documents": [], "sections": [], "units": [], "citations": [], "links": [], "quotes": [],
            "flags": [], "tags": [], "redactions": [], "terms": [], "coverage": []}
        self.texts: dict[str, str] = {}

    def doc(self, doc_id: str, role: str, text: str, lang: str = "ja") -> None:
        self.texts[doc_id] = text
        self.data["documents"].append({"id": doc_id, "role": role, "lang": lang, "file": "合成 file.txt",
                                       "file_start": 0, "first_line": 1, "text": text})

    def span(self, doc: str, piece: str, after: int = 0) -> tuple[int, int]:
        start = self.texts[doc].index(piece, after)
        return start, start + len(piece)

    def unit(self, unit_id: str, kind: str, doc: str, piece: str, parent: Optional[str] = None,
             section: Optional[str] = None, label: Optional[str] = None, number: Optional[str] = None,
             after: int = 0) -> int:
        start, end = self.span(doc, piece, after)
        body_start = None
        if label:
            rest = piece[piece.index(label) + len(label):]
            body_start = end - len(rest.lstrip(": "))
        self.data["units"].append({"id": unit_id, "doc": doc, "kind": kind, "text": piece, "start": start,
                                   "end": end, "section": section, "parent": parent, "label": label,
                                   "number": number, "body_start": body_start})
        return start

    def section(self, section_id: str, doc: str, heading: str, piece: str) -> None:
        start, end = self.span(doc, piece)
        self.data["sections"].append({"id": section_id, "doc": doc, "heading": heading, "title_en": None,
                                      "title_ja": None, "start": start, "end": end, "index": 1})


COMMENTARY = ("コメント\n1. 「脅威」論<script>alert(1)</script>\n"
              "著者は=cmd()と言う & \"引用\" ]]> だ。次に\x00と\x0bがある。\n"
              "- 二重基準: +SUM(A1)は@userの-1だ。\n- \tタブ始まりの文。\n")
SUMMARY = "速読\n- 費用: 約600万ドル【元記事「モデル」のパートII】。<b>太字</b>\n"
SOURCE = ("原文\nモデル\nDeepSeek-V3は600万ドルで訓練された。\rCRの後。\n"
          "輸出規制\n規制は=HYPERLINK(\"x\")で有効だ。XXXは伏せ字。\n")


def hostile_edition() -> dict[str, Any]:
    """Three documents, every kind of finding, and text that tries to break each format."""
    b = EditionBuilder()
    b.doc("commentary", "commentary", COMMENTARY)
    b.doc("summary", "summary", SUMMARY)
    b.doc("source", "source", SOURCE)
    _commentary_units(b)
    b.unit("summary-title", "title", "summary", "速読")
    b.unit("summary-b1", "bullet", "summary", SUMMARY[5:SUMMARY.index("\n", 5)], label="費用")
    b.unit("summary-b1-s1", "sentence", "summary", "約600万ドル【元記事「モデル」のパートII】。<b>太字</b>",
           parent="summary-b1")
    b.section("model", "source", "モデル", "モデル\nDeepSeek-V3は600万ドルで訓練された。\rCRの後。")
    b.section("controls", "source", "輸出規制", "輸出規制\n規制は=HYPERLINK(\"x\")で有効だ。XXXは伏せ字。")
    b.unit("source-title", "title", "source", "原文")
    b.unit("source-p1", "paragraph", "source", "DeepSeek-V3は600万ドルで訓練された。\rCRの後。", section="model")
    b.unit("source-p1-s1", "sentence", "source", "DeepSeek-V3は600万ドルで訓練された。", "source-p1", "model")
    b.unit("source-p1-s2", "sentence", "source", "CRの後。", "source-p1", "model")
    b.unit("source-p2", "paragraph", "source", "規制は=HYPERLINK(\"x\")で有効だ。XXXは伏せ字。", section="controls")
    b.unit("source-p2-s1", "sentence", "source", "規制は=HYPERLINK(\"x\")で有効だ。", "source-p2", "controls")
    b.unit("source-p2-s2", "sentence", "source", "XXXは伏せ字。", "source-p2", "controls")
    _findings(b)
    return b.data


def _commentary_units(b: EditionBuilder) -> None:
    point = COMMENTARY[COMMENTARY.index("1."):].rstrip("\n")
    b.unit("commentary-title", "title", "commentary", "コメント")
    b.unit("commentary-1", "point", "commentary", point, number="1")
    b.unit("commentary-1-h", "heading", "commentary", "「脅威」論<script>alert(1)</script>", "commentary-1")
    b.unit("commentary-1-h-s1", "sentence", "commentary", "「脅威」論<script>alert(1)</script>", "commentary-1-h")
    p1 = "著者は=cmd()と言う & \"引用\" ]]> だ。次に\x00と\x0bがある。"
    b.unit("commentary-1-p1", "paragraph", "commentary", p1, "commentary-1")
    b.unit("commentary-1-p1-s1", "sentence", "commentary", "著者は=cmd()と言う & \"引用\" ]]> だ。", "commentary-1-p1")
    b.unit("commentary-1-p1-s2", "sentence", "commentary", "次に\x00と\x0bがある。", "commentary-1-p1")
    b.unit("commentary-1-b1", "bullet", "commentary", "二重基準: +SUM(A1)は@userの-1だ。", "commentary-1",
           label="二重基準")
    b.unit("commentary-1-b1-s1", "sentence", "commentary", "+SUM(A1)は@userの-1だ。", "commentary-1-b1")
    b.unit("commentary-1-b2", "bullet", "commentary", "\tタブ始まりの文。", "commentary-1")
    b.unit("commentary-1-b2-s1", "sentence", "commentary", "\tタブ始まりの文。", "commentary-1-b2")


def _findings(b: EditionBuilder) -> None:
    d = b.data
    d["links"] = [
        {"from": "summary-b1", "to": "source-p1", "relation": "supports", "score": 0.9, "rank": 1,
         "evidence": ["numbers:600万", "citation"]},
        {"from": "summary-b1", "to": "source-p1-s1", "relation": "supports", "score": 0.5, "rank": 2,
         "evidence": ["=cmd()"]},
        {"from": "commentary-1-p1", "to": "source-p2", "relation": "rebuts", "score": 2.5, "rank": 1, "evidence": []},
        {"from": "commentary-1-b1", "to": "source-p2-s1", "relation": "rebuts", "score": 0.3, "rank": 1,
         "evidence": ["terms:規制"]},
    ]
    d["tags"] = [{"unit": "commentary-1-b1", "kind": "double_standard", "cue": "二重基準"},
                 {"unit": "commentary-1-p1-s1", "kind": "counter_evidence", "cue": "=cmd()"},
                 {"unit": "commentary-1-b1-s1", "kind": "double_standard", "cue": "@user"}]
    d["flags"] = [{"unit": "summary-b1", "kind": "number_mismatch", "detail": "600万 <> 6 & \x00", "target": "model"},
                  {"unit": "commentary-1-b2", "kind": "miscitation", "detail": "-bad", "target": None}]
    quote_start = COMMENTARY.index("\"引用\"")
    d["quotes"] = [{"unit": "commentary-1-p1", "text": "引用", "status": "exact", "match": "source-p2",
                    "similarity": 1.0, "start": quote_start, "end": quote_start + 4, "match_text": None},
                   {"unit": "summary-b1", "text": "モデル", "status": "absent", "match": None,
                    "similarity": 0.0, "start": 0, "end": 0, "match_text": None}]
    start = SOURCE.index("XXX")
    d["redactions"] = [{"unit": "source-p2-s2", "doc": "source", "start": start, "end": start + 3, "text": "XXX"}]
    occurrence = SOURCE.index("規制は")
    d["terms"] = [{"concept": "export-controls", "en": "export controls", "variants": ["輸出規制", "規制"],
                   "occurrences": [{"variant": "規制", "unit": "source-p2-s1", "start": occurrence,
                                    "end": occurrence + 2}]}]
    d["citations"] = [{"unit": "summary-b1-s1", "marker": "【元記事「モデル」のパートII】", "title": "モデル",
                       "part": 2, "section": "model", "score": 1.0, "start": 0, "end": 0,
                       "source_word": "元記事", "evidence": "auto"}]
    d["coverage"] = [{"unit": "source-p1", "supported_by": 1, "answered_by": 0},
                     {"unit": "source-p2", "supported_by": 0, "answered_by": 1}]


def unsafe_ids_edition() -> dict[str, Any]:
    """Ids that are not NCNames, and two that collide once made safe."""
    b = EditionBuilder()
    b.doc("1 doc", "summary", "Claim one. Claim two.", lang="en")
    b.doc("src:doc", "source", "Source one.", lang="en")
    b.unit("1:a", "sentence", "1 doc", "Claim one.")
    b.unit("1_a", "sentence", "1 doc", "Claim two.")
    b.unit("src doc#1", "paragraph", "src:doc", "Source one.")
    b.data["links"] = [{"from": "1:a", "to": "src doc#1", "relation": "supports", "score": 1, "rank": 1,
                        "evidence": []},
                       {"from": "1_a", "to": "src doc#1", "relation": "rebuts", "score": 0, "rank": 1,
                        "evidence": []}]
    b.data["tags"] = [{"unit": "1_a", "kind": "odd kind", "cue": ""}]
    return b.data


def empty_edition() -> dict[str, Any]:
    b = EditionBuilder()
    b.doc("source", "source", "")
    return b.data


SYNTHETIC = {"hostile": hostile_edition, "unsafe-ids": unsafe_ids_edition, "empty": empty_edition}


@pytest.fixture(params=["seed", *SYNTHETIC])
def edition(request: pytest.FixtureRequest) -> dict[str, Any]:
    if request.param == "seed":
        return copy.deepcopy(request.getfixturevalue("seed_json"))
    return SYNTHETIC[request.param]()


def link_set(edition: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(link["from"], link["to"], link["relation"]) for link in edition["links"]}


# --- schema -------------------------------------------------------------------------------

def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = edition_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) >= {"documents", "sections", "units", "links", "tags", "flags", "coverage"}


def test_editions_validate_against_the_schema(edition: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(edition_schema()).validate(edition)


def _drop(key: str):
    return lambda d: d.pop(key)


def _set(path: tuple[Any, ...], value: Any):
    def change(d: dict[str, Any]) -> None:
        for step in path[:-1]:
            d = d[step]
        d[path[-1]] = value
    return change


@pytest.mark.parametrize("break_it", [
    _drop("links"), _drop("coverage"), _set(("units",), {}), _set(("units", 0, "start"), "0"),
    _set(("units", 0, "label"), 3), _set(("links", 0, "rank"), 0), _set(("links", 0, "relation"), "likes"),
    _set(("documents", 0, "role"), "preface"), _set(("version",), 2), _set(("format",), "other"),
    _set(("quotes", 0, "status"), "maybe"), _set(("tags", 0), {"unit": "x", "kind": "y"}),
], ids=["no-links", "no-coverage", "units-object", "start-string", "label-int", "rank-0", "relation",
        "role", "version", "format", "quote-status", "tag-without-cue"])
def test_broken_editions_fail_the_schema(break_it) -> None:
    broken = hostile_edition()
    break_it(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(edition_schema()).validate(broken)


# --- all formats --------------------------------------------------------------------------

def test_export_files_writes_every_format_deterministically(edition: dict[str, Any]) -> None:
    files = export_files(edition)
    assert set(files) == EXPECTED_FILES
    assert export_files(copy.deepcopy(edition)) == files
    assert export_files(edition, ["tei"]) == {"edition.tei.xml": files["edition.tei.xml"]}


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(ExportError, match="unknown export format 'pdf'"):
        export_files(hostile_edition(), ["pdf"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("field", ["from", "to"])
def test_a_link_to_a_missing_unit_is_reported(fmt: str, field: str) -> None:
    broken = hostile_edition()
    broken["links"][1][field] = "nowhere"
    with pytest.raises(ExportError, match=rf"links\[1\]\.{field} names unit 'nowhere'"):
        export_files(broken, [fmt])


@pytest.mark.parametrize("content, message", [
    ("{", "not valid JSON"), ("[]", "not an annotator edition"), ('{"format": "x"}', "not an annotator edition"),
    ('{"format": "annotator-edition", "version": 9}', "version 9 is not supported"),
])
def test_read_edition_rejects_what_it_cannot_read(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "edition.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnnotatorError, match=message):
        read_edition(path)


def test_read_edition_reads_a_written_edition(tmp_path) -> None:
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(hostile_edition(), ensure_ascii=False), encoding="utf-8")
    assert read_edition(path) == hostile_edition()


def test_write_exports_adds_files_beside_the_edition(tmp_path) -> None:
    (tmp_path / "edition.json").write_text("{}", encoding="utf-8")
    files = export_files(hostile_edition())
    written = write_exports(files, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*EXPECTED_FILES, "edition.json"])
    assert [p.name for p in written] == sorted(EXPECTED_FILES)
    for name, content in files.items():
        data = (tmp_path / name).read_bytes()
        assert data == (content.encode("utf-8") if isinstance(content, str) else content)


def test_write_exports_into_a_file_is_a_user_error(tmp_path) -> None:
    (tmp_path / "taken").write_text("", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="cannot write the exports"):
        write_exports({"links.csv": b""}, tmp_path / "taken")


# --- CSV ----------------------------------------------------------------------------------

def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def unneutralise(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


@pytest.mark.parametrize("value, cell", [
    ("=cmd()", "'=cmd()"), ("+1", "'+1"), ("-x", "'-x"), ("@sum", "'@sum"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("a=b", "a=b"), ("'quoted", "'quoted"), ("nul\x00here", "nul\ufffdhere"), (None, ""), (3, "3"),
    (0.25, "0.25"), (-1.5, "-1.5"), ("<script>", "<script>"),
])
def test_safe_cell(value: Any, cell: str) -> None:
    assert safe_cell(value) == cell


def test_csv_links_read_back(edition: dict[str, Any]) -> None:
    rows = read_csv(csv_files(edition)["links.csv"])
    assert len(rows) == len(edition["links"])
    assert {(unneutralise(r["from"]), unneutralise(r["to"]), r["relation"]) for r in rows} == link_set(edition)
    units = {u["id"]: u for u in edition["units"]}
    for row, link in zip(rows, edition["links"]):
        assert row["evidence"] == safe_cell(";".join(link["evidence"]))
        assert row["to_section"] == (units[link["to"]]["section"] or "")
        assert int(row["rank"]) == link["rank"]


def test_csv_cells_are_inert(edition: dict[str, Any]) -> None:
    for name, data in csv_files(edition).items():
        for row in read_csv(data):
            for cell in row.values():
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
                assert "\x00" not in cell and "\x0b" not in cell


def test_csv_findings_have_one_row_per_finding() -> None:
    data = hostile_edition()
    rows = read_csv(csv_files(data)["findings.csv"])
    kinds = [row["kind"] for row in rows]
    assert kinds == ["flag"] * 2 + ["quote"] * 2 + ["redaction"] + ["tag"] * 3 + ["term"]
    flag = rows[0]
    assert (flag["type"], flag["unit"], flag["related"], flag["related_text"]) == (
        "number_mismatch", "summary-b1", "model", "モデル")
    assert rows[1]["detail"] == "'-bad"
    assert rows[5]["type"] == "double_standard" and rows[6]["detail"] == "'=cmd()"
    assert rows[-1]["related_text"] == "export controls"


@pytest.mark.parametrize("cells", [
    ["a", "b"], ["a,b", "c"], ['say "hi"', "x"], ["line\nbreak", "cr\rhere"], [""], ["", ""], [None, 3],
    ["=x", "-1.5", True], [], ["日本語", "tab\tin"], ['"'], [",", ""], ["\r\n", 'x,"y"', "z"],
])
def test_csv_rows_written_as_the_csv_module_writes_them(cells: list[Any]) -> None:
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(["h"] * len(cells))
    writer.writerow([safe_cell(cell) for cell in cells])
    assert _csv_bytes(["h"] * len(cells), [cells]) == ("\ufeff" + expected.getvalue()).encode("utf-8")


# --- W3C Web Annotation -------------------------------------------------------------------

def _local_context():
    from importlib import resources
    return json.loads(resources.files("annotator").joinpath("data", "anno.jsonld").read_text("utf-8"))


@pytest.fixture
def jsonld() -> Any:
    """pyld's jsonld module (a test-only dependency)."""
    return pytest.importorskip("pyld.jsonld", reason="pyld is in the test extra: pip install -e .[test]")


def offline_loader(jsonld: Any) -> Any:
    """A loader that serves only the W3C annotation context, from the package, and refuses the rest."""
    def load(url: str, options: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        if url in (CONTEXT, CONTEXT.replace("http:", "https:")):
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                    "document": _local_context()}
        raise jsonld.JsonLdError(f"offline: refused to load {url}", "jsonld.LoadDocumentError",
                                 code="loading document failed")
    return load


def expand(jsonld: Any, doc: dict[str, Any]) -> list[dict[str, Any]]:
    options = {"documentLoader": offline_loader(jsonld), "base": "file:///edition/annotations.jsonld"}
    return jsonld.expand(doc, options)


def test_the_local_context_is_the_w3c_one() -> None:
    context = _local_context()["@context"]
    assert context["oa"] == "http://www.w3.org/ns/oa#"
    assert context["target"] == {"@type": "@id", "@id": "oa:hasTarget"}
    assert context["items"] == {"@type": "@id", "@id": "as:items", "@container": "@list"}
    assert context["TextQuoteSelector"] == "oa:TextQuoteSelector"
    assert len(context) == 114


def test_the_loader_refuses_the_network(jsonld: Any) -> None:
    with pytest.raises(jsonld.JsonLdError):
        expand(jsonld, {"@context": "https://example.org/other.jsonld", "id": "x"})


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


def _annotations(expanded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    (collection,) = expanded
    (page,) = collection["http://www.w3.org/ns/activitystreams#first"]
    (items,) = page["http://www.w3.org/ns/activitystreams#items"]
    return items["@list"]


def test_webanno_expands_with_every_term_defined(edition: dict[str, Any], jsonld: Any) -> None:
    doc = json.loads(export_files(edition, ["webanno"])["annotations.jsonld"])
    assert _keys(doc) - {"@context"} <= set(_local_context()["@context"])
    annotations = _annotations(expand(jsonld, doc))
    assert len(annotations) == doc["total"] == len(doc["first"]["items"])
    oa = "http://www.w3.org/ns/oa#"
    for annotation in annotations:
        assert annotation["@type"] == [oa + "Annotation"]
        assert annotation[oa + "hasTarget"] and annotation[oa + "hasBody"]
        assert annotation[oa + "motivatedBy"][0]["@id"].startswith(oa)


def _fragment(iri: str) -> str:
    from urllib.parse import unquote
    return unquote(iri.rsplit("#", 1)[1])


def test_webanno_links_read_back(edition: dict[str, Any]) -> None:
    items = webanno(edition)["first"]["items"]
    found = set()
    for item in items:
        if item["motivation"] == "linking":
            to, relation = item["body"]
            found.add((_fragment(item["target"]["id"]), _fragment(to["id"]), relation["value"]))
    assert found == link_set(edition)


def _resources(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        own = [value] if value.get("type") == "SpecificResource" else []
        return own + [r for v in value.values() for r in _resources(v)]
    if isinstance(value, list):
        return [r for v in value for r in _resources(v)]
    return []


def test_webanno_selectors_slice_the_document_text(edition: dict[str, Any]) -> None:
    assert_selectors_slice(edition)


def assert_selectors_slice(edition: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in edition["documents"]}
    units = {u["id"]: u for u in edition["units"]}
    resources = _resources(webanno(edition))
    assert len(resources) >= 2 * len(edition["links"])
    for resource in resources:
        text = texts[_fragment(resource["source"]["id"])]
        quote, position = resource["selector"]
        start, end = position["start"], position["end"]
        assert (quote["exact"], quote["prefix"], quote["suffix"]) == (
            text[start:end], text[max(0, start - 32):start], text[end:end + 32])
        if _fragment(resource.get("id", "#")) in units:
            unit = units[_fragment(resource["id"])]
            assert (start, end) == (unit["start"], unit["end"])


def test_webanno_text_is_the_collection_as_json_text(edition: dict[str, Any]) -> None:
    assert webanno_text(edition) == json_text(webanno(edition))


def test_webanno_annotation_kinds() -> None:
    items = webanno(hostile_edition())["first"]["items"]
    motivations = [(item["id"].split("#")[1].rsplit("-", 1)[0], item["motivation"]) for item in items]
    assert motivations == [("link", "linking")] * 4 + [("tag", "classifying")] * 3 + [
        ("flag", "commenting")] * 2 + [("quote", "commenting")] * 2 + [("redaction", "commenting"),
                                                                      ("term", "commenting"),
                                                                      ("citation", "identifying")]
    quote = items[9]["target"]["selector"][0]
    assert quote["exact"] == "\"引用\""


# --- TEI ----------------------------------------------------------------------------------

def parse_tei(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(recover=False, resolve_entities=False))


POINTER_ATTRS = ("target", "active", "passive", "ana", "corresp")


def test_tei_is_well_formed_and_every_pointer_resolves(edition: dict[str, Any]) -> None:
    root = parse_tei(tei_bytes(edition))
    ids = root.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    pointers = [p for attr in POINTER_ATTRS for value in root.xpath(f"//@{attr}") for p in value.split()]
    assert all(p.startswith("#") and p[1:] in set(ids) for p in pointers)
    assert len(root.xpath("//t:text/t:group/t:text", namespaces=NS)) == len(edition["documents"])
    assert root.xpath("//t:script", namespaces=NS) == [] and root.xpath("//*[local-name()='b']") == []


def test_tei_gives_every_unit_an_element_and_every_sentence_an_s(edition: dict[str, Any]) -> None:
    root = parse_tei(tei_bytes(edition))
    by_id = {element.get(XML_ID): element for element in root.iter() if element.get(XML_ID)}
    ids = claim_ids(EditionIndex(edition))
    for unit in edition["units"]:
        element = by_id[ids.get(("unit", unit["id"]))]
        if unit["kind"] == "sentence":
            assert element.tag == TEI + "s"
            assert "".join(element.itertext()) == xml_safe(unit["text"])


def flat_text(element: etree._Element) -> str:
    """The text under ``element`` in document order, list markers (item/@n) included."""
    parts = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            parts += [node.get("n", "") if node.tag == TEI + "item" else "", node.text or ""]
        elif node is not element:
            parts.append(node.tail or "")
    return "".join(parts)


def assert_tei_keeps_the_text(root: etree._Element, edition: dict[str, Any]) -> None:
    bodies = root.xpath("//t:group/t:text/t:body", namespaces=NS)
    for body, doc in zip(bodies, edition["documents"], strict=True):
        assert "".join(flat_text(body).split()) == "".join(xml_safe(doc["text"]).split())


def test_tei_keeps_every_character_of_the_text(edition: dict[str, Any]) -> None:
    assert_tei_keeps_the_text(parse_tei(tei_bytes(edition)), edition)


def test_tei_links_read_back(edition: dict[str, Any]) -> None:
    root = parse_tei(tei_bytes(edition))
    found = set()
    for link in root.xpath("//t:linkGrp[@type='alignment']/t:link", namespaces=NS):
        source, target = link.get("target").split()
        found.add((source[1:], target[1:], link.get("type")))
    for relation in root.xpath("//t:listRelation/t:relation", namespaces=NS):
        found.add((relation.get("active")[1:], relation.get("passive")[1:], relation.get("name")))
    ids = claim_ids(EditionIndex(edition))
    assert found == {(ids.get(("unit", a)), ids.get(("unit", b)), rel) for a, b, rel in link_set(edition)}


def test_tei_makes_unsafe_ids_ncnames_and_keeps_them_apart() -> None:
    root = parse_tei(tei_bytes(unsafe_ids_edition()))
    assert root.xpath("//t:s/@xml:id", namespaces=NS) == ["_1_a", "_1_a-2"]
    assert root.xpath("//t:text/t:group/t:text/@xml:id", namespaces=NS) == ["_1_doc", "src_doc"]
    assert root.xpath("//t:link/@target", namespaces=NS) == ["#_1_a #src_doc_1"]
    assert root.xpath("//t:category/@xml:id", namespaces=NS) == ["tag-odd_kind"]


def test_tei_hostile_text_is_escaped_and_markup_is_tei() -> None:
    data = tei_bytes(hostile_edition())
    assert b"<script>" not in data and b"&lt;script&gt;alert(1)&lt;/script&gt;" in data
    assert b"]]&gt;" in data and b"\x00" not in data and b"\x0b" not in data
    root = parse_tei(data)
    assert root.xpath("string(//t:s[@xml:id='commentary-1-p1-s2'])", namespaces=NS) == "次に\ufffdと\ufffdがある。"
    items = root.xpath("//t:item", namespaces=NS)
    assert [i.get(XML_ID) for i in items] == ["commentary-1-b1", "commentary-1-b2", "summary-b1"]
    assert [i.get("n") for i in items] == ["-", "-", "-"]
    assert root.xpath("string(//t:item[@xml:id='commentary-1-b1']/t:label)", namespaces=NS) == "二重基準"
    assert root.xpath("//t:div[@type='section']/t:head/text()", namespaces=NS) == ["モデル", "輸出規制"]
    relation = root.xpath("//t:relation[@active='#commentary-1-p1']", namespaces=NS)[0]
    assert relation.get("ana") == "#tag-counter_evidence"
    assert root.xpath("//t:*[@xml:id='commentary-1-b1']/@ana", namespaces=NS) == ["#tag-double_standard"]
    notes = root.xpath("//t:listAnnotation/t:note/@type", namespaces=NS)
    assert notes == ["flag", "flag", "quote", "quote", "redaction", "tag", "tag", "tag", "term"]


@pytest.mark.parametrize("raw, name", [
    ("commentary-1-b2-s1", "commentary-1-b2-s1"), ("1st", "_1st"), ("a:b", "a_b"), ("a b#c", "a_b_c"),
    ("", "_"), ("-x", "_-x"), ("見出し", "見出し"), ("x\x00y", "x_y"), ("a.b_c", "a.b_c"),
])
def test_ncname(raw: str, name: str) -> None:
    assert ncname(raw) == name


def test_id_map_keeps_ids_unique() -> None:
    ids = IdMap()
    assert [ids.claim(k, raw) for k, raw in [(1, "a:b"), (2, "a_b"), (3, "a b"), (1, "zzz")]] == [
        "a_b", "a_b-2", "a_b-3", "a_b"]


@pytest.mark.parametrize("text, safe", [
    ("a\x00b", "a\ufffdb"), ("\x0b\x0c", "\ufffd\ufffd"), ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),
    ("\ud800", "\ufffd"), ("\ufffe", "\ufffd"), ("😀", "😀"),
])
def test_xml_safe(text: str, safe: str) -> None:
    assert xml_safe(text) == safe


HOSTILE_XML = "a & b < c > d \" ' \t tab \n nl \r cr ]]> \x00 \x0b \ud800 \ufffe \x85 日本"


def test_xml_writer_writes_what_lxml_writes() -> None:
    root = etree.Element(TEI + "TEI", nsmap={None: NS["t"]})
    root.text = "\n"
    empty = etree.SubElement(root, TEI + "empty", {"n": xml_safe(HOSTILE_XML)})
    empty.tail = "\n"
    etree.SubElement(root, TEI + "blank").text = ""
    full = etree.SubElement(root, TEI + "full", {"type": "x"})
    full.set(XML_ID, "id-1")
    full.text = xml_safe(HOSTILE_XML)
    etree.SubElement(full, TEI + "inner").tail = xml_safe(HOSTILE_XML)
    expected = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    xml = XmlWriter()
    xml.start("TEI", {"xmlns": NS["t"]})
    xml.text("\n")
    xml.element("empty", None, {"n": HOSTILE_XML}, tail="\n")
    xml.element("blank", "")
    xml.start("full", {"type": "x"})
    xml.set("xml:id", "id-1")
    xml.text(HOSTILE_XML)
    xml.element("inner")
    xml.text(HOSTILE_XML)
    assert xml.document() == expected


def test_xml_writer_takes_attributes_only_before_content() -> None:
    xml = XmlWriter()
    xml.start("a")
    xml.text("x")
    with pytest.raises(ValueError):
        xml.set("n", "1")


# --- AIF ----------------------------------------------------------------------------------

def test_aif_graph_holds_each_link(edition: dict[str, Any]) -> None:
    graph = json.loads(export_files(edition, ["aif"])["edition.aif.json"])["AIF"]
    nodes = {node["nodeID"]: node for node in graph["nodes"]}
    assert len(nodes) == len(graph["nodes"])
    outgoing: dict[int, list[int]] = {}
    incoming: dict[int, list[int]] = {}
    for edge in graph["edges"]:
        assert edge["fromID"] in nodes and edge["toID"] in nodes
        outgoing.setdefault(edge["fromID"], []).append(edge["toID"])
        incoming.setdefault(edge["toID"], []).append(edge["fromID"])
    found = set()
    for node_id, node in nodes.items():
        if node["type"] in ("RA", "CA"):
            (premise,), (conclusion,) = incoming[node_id], outgoing[node_id]
            a, b = nodes[premise]["unit"], nodes[conclusion]["unit"]
            found.add((b, a, "supports") if node["type"] == "RA" else (a, b, "rebuts"))
    assert found == link_set(edition)
    units = {u["id"]: u for u in edition["units"]}
    for node in graph["nodes"]:
        if node["type"] in ("I", "L"):
            assert node["text"] == units[node["unit"]]["text"]
    assert {loc["nodeID"] for loc in graph["locutions"]} == {n["nodeID"] for n in graph["nodes"] if n["type"] == "L"}


def test_aif_text_is_escaped_html() -> None:
    data = json.loads(export_files(hostile_edition(), ["aif"])["edition.aif.json"])
    txt = data["text"]["txt"]
    assert "著者は=cmd()と言う &amp; &quot;引用&quot; ]]&gt; だ。" in txt
    assert txt.count("<span") == len([n for n in data["AIF"]["nodes"] if n["type"] == "L"]) == 7
    assert data["AIF"]["participants"] == [
        {"participantID": 0, "firstname": "summary", "surname": "summary"},
        {"participantID": 1, "firstname": "source", "surname": "source"},
        {"participantID": 2, "firstname": "commentary", "surname": "commentary"}]


def test_json_exports_escape_markup() -> None:
    files = export_files(hostile_edition(), ["webanno", "aif"])
    for name in ("annotations.jsonld", "edition.aif.json"):
        text = files[name]
        assert "<" not in text and ">" not in text
        json.loads(text)
    assert "<script>alert(1)</script>" in json.dumps(json.loads(files["annotations.jsonld"]), ensure_ascii=False)


# --- arbitrary text -----------------------------------------------------------------------

KINDS = ["title", "heading", "point", "group", "paragraph", "bullet", "sentence", "odd kind"]


@st.composite
def arbitrary_editions(draw: st.DrawFn) -> dict[str, Any]:
    """Any text, units on any spans (nested, overlapping, empty), links and tags between them."""
    b = EditionBuilder()
    text = draw(st.text(max_size=60))
    b.doc("d", "source", text)
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=8))
    for i, (a, c) in enumerate(spans):
        start, end = min(a, c), max(a, c)
        parent = draw(st.sampled_from([None] + [f"u{j}" for j in range(i)]))
        label = text[start:end][:2] or None if draw(st.booleans()) else None
        b.data["units"].append({"id": f"u{i}", "doc": "d", "kind": draw(st.sampled_from(KINDS)),
                                "text": text[start:end], "start": start, "end": end, "section": None,
                                "parent": parent, "label": label, "number": None,
                                "body_start": start + len(label) if label else None})
    if len(spans) > 1:
        for rel, (i, j) in zip(["supports", "rebuts"], draw(st.lists(st.tuples(
                st.integers(0, len(spans) - 1), st.integers(0, len(spans) - 1)), max_size=2))):
            b.data["links"].append({"from": f"u{i}", "to": f"u{j}", "relation": rel, "score": 0.5,
                                    "rank": 1, "evidence": []})
            b.data["tags"].append({"unit": f"u{i}", "kind": "k", "cue": ""})
    return b.data


@settings(max_examples=60, deadline=None)
@given(arbitrary_editions())
def test_exports_never_break_on_arbitrary_text(edition: dict[str, Any]) -> None:
    files = export_files(edition)
    root = parse_tei(files["edition.tei.xml"])
    ids = root.xpath("//@xml:id")
    assert len(ids) == len(set(ids)) == len(edition["units"]) + len(edition["documents"]) + bool(edition["tags"])
    pointers = [p for attr in POINTER_ATTRS for value in root.xpath(f"//@{attr}") for p in value.split()]
    assert all(p[1:] in set(ids) for p in pointers)
    assert {(r["from"], r["to"], r["relation"]) for r in read_csv(files["links.csv"])} == link_set(edition)
    assert_selectors_slice(edition)
    assert_tei_keeps_the_text(root, edition)
