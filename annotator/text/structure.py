"""Parse each document into sections and units with character offsets.

commentary: numbered points, each with a heading, lead paragraphs and bullets;
summary: numbered groups of bullets; source: title, introduction, headed sections,
paragraphs and bullets. Every block is split into sentences; bullets in commentary and
summary have their lead label split off (see ``labels``).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Container, Iterable, Optional, Sequence

from ..corpus.load import line_starts
from ..corpus.manifest import read_toml_text
from ..corpus.records import Corpus, Document, SectionLabel
from ..errors import InputTextError, ManifestError, excerpt
from .blocks import Block, split_blocks
from .labels import MAX_LABEL_CHARS, LabelSplit, Tok, split_explicit, split_fused
from .lines import looks_like_heading
from .outline import HEADING_STYLES, container_heads, first_of_bare_headings
from .records import Section, Unit
from .sentences import sentence_spans

TokenSource = Callable[[int, int], Iterable[Tok]]  # the tokens of a span, in order
TITLE_MAX_CHARS = 100
MAX_UNITS = 100_000  # per document: beyond it the edition takes gigabytes to build (docs/limits.md)


@dataclass
class _Builder:
    """Collects one document's units while walking its blocks."""

    doc: Document
    units: list[Unit] = field(default_factory=list)

    def add(self, uid: str, kind: str, start: int, end: int, **extra: object) -> Unit:
        if len(self.units) >= MAX_UNITS:
            raise self.too_many(start)
        unit = Unit(id=uid, doc=self.doc.id, kind=kind, text=self.doc.text[start:end], start=start, end=end, **extra)
        self.units.append(unit)
        return unit

    def too_many(self, start: int) -> InputTextError:
        """The error for a document that would hold more units than the limit."""
        line = self.doc.first_line + len(line_starts(self.doc.text[:start])) - 1
        return InputTextError(f"the {self.doc.role} holds more than {MAX_UNITS:,} units (paragraphs, "
                              "bullets and sentences) by this line", file=self.doc.file, line=line,
                              fix="split the text into several corpora (see docs/limits.md)")

    def add_sentences(self, parent: Unit, start: int) -> None:
        text, doc = self.doc.text, self.doc.id
        spans = sentence_spans(text[start:parent.end], self.doc.lang)
        room = MAX_UNITS - len(self.units)
        if len(spans) > room:
            raise self.too_many(start + spans[room][0])
        self.units += [Unit(id=f"{parent.id}-s{k}", doc=doc, kind="sentence", text=text[start + s:start + e],
                            start=start + s, end=start + e, section=parent.section, parent=parent.id)
                       for k, (s, e) in enumerate(spans, 1)]


def parse_document(document: Document, tokens: TokenSource, compounds: Container[tuple[str, str]],
                   labels: Sequence[SectionLabel] = ()) -> tuple[list[Section], list[Unit]]:
    """Sections and units of one document, in text order."""
    blocks = split_blocks(document.text)
    builder = _Builder(document)
    subtitle = False
    if blocks and _is_title(document.text, blocks[0], blocks[1:]) and not (
            document.role != "source" and first_of_bare_headings(document.text, blocks)):
        subtitle = document.role == "source" and _is_subtitle(document.text, blocks[0], blocks[1:])
        builder.add(f"{document.id}-title", "title", blocks[0].content_start, blocks[0].end)
        blocks = blocks[1:]
    if document.role == "source":
        sections = _parse_source(builder, blocks, labels, subtitle)
    else:
        sections = []
        _parse_claims(builder, blocks, tokens, compounds)
    return sections, builder.units


def _is_title(text: str, first: Block, rest: Sequence[Block]) -> bool:
    """A short first line, unless it is the first of several headings written alike (第1章 … 第2章)."""
    content = text[first.content_start:first.end]
    if first.kind == "marked" and any(b.kind == "marked" and b.style == first.style for b in rest):
        # unless nothing lies under it: ## 速読 / ## 背景 / - …
        heads_nothing = rest[0].kind == "marked" and rest[0].style == first.style and _heading_style(first.style)
        if not heads_nothing:
            return False
    return (first.kind in ("text", "marked") and bool(rest) and len(content) <= TITLE_MAX_CHARS
            and not content.rstrip().endswith(("。", ".", "．")))


