"""Scoring an edition against a gold (annotator.evaluate, annotator.gold, annotator.resolve).

Synthetic editions are built by hand below; the seed's gold file is checked against the seed text.
"""
from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any, Optional

import pytest

from annotator.edition.evaluate import (
    Ratio,
    evaluate,
    evaluate_files,
    format_scores,
    load_edition,
)
from annotator.edition.gold import GoldError, gold_references, load_gold
from annotator.edition.resolve import EditionIndex, resolve_claims
from annotator.errors import AnnotatorError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "deepseek-export-controls"
SEED_GOLD = ROOT / "tests" / "gold" / "deepseek-export-controls.json"

# --- a synthetic edition ---------------------------------------------------------------

SOURCE = "序論の文。\n一章\n猫は魚を好む。犬は肉を好む。\n二章\n- 鳥は空を飛ぶ。魚は海を泳ぐ。\n亀は遅い。\n"
SUMMARY = "- 猫は魚が好きだ【元記事「一章」】\n- 鳥は飛ぶ【元記事「一章」】\n- 亀は速い【元記事「二章」】\n"
COMMENTARY = "1.動物論は偏っている\n- 著者は犬を無視している。「魚を好む」と書く。\n"

# (id, kind, text, parent, section); a unit's offsets are found after its parent's start
UNITS: dict[str, list[tuple[str, str, str, Optional[str], Optional[str]]]] = {
    "src": [
        ("src-p1", "paragraph", "序論の文。", None, None),
        ("src-p1-s1", "sentence", "序論の文。", "src-p1", None),
        ("src-1-p1", "paragraph", "猫は魚を好む。犬は肉を好む。", None, "sec-1"),
        ("src-1-p1-s1", "sentence", "猫は魚を好む。", "src-1-p1", "sec-1"),
        ("src-1-p1-s2", "sentence", "犬は肉を好む。", "src-1-p1", "sec-1"),
        ("src-2-b1", "bullet", "鳥は空を飛ぶ。魚は海を泳ぐ。", None, "sec-2"),
        ("src-2-b1-s1", "sentence", "鳥は空を飛ぶ。", "src-2-b1", "sec-2"),
        ("src-2-b1-s2", "sentence", "魚は海を泳ぐ。", "src-2-b1", "sec-2"),
        ("src-2-p1", "paragraph", "亀は遅い。", None, "sec-2"),  # not split into sentences
    ],
    "sum": [
        ("sum-b1", "bullet", "猫は魚が好きだ【元記事「一章」】", None, None),
        ("sum-b1-s1", "sentence", "猫は魚が好きだ【元記事「一章」】", "sum-b1", None),
        ("sum-b2", "bullet", "鳥は飛ぶ【元記事「一章」】", None, None),
        ("sum-b3", "bullet", "亀は速い【元記事「二章」】", None, None),
    ],
    "com": [
        ("com-1", "point", "1.動物論は偏っている\n- 著者は犬を無視している。「魚を好む」と書く。", None, None),
        ("com-1-h", "heading", "動物論は偏っている", "com-1", None),
        ("com-1-b1", "bullet", "著者は犬を無視している。「魚を好む」と書く。", "com-1", None),
        ("com-1-b1-s1", "sentence", "著者は犬を無視している。", "com-1-b1", None),
        ("com-1-b1-s2", "sentence", "「魚を好む」と書く。", "com-1-b1", None),
    ],
}
TEXTS = {"src": SOURCE, "sum": SUMMARY, "com": COMMENTARY}
ROLES = {"src": "source", "sum": "summary", "com": "commentary"}


def make_units() -> list[dict[str, Any]]:
    units: list[dict[str, Any]] = []
    for doc, specs in UNITS.items():
        starts: dict[str, int] = {}
        for uid, kind, text, parent, section in specs:
            start = TEXTS[doc].index(text, starts[parent] if parent else 0)
            starts[uid] = start
            units.append({"id": uid, "doc": doc, "kind": kind, "text": text, "start": start, "end": start + len(text),
                          "section": section, "parent": parent, "label": None})
    return units


