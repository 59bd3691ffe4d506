"""Texts as people write them: citation markers in any bracket, lists and headings in any convention,
and a word on what was not read (issue 16, points 1-3 and 6). Every text here is our own."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.build import check_report
from annotator.cli import main
from annotator.link.markers import find_markers, find_spans
from annotator.model import Document
from annotator.pipeline import build_edition
from annotator.text.structure import parse_document

SOURCE_JA = """図書館の未来を考える

地域の図書館は、いま大きな岐路に立っている。利用者の減少と予算の削減が続くなかで、その役割を見直す時期が来た。

{h1}
この十年で、市立図書館の貸出冊数は約三割減った。一方で、自習室や子ども向けの読み聞かせ会の利用者は増えている。本を借りる場所から、人が集まる場所へと役割が変わりつつある。

{h2}
図書館の運営費の多くは人件費と建物の維持費である。開館時間を延ばせば費用は増えるが、夜間の利用者は少ない。電子書籍の購入費も年々上がっている。

{h3}
貸出冊数だけで図書館の価値を測るのは誤りである。滞在時間や講座への参加者数も合わせて見るべきだ。数字は目的に合わせて選ばなければならない。

{h4}
図書館は地域の学びの拠点として生まれ変わるべきだ。住民と職員が一緒に企画を考える仕組みを作ることが、その第一歩になる。
"""
TITLES = ("利用の変化", "費用の問題", "データの読み方", "これからの図書館")
HEADING_STYLES = {
    "numbered-section": lambda n, t: f"第{n}節 {t}",
    "bare": lambda n, t: t,
    "hash": lambda n, t: f"## {t}",
    "square": lambda n, t: f"■ {t}",
    "bracket": lambda n, t: f"【{t}】",
    "numbered": lambda n, t: f"{n}. {t}",
    "underlined": lambda n, t: f"{t}\n{'=' * 8}",
}
COMMENTARY = """図書館論への疑問
1. 貸出冊数の減少を軽く見ている
筆者は貸出冊数だけで価値を測るのは誤りだと主張している。しかし、本を借りる人が減ったことは重大な変化である。
- 自習室の利用者が増えたといっても、それは図書館でなくてもできることだ。
2. 費用の議論が足りない
筆者は運営費の内訳を示すが、削減の方法を示していない。
- 夜間の利用者が少ないなら、開館時間を短くすればよい。
"""
# (summary line, the section its marker names): every convention of the issue, none from the bundled corpora
CLAIMS = [
    ("市立図書館の貸出冊数は十年で約三割減ったが、自習室の利用者は増えている〈本文第1節〉。", 1),
    ("図書館は本を借りる場所から人が集まる場所へ変わりつつある《利用の変化》。", 1),
    ("運営費の多くは人件費と建物の維持費であり、開館時間の延長は費用を増やす＜費用の問題＞。", 2),
    ("電子書籍の購入費も上がっている【第2部】", 2),
    ("貸出冊数だけで価値を測るのは誤りで、滞在時間なども見るべきだ（社説・第三節）。", 3),
    ("数字は目的に合わせて選ぶべきだ［§3］。", 3),
    ("図書館は学びの拠点として生まれ変わるべきだ〔論文「これからの図書館」〕。", 4),
    ("住民と職員が一緒に企画を考える仕組みが第一歩になる(Part 4)。", 4),
    ("住民と職員が一緒に企画を考えるべきだ（結論）", 4),
]


def write_corpus(folder: Path, summary: str, *, headings: str = "numbered-section", source: str = "") -> Path:
    """A corpus of our own: the library essay, a commentary on it and ``summary``."""
    style = HEADING_STYLES[headings]
    text = source or SOURCE_JA.format(**{f"h{n}": style(n, t) for n, t in enumerate(TITLES, 1)})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.txt").write_text(text, encoding="utf-8")
    (folder / "summary.txt").write_text(summary, encoding="utf-8")
    (folder / "commentary.txt").write_text(COMMENTARY, encoding="utf-8")
    lang = "en" if source and source.isascii() else "ja"
    (folder / "corpus.toml").write_text(
        'title = "図書館"\n' + "".join(f'[[documents]]\nfile = "{name}.txt"\nlang = "{lg}"\nrole = "{name}"\n'
                                       for name, lg in (("commentary", "ja"), ("summary", "ja"), ("source", lang))),
        encoding="utf-8")
    return folder


def summary_numbered_under_chapters(claims: list[tuple[str, int]]) -> str:
    """A summary numbered 1) under 第N章 headings (the shape the issue found read as groups only)."""
    lines = ["速読 図書館の未来"]
    for n, (claim, _) in enumerate(claims):
        if n % 3 == 0:
            lines.append(f"第{n // 3 + 1}章 論点{n // 3 + 1}")
        lines.append(f"{n % 3 + 1}) {claim}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("library"), summary_numbered_under_chapters(CLAIMS))
    return build_edition(folder)


# --- markers --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, title, part, source_word, bare", [
    ("数字を読む《データの読み方》", "データの読み方", None, None, True),
    ("利用が変わった〈本文第2章〉。", None, 2, "本文", False),
    ("価値は多面的だ（社説・第二節）。", None, 2, "社説", False),
    ("目的に合わせる［§1］", None, 1, None, False),
    ("費用が増える＜費用の問題＞。", "費用の問題", None, None, True),
    ("方法を変える〔論文「方法」〕", "方法", None, "論文", False),
    ("It fell by a fifth (Part 2).", None, 2, None, False),
    ("It fell by a fifth [section 3]", None, 3, None, False),
    ("結びはこうだ（結論）。", None, -1, None, False),
    ("導入でこう述べる【冒頭】", None, 1, None, False),
    ("前半でこう述べる（前半）", None, 1, None, False),
    ("三章の話（3章）", None, 3, None, False),
    ("詳しい話だ（詳しくは第2章）。", None, 2, None, False),
    ("セクションの話＜セクション4＞", None, 4, None, False),
    ("as the essay says (original, “Costs”)", "Costs", None, "original", False),
    ("報告書が言う【報告書「調査の方法」】", "調査の方法", None, "報告書", False),
    ("筆者によれば(筆者、第1部)", None, 1, "筆者", False),
    ("Costs rose (see 'Costs of Running').", "Costs of Running", None, None, True),
    ("Costs rose. (Shops and Restaurants)", "Shops and Restaurants", None, None, True),
    ("利用は減った。\n\u3000（本文第1節）", None, 1, "本文", False),
])
def test_markers_are_read_by_what_they_hold(text, title, part, source_word, bare):
    spans = find_spans(text)
    assert len(spans) == 1
    marker = spans[0]
    assert (marker.title, marker.part, marker.source_word, marker.bare) == (title, part, source_word, bare)
    assert text[marker.start:marker.end] == marker.text
    assert find_markers(text) == ([] if bare else spans)


@pytest.mark.parametrize("text", [
    "図書館は重要だ（注）。",
    "調査は昨年行われた（2023年）。",
    "影響（えいきょう）が大きい。",
    "増加率（%）を示す。",
    "割合（約3割）。",
    "彼は（筆者注：原文のまま）と書いた。",
    "翻訳した（筆者訳）。",
    "チップ（H100を含む）は約5万個だ。",
    "【速報】市が予算を削る",
    "（一部）を抜粋した文だ。",
    "彼は「重要だ」と言った。",
    "値は (n = 300) で、",
])
def test_notes_readings_units_and_labels_are_not_markers(text):
    assert find_spans(text) == []


def test_a_meeting_number_is_no_ordinal():
    spans = find_spans("委員が発言した（第3回会合）。")
    assert find_markers("委員が発言した（第3回会合）。") == [] and all(m.bare for m in spans)


# --- resolution -------------------------------------------------------------------------------

def test_every_marker_of_the_issue_is_found_and_resolved(library):
    sections = {s.id: s.index for s in library.sections}
    bullets = [u for u in library.units if u.doc == "summary" and u.kind == "bullet"]
    assert len(bullets) == len(CLAIMS)
    cited = {c.unit: c for c in library.citations}
    for bullet, (claim, section) in zip(bullets, CLAIMS):
        assert claim.startswith(bullet.text[:10])
        assert bullet.id in cited, claim
        assert sections[cited[bullet.id].section] == section, (claim, cited[bullet.id])
    assert library.notices == ()
    assert not [f for f in library.flags if f.kind in ("unknown_section", "miscitation")]


def test_a_summary_numbered_under_chapters_has_claims_in_groups(library):
    groups = [u for u in library.units if u.doc == "summary" and u.kind == "group"]
    assert [g.number for g in groups] == [None, None, None]
    assert [u.text for u in library.units if u.doc == "summary" and u.kind == "heading"] == [
        "第1章 論点1", "第2章 論点2", "第3章 論点3"]
    bullets = [u for u in library.units if u.doc == "summary" and u.kind == "bullet"]
    assert [b.parent for b in bullets] == [g.id for g in groups for _ in range(3)]
    assert [b.number for b in bullets] == ["1", "2", "3"] * 3
    assert {link.source for link in library.links if link.relation == "supports"} == {b.id for b in bullets}


@pytest.mark.parametrize("headings", sorted(HEADING_STYLES))
def test_source_headings_in_every_convention(tmp_path, headings):
    text = SOURCE_JA.format(**{f"h{n}": HEADING_STYLES[headings](n, t) for n, t in enumerate(TITLES, 1)})
    sections, units = parse_document(Document("source", "source", "ja", "x.txt", text), lambda s, e: (), set())
    assert [s.heading.replace(f"第{s.index}節 ", "").replace(f"{s.index}. ", "").strip("【】") for s in sections] \
        == list(TITLES)
    assert [u.text for u in units if u.kind == "title"] == ["図書館の未来を考える"]
    for unit in units:
        assert text[unit.start:unit.end] == unit.text


def test_bullets_without_a_marker_take_their_group_headings(tmp_path):
    summary = ("速読\n1. 利用の変化【第1節】\n- 貸出冊数は十年で約三割減った。\n- 自習室の利用者は増えている。\n"
               "2. 費用（本文・第2節）\n- 運営費の多くは人件費と建物の維持費だ。\n- 夜間の利用者は少ない【第3節】。\n")
    edition = build_edition(write_corpus(tmp_path / "c", summary))
    index = {s.id: s.index for s in edition.sections}
    assert [(c.unit, c.marker, index[c.section]) for c in edition.citations] == [
        ("summary-1-b1", "【第1節】", 1), ("summary-1-b2", "【第1節】", 1),
        ("summary-2-b1", "（本文・第2節）", 2), ("summary-2-b2", "【第3節】", 3)]


def test_ordinals_follow_the_numbers_the_headings_are_written_with(tmp_path):
    source = ("睡眠と学力\n――高校生の生活調査から\n\nはじめに\n高校生の睡眠時間は年々短くなっている。\n\n"
              "1. 調査の方法\n生徒には一週間の就寝時刻と起床時刻を記録してもらった。\n\n"
              "2. 結果\n睡眠が6時間未満の生徒は試験の平均点が約8点低かった。\n\n"
              "3. 提言\n学校は始業時刻を30分遅らせることを検討すべきだ。\n")
    summary = ("速読\n・就寝時刻と起床時刻を記録した（第1節）。\n・睡眠が短い生徒は平均点が低い［§2］。\n"
               "・始業を遅らせるべきだ(Part 3)。\n")
    edition = build_edition(write_corpus(tmp_path / "c", summary, source=source))
    headings = {s.id: s.heading for s in edition.sections}
    assert list(headings.values()) == ["はじめに", "調査の方法", "結果", "提言"]  # the subtitle heads nothing
    assert [headings[c.section] for c in edition.citations] == ["調査の方法", "結果", "提言"]
    subtitle = next(u for u in edition.units if u.doc == "source" and u.text == "――高校生の生活調査から")
    assert subtitle.kind == "paragraph" and subtitle.section is None


def test_a_cross_language_paraphrase_that_resolves_is_not_unknown(tmp_path):
    source = ("Quieter Streets\n\nThe city closed its avenue to cars on weekends.\n\nWhat Happened to Traffic\n\n"
              "Car traffic on the avenue fell sharply on closed days. Drivers chose other times to travel.\n\n"
              "Shops and Restaurants\n\nRestaurant owners reported more customers on closed days.\n\n"
              "Why Some Lost Out\n\nHardware stores lost business, because their customers carry heavy goods.\n")
    summary = ("要約\n- 閉鎖日に車の交通量は大きく減った〔原文「交通の変化」〕。\n"
               "- 飲食店は閉鎖日に客が増えたと報告した〔原文「商店と飲食店」〕。\n"
               "- 金物店は客が重い商品を運ぶため売上が減った〔原文「ある誤算」〕。\n")
    edition = build_edition(write_corpus(tmp_path / "c", summary, source=source))
    sections = {s.id: s.heading for s in edition.sections}
    assert [sections[c.section] for c in edition.citations] == [
        "What Happened to Traffic", "Shops and Restaurants", "Why Some Lost Out"]
    assert [f for f in edition.flags if f.kind == "unknown_section"] == []


# --- lists and headings -----------------------------------------------------------------------

@pytest.mark.parametrize("text, groups, bullets", [
    ("速読\n第1章 背景\n1) aである。\n2) bである。\n第2章 対策\n1) cである。\n", ["第1章 背景", "第2章 対策"], 3),
    ("背景\n・aである。\n・bである。\n課題\n・cである。\n", ["背景", "課題"], 3),
    ("1. aである。\n2. bである。\n", [], 2),
    ("## 背景\n- aである。\n  - a1である。\n- bである。\n## 対策\n* cである。\n", ["背景", "対策"], 4),
    ("■ 背景\n① aである。\n② bである。\n■ 対策\n① cである。\n", ["背景", "対策"], 3),
    ("要約\n■ 渋滞は増えた\n■ 課金が有効だ\n", [], 2),
    ("要約\n（一）背景\nア. aである。\nイ. bである。\n（二）対策\nア. cである。\n", ["背景", "対策"], 3),
    ("要約\n【背景】\na) aである。\nb) bである。\n【対策】\na) cである。\n", ["【背景】", "【対策】"], 3),
    ("要約\n背景\n1) aである。\n2) bである。\n対策\n1) cである。\n", ["背景", "対策"], 3),
    ("**背景**\n1. aである。\n2. bである。\n**対策**\n1. cである。\n", ["背景", "対策"], 3),
    ("要約\n1. 背景\n  1) aである。\n  2) bである。\n2. 対策\n  1) cである。\n", ["背景", "対策"], 3),
    ("要約\n一、背景\n・aである。\n二、対策\n◆ cである。\n◆ dである。\n", ["背景", "対策"], 3),
    ("要約\n1. 他都市の経験\n- aである。\n- bである。\n2. 制度\n- cである。\n", ["他都市の経験", "制度"], 3),
    ("## 速読\n## 背景\n- aである。\n## 対策\n- cである。\n", ["背景", "対策"], 2),
    ("要約\n■ 学生の睡眠\nア. 平均は6時間だった〔第2部〕\nイ. スマホを使う学生は87%いた〔第2部〕\n"
     "ウ. 眠気は1限で強い〔第2部〕\n", ["学生の睡眠"], 3),
    ("■ 渋滞は増えた【第1章】\n■ 課金が有効だ【第2章】\n", [], 2),
    ("第1章 背景\n・aである。\n第2章 対策\n・cである。\n", ["第1章 背景", "第2章 対策"], 2),
])
def test_summary_groups_and_claims_come_from_the_layout(text, groups, bullets):
    _, units = parse_document(Document("summary", "summary", "ja", "x.txt", text), lambda s, e: (), set())
    assert [u.text for u in units if u.kind == "heading"] == groups
    assert len([u for u in units if u.kind == "bullet"]) == bullets
    assert len([u for u in units if u.kind == "group"]) == len(groups)


def test_a_marker_on_its_own_indented_line_belongs_to_the_item_above():
    text = "速読\n・図書館の利用者は減った。\n\u3000（本文第1節）\n・費用が増えた。\n    【第2節】\n"
    _, units = parse_document(Document("summary", "summary", "ja", "x.txt", text), lambda s, e: (), set())
    bullets = [u for u in units if u.kind == "bullet"]
    assert [[m.part for m in find_markers(b.text)] for b in bullets] == [[1], [2]]


@pytest.mark.parametrize("text, points, bullets", [
    ("見解\n1. 第一の点。\n説明文。\n・項目A\n2. 第二の点。\n● 項目C\n", 2, 2),
    ("反論\n■ 問題点\n1) 論点Aだ。\n2) 論点Bだ。\n■ 提案\n1) 論点Cだ。\n", 2, 3),
    ("反論\n（1）論点Aだ。\n（2）論点Bだ。\n", 2, 0),
    ("反論\n- 論点Aだ。\n- 論点Bだ。\n", 0, 2),
])
def test_commentary_points_and_bullets_come_from_the_layout(text, points, bullets):
    _, units = parse_document(Document("commentary", "commentary", "ja", "x.txt", text), lambda s, e: (), set())
    assert len([u for u in units if u.kind == "point"]) == points
    assert len([u for u in units if u.kind == "bullet"]) == bullets


# --- what was not read ------------------------------------------------------------------------

def test_check_says_when_no_marker_could_be_read(tmp_path):
    summary = ("速読\n・貸出冊数は十年で約三割減った＜宇宙の歴史＞。\n・運営費の多くは人件費である＜海洋生物学＞。\n"
               "・価値は貸出冊数だけでは測れない＜量子力学入門＞。\n・図書館は学びの拠点になるべきだ（第7章）。\n")
    lines = check_report(write_corpus(tmp_path / "c", summary))
    unread = [line for line in lines if line.startswith("unread: ")]
    assert len(unread) == 4
    for marker, line in zip(("＜宇宙の歴史＞", "＜海洋生物学＞", "＜量子力学入門＞", "（第7章）"), unread):
        assert marker in line and "summary.txt:" in line and "第1節 利用の変化" in line


def test_claims_without_markers_and_documents_without_claims_are_named(tmp_path):
    summary = ("速読\n・貸出冊数は十年で約三割減った（第1節）。\n・運営費の多くは人件費である（第2節）。\n"
               "・価値は貸出冊数だけでは測れない（第3節）。\n・図書館は学びの拠点になるべきだ。\n")
    folder = write_corpus(tmp_path / "c", summary)
    (folder / "commentary.txt").write_text("感想\n\n図書館の話は面白かった。\n\nもっと読みたい。\n", encoding="utf-8")
    edition = build_edition(folder)
    assert [(n.kind, n.doc) for n in edition.notices] == [("no_claims", "commentary"), ("unmarked_claim", "summary")]
    assert "学びの拠点" in edition.notices[1].detail and "3 of the 4" in edition.notices[1].detail


def test_a_bracketed_quotation_or_dated_note_is_not_an_unread_marker(tmp_path):
    summary = ("速読\n・貸出冊数は十年で約三割減った（第1節）。\n・運営費の多くは人件費である（第2節）。\n"
               "・数字は目的で選ぶ（「数字は嘘をつかない」）。\n・自習室の利用が増えた（2023年度調査）。\n"
               "・価値は多面的だ（第3節）。\n・学びの拠点になる（第4節）。\n")
    edition = build_edition(write_corpus(tmp_path / "c", summary))
    assert [n.kind for n in edition.notices] == ["unmarked_claim", "unmarked_claim"]


def test_the_build_reports_what_was_not_read_on_stderr_and_in_the_edition(tmp_path, capsys):
    folder = write_corpus(tmp_path / "c", "速読\n・貸出冊数は減った＜宇宙の歴史＞。\n・運営費は人件費だ＜海洋生物学＞。\n")
    assert main(["build", str(folder), "--out", str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("annotator: unread: summary.txt:") for line in err)
    data = json.loads((tmp_path / "site" / "edition.json").read_text(encoding="utf-8"))
    assert [n["kind"] for n in data["notices"]] == ["unread_marker", "unread_marker"]
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'id="unread"' in page and "＜宇宙の歴史＞" in page


def test_a_build_of_several_corpora_names_the_corpus_of_each_line(tmp_path, capsys):
    write_corpus(tmp_path / "in" / "clean", "速読\n・貸出冊数は減った（第1節）。\n・運営費は人件費だ（第2節）。\n")
    write_corpus(tmp_path / "in" / "murky", "速読\n・貸出冊数は減った＜宇宙の歴史＞。\n・運営費は人件費だ＜海洋生物学＞。\n")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "site"), "--jobs", "1"]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "unread" in line]
    assert len(err) == 2 and all(line.startswith("annotator: murky: unread: summary.txt:") for line in err)


@pytest.mark.parametrize("corpus", ["congestion-pricing", "deepseek-export-controls"])
def test_the_bundled_corpora_print_nothing_extra(corpus):
    folder = Path(__file__).resolve().parent.parent / "corpus" / corpus
    lines = check_report(folder)
    assert lines[-1].startswith("citation markers: ")
    assert not [line for line in lines if line.startswith("unread")]


def test_init_writes_the_source_headings_as_sections_to_fill_in(tmp_path, capsys):
    folder = write_corpus(tmp_path / "in", "速読\n・貸出冊数は減った（第1節）。\n")
    assert main(["init", str(tmp_path / "c"), "--source", str(folder / "source.txt"),
                 "--summary", str(folder / "summary.txt")]) == 0
    manifest = (tmp_path / "c" / "corpus.toml").read_text(encoding="utf-8")
    for n, title in enumerate(TITLES, 1):
        assert f'[[sections]]\nheading = "第{n}節 {title}"\ntitle_en = ""\ntitle_ja = ""\n' in manifest
    assert main(["check", str(tmp_path / "c")]) == 0
    assert "(titles not filled in)" in capsys.readouterr().out
