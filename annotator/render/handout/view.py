"""The printable handouts: numbered source paragraphs, claims, questions; the teacher's key adds the
footnotes to the passages, the findings under each claim and an answer to each question."""
from __future__ import annotations

from typing import Mapping, NamedTuple, Optional

from ...edition.model import Edition
from ...text.records import Unit
from ..catalog import Catalog
from ..findings import unit_name
from ..labels import UI, Bi, flag_kind, quote_status, relation, role, tag_kind
from ..marks import marks_by_doc, plain_marks_by_doc
from ..questions import linked_blocks, passages, questions, ranked_links
from ..spans import NO_MARKS, MarkIndex, Segment, styled
from ..views import ui_lang
from ..words.flags import flag_message
from ..words.furigana import Ruby, heading_with_ruby, ruby_index, with_ruby
from ..words.messages import Message
from .options import HandoutOptionError, HandoutOptions

MAX_LINKED = 3


class HRef(NamedTuple):
    """A link inside the handout, to a numbered paragraph or a claim."""

    href: str
    name: Bi


class HBlock(NamedTuple):
    """A paragraph of the source or a claim, with its number in the margin."""

    anchor: str
    number: str
    css: str
    lang: str
    label: tuple[Segment, ...]
    body: tuple[Segment, ...]
    sups: tuple["HFootnote", ...] = ()
    notes: tuple["HNote", ...] = ()
    tags: tuple[Bi, ...] = ()


class HNote(NamedTuple):
    """A finding, as a short note under its claim."""

    label: Bi
    text: str
    lang: str
    refs: tuple[HRef, ...]
    message: Optional[Message] = None  # what a flag means, in both interface languages


class HFootnote(NamedTuple):
    """A claim's citation or links, pointing to paragraph numbers."""

    anchor: str
    number: str
    back_id: str  # the id of the superscript that calls this note
    marker: str
    lang: str
    section: str
    section_lang: str
    section_en: str
    relation: Optional[Bi]
    refs: tuple[HRef, ...]


class HSection(NamedTuple):
    anchor: str
    heading: str
    title_en: str
    lang: str
    blocks: tuple[HBlock, ...]
    heading_ruby: tuple[Segment, ...] = ()  # the heading cut for its readings, with --furigana


class HDoc(NamedTuple):
    anchor: str
    role_label: Bi
    lang: str
    title: str
    sections: tuple[HSection, ...]
    footnotes: tuple[HFootnote, ...] = ()
    title_ruby: tuple[Segment, ...] = ()  # the title cut for its readings, with --furigana


class HQuestion(NamedTuple):
    number: int
    text: Message
    compare: tuple[HRef, ...]
    answer: Optional[Message] = None


class HandoutView(NamedTuple):
    """Everything handout.html shows."""

    title: str
    title_en: str
    lang: str
    ui: Mapping[str, Bi]
    source: tuple[HDoc, ...]
    claims: tuple[HDoc, ...]
    questions: tuple[HQuestion, ...]
    kind: str = "teacher"  # student: texts and questions only; teacher: with findings and answers
    langs: tuple[str, ...] = ("ja", "en")  # the interface languages printed
    paper: str = "A4"


def printed_langs(lang: Optional[str], corpus_lang: str) -> tuple[str, ...]:
    """The interface languages a handout prints: one, or both (default: the corpus's language)."""
    chosen = lang or corpus_lang
    return ("ja", "en") if chosen == "both" else (chosen,)


def handout_view(edition: Edition, catalog: Optional[Catalog] = None, options: Optional[HandoutOptions] = None,
                 kind: str = "teacher") -> HandoutView:
    """Everything a handout shows, as plain data (``catalog``: the edition's, when already made;
    ``options``: what to put in; ``kind``: student or teacher)."""
    catalog = catalog if catalog is not None else Catalog(edition)
    options = options or HandoutOptions()
    teacher = kind == "teacher"
    marks = catalog.kept(marks_by_doc if teacher else plain_marks_by_doc)
    ruby = catalog.kept(ruby_index(options.furigana)) if options.furigana else {}
    docs = [d for d in edition.corpus.documents if _chosen(options.documents, d.id, d.role)]
    source = tuple(_doc(catalog, marks, d.id, False, options.sections, ruby) for d in docs if d.role == "source")
    claims = tuple(_doc(catalog, marks, d.id, teacher, (), ruby) for d in docs if d.role != "source")
    found = questions(catalog)
    check_choices(catalog, options, len(found))
    numbers = options.questions or tuple(range(1, len(found) + 1))
    asked = tuple(HQuestion(n, found[n - 1].text,
                            tuple(href(catalog, u) for u in found[n - 1].compare) if teacher else (),
                            found[n - 1].answer if teacher else None)
                  for n in numbers if n <= len(found))
    lang = ui_lang(edition)
    return HandoutView(edition.corpus.title, edition.corpus.title_en or "", lang, UI, source, claims, asked,
                       kind, printed_langs(options.lang, lang), options.paper)