def cite(unit: str, section: Optional[str], score: float = 1.0) -> dict[str, Any]:
    return {"unit": unit, "marker": "【…】", "title": "…", "part": None, "section": section, "score": score}


def link(source: str, target: str, relation: str, rank: int, score: float = 1.0) -> dict[str, Any]:
    return {"from": source, "to": target, "relation": relation, "score": score, "rank": rank, "evidence": []}


def edition(**lists: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "annotator-edition", "version": 1, "corpus": {"name": "animals", "title": "動物"},
        "documents": [{"id": d, "role": r, "lang": "ja", "file": "animals.txt"} for d, r in ROLES.items()],
        "sections": [{"id": "sec-1", "doc": "src", "heading": "一章"}, {"id": "sec-2", "doc": "src", "heading": "二章"}],
        "units": make_units()}
    for name in ("citations", "links", "quotes", "flags", "tags", "redactions", "terms", "coverage"):
        data[name] = lists.get(name, [])
    return data


GOLD: dict[str, Any] = {
    "format": "annotator-gold", "version": 1, "corpus": "animals",
    "summary": [
        {"unit": "猫は魚が好きだ", "kind": "bullet", "cited_section": "一章", "support_section": "一章",
         "paragraph": "猫は魚を好む", "sentence": "猫は魚を好む"},
        {"unit": "鳥は飛ぶ", "kind": "bullet", "cited_section": "一章", "support_section": "二章",
         "paragraph": "鳥は空を飛ぶ", "sentence": "鳥は空を飛ぶ"},
        {"unit": "亀は速い", "kind": "bullet", "cited_section": "二章", "support_section": "二章",
         "paragraph": "亀は遅い", "sentence": "亀は遅い", "flags": ["number_mismatch"]},
    ],
    "commentary": [
        {"unit": "動物論は偏っている", "kind": "point", "targets": ["猫は魚を好む"], "tags": ["label"]},
        {"unit": "著者は犬を無視している", "kind": "bullet", "targets": ["犬は肉を好む"], "tags": ["omission"],
         "quotes": [{"text": "魚を好む", "status": "exact"}]},
    ],
}

PERFECT = edition(
    citations=[cite("sum-b1", "sec-1"), cite("sum-b2", "sec-1"), cite("sum-b3", "sec-2")],
    links=[link("sum-b1-s1", "src-1-p1-s1", "supports", 1),  # from a bullet's sentence: counts for the bullet
           link("sum-b2", "src-2-b1-s1", "supports", 1), link("sum-b3", "src-2-p1", "supports", 1),
           link("com-1", "src-1-p1-s1", "rebuts", 1), link("com-1-b1", "src-1-p1-s2", "rebuts", 1)],
    flags=[{"unit": "sum-b2", "kind": "miscitation", "detail": ""},
           {"unit": "sum-b3", "kind": "number_mismatch", "detail": ""}],
    tags=[{"unit": "com-1-h", "kind": "label", "cue": "論"}, {"unit": "com-1-b1", "kind": "omission", "cue": "無視"}],
    quotes=[{"unit": "com-1-b1-s2", "text": "「魚を好む」", "status": "exact", "match": "src-1-p1-s1",
             "similarity": 1.0}],
)
PARTLY = edition(
    citations=[cite("sum-b1", "sec-2", 0.2), cite("sum-b1", "sec-1", 0.9), cite("sum-b2", "sec-2")],
    links=[link("sum-b1", "src-1-p1-s2", "supports", 1), link("sum-b1", "src-1-p1-s1", "supports", 2),
           link("sum-b2", "src-2-b1", "supports", 1), link("sum-b2", "src-1-p1-s1", "supports", 2),
           link("sum-b2", "src-1-p1-s2", "supports", 3), link("sum-b2", "src-2-b1-s1", "supports", 4),
           link("com-1", "src-1-p1-s1", "supports", 1),  # wrong relation: ignored
           link("com-1", "src-1-p1-s1", "rebuts", 2, 0.5), link("com-1", "src-2-b1-s1", "rebuts", 1, 0.9),
           link("com-1-b1", "src-1-p1-s2", "rebuts", 1)],
    flags=[{"unit": "sum-b1", "kind": "miscitation", "detail": ""},
           {"unit": "sum-b2", "kind": "miscitation", "detail": ""}],
    tags=[{"unit": "com-1-b1", "kind": "omission", "cue": "無視"}, {"unit": "com-1-b1", "kind": "motive", "cue": "書く"}],
    quotes=[{"unit": "com-1-b1", "text": "魚を好む", "status": "close", "match": None, "similarity": 0.8}],
)
EMPTY = edition()

