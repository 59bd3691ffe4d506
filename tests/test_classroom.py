"""Classroom use: the page in the reader's language with no internal ids, student sheet and teacher's
key, handout options, Word handouts and furigana (issue 17)."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from annotator.build import render_site
from annotator.pipeline import build_edition
from annotator.render.catalog import Catalog
from annotator.render.handout.options import HandoutOptionError, HandoutOptions, merged, question_numbers
from annotator.render.jinja import render_handout, render_index
from annotator.render.questions import questions
from annotator.render.words.flags import flag_message
from annotator.render.words.messages import plain

ROOT = Path(__file__).resolve().parent.parent
BILINGUAL = ROOT / "corpus" / "congestion-pricing"
DATA = ROOT / "annotator" / "data"


@pytest.fixture(scope="module")
def bilingual_edition() -> Any:
    return build_edition(BILINGUAL)


@pytest.fixture(scope="module", params=["seed", "bilingual"])
def edition(request: pytest.FixtureRequest, seed_edition: Any, bilingual_edition: Any) -> Any:
    return seed_edition if request.param == "seed" else bilingual_edition


# ---- the page in the reader's language ---------------------------------------------------------------------------

SKIP_TAGS = {"script", "style", "title"}
QUOTED = {"src"}  # the documents' own words, quoted: never translated


def visible_text(element: Any, ui: str, mode: str = "ui") -> list[str]:
    """The text a reader of interface ``ui`` sees as interface words: elements in the other language
    are hidden, the documents' text and quoted words (class src) are left out."""
    if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
        return []
    classes = set((element.get("class") or "").split())
    if element.get("lang") == ("en" if ui == "ja" else "ja"):
        return []
    if element.tag == "article" or classes & QUOTED:
        mode = "src"
    elif mode == "src" and classes & {"annots", "role-label", "self"}:
        mode = "ui"  # what was found about a passage is said in the interface's words again
    out = [element.text or ""] if mode == "ui" else []
    for child in element:
        out += visible_text(child, ui, mode)
        if mode == "ui":
            out.append(child.tail or "")
    return out


def all_text(page: Any, ui: str) -> str:
    """Every text a reader of interface ``ui`` sees (documents included), hidden languages left out."""
    def walk(element: Any) -> list[str]:
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            return []
        if "ui-en" in (element.get("class") or "") and ui == "ja" or "ui-ja" in (element.get("class") or "") and ui == "en":
            return []
        out = [element.text or ""]
        for child in element:
            out += walk(child) + [child.tail or ""]
        return out
    return " ".join(walk(page.body))


@pytest.mark.parametrize("ui", ["ja", "en"])
def test_the_page_speaks_the_interface_language_only(edition: Any, ui: str) -> None:
    html = render_index(edition).replace('data-ui="ja"', f'data-ui="{ui}"').replace('data-ui="en"', f'data-ui="{ui}"')
    page = lxml.html.document_fromstring(html)
    words = " ".join(" ".join(visible_text(page.body, ui)).split())
    foreign = re.compile(r"[A-Za-z]{2,}") if ui == "ja" else re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert words and not [words[max(0, m.start() - 30):m.end() + 30] for m in foreign.finditer(words)]


@pytest.mark.parametrize("ui, sheet", [("ja", ""), ("en", ""), ("ja", "teacher"), ("ja", "student")])
def test_no_unit_id_anywhere_a_reader_looks(edition: Any, ui: str, sheet: str) -> None:
    html = render_handout(edition, options=HandoutOptions(lang="both"), kind=sheet) if sheet else render_index(edition)
    page = lxml.html.document_fromstring(html)
    words = {w for d in edition.corpus.documents for w in re.findall(r"[\w.-]+", d.text)}
    words |= {w for t in edition.terms for w in re.findall(r"[\w.-]+", t.en)}
    # an id that is also a word of the texts ("objections") may be shown as that word
    ids = ({u.id for u in edition.units} | {s.id for s in edition.sections} | {t.concept for t in edition.terms}) - words
    shown = set(re.findall(r"[\w.-]+", all_text(page, ui)))
    shown |= {w for t in page.xpath("//@title | //@aria-label") for w in re.findall(r"[\w.-]+", t)}
    assert not ids & shown