def check_choices(catalog: Catalog, options: HandoutOptions, asked: int) -> None:
    """Raise ``HandoutOptionError`` when a chosen document, section or question is not in the edition."""
    docs = catalog.edition.corpus.documents
    names = sorted({d.role for d in docs} | {d.id for d in docs})
    for wanted in options.documents:
        if wanted not in names:
            raise HandoutOptionError(f"no document {wanted!r} to put in the handout", fix=f"use one of: {', '.join(names)}")
    sections = [s for s in catalog.edition.sections if catalog.docs[s.doc].role == "source"]
    for wanted in options.sections:
        if not any(_section_chosen((wanted,), s, []) for s in sections):
            headings = ", ".join(s.heading for s in sections) or "(the source has no sections)"
            raise HandoutOptionError(f"no source section {wanted!r} to put in the handout",
                                     fix=f"name one by heading or number: {headings}")
    beyond = [n for n in options.questions if n > asked]
    if beyond:
        raise HandoutOptionError(f"there is no question {beyond[0]}: this edition has {asked}",
                                 fix=f"choose numbers from 1 to {asked}")


def _chosen(wanted: tuple[str, ...], *names: str) -> bool:
    return not wanted or any(n in wanted for n in names)


def anchor_of(catalog: Catalog, unit_id: str) -> str:
    """The handout element that shows a unit: its block, or for a heading the point it heads."""
    block = catalog.units.get(catalog.block_of.get(unit_id, unit_id))
    if block is None:
        return ""
    if block.kind == "title":
        return f"h-d-{block.doc}"  # the handout prints a title as its document's heading
    parent = catalog.units.get(block.parent or "")
    if block.kind == "heading" and parent is not None and catalog.is_container(parent):
        block = parent
    return f"h-{block.id}"


def href(catalog: Catalog, unit_id: str) -> HRef:
    """A link to the handout element showing a unit, named by its number."""
    anchor = anchor_of(catalog, unit_id)
    name = catalog.names.get(anchor[2:]) or unit_name(catalog, unit_id)
    return HRef(f"#{anchor}", name)


def _doc(catalog: Catalog, marks: Mapping[str, MarkIndex], doc_id: str, annotated: bool,
         wanted: tuple[str, ...] = (), ruby: Mapping[str, tuple[Ruby, ...]] = {}) -> HDoc:
    doc = catalog.docs[doc_id]
    sections = {s.id: s for s in catalog.edition.sections if s.doc == doc_id}
    groups: list[tuple[str, list[HBlock]]] = [("", [])]
    footnotes: list[HFootnote] = []
    title, title_unit = "", None
    for unit in catalog.blocks(doc_id):
        if unit.kind == "title":
            title, title_unit = unit.text, unit
            continue
        parent = catalog.units.get(unit.parent or "")
        if unit.kind == "heading" and parent is not None and catalog.is_container(parent):
            continue
        if unit.parent is None and unit.section in sections and unit.section != groups[-1][0]:
            groups.append((unit.section or "", []))
        notes = _footnotes(catalog, unit, doc_id, len(footnotes)) if annotated else []
        footnotes += notes
        groups[-1][1].append(_block(catalog, marks, unit, notes if annotated else None, ruby.get(doc_id, ())))
    groups = [(sid, blocks) for sid, blocks in groups if _section_chosen(wanted, sections.get(sid), blocks)]
    found = ruby.get(doc_id, ())
    hsections = tuple(HSection(f"h-s-{sid}" if sid else "", sections[sid].heading if sid else "",
                               (sections[sid].title_en or "") if sid else "", doc.lang, tuple(blocks),
                               heading_with_ruby(doc.text, sections[sid].heading, sections[sid].start, found)
                               if sid else ())
                      for sid, blocks in groups if blocks or sid)
    title_ruby = with_ruby((Segment(title),), title_unit.start, found) if title_unit and found else ()
    return HDoc(f"h-d-{doc_id}", role(doc.role), doc.lang, title, hsections, tuple(footnotes),
                title_ruby if len(title_ruby) > 1 else ())


