"""The handouts as Word files (python-docx): the same content, headings and numbering as the HTML
sheet, a Japanese font set for East Asian text, readings as Word ruby (w:ruby) over their words."""
from __future__ import annotations

import io
from typing import Iterable, Optional

from docx import Document as new_document
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.shared import Mm, Pt

from ...edition.model import Edition
from ..labels import Bi
from ..spans import Segment
from ..words.messages import Message, plain
from .options import HandoutOptions
from .view import HandoutView, HBlock, HDoc, handout_view

FONT = "IPAexGothic"  # the font the HTML handout prints with; Word falls back when it is missing
PAPER = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}


def render_docx(edition: Edition, options: Optional[HandoutOptions] = None, kind: str = "teacher") -> bytes:
    """handout.docx (``kind`` student) or handout-teacher.docx, as bytes."""
    view = handout_view(edition, None, options, kind)
    document = new_document()
    _page(document, view.paper)
    _fonts(document)
    _write(document, view)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document: Document, paper: str) -> None:
    width, height = PAPER[paper]
    for section in document.sections:
        section.page_width, section.page_height = width, height
        section.left_margin, section.right_margin = Mm(12), Mm(30)  # the wide margin is for notes
        section.top_margin, section.bottom_margin = Mm(14), Mm(15)


def _fonts(document: Document) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Number"):
        style = document.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), FONT)
    document.styles["Normal"].font.size = Pt(10)


def label(text: Bi, langs: Iterable[str]) -> str:
    """An interface label in the printed languages."""
    return " ".join(dict.fromkeys(getattr(text, lang) for lang in langs))


def message(text: Message, langs: Iterable[str]) -> str:
    """A message in the printed languages, one after the other."""
    return " ".join(plain(getattr(text, lang), lang) for lang in langs)


def segments_text(segments: tuple[Segment, ...]) -> str:
    """A run of styled text as plain text; a reading follows its word in brackets."""
    return "".join(f"{s.text}（{s.title}）" if s.css.startswith("rb") else s.text for s in segments)


BASE_SIZE = 20  # half-points: the 10 pt body text


def add_text(paragraph: Paragraph, segments: tuple[Segment, ...], underline: bool = False) -> None:
    """Styled text as runs of a paragraph; a word with a reading as a ruby run."""
    plain_text = ""
    for segment in segments:
        if segment.css.startswith("rb"):
            if plain_text:
                paragraph.add_run(plain_text).underline = underline or None
                plain_text = ""
            paragraph._p.append(ruby_run(segment.text, segment.title, _half_points(paragraph)))
        else:
            plain_text += segment.text
    if plain_text:
        paragraph.add_run(plain_text).underline = underline or None


def _half_points(paragraph: Paragraph) -> int:
    """The size of a paragraph's text in half-points (its style's, else the body text's)."""
    size = paragraph.style.font.size if paragraph.style is not None else None
    return int(size.pt * 2) if size is not None else BASE_SIZE


def ruby_run(base: str, reading: str, base_size: int = BASE_SIZE) -> OxmlElement:
    """``<w:r><w:ruby>``: ``reading`` set at half size over ``base`` (all five ruby properties, which
    Word requires)."""
    ruby_size = max(base_size // 2, 8)
    ruby = OxmlElement("w:ruby")
    properties = OxmlElement("w:rubyPr")
    for name, value in (("w:rubyAlign", "distributeSpace"), ("w:hps", str(ruby_size)),
                        ("w:hpsRaise", str(base_size - 2)), ("w:hpsBaseText", str(base_size)), ("w:lid", "ja-JP")):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        properties.append(element)
    ruby.append(properties)
    for holder, text, size in (("w:rt", reading, ruby_size), ("w:rubyBase", base, base_size)):
        part = OxmlElement(holder)
        part.append(_sized_run(text, size))
        ruby.append(part)
    run = OxmlElement("w:r")
    run.append(ruby)
    return run


def _sized_run(text: str, size: int) -> OxmlElement:
    run, properties, sz, words = OxmlElement("w:r"), OxmlElement("w:rPr"), OxmlElement("w:sz"), OxmlElement("w:t")
    sz.set(qn("w:val"), str(size))
    properties.append(sz)
    words.text = text
    run.append(properties)
    run.append(words)
    return run


def _write(document: Document, view: HandoutView) -> None:
    title = view.title + (f" — {view.title_en}" if view.title_en and "en" in view.langs else "")
    document.add_heading(title, level=0)
    document.add_paragraph(label(view.ui[f"handout_{view.kind}"], view.langs)).runs[0].bold = True
    document.add_paragraph(label(view.ui["handout_intro"], view.langs))
    for doc in view.source + view.claims:
        _doc(document, doc, view)
    heading = document.add_heading(label(view.ui["questions"], view.langs), level=1)
    heading.paragraph_format.page_break_before = True
    for question in view.questions:
        document.add_paragraph(f"{question.number}. {message(question.text, view.langs)}")
        if question.compare:
            names = " ".join(label(r.name, view.langs) for r in question.compare)
            document.add_paragraph(f"{label(view.ui['compare'], view.langs)}: {names}")
        if question.answer:
            document.add_paragraph(f"{label(view.ui['answer'], view.langs)}: {message(question.answer, view.langs)}")


def _doc(document: Document, doc: HDoc, view: HandoutView) -> None:
    heading = document.add_heading(f"{label(doc.role_label, view.langs)} ", level=1)
    add_text(heading, doc.title_ruby or (Segment(doc.title),))
    for section in doc.sections:
        if section.heading:
            add_text(document.add_heading("", level=2), section.heading_ruby or (Segment(section.heading),))
        for block in section.blocks:
            _block(document, block, view)
    for note in doc.footnotes:
        refs = " ".join(label(r.name, view.langs) for r in note.refs)
        rel = label(note.relation, view.langs) if note.relation else ""
        where = f" → {note.section}" if note.section else ""
        document.add_paragraph(f"[{note.number}] {note.marker}{where} {rel}: {refs}".strip())


def _block(document: Document, block: HBlock, view: HandoutView) -> None:
    paragraph = document.add_paragraph()
    if block.number:
        paragraph.add_run(f"{block.number} ").bold = True
    if block.label:
        add_text(paragraph, block.label, underline=True)
    add_text(paragraph, block.body)
    for footnote in block.sups:
        paragraph.add_run(f"[{footnote.number}]").font.superscript = True
    if block.tags:
        document.add_paragraph(" ".join(label(t, view.langs) for t in block.tags))
    for note in block.notes:
        said = message(note.message, view.langs) if note.message else f"「{note.text}」"
        document.add_paragraph(f"{label(note.label, view.langs)}: {said}")