CONVENTIONS = sorted(p.parent for p in (ROOT / "tests" / "corpora").glob("*/corpus.toml"))


@pytest.mark.parametrize("corpus", CONVENTIONS, ids=lambda p: p.name)
def test_other_corpora_read_in_japanese_without_ids(corpus: Path) -> None:
    """Corpora numbered, headed and cited in other ways: still no English interface words and no ids in
    the Japanese interface (the English one shows a document's own kanji numbers, e.g. Commentary 三.1)."""
    edition = build_edition(corpus)
    page = lxml.html.document_fromstring(render_index(edition))
    words = " ".join(" ".join(visible_text(page.body, "ja")).split())
    assert not re.findall(r"[A-Za-z]{2,}", words)
    texts = {w for d in edition.corpus.documents for w in re.findall(r"[\w.-]+", d.text)}
    ids = {u.id for u in edition.units} - texts
    assert not ids & set(re.findall(r"[\w.-]+", all_text(page, "ja")))


def test_findings_read_as_plain_sentences(seed_edition: Any) -> None:
    flag = next(f for f in seed_edition.flags if f.kind == "number_mismatch" and f.reason == "inverted")
    said = flag_message(Catalog(seed_edition), flag)
    assert plain(said.ja, "ja") == f"要約は「{flag.said}」としているが、原文は「{flag.source_said}」。比率が逆になっている。"
    assert plain(said.en, "en") == (f"The summary says “{flag.said}”, but the source says “{flag.source_said}”: "
                                    "the ratio is turned round.")


# ---- student sheet and teacher's key ---------------------------------------------------------------------------

def _page_text(html: str) -> str:
    return " ".join(lxml.html.document_fromstring(html).body.text_content().split())


def test_student_sheet_has_no_finding_and_no_answer(edition: Any) -> None:
    catalog = Catalog(edition)
    page = lxml.html.document_fromstring(render_handout(edition, kind="student"))
    assert not page.find_class("hnote") and not page.find_class("key") and not page.find_class("footnotes")
    marked = {c for e in page.xpath("//main//*[@class]") for c in e.get("class").split()}
    assert not marked & {"q", "term", "tag", "q-absent", "q-close"}  # nothing found is marked in the texts
    text = " ".join(page.body.text_content().split())
    for flag in edition.flags:
        for lang in ("ja", "en"):
            assert plain(getattr(flag_message(catalog, flag), lang), lang) not in text
    for question in questions(catalog):
        if question.answer:
            assert plain(question.answer.ja, "ja") not in text and plain(question.answer.en, "en") not in text
    assert len(page.xpath("//section[@id='questions']//li")) == len(questions(catalog))


def test_teacher_key_has_every_finding_and_answer(edition: Any) -> None:
    catalog = Catalog(edition)
    lang = "en" if {d.lang for d in edition.corpus.documents} == {"en"} else "ja"
    text = _page_text(render_handout(edition, kind="teacher"))
    for flag in edition.flags:
        assert plain(getattr(flag_message(catalog, flag), lang), lang) in text
    for quote in edition.quotes:
        if quote.status != "exact":
            assert f"「{quote.text}」" in text
    for question in questions(catalog):
        if question.answer:
            assert " ".join(plain(getattr(question.answer, lang), lang).split()) in text


def test_handout_language_choice(seed_edition: Any) -> None:
    ja = lxml.html.document_fromstring(render_handout(seed_edition, kind="student"))
    both = lxml.html.document_fromstring(render_handout(seed_edition, options=HandoutOptions(lang="both"),
                                                        kind="student"))
    en = lxml.html.document_fromstring(render_handout(seed_edition, options=HandoutOptions(lang="en"),
                                                      kind="student"))
    langs = [{p.get("lang") for p in page.xpath("//section[@id='questions']//li/p")} for page in (ja, both, en)]
    assert langs == [{"ja"}, {"ja", "en"}, {"en"}]