def _section_chosen(wanted: tuple[str, ...], section: object, blocks: list[HBlock]) -> bool:
    """A source section is printed when none are chosen, or when chosen by heading, id or number."""
    if not wanted:
        return True
    if section is None:  # the text before the first section goes with the first one chosen
        return False
    heading, sid, index = getattr(section, "heading", ""), getattr(section, "id", ""), getattr(section, "index", 0)
    return any(w in (heading, sid, str(index)) or (w and w in heading) for w in wanted)


def _block(catalog: Catalog, marks: Mapping[str, MarkIndex], unit: Unit,
           footnotes: Optional[list[HFootnote]], ruby: tuple[Ruby, ...] = ()) -> HBlock:
    doc = catalog.docs[unit.doc]
    container = catalog.is_container(unit)
    heading = next((c for c in catalog.children.get(unit.id, ()) if c.kind == "heading"), None)
    shown = heading if container and heading else unit
    label, body = ((), ()) if shown is unit and container else _text(doc.text, marks.get(unit.doc, NO_MARKS), shown, ruby)
    anchor, number, css = f"h-{unit.id}", catalog.numbers.get(unit.id, ""), "group" if container else unit.kind
    if footnotes is None:
        return HBlock(anchor, number, css, doc.lang, label, body)
    family = set(catalog.family(unit.id)) | {unit.id, shown.id}
    tags = tuple(dict.fromkeys(tag_kind(t.kind) for t in catalog.tags_of.of(family)))
    return HBlock(anchor, number, css, doc.lang, label, body, tuple(footnotes), _notes(catalog, family), tags)


def _text(text: str, marks: MarkIndex, unit: Unit,
          ruby: tuple[Ruby, ...] = ()) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """A unit's split-off label and its body, as styled segments."""
    split = unit.start
    if unit.label and unit.body_start and unit.start < unit.body_start <= unit.end:
        split = unit.body_start
    label = with_ruby(styled(text, unit.start, split, marks), unit.start, ruby) if split > unit.start else ()
    return label, with_ruby(styled(text, split, unit.end, marks), split, ruby)


def _footnotes(catalog: Catalog, unit: Unit, doc_id: str, before: int) -> list[HFootnote]:
    family = set(catalog.family(unit.id)) | {unit.id}
    if catalog.is_container(unit):
        family |= {c.id for c in catalog.children.get(unit.id, ()) if c.kind == "heading"}
        family |= {i.id for c in catalog.children.get(unit.id, ()) if c.kind == "heading"
                   for i in catalog.inline.get(c.id, ())}
    found: list[HFootnote] = []
    citations = catalog.citations_of.of(family)
    kind = next((l.relation for l in catalog.links_from.of(family)), None) if citations else None
    for citation in citations:
        section = catalog.section_by_id.get(citation.section or "")
        best = passages(catalog, citation.unit, limit=MAX_LINKED)
        name = ((section.title_ja or section.heading), "ja" if section.title_ja else catalog.docs[section.doc].lang,
                section.title_en or "") if section else ("", "", "")
        found.append(_note(doc_id, before + len(found) + 1, (citation.marker, catalog.docs[doc_id].lang) + name,
                           relation(kind) if kind and best else None, tuple(href(catalog, p) for p in best)))
    ranked = ranked_links(catalog, unit.id) if not citations else []
    for rel in () if citations else ("supports", "rebuts"):
        where = tuple(href(catalog, p) for p in linked_blocks(catalog, ranked, rel, MAX_LINKED))
        if where:
            found.append(_note(doc_id, before + len(found) + 1, ("", "", "", "", ""), relation(rel), where))
    return found


def _note(doc_id: str, number: int, words: tuple[str, str, str, str, str], rel: Optional[Bi],
          refs: tuple[HRef, ...]) -> HFootnote:
    """A footnote; ``words`` are the marker, its language, the section's name, its language and English title."""
    return HFootnote(f"fn-{doc_id}-{number}", str(number), f"fr-{doc_id}-{number}", *words, rel, refs)


def _notes(catalog: Catalog, family: set[str]) -> tuple[HNote, ...]:
    notes: list[HNote] = []
    for quote in catalog.quotes_of.of(family):
        if quote.status != "exact":
            refs = (href(catalog, quote.match),) if quote.match in catalog.units else ()
            lang = catalog.docs[catalog.units[quote.unit].doc].lang
            notes.append(HNote(quote_status(quote.status), f"「{quote.text}」", lang, refs))
    for flag in catalog.flags_of.of(family):
        refs = (href(catalog, flag.target),) if flag.target in catalog.units else ()
        notes.append(HNote(flag_kind(flag.kind), "", "", refs, flag_message(catalog, flag)))
    return tuple(notes)