def _is_subtitle(text: str, title: Block, rest: Sequence[Block]) -> bool:
    """A short line right under a source's title that opens with a dash or a wave (――調査から, 〜…〜, — a study):
    the title's subtitle, not a section heading."""
    if not rest or rest[0].kind not in ("text", "bullet") or len(rest) < 2:
        return False
    between = text[title.end:rest[0].start]
    line = text[rest[0].start:rest[0].end].strip()
    return between.count("\n") <= 1 and len(line) <= TITLE_MAX_CHARS and line[:1] in _SUBTITLE_OPENERS


_SUBTITLE_OPENERS = "―—–─〜~～-‐"


# --- source ---------------------------------------------------------------------------

def _parse_source(builder: _Builder, blocks: Sequence[Block], labels: Sequence[SectionLabel],
                  subtitle: bool = False) -> list[Section]:
    """Sections and units of a source; a ``subtitle`` (the first block) stays a paragraph of the introduction."""
    text, doc = builder.doc.text, builder.doc
    heads = [i for i, b in enumerate(blocks) if _is_source_heading(text, blocks, i) and not (subtitle and i == 0)]
    sections: list[Section] = []
    used: set[str] = set()
    by_heading = _labels_by_heading(labels)
    for index, i in enumerate(heads, 1):
        block = blocks[i]
        heading = text[block.content_start:block.end]
        end = blocks[heads[index]].start if index < len(heads) else len(text)
        label = by_heading.get(_fold(heading))
        sid = _unique(_slug(label.title_en if label and label.title_en else heading) or f"section-{index}", used)
        sections.append(Section(sid, doc.id, heading, label.title_en if label else None,
                                label.title_ja if label else None, block.start, _rstripped_end(text, end), index))
    section_at = {i: s.id for i, s in zip(heads, sections)}
    current: Optional[str] = None
    counters = {"paragraph": 0, "bullet": 0}
    lead_in: Optional[Unit] = None
    for i, block in enumerate(blocks):
        if i in section_at:
            current, lead_in = section_at[i], None
            continue
        kind = "paragraph" if block.kind in ("text", "marked") else "bullet"
        counters[kind] += 1
        uid = f"{doc.id}-{'p' if kind == 'paragraph' else 'b'}{counters[kind]}"
        split = split_explicit(text[block.content_start:block.end], allow_short_sentence=False) if kind == "bullet" else None
        unit = _add_block(builder, uid, kind, block, split, section=current,
                          parent=lead_in.id if kind == "bullet" and lead_in else None)
        if kind == "paragraph":
            lead_in = unit if unit.text.rstrip().endswith((":", "：")) else None
    return sections


def source_section_headings(corpus: Corpus) -> list[str]:
    """The section headings of the corpus's sources, in order (for ``annotator init``)."""
    headings = []
    for document in corpus.documents:
        if document.role == "source":
            sections, _ = parse_document(document, lambda start, end: (), frozenset())
            headings += [s.heading for s in sections]
    return list(dict.fromkeys(headings))


def _is_source_heading(text: str, blocks: Sequence[Block], i: int) -> bool:
    block = blocks[i]
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    if following is None or block.kind == "bullet":
        return False
    if block.kind == "marked":
        return True
    return looks_like_heading(text[block.content_start:block.end]) and following.kind != "marked"