def test_handout_choices_of_questions_sections_and_documents(seed_edition: Any) -> None:
    first = seed_edition.sections[1]
    options = HandoutOptions(questions=(2, 3), sections=(first.heading,), documents=("source", "summary"))
    page = lxml.html.document_fromstring(render_handout(seed_edition, options=options, kind="student"))
    assert [li.get("value") for li in page.xpath("//section[@id='questions']//li")] == ["2", "3"]
    assert [h.text_content().strip() for h in page.xpath("//section[contains(@class,'source')]//h3")] == [first.heading]
    roles = {d.role for d in seed_edition.corpus.documents}
    assert len(page.xpath("//section[contains(@class,'part')]")) == len(roles) - ("commentary" in roles)


def test_handout_toml_is_read_and_the_command_line_wins(tmp_path: Path) -> None:
    (tmp_path / "handout.toml").write_text('questions = [1, 2]\nlang = "both"\npaper = "Letter"\n', encoding="utf-8")
    options = merged(tmp_path, HandoutOptions(lang="en"), frozenset({"lang"}))
    assert (options.questions, options.lang, options.paper) == ((1, 2), "en", "Letter")
    (tmp_path / "handout.toml").write_text('paper = "A3"\n', encoding="utf-8")
    with pytest.raises(HandoutOptionError, match="A3"):
        merged(tmp_path)
    assert question_numbers("1,3,5-7") == (1, 3, 5, 6, 7)


@pytest.mark.parametrize("choice, named", [({"questions": (99,)}, "question 99"),
                                           ({"sections": ("存在しない節",)}, "存在しない節"),
                                           ({"documents": ("essay",)}, "essay")])
def test_a_choice_the_edition_lacks_is_named(seed_edition: Any, choice: dict, named: str) -> None:
    with pytest.raises(HandoutOptionError, match=named):
        render_handout(seed_edition, options=HandoutOptions(**choice), kind="student")


def test_cli_rejects_a_bad_handout_option_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "annotator", "build", str(ROOT / "corpus" / "deepseek-export-controls"),
                           "--out", str(tmp_path / "out"), "--handout", "pupil"], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "student" in done.stderr


def test_build_writes_student_and_teacher_files(seed_edition: Any) -> None:
    files = render_site(seed_edition, handout=HandoutOptions(kinds=("student", "teacher")), docx=True)
    assert {"handout.html", "handout-teacher.html", "handout.docx", "handout-teacher.docx"} <= set(files)
    only = render_site(seed_edition, handout=HandoutOptions(kinds=("teacher",)))
    assert "handout-teacher.html" in only and "handout.html" not in only


# ---- print -----------------------------------------------------------------------------------------------------

@pytest.mark.skipif(not Path("/usr/bin/chromium").is_file(), reason="needs /usr/bin/chromium")
def test_seed_student_sheet_fits_eight_a4_pages_and_prints_on_letter(seed_edition: Any) -> None:
    from annotator.render.pdf import pdf_page_count, render_pdf

    student = render_pdf(render_handout(seed_edition, kind="student"))
    teacher = render_pdf(render_handout(seed_edition, kind="teacher"))
    assert pdf_page_count(student) <= 8 < 14  # 14 before the parts flowed on
    assert pdf_page_count(student) < pdf_page_count(teacher) <= 12
    assert _page_size(student) == (595, 842)  # A4 in points
    letter = render_pdf(render_handout(seed_edition, options=HandoutOptions(paper="Letter"), kind="student"))
    assert _page_size(letter) == (612, 792)


def _page_size(pdf: bytes) -> tuple[int, int]:
    (box,) = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    return round(float(box[0])), round(float(box[1]))


# ---- Word ------------------------------------------------------------------------------------------------------

