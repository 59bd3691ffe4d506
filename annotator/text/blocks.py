"""Group classified lines into blocks: a paragraph, a bullet, a numbered item or a heading.

In text that separates paragraphs with blank lines, consecutive plain lines are one
paragraph (hard-wrapped text); otherwise every line is its own block, as in most
Japanese web text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .lines import Line, looks_like_heading, split_lines


@dataclass(frozen=True)
class Block:
    """Consecutive lines that form one paragraph-level unit."""

    kind: str  # numbered | bullet | marked | text
    start: int
    content_start: int
    end: int
    number: Optional[str]
    style: Optional[str]


def split_blocks(text: str) -> list[Block]:
    """The document's blocks in order; blank lines separate but are not blocks."""
    lines = split_lines(text)
    merge_wrapped = _separates_paragraphs_with_blank_lines(lines)
    blocks: list[Block] = []
    previous: Optional[Line] = None
    for line in lines:
        if line.kind == "blank":
            previous = None
            continue
        if previous is not None and (
                merge_wrapped and line.kind == "text" and blocks[-1].kind in ("text", "bullet")
                and not _heading_over(text, blocks[-1], line) or _continues(text, blocks[-1], line)):
            last = blocks[-1]
            blocks[-1] = Block(last.kind, last.start, last.content_start, line.end, last.number, last.style)
        else:
            blocks.append(Block(line.kind, line.start, line.content_start, line.end, line.number, line.style))
        previous = line
    return blocks


def _continues(text: str, block: Block, line: Line) -> bool:
    """A plain line (or a bracket alone, such as a marker) indented under the item right above it continues it."""
    if block.kind not in ("bullet", "numbered") or not (line.kind == "text" or line.style == "bracket"):
        return False
    return indent_of(text, line.start) > indent_of(text, block.start)


def indent_of(text: str, start: int) -> int:
    """How far a line is indented: a tab counts 4, a full-width space 2."""
    width = 0
    for ch in text[start:start + 80]:
        if ch not in " \t\u3000":
            break
        width += 4 if ch == "\t" else 2 if ch == "\u3000" else 1
    return width


def _heading_over(text: str, block: Block, line: Line) -> bool:
    """A short heading-like line right over a much longer one heads it (利用の変化 / この十年で…), where a
    hard-wrapped paragraph's first line runs the full width."""
    first = text[block.content_start:block.end]
    return (block.kind == "text" and "\n" not in first and looks_like_heading(first)
            and line.end - line.content_start >= 2 * len(first.strip()))


def _separates_paragraphs_with_blank_lines(lines: list[Line]) -> bool:
    blanks_between = sum(
        1 for before, blank, after in zip(lines, lines[1:], lines[2:])
        if blank.kind == "blank" and before.kind != "blank" and after.kind != "blank"
    )
    adjacent_text = sum(1 for a, b in zip(lines, lines[1:]) if a.kind == "text" and b.kind == "text")
    return blanks_between >= 2 and adjacent_text >= 1