# field: (perfect, partly wrong, empty) as (hits, cases)
EXPECTED = {
    "cited_section": ((3, 3), (1, 3), (0, 3)),
    "support_paragraph_at1": ((3, 3), (2, 3), (0, 3)),
    "support_sentence_at1": ((3, 3), (0, 3), (0, 3)),
    "support_sentence_at3": ((3, 3), (1, 3), (0, 3)),
    "rebuttal_paragraph_at1": ((2, 2), (1, 2), (0, 2)),
    "rebuttal_target_at1": ((2, 2), (1, 2), (0, 2)),
    "rebuttal_target_at3": ((2, 2), (2, 2), (0, 2)),
    "tag_accuracy": ((2, 2), (1, 2), (0, 2)),
    "extra_tags": ((0, 2), (1, 2), (0, 0)),
    "miscitation_precision": ((1, 1), (1, 2), (0, 0)),
    "miscitation_recall": ((1, 1), (1, 1), (0, 1)),
    "number_mismatch_precision": ((1, 1), (0, 0), (0, 0)),
    "number_mismatch_recall": ((1, 1), (0, 1), (0, 1)),
    "quote_status": ((1, 1), (0, 1), (0, 1)),
    "markers_read": ((3, 3), (2, 3), (0, 3)),
    "faults_flagged": ((2, 2), (1, 2), (0, 2)),
    "false_flags": ((0, 2), (2, 3), (0, 0)),
    "gold_resolved": ((19, 19), (19, 19), (19, 19)),
}
VARIANTS = {"perfect": PERFECT, "partly": PARTLY, "empty": EMPTY}


@pytest.mark.parametrize("variant", ["perfect", "partly", "empty"])
@pytest.mark.parametrize("name", list(EXPECTED))
def test_scores(name: str, variant: str) -> None:
    ratio = getattr(evaluate(VARIANTS[variant], GOLD), name)
    assert (ratio.num, ratio.den) == EXPECTED[name][list(VARIANTS).index(variant)]


@pytest.mark.parametrize("name, missed", [
    ("cited_section", ('summary[1] ("鳥は飛ぶ"): cites sec-2, want sec-1',
                       'summary[2] ("亀は速い"): cites no section, want sec-2')),
    ("support_sentence_at3", ('summary[1] ("鳥は飛ぶ"): best link src-2-b1 「鳥は空を飛ぶ。魚は海を泳ぐ。」',
                              'summary[2] ("亀は速い"): best link none')),
    ("extra_tags", ("com-1-b1: motive",)),
    ("miscitation_precision", ("sum-b1",)),
    ("quote_status", ('commentary[1] ("著者は犬を無視している"): 「魚を好む」 is close, want exact',)),
    ("markers_read", ('summary[2] ("亀は速い"): no citation marker read',)),
    ("faults_flagged", ('summary[2] ("亀は速い"): number_mismatch not flagged',)),
    ("false_flags", ("sum-b1: miscitation", "com-1-b1: 「魚を好む」 close")),
])
def test_misses_name_the_gold_entries(name: str, missed: tuple[str, ...]) -> None:
    assert getattr(evaluate(PARTLY, GOLD), name).missed == missed