def test_docx_has_headings_numbers_questions_and_readings(seed_edition: Any, tmp_path: Path) -> None:
    import docx

    from annotator.render.handout.docx import render_docx

    options = HandoutOptions(furigana="beyond-joyo")
    path = tmp_path / "handout.docx"
    path.write_bytes(render_docx(seed_edition, options, "student"))
    document = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert "討論のための問い" in headings and any(h.startswith("原文") for h in headings)
    assert [s.heading for s in seed_edition.sections if s.heading in headings]
    texts = [text for _, text in paragraphs]
    numbered = [t for t in texts if re.match(r"¶\d+ ", t)]
    assert [t.split()[0] for t in numbered] == [f"¶{i}" for i in range(1, len(numbered) + 1)] and numbered
    asked = [t for t in texts if re.match(r"\d+\. ", t)]
    assert len(asked) == len(questions(Catalog(seed_edition)))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rubies = [("".join(t.text for t in r.find(f"{w}rubyBase").iter(f"{w}t")),
               "".join(t.text for t in r.find(f"{w}rt").iter(f"{w}t")))
              for r in document.element.body.iter(f"{w}ruby")]  # Word ruby: the reading over its word
    assert ("莫大", "ばくだい") in rubies and all(base and said for base, said in rubies)
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "IPAexGothic"
    key = docx.Document(__import__("io").BytesIO(render_docx(seed_edition, options, "teacher")))
    key_text = "\n".join(p.text for p in key.paragraphs)
    for flag in seed_edition.flags:
        assert plain(flag_message(Catalog(seed_edition), flag).ja, "ja") in key_text


# ---- furigana --------------------------------------------------------------------------------------------------

def _list(name: str) -> list[str]:
    return [l for l in (DATA / name).read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


def test_kanji_lists_are_the_published_ones() -> None:
    joyo = _list("joyo_kanji.txt")
    grades = dict(l.split("\t") for l in _list("kyoiku_grades.tsv"))
    assert len(joyo) == len(set(joyo)) == 2136
    assert Counter(grades.values()) == {"1": 80, "2": 160, "3": 200, "4": 200, "5": 185, "6": 181}
    assert set(grades) <= set(joyo)


def _hira(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@pytest.mark.parametrize("policy", ["beyond-joyo", "grade:3"])
def test_furigana_over_every_word_beyond_the_list_and_nowhere_else(seed_edition: Any, policy: str) -> None:
    from annotator.text.nlp import analyze, reading

    joyo = set(_list("joyo_kanji.txt"))
    grades = {k: int(g) for k, g in (l.split("\t") for l in _list("kyoiku_grades.tsv"))}
    beyond = (lambda c: c not in joyo) if policy == "beyond-joyo" else (lambda c: grades.get(c, 9) > 3)
    page = lxml.html.document_fromstring(render_index(seed_edition, furigana=policy))
    shown = Counter((r.text, r.find("rt").text) for r in page.xpath("//main//ruby"))
    assert shown
    for base, _ in shown:  # no reading over kana-only or known-only words
        assert any(_han(c) and beyond(c) for c in base), base
    wanted = Counter()
    for doc in seed_edition.corpus.documents:
        if doc.lang == "ja":
            for token in analyze(doc.text, "ja"):
                if any(_han(c) and beyond(c) for c in token.text) and reading(token):
                    wanted[(token.text, _hira(reading(token)))] += 1
    assert wanted
    for (surface, said), count in wanted.items():
        # the reading shown over the word's kanji, with the word's own kana put back, is UniDic's
        matches = sum(n for (base, rt), n in shown.items() if base in surface and
                      _hira(surface.replace(base, rt, 1)) == said)
        assert matches >= count, (surface, said)
    handout = lxml.html.document_fromstring(render_handout(seed_edition, options=HandoutOptions(furigana=policy),
                                                           kind="student"))
    assert Counter((r.text, r.find("rt").text) for r in handout.xpath("//ruby")) == shown


def test_no_furigana_unless_asked(seed_edition: Any) -> None:
    assert "<ruby" not in render_index(seed_edition) and "<ruby" not in render_handout(seed_edition)
