"""Numerals in Japanese and English text: width folding and value parsing.

Conventions:

- Width: only characters of the Halfwidth and Fullwidth Forms block (U+FF00-U+FFEF) and the
  ideographic space are folded, each with NFKC on its own (２０％ → 20%, ＧＰＴ－４ → GPT-4,
  １，０００ → 1,000). The folded text therefore has the input's length and offsets. Enclosed
  numerals such as ① are list markers, not numbers, and are left alone.
- Japanese numerals mix digits and kanji: 600万, 1億2000万, 5,000万, 二十五, 一億二千万, 二〇二三.
- 数 and 何 stand for 2 to 9 of the unit that follows: 数千万 = 2e7..9e7, 何百万 = 2e6..9e6,
  数十 = 20..90, 十数 = 12..19. English "tens of millions" = 2e7..9e7, "millions" = 2e6..9e6,
  "several million" = 2e6..9e6 by the same convention. Such numerals are ``vague``.
- Kanji and English-word numerals are returned with ``arabic=False``: the caller decides, from the
  unit that follows, whether they are quantities (三倍) or words (一時的, one of them).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator, Optional

Span = tuple[float, float]

_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_SMALL = {"十": 10.0, "百": 100.0, "千": 1000.0}
_BIG = {"万": 1e4, "億": 1e8, "兆": 1e12}
_VAGUE: Span = (2.0, 9.0)

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_JA = re.compile(
    rf"(?:{_ARABIC}|[〇一二三四五六七八九十百千]|[数何](?=[十百千万億兆]))"
    rf"(?:{_ARABIC}|[〇一二三四五六七八九十百千万億兆]|(?<=十)数|数(?=[十百千万億兆]))*")
_PIECE = re.compile(r"(\d[\d,]*(?:\.\d+)?)|([〇一二三四五六七八九]+)|([十百千])|([万億兆])|([数何])")

_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
                "bn": 1e9, "mn": 1e6, "k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_EN_SCALE = re.compile(r"(?:\s+|-)?(thousand|million|billion|trillion)(?![A-Za-z])"
                       r"|\s?(bn|mn)(?![A-Za-z])|([kKMBT])(?![A-Za-z])")

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {w: float(i) for i, w in enumerate(_ONES)}
WORD_VALUES.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
_WORD = r"(?:" + "|".join(_TENS) + r")(?:-(?:" + "|".join(_ONES[1:10]) + r"))?|" + "|".join(_ONES)
_EN_WORD = re.compile(
    rf"(?<![A-Za-z])(?P<w>{_WORD}|an?)(?:[\s-]+(?P<h>hundred))?"
    r"(?:[\s-]+(?P<s>thousand|million|billion|trillion))?(?![A-Za-z])", re.IGNORECASE)
_EN_VAGUE = re.compile(
    r"(?<![A-Za-z])(?:(?P<m>tens|hundreds)\s+of\s+)?(?P<s>thousands|millions|billions|trillions)"
    r"(?![A-Za-z])|(?<![A-Za-z])(?:several|a\s+few)\s+(?P<s2>hundred|thousand|million|billion|"
    r"trillion)(?![A-Za-z])", re.IGNORECASE)


@dataclass(frozen=True)
class Numeral:
    """A number as written, located in the folded text."""

    start: int
    end: int
    low: float
    high: float
    scale: float = 1.0  # the trailing multiplier written with it (万, million), 1 if none
    arabic: bool = True  # written with digits
    vague: bool = False  # 数千万, millions: a conventional range


def fold_width(text: str) -> str:
    """Fold full-width ASCII forms and the ideographic space, keeping every offset."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(c: str) -> str:
    if c == "\u3000":
        return " "
    if "\uff00" <= c <= "\uffef":
        folded = unicodedata.normalize("NFKC", c)
        return folded if len(folded) == 1 else c
    return c


def find_numerals(s: str) -> list[Numeral]:
    """All numerals of folded text ``s`` in order, without overlaps."""
    found = [n for n in _ja_numerals(s)] + list(_en_vague(s)) + list(_en_words(s))
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    out: list[Numeral] = []
    for n in found:
        if not out or n.start >= out[-1].end:
            out.append(n)
    return out


def _ja_numerals(s: str) -> Iterator[Numeral]:
    for m in _JA.finditer(s):
        parsed = parse_ja(m.group())
        if parsed is None:
            continue
        (low, high), scale = parsed
        arabic = any(c.isdigit() and c.isascii() for c in m.group())
        end = m.end()
        extra = _EN_SCALE.match(s, end) if arabic and scale == 1.0 else None
        if extra:
            word = next(g for g in extra.groups() if g)
            scale = _SCALE_WORDS[word]
            low, high, end = low * scale, high * scale, extra.end()
        yield Numeral(m.start(), end, low, high, scale, arabic, "数" in m.group() or "何" in m.group())


def parse_ja(token: str) -> Optional[tuple[Span, float]]:
    """Value range and trailing multiplier of a Japanese numeral (1億2000万, 数千万, 二十五)."""
    total: Span = (0.0, 0.0)
    section: Span = (0.0, 0.0)
    cur: Optional[Span] = None
    scale = 1.0
    for m in _PIECE.finditer(token):
        digits, kanji, small, big, vague = m.groups()
        if digits or kanji or vague:
            if cur is not None:
                return None
            cur = _VAGUE if vague else (_digits_value(digits) if digits else _kanji_value(kanji))
        elif small:
            section = _add(section, _mul(cur or (1.0, 1.0), _SMALL[small]))
            cur = None
        else:
            head = _add(section, cur or (0.0, 0.0))
            if head == (0.0, 0.0):
                return None
            total, section, cur, scale = _add(total, _mul(head, _BIG[big])), (0.0, 0.0), None, _BIG[big]
    rest = _add(section, cur or (0.0, 0.0))
    if rest != (0.0, 0.0):
        scale = 1.0
    return _add(total, rest), scale


def _digits_value(digits: str) -> Span:
    v = float(digits.replace(",", ""))
    return (v, v)


def _kanji_value(kanji: str) -> Span:
    v = 0.0
    for c in kanji:
        v = v * 10 + _KANJI_DIGITS[c]
    return (v, v)


def _add(a: Span, b: Span) -> Span:
    return (a[0] + b[0], a[1] + b[1])


def _mul(a: Span, k: float) -> Span:
    return (a[0] * k, a[1] * k)


def _en_words(s: str) -> Iterator[Numeral]:
    for m in _EN_WORD.finditer(s):
        w = m.group("w").lower()
        if w in ("a", "an") and not (m.group("h") or m.group("s")):
            continue
        v = 1.0 if w in ("a", "an") else sum(WORD_VALUES[p] for p in w.split("-"))
        scale = 1.0
        if m.group("h"):
            v *= 100
            scale = 100.0
        if m.group("s"):
            scale = _SCALE_WORDS[m.group("s").lower()]
            v *= scale
        yield Numeral(m.start(), m.end(), v, v, scale, arabic=False)


def _en_vague(s: str) -> Iterator[Numeral]:
    for m in _EN_VAGUE.finditer(s):
        word = (m.group("s") or m.group("s2")).lower().rstrip("s")
        unit = _SCALE_WORDS[word]
        if m.group("m"):
            unit *= 10 if m.group("m").lower() == "tens" else 100
        yield Numeral(m.start(), m.end(), 2 * unit, 9 * unit, unit, arabic=False, vague=True)
