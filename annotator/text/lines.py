"""Classify the lines of a document: numbered items, bullets, headings, plain text.

Japanese documents number, bullet and head their parts in many ways; the patterns here
cover the common conventions (1. / 1） / （1） / ① / 第一に / 一、 / A.; - / ・ / ● / ※;
■ / ◆ / # headings; 【見出し】 on a line of its own) in half- and full-width forms.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

_DIGITS = r"[0-9０-９]{1,3}"
_KANJI_NUM = r"[一二三四五六七八九十]{1,3}"
_NUMBERED = re.compile(
    r"^[ \t\u3000]*(?:"
    rf"(?P<a>{_DIGITS})[ \t]*[.．、)）](?![0-9０-９])"
    rf"|[（(][ \t]*(?P<b>{_DIGITS}|{_KANJI_NUM}|[a-zA-Zａ-ｚＡ-Ｚ])[ \t]*[)）]"
    r"|(?P<c>[①-⑳㉑-㉟❶-❿➀-➉])"
    rf"|(?P<d>第{_KANJI_NUM}|第{_DIGITS})(?:に|[、，,.．:：]|[ \t\u3000])"
    rf"|(?P<e>{_KANJI_NUM})[、．.](?!\d)"
    r"|(?P<f>[A-ZＡ-Ｚ])[.．][ \t\u3000]"
    r"|(?P<g>[a-zA-Zａ-ｚＡ-Ｚ])[)）]"
    r"|(?P<h>[アイウエオカキクケコサシスセソ])[.．、)）]"
    r")[ \t\u3000]*"
)
# 第1章 …, 2章, §3, Part 2, セクション1: a heading that numbers the document's parts
_CHAPTER = re.compile(
    rf"^[ \t\u3000]*(?:第(?:{_DIGITS}|{_KANJI_NUM})[章節部編]|{_DIGITS}章|[§＄]\s*{_DIGITS}"
    rf"|(?:Chapter|Part|Section|CHAPTER|PART|SECTION)\s+(?:{_DIGITS}|[IVX]{{1,4}})\b|(?:パート|セクション|チャプター)\s*{_DIGITS})"
    r"(?=[ \t\u3000:：.．、]|$)")
_BOLD = re.compile(r"^[ \t\u3000]*(?P<mark>\*\*|__|＊＊)(?P<inner>\S.*?)(?P=mark)[ \t\u3000]*$")
_RULE = re.compile(r"^[ \t\u3000]*(?:[=＝]{3,}|[-─━—ー－]{3,}|[*＊]{3,})[ \t\u3000]*$")
_BULLET = re.compile(r"^[ \t\u3000]*(?P<mark>[-‐‑–—−・･●○◦•▪▫►▶✓✔※＊*＋+→⇒])[ \t\u3000]*(?=\S)")
_HEADING_MARK = re.compile(r"^[ \t\u3000]*(?:(?P<mark>[■□◆◇▼▽▲△◎]+)|(?P<hash>#{1,6})(?=[ \t]))[ \t\u3000]*(?=\S)")
_BRACKET_HEADING = re.compile(r"^[ \t\u3000]*[【〔［\[](?P<inner>[^】〕］\]]{1,40})[】〕］\]][ \t\u3000]*$")
_TERMINAL = tuple("。．.!！?？:：、，,;；")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

HEADING_MAX_CHARS = 40


@dataclass(frozen=True)
class Line:
    """One line of a document: where its content starts and ends, and what it looks like."""

    start: int  # the line's first character
    content_start: int  # after any number or bullet marker and spaces
    end: int  # before trailing whitespace and the line break
    kind: str  # blank | numbered | bullet | marked | text (a rule line ===, --- underlines or separates: see split_lines)
    number: Optional[str] = None
    style: Optional[str] = None  # which numbering convention, so levels can be told apart

    def content(self, text: str) -> str:
        """The line's text after its marker."""
        return text[self.content_start:self.end]


def split_lines(text: str) -> list[Line]:
    """Every line of the text, classified; offsets index ``text``.

    A rule (``===``, ``---``) right under a line of text makes that line a heading (style
    "underline"); the rule itself, like one standing between paragraphs, counts as blank."""
    lines = []
    for start, stop in _line_spans(text):
        if _RULE.match(text[start:stop]):
            previous = lines[-1] if lines else None
            if previous is not None and previous.kind == "text":
                lines[-1] = Line(previous.start, previous.content_start, previous.end, "marked", style="underline")
            lines.append(Line(start, start, start, "blank"))
        else:
            lines.append(_classify(text, start, stop))
    return lines


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line without its break (CR LF, CR or LF); a final empty line is dropped."""
    spans = []
    if "\r" in text:
        for found in _LINE.finditer(text):
            if found.start() == len(text) and found.group() == "":
                break
            spans.append((found.start(), found.start() + len(found.group().rstrip("\r\n"))))
        return spans
    start = 0
    stop = text.find("\n")
    while stop >= 0:  # only \n: find() is much faster than the pattern
        spans.append((start, stop))
        start = stop + 1
        stop = text.find("\n", start)
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _classify(text: str, start: int, stop: int) -> Line:
    raw = text[start:stop]
    end = start + len(raw.rstrip())
    if end == start or not raw.strip():
        return Line(start, start, start, "blank")
    lead = start + len(raw) - len(raw.lstrip())
    if _CHAPTER.match(raw):
        return Line(start, lead, end, "marked", style="chapter")
    bold = _BOLD.match(raw)
    if bold:
        return Line(start, start + bold.start("inner"), start + bold.end("inner"), "marked", style="bold")
    numbered = _NUMBERED.match(raw)
    if numbered and start + numbered.end() < end:
        group = next(name for name, value in numbered.groupdict().items() if value)
        number = numbered.group(group)
        return Line(start, start + numbered.end(), end, "numbered", number, _numbering(group, number, numbered.group()))
    bullet = _BULLET.match(raw)
    if bullet:
        return Line(start, start + bullet.end(), end, "bullet", style=bullet.group("mark"))
    marked = _HEADING_MARK.match(raw)
    if marked:
        return Line(start, start + marked.end(), end, "marked", style=marked.group("mark") or marked.group("hash"))
    if _BRACKET_HEADING.match(raw):
        return Line(start, lead, end, "marked", style="bracket")
    return Line(start, lead, end, "text")


def _numbering(group: str, number: str, written: str) -> str:
    """The numbering convention of an item, so that 1. and 1) and (1) and (一) and ア. are told apart
    (and ア. イ. ウ. are one)."""
    if group == "c":
        return "circled"
    folded_number = unicodedata.normalize("NFKC", number)
    if folded_number[:1].isdigit():
        kind = "9"
    elif number[:1] in "一二三四五六七八九十":
        kind = "一"
    elif folded_number.isascii():
        kind = "a"
    elif "\u30a0" <= number[:1] <= "\u30ff":
        kind = "ア"
    else:
        kind = number[:1]
    folded = unicodedata.normalize("NFKC", written).strip()
    shape = "".join(ch for ch in folded.replace(folded_number, "#", 1) if not ch.isspace())
    return f"{kind}{shape}"


def looks_like_heading(content: str) -> bool:
    """A short line with no sentence-final or lead-in punctuation: a bare heading."""
    content = content.strip()
    if not content or len(content) > HEADING_MAX_CHARS or content.endswith(_TERMINAL):
        return False
    if "\n" in content or "\r" in content:  # hard-wrapped lines joined into one block: a paragraph
        return False
    if "。" in content or len(content.split()) > 12:
        return False
    return True