def test_a_misquotation_counts_as_flagged_when_the_edition_reports_it_absent_or_close() -> None:
    gold = copy.deepcopy(GOLD)
    gold["commentary"][1]["quotes"] = [{"text": "魚を好む", "status": "close"}]
    for status, flagged in (("absent", (3, 3)), ("close", (3, 3)), ("exact", (2, 3))):
        data = copy.deepcopy(PERFECT)
        data["quotes"][0]["status"] = status
        scores = evaluate(data, gold)
        assert (scores.faults_flagged.num, scores.faults_flagged.den) == flagged
        assert scores.false_flags.num == 0


def test_unknown_section_is_a_false_flag_unless_the_gold_plants_it() -> None:
    data = copy.deepcopy(PERFECT)
    data["flags"].append({"unit": "sum-b1-s1", "kind": "unknown_section", "detail": ""})
    assert evaluate(data, GOLD).false_flags.missed == ("sum-b1: unknown_section",)
    gold = copy.deepcopy(GOLD)
    gold["summary"][0]["flags"] = ["unknown_section"]
    scores = evaluate(data, gold)
    assert (scores.faults_flagged.num, scores.faults_flagged.den, scores.false_flags.num) == (3, 3, 0)


def test_lenient_evaluation_scores_unresolved_entries_as_misses() -> None:
    gold = copy.deepcopy(GOLD)
    gold["summary"][0]["unit"] = "猫は魚が大好きだ"  # names no unit
    gold["summary"][1]["support_section"] = "三章"  # names no section
    with pytest.raises(GoldError, match="猫は魚が大好きだ"):
        evaluate(PERFECT, gold)
    scores = evaluate(PERFECT, gold, lenient=True)
    assert (scores.gold_resolved.num, scores.gold_resolved.den) == (17, 19)
    assert any("猫は魚が大好きだ" in m for m in scores.gold_resolved.missed)
    assert (scores.cited_section.num, scores.support_sentence_at1.num, scores.markers_read.num) == (2, 2, 2)
    # the bullet's miscitation still counts, as a fault the edition flagged on the unit it resolved to
    assert (scores.miscitation_recall.num, scores.miscitation_recall.den) == (1, 1)


def test_gold_accepts_the_tag_ids_of_the_shipped_taxonomy() -> None:
    from annotator.check.tags import rebuttal_types
    from annotator.edition.gold import tag_kinds, validate_gold

    assert {t.id for t in rebuttal_types()} <= set(tag_kinds())
    gold = copy.deepcopy(GOLD)
    gold["commentary"][0]["tags"] = ["straw_man", "false_dilemma"]
    validate_gold(gold)
    gold["commentary"][0]["tags"] = ["strawman"]
    with pytest.raises(GoldError, match="strawman|must be a list of one of"):
        validate_gold(gold)


@pytest.mark.parametrize("ratio, shown", [
    (Ratio(15, 15), "15/15 (1.000)"), (Ratio(2, 3), "2/3 (0.667)"), (Ratio(0, 0), "0/0 (n/a)")])
def test_ratio_text(ratio: Ratio, shown: str) -> None:
    assert str(ratio) == shown


@pytest.mark.parametrize("line", [
    "cited section: 1/3 (0.333)", "support paragraph@1: 2/3 (0.667)", "support sentence@1: 0/3 (0.000)",
    "support sentence@3: 1/3 (0.333)", "rebuttal target@1: 1/2 (0.500)", "rebuttal target@3: 2/2 (1.000)",
    "tag accuracy: 1/2 (0.500)", "extra tags: 1/2 (0.500)", "miscitation flags precision: 1/2 (0.500)",
    "number_mismatch flags precision: 0/0 (n/a)", "number_mismatch flags recall: 0/1 (0.000)",
    "quote status: 0/1 (0.000)", "markers read: 2/3 (0.667)", "planted faults flagged: 1/2 (0.500)",
    "false flags: 2/3 (0.667)", "gold resolved: 19/19 (1.000)"])
