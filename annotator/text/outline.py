"""Which blocks of a summary or commentary head a group (or point): read from the document's own layout.

No mark means "group" by itself. A document's list items (1. / 1) / （1） / ① / 一、 / a) / ア. / ・ / ● /
■ …) nest by indentation and by the order their conventions first appear (the first one used is
the outer level, a new one under it is nested, one seen before closes the levels opened since),
as readers take them. Then:

- a heading line (第1章 …, ## …, **…**, 【…】 alone, a line underlined with ===, or a short bare line
  followed by items) always heads a group;
- an item heads a group when items are nested under it and it reads as a heading (short, no
  full stop); in commentary, when anything is nested under it, or when it is numbered at the
  outer level (a numbered rebuttal point);
- every other item is a claim (a bullet), wherever it stands.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Optional, Sequence

from .blocks import Block, indent_of
from .lines import looks_like_heading

HEADING_STYLES = ("chapter", "bold", "bracket", "underline")
_FIRST_NUMBERS = {"1", "一", "①", "a", "ア", "❶", "➀"}


@dataclass
class _Node:
    index: int
    signature: str
    indent: int
    heading: bool
    parent: Optional[_Node] = None
    items_under: bool = False
    anything_under: bool = False


def container_heads(text: str, blocks: Sequence[Block], role: str) -> set[int]:
    """Indices of the blocks that head a group (summary) or point (commentary)."""
    nodes = _nest(text, blocks)
    heads = set()
    for index, node in nodes.items():
        if node.heading:
            heads.add(index)
            continue
        content = text[blocks[index].content_start:blocks[index].end]
        outer = node.parent is None or node.parent.heading
        if role == "commentary":
            numbered_point = outer and blocks[index].kind == "numbered"
            if node.anything_under or numbered_point:
                heads.add(index)
        elif node.items_under and looks_like_heading(content):
            heads.add(index)
    return heads


def _nest(text: str, blocks: Sequence[Block]) -> dict[int, _Node]:
    """Each heading and item block's node, with its parent and whether anything lies under it."""
    nodes: dict[int, _Node] = {}
    stack: list[_Node] = []
    for i, block in enumerate(blocks):
        indent = indent_of(text, block.start)
        signature = _signature(text, blocks, i)
        if signature is None:  # a paragraph: it lies under the item or heading it follows
            while stack and stack[-1].indent > indent and not stack[-1].heading:
                stack.pop()
            if stack:
                stack[-1].anything_under = True
            continue
        heading = signature.startswith("h:")
        node = _Node(i, signature, indent, heading)
        _close(stack, node)
        node.parent = stack[-1] if stack else None
        if node.parent is not None:
            node.parent.anything_under = True
            node.parent.items_under = node.parent.items_under or not heading
        stack.append(node)
        nodes[i] = node
    return nodes


def _close(stack: list[_Node], node: _Node) -> None:
    """Pop the levels the new node closes: deeper ones, and all since a sibling of its kind."""
    if node.heading:
        while stack and not stack[-1].heading:  # a heading never lies under an item
            stack.pop()
    while stack and stack[-1].indent > node.indent:
        stack.pop()
    same = [k for k, open_node in enumerate(stack) if open_node.signature == node.signature
            and open_node.indent == node.indent]
    if same:
        del stack[same[-1]:]


def _signature(text: str, blocks: Sequence[Block], i: int) -> Optional[str]:
    """How a heading or item is written ("h:chapter", "n:9#)", "b:・" …); None for a paragraph."""
    block = blocks[i]
    if block.kind == "numbered":
        return f"n:{block.style}"
    if block.kind == "bullet":
        return "b:" + unicodedata.normalize("NFKC", block.style or "")
    if block.kind == "marked":
        style = block.style or ""
        if style in HEADING_STYLES or style.startswith("#"):
            return f"h:{style}"
        return f"m:{style}"
    if _bare_heading(text, blocks, i):
        return "h:bare"
    return None


def first_of_bare_headings(text: str, blocks: Sequence[Block]) -> bool:
    """True when the first block heads items as later bare lines do (背景 / ・… / 課題 / ・…): no title."""
    return _bare_heading(text, blocks, 0) and any(_bare_heading(text, blocks, i) for i in range(1, len(blocks)))


def _bare_heading(text: str, blocks: Sequence[Block], i: int) -> bool:
    """A short line followed by items heads them, unless it is the lead line of the numbered item before it."""
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    if blocks[i].kind != "text" or following is None or following.kind not in ("bullet", "numbered", "marked"):
        return False
    if not looks_like_heading(text[blocks[i].content_start:blocks[i].end]):
        return False
    previous = blocks[i - 1] if i > 0 else None
    if previous is None or previous.kind != "numbered":
        return True
    return following.kind == "numbered" and _first_number(following.number)  # the numbering starts again


def _first_number(number: Optional[str]) -> bool:
    return number is not None and unicodedata.normalize("NFKC", number).lower() in _FIRST_NUMBERS