def _rstripped_end(text: str, end: int) -> int:
    """``len(text[:end].rstrip())`` without copying the text before ``end`` (once per section)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _labels_by_heading(labels: Sequence[SectionLabel]) -> dict[str, SectionLabel]:
    """Folded heading → its first label: one lookup per heading, not a scan of every label."""
    found: dict[str, SectionLabel] = {}
    for label in labels:
        found.setdefault(_fold(label.heading), label)
    return found


def check_section_labels(corpus: Corpus, sections: Sequence[Section]) -> None:
    """Every manifest [[sections]] heading must name a heading the parser found."""
    found = {_fold(s.heading) for s in sections}
    for label in corpus.section_labels:
        if _fold(label.heading) not in found:
            path = Path(corpus.path) / "corpus.toml"
            try:
                text = read_toml_text(path)
            except ManifestError:
                text = ""
            line = next((i for i, row in enumerate(text.splitlines(), 1)
                         if "heading" in row and label.heading in row), None)
            shown = [excerpt(s.heading, 40) for s in sections[:8]]
            headings = ", ".join(shown) + (f" and {len(sections) - 8:,} more" if len(sections) > 8 else "")
            raise ManifestError(f"[[sections]] heading {excerpt(label.heading)!r} is not a section heading of the "
                                "source", file=str(path), line=line, fix=f"use one of the headings found: {headings or 'none'}")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _slug(text: str) -> str:
    folded = _fold(text).replace("'", "").replace("’", "")
    return re.sub(r"[^\w]+", "-", folded).strip("-_")


def _unique(slug: str, used: set[str]) -> str:
    if slug[:1].isdigit():
        slug = f"s-{slug}"
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


# --- commentary and summary -----------------------------------------------------------

def _parse_claims(builder: _Builder, blocks: Sequence[Block], tokens: TokenSource,
                  compounds: Container[tuple[str, str]]) -> None:
    text, doc = builder.doc.text, builder.doc
    container_kind = "point" if doc.role == "commentary" else "group"
    headed = 0
    for head, members in _group_blocks(text, blocks, doc.role):
        headed += head is not None
        prefix = doc.id if head is None else f"{doc.id}-{headed}"
        parent: Optional[str] = None
        if head is not None:
            end = members[-1].end if members else head.end
            builder.add(prefix, container_kind, head.start, end, number=head.number)
            heading = builder.add(f"{prefix}-h", "heading", head.content_start, head.end, parent=prefix)
            builder.add_sentences(heading, heading.start)
            parent = prefix
        _add_members(builder, prefix, parent, members, tokens, compounds)


def _group_blocks(text: str, blocks: Sequence[Block], role: str) -> list[tuple[Optional[Block], list[Block]]]:
    """Split blocks at the heads of groups or points (see ``outline``)."""
    heads = container_heads(text, blocks, role)
    groups: list[tuple[Optional[Block], list[Block]]] = [(None, [])]
    for i, block in enumerate(blocks):
        if i in heads:
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return [g for g in groups if g[0] is not None or g[1]]


def _add_members(builder: _Builder, prefix: str, parent: Optional[str], members: Sequence[Block],
                 tokens: TokenSource, compounds: Container[tuple[str, str]]) -> None:
    text = builder.doc.text
    bullets = [b for b in members if _is_item(b)]
    splits = _label_splits(text, bullets, tokens, compounds)
    counters = {"paragraph": 0, "bullet": 0}
    for block in members:
        kind = "bullet" if _is_item(block) else "paragraph"
        counters[kind] += 1
        uid = f"{prefix}-{'b' if kind == 'bullet' else 'p'}{counters[kind]}"
        _add_block(builder, uid, kind, block, splits.get(block.start), parent=parent,
                   number=block.number if block.kind == "numbered" else None)


def _is_item(block: Block) -> bool:
    """A numbered or marked line that heads nothing: a claim (■ too, when nothing is nested under it)."""
    return block.kind in ("bullet", "numbered") or block.kind == "marked" and not _heading_style(block.style)


def _heading_style(style: Optional[str]) -> bool:
    return style in HEADING_STYLES or (style or "").startswith("#")


def _label_splits(text: str, bullets: Sequence[Block], tokens: TokenSource,
                  compounds: Container[tuple[str, str]]) -> dict[int, LabelSplit]:
    """Labels for a list of sibling bullets; an unsure fused label stands only beside sure ones."""
    found: dict[int, LabelSplit] = {}
    for block in bullets:
        content = text[block.content_start:block.end]
        split = split_explicit(content, allow_short_sentence=True)
        if split is None:
            fused = split_fused(content, _label_tokens(tokens, block.content_start, block.end), compounds)
            split = fused[0] if fused else None
        if split is not None:
            found[block.start] = split
    return found if any(s.confident for s in found.values()) else {}


def _label_tokens(tokens: TokenSource, start: int, end: int) -> Iterable[Tok]:
    """The head of the bullet's tokens: those that start within a fused label's reach.

    ``split_fused`` reads no token that starts past ``MAX_LABEL_CHARS``, so long bullets are
    not tokenized to their end.
    """
    return tokens(start, min(end, start + MAX_LABEL_CHARS + 1))


def _add_block(builder: _Builder, uid: str, kind: str, block: Block, split: Optional[LabelSplit],
               **extra: object) -> Unit:
    body = block.content_start + split.body_start if split else block.content_start
    unit = builder.add(uid, kind, block.content_start, block.end, label=split.label if split else None,
                       body_start=body if split else None, **extra)
    builder.add_sentences(unit, body)
    return unit