def test_format_scores_lines(line: str) -> None:
    lines = [" ".join(text.split()) for text in format_scores(evaluate(PARTLY, GOLD)).splitlines()]
    assert line in lines
    assert len(lines) == len(EXPECTED)


def test_format_scores_details_lists_misses_under_their_score() -> None:
    lines = format_scores(evaluate(PARTLY, GOLD), details=True).splitlines()
    at = next(i for i, text in enumerate(lines) if text.startswith("extra tags:"))
    assert lines[at + 1] == "    com-1-b1: motive"


# --- gold entries that do not resolve ----------------------------------------------------

def changed(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    gold = copy.deepcopy(GOLD)
    target = gold
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return gold


@pytest.mark.parametrize("path, value, message", [
    (("summary", 0, "sentence"), "象",
     'summary[0] ("猫は魚が好きだ"): summary[0].sentence "象" matches no source sentence unit of the edition'),
    (("summary", 0, "paragraph"), "は",
     'summary[0] ("猫は魚が好きだ"): summary[0].paragraph "は" matches 3 source paragraph or bullet units '
     '(src-1-p1, src-2-b1, src-2-p1)'),
    (("summary", 1, "alternatives"), ["を好む"],
     'summary[1] ("鳥は飛ぶ"): summary[1].alternatives[0] "を好む" matches 2 source sentence units '
     '(src-1-p1-s1, src-1-p1-s2)'),
    (("summary", 2, "unit"), "亀は遅い", 'summary[2] ("亀は遅い"): summary[2].unit "亀は遅い" matches no summary bullet'),
    (("commentary", 0, "kind"), "bullet",
     'commentary[0] ("動物論は偏っている"): commentary[0].unit "動物論は偏っている" matches no commentary bullet'),
    (("commentary", 1, "targets"), ["犬は肉を好む", "馬"], 'commentary[1].targets[1] "馬" matches no source sentence'),
    (("summary", 0, "cited_section"), "三章",
     'summary[0] ("猫は魚が好きだ"): cited_section: "三章" matches no source section headings (headings: 一章, 二章)'),
    (("summary", 1, "support_section"), "一", 'support_section: "一" matches no source section headings'),
])
def test_unresolvable_gold_entries_are_named(path: tuple[Any, ...], value: Any, message: str) -> None:
    with pytest.raises(GoldError) as caught:
        evaluate(PERFECT, changed(path, value), gold_file="animals.json")
    assert isinstance(caught.value, AnnotatorError)
    assert message in str(caught.value)
    assert str(caught.value).startswith("animals.json: ")


def test_an_edition_without_units_names_the_first_entry() -> None:
    with pytest.raises(GoldError, match=r'^summary\[0\] \("猫は魚が好きだ"\): summary\[0\]\.unit'):
        evaluate(edition() | {"units": []}, GOLD)


# --- loading and validating a gold file ----------------------------------------------------

@pytest.mark.parametrize("path, value, message", [
    (("format",), "annotator-edition", "format/version must be 'annotator-gold'/1"),
    (("colour",), 1, "unknown top-level key 'colour'"),
    (("summary", 0, "sentense"), "猫", "summary[0]: unknown key 'sentense'"),
    (("summary", 0, "sentence"), None, "summary[0]: paragraph and sentence must both be given or both be null"),
    (("summary", 0, "sentence"), "", "summary[0].sentence must be a non-empty string"),
    (("summary", 2, "flags"), ["miscitation"], "summary[2].flags must be a list of one of number_mismatch"),
    (("summary", 0, "kind"), "chapter", "summary[0].kind must be one of point, group, bullet, paragraph"),
    (("commentary", 0, "tags"), ["sarcasm"], "commentary[0].tags must be a list of one of counter_evidence"),
    (("commentary", 0, "tags"), ["label", "label"], "commentary[0].tags lists the same value twice"),
    (("commentary", 1, "quotes"), [{"text": "魚", "status": "fuzzy"}], "has a quote whose text or status must be one of"),
    (("commentary", 1, "targets"), "犬は肉を好む", "commentary[1].targets must be a list of non-empty strings"),
    (("commentary", 0), {"unit": "動物論", "kind": "point"}, "commentary[0]: the entry gives no targets, tags"),
    (("summary", 0), {"unit": "猫", "kind": "bullet"}, "summary[0]: missing key 'cited_section'"),
])
def test_load_gold_rejects_malformed_entries(tmp_path: Path, path: tuple[Any, ...], value: Any, message: str) -> None:
    file = tmp_path / "gold.json"
    file.write_text(json.dumps(changed(path, value), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(file)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{file}: ")


def test_load_gold_names_the_line_of_a_json_error(tmp_path: Path) -> None:
    file = tmp_path / "gold.json"
    file.write_text('{\n "format": "annotator-gold",\n "version": 1,,\n}', encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold\.json:3: not valid JSON"):
        load_gold(file)


def test_evaluate_files_reads_both_files(tmp_path: Path) -> None:
    (tmp_path / "edition.json").write_text(json.dumps(PERFECT, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    report = evaluate_files(tmp_path / "edition.json", tmp_path / "gold.json")
    assert report.splitlines()[0].split() == ["cited", "section:", "3/3", "(1.000)"]


@pytest.mark.parametrize("content, message", [
    ('{"format": "annotator-gold"}', 'not an annotator edition'), ("{", "not valid JSON")])
def test_load_edition_rejects_other_files(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "edition.json").write_text(content, encoding="utf-8")
    with pytest.raises(AnnotatorError, match=message):
        load_edition(tmp_path / "edition.json")


# --- the seed's gold against the seed text -------------------------------------------------

def seed_parts() -> dict[str, tuple[int, str]]:
    """Each part of the seed's combined file: (0-based first line, text), split as corpus.toml says."""
    manifest = tomllib.loads((SEED / "corpus.toml").read_text(encoding="utf-8"))
    spec = manifest["documents"][0]
    lines = (SEED / spec["file"]).read_text(encoding="utf-8").split("\n")
    starts = {p["role"]: next(i for i, line in enumerate(lines) if line.startswith(p["heading"]))
              for p in spec["parts"]}
    bounds = sorted(starts.values()) + [len(lines)]
    return {role: (start, "\n".join(lines[start:bounds[bounds.index(start) + 1]])) for role, start in starts.items()}


PARTS = seed_parts()
SEED_HEADINGS = [s["heading"] for s in tomllib.loads((SEED / "corpus.toml").read_text(encoding="utf-8"))["sections"]]
GOLD_SEED = load_gold(SEED_GOLD)


def seed_line(role: str, text: str) -> tuple[int, str]:
    """The 0-based line number in the file of the line holding ``text``, and that line."""
    start, part = PARTS[role]
    at = part.index(text)
    return start + part.count("\n", 0, at), part.split("\n")[part.count("\n", 0, at)]


def section_of(line: int) -> Optional[str]:
    """The last source heading line at or above a file line."""
    start, part = PARTS["source"]
    found = None
    for text in part.split("\n")[: line - start + 1]:
        if text.strip() in SEED_HEADINGS:
            found = text.strip()
    return found


@pytest.mark.parametrize("ref", gold_references(GOLD_SEED), ids=lambda ref: ref.where)
def test_seed_gold_substrings_occur_once_in_their_part(ref: Any) -> None:
    assert PARTS[ref.role][1].count(ref.text) == 1


@pytest.mark.parametrize("i", range(len(GOLD_SEED["summary"])))
def test_seed_gold_summary_support_lies_in_its_paragraph_and_section(i: int) -> None:
    entry = GOLD_SEED["summary"][i]
    line, _ = seed_line("source", entry["paragraph"])
    assert seed_line("source", entry["sentence"])[0] == line
    assert section_of(line) == entry["support_section"]
    assert entry["cited_section"] in SEED_HEADINGS


def test_seed_gold_has_every_summary_bullet_and_two_miscitations() -> None:
    summary_bullets = [text for text in PARTS["summary"][1].split("\n") if text.startswith("- ")]
    owners = sorted(seed_line("summary", e["unit"])[0] for e in GOLD_SEED["summary"])
    assert len(owners) == len(set(owners)) == len(summary_bullets) == 15
    miscited = [seed_line("summary", e["unit"])[1][2:].split("::")[0] for e in GOLD_SEED["summary"]
                if e["support_section"] != e["cited_section"]]
    assert miscited == ["コントロール", "コントロール効果"]


QUOTES = [(part, e["unit"], q["text"], q["status"]) for part in ("summary", "commentary")
          for e in GOLD_SEED[part] for q in e.get("quotes", ())]


@pytest.mark.parametrize("part, unit, text, status", QUOTES, ids=[q[2][:12] for q in QUOTES])
def test_seed_gold_quote_statuses_agree_with_the_source(part: str, unit: str, text: str, status: str) -> None:
    assert f"「{text}」" in seed_line(part, unit)[1]
    in_source = text in PARTS["source"][1]
    assert in_source == (status == "exact")
    assert ("XX" in text) == (status == "redacted")


@pytest.mark.parametrize("text, status", [
    ("永続的な優位性", "exact"), ("中国が何百万ものチップを獲得するのを防ぐ唯一の方法", "close"),
    ("技術的デカップリング", "absent")])
def test_seed_gold_holds_the_required_quote_statuses(text: str, status: str) -> None:
    assert (text, status) in [(q[2], q[3]) for q in QUOTES]


def test_seed_gold_resolves_against_the_seed_edition(request: pytest.FixtureRequest) -> None:
    pytest.importorskip("annotator.text.nlp", reason="the pipeline's nlp stage is not in the tree yet")
    seed_json = request.getfixturevalue("seed_json")
    summary, commentary = resolve_claims(GOLD_SEED, EditionIndex(seed_json), str(SEED_GOLD))
    assert len(summary) == 15 and len(commentary) == len(GOLD_SEED["commentary"])
    assert [c.name[:11] for c in summary if "miscitation" in c.flags] == ["summary[8] ", "summary[9] "]


@pytest.mark.parametrize("heading", ["## 一章", "■ 一章", "第1節　一章", "【一章】", "1. 一章", "（１）一章", "①一章",
                                     "一、一章", "Part 1: 一章"])
def test_a_gold_heading_matches_a_section_whatever_its_mark(heading: str) -> None:
    data = copy.deepcopy(PERFECT)
    data["sections"][0]["heading"] = heading
    assert evaluate(data, GOLD).cited_section.num == 3


def test_the_cli_scores_leniently_and_lists_the_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    gold = copy.deepcopy(GOLD)
    gold["summary"][0]["unit"] = "猫は魚が大好きだ"
    (tmp_path / "edition.json").write_text(json.dumps(PARTLY, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert main(["evaluate", str(tmp_path / "edition.json"), str(tmp_path / "gold.json")]) == 2
    assert "猫は魚が大好きだ" in capsys.readouterr().err
    assert main(["evaluate", "--lenient", "--details", str(tmp_path / "edition.json"), str(tmp_path / "gold.json")]) == 0
    out = capsys.readouterr().out
    assert "gold resolved:" in out and "18/19" in out
    assert '    summary[0] ("猫は魚が大好きだ"): no citation marker read' in out.splitlines()
