"""Quantities (multiples, fractions, percentages, money, counts, years) in Japanese and English text.

A quantity is a numeral (see annotator.numerals) with what surrounds it: a unit after it (倍,
分の, %, ドル, 個, 年, times, dollars), a currency sign before it ($, ¥, €, £), a range partner
(2~3倍, 3-4 times, 2020年から2023年まで), hedges (約, およそ, 程度, about, roughly, ~) and bounds
(以上, 未満, at least, up to). Offsets index the caller's text: ``text[q.start:q.end] == q.text``.

Conventions:
- Identifiers are skipped: a number glued to Latin letters (H100, o1, V3, 4o) or after a hyphen or
  dot that follows a letter (GPT-4, No.5), version strings (1.2.3), ordinals (第2, 10th), and an
  English number right after a capitalised word in mid-sentence (Claude 3.5 Sonnet, Llama 3).
- から joins a range only when まで or にかけて follows (2026年から2027年にかけて); otherwise
  "A から B" is a change or two events, and yields two quantities. English "A to B" joins only
  when A has no unit of its own and no "from" precedes it (3 to 4 times).
- A kanji numeral of one character (三, 十) counts only before 倍, 分の, 割, % or パーセント:
  一時的, 唯一, 十分 are words. English number words count only with a unit (ten times, five
  percent, two million dollars) or a scale word.
- ドル and $ are taken as USD, 円 and ¥ as JPY; N割 is N×10 percent.
- 4-digit numbers 1000-2999 before 年, and bare 1900-2099, are years; era years (令和5年) are
  converted to the Western year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from annotator.extract import quantity_units as units
from annotator.extract import time_units
from annotator.extract.measures import Measure, measure_at
from annotator.extract.numerals import Numeral, find_numerals, fold_width

KINDS = ("multiple", "fraction", "percent", "points", "money", "count", "duration", "clock", "date", "month", "year",
         "number")


@dataclass(frozen=True)
class Quantity:
    """A figure of a text, normalised: ``low``..``high`` in ``unit`` (equal unless a range)."""

    kind: str  # one of KINDS
    low: float
    high: float
    unit: str  # USD, JPY, 個, か月, 月 ...; "" when none
    approx: bool  # hedged (約, about, ~) or vague (数千万, millions)
    start: int
    end: int
    text: str
    inverse: bool = False  # a multiple stated downward (3倍安い, 10 times cheaper): a factor 1/N
    bound: str = ""  # "min" (以上, at least) or "max" (以下, up to): the value is one end of an open range
    measure: Measure = Measure()  # what it counts, read from its clause (annotator.extract.measures)


_SEP_JOINT = re.compile(r"\s*[~〜–—]\s*|-")
_SEP_FULL = re.compile(r"\s*(?:[~〜–—]|から)\s*|-")
_TO = re.compile(r"\s+(?:to|and)\s+")
_UNTIL = re.compile(r"まで|にかけて")
_FROM = re.compile(r"(?<![A-Za-z])from\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![A-Za-z])between\s+$", re.IGNORECASE)
_ERA = re.compile(r"(令和|平成|昭和|大正|明治)$")
_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_PROPER = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z]+) $")
_GLUED_UNIT = re.compile(r"(?:[xX]|pts?|[ap]\.?m\.?)(?![A-Za-z])", re.IGNORECASE)
_MONTH_ONLY = re.compile(r"月(?!間|[0-9０-９一二三四五六七八九十]{1,3}日)")
_BOUNDARY = set(".!?。！？\n「『（(“\"'：:")


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity of ``text`` in order; identifiers such as GPT-4 or H100 are skipped."""
    return list(_quantities(text))


@lru_cache(maxsize=1 << 12)  # the checks read a source sentence once for every claim linked to it
def _quantities(text: str) -> tuple[Quantity, ...]:
    s = fold_width(text)
    special = [_hedged(s, text, _make(text, *args)) for args in units.english_specials(s)]
    nums = [n for n in find_numerals(s) if not any(q.start < n.end and n.start < q.end for q in special)]
    out = list(special)
    i = 0
    while i < len(nums):
        q, used = _build(s, text, nums, i)
        if q is not None:
            out.append(q)
        i += used
    return tuple(sorted((replace(q, measure=measure_at(s, q.start, q.end, s[q.start:q.end])) for q in out),
                        key=lambda q: (q.start, q.end)))


def _make(text: str, kind: str, low: float, high: float, unit: str, start: int, end: int,
          approx: bool = False) -> Quantity:
    return Quantity(kind, low, high, unit, approx, start, end, text[start:end])


def _build(s: str, text: str, nums: list[Numeral], i: int) -> tuple[Optional[Quantity], int]:
    a = nums[i]
    if is_identifier(s, a):
        return None, 1
    low, high, end, used = _joint(s, nums, i)
    hit = unit_after(s, end, low, high, nums, i + used)
    used += hit.used
    if not _accepted(s, a, hit):
        return None, used
    start, kind, unit = a.start, hit.kind, hit.unit
    currency = units.currency_before(s, a.start)
    if currency and kind in ("number", "count", "money"):
        start, kind, unit = currency[0], "money", currency[1]
    low, high = hit.low, hit.high
    month = time_units.month_before(s, a.start) if kind == "number" and a.arabic and low == high else None
    if month and 1 <= low <= 31 and low.is_integer():
        start, kind, low = month[0], "date", month[1] * 100 + low
        high = low
    if kind == "clock":
        start, low = time_units.afternoon(s, start, low)
        high = low if hit.low == hit.high else high
    q = Quantity(kind, low, high, unit, a.vague, start, hit.end, "")
    q, used = _year(s, q, a, nums, i, used)
    q, used = _month_of_year(s, q, nums, i + used, used)
    q, used = _range_of(s, q, nums, i + used, used)
    return _hedged(s, text, q), used


def _joint(s: str, nums: list[Numeral], i: int) -> tuple[float, float, int, int]:
    """A range written with one unit at its end: 2~3倍, 3-4 times, 100-200万."""
    a = nums[i]
    b = nums[i + 1] if i + 1 < len(nums) else None
    if b is None or is_identifier(s, b):
        return a.low, a.high, a.end, 1
    gap = s[a.end:b.start]
    ok = bool(_SEP_JOINT.fullmatch(gap))
    if not ok and _TO.fullmatch(gap):
        window = max(0, a.start - 12)
        ok = (gap.strip() == "to" and not _FROM.search(s, window, a.start)) or bool(
            _BETWEEN.search(s, window, a.start))
    if not ok and gap == "から":
        ok = bool(_UNTIL.match(s, unit_after(s, b.end, b.low, b.high, [], 0).end))
    low = a.low
    if a.scale == 1.0 and b.scale > 1.0 and a.high * b.scale <= b.high:
        low = a.low * b.scale  # 2~3億: the first number takes the second's scale
    if not ok or low > b.high:
        return a.low, a.high, a.end, 1
    return low, b.high, b.end, 2


def unit_after(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> units.Hit:
    """The unit after a numeral: percentage points and units of time first (5%ポイント is not 5%)."""
    for find in (time_units.points_after, time_units.time_after):
        hit = find(s, pos, low, high, nums, k)
        if hit is not None:
            return hit
    return units.unit_after(s, pos, low, high, nums, k)


def _accepted(s: str, a: Numeral, hit: units.Hit) -> bool:
    """Kanji and English-word numerals count only with a telling unit (三倍, ten times)."""
    if a.arabic or a.vague:
        return True
    token = s[a.start:a.end]
    if token[0].isascii():
        return hit.kind in ("multiple", "percent", "points", "money", "duration") or a.scale >= 1000
    if len(token) == 1:  # 十分, 一時的, 二分する are words; 三時間 is a duration
        return hit.kind in ("multiple", "fraction", "percent") or s.startswith("時間", a.end)
    return hit.kind != "number" or any(c in "十百千万億兆" for c in token)


def _year(s: str, q: Quantity, a: Numeral, nums: list[Numeral], i: int,
          used: int) -> tuple[Quantity, int]:
    era = _ERA.search(s, max(0, a.start - 2), a.start)
    if era and q.unit == "年" and q.low == q.high:
        return replace(q, kind="year", unit="", low=q.low + _ERA_BASE[era.group(1)],
                       high=q.high + _ERA_BASE[era.group(1)], start=era.start()), used
    digits = s[a.start:a.end]
    if q.unit == "年" and a.arabic and re.fullmatch(r"[12]\d{3}", digits):
        return replace(q, kind="year", unit=""), used
    if q.kind == "number" and re.fullmatch(r"(?:19|20)\d{2}", digits):
        if used == 2 and not re.fullmatch(r"(?:19|20)\d{2}", s[nums[i + 1].start:nums[i + 1].end]):
            return q, used
        return replace(q, kind="year"), used
    return q, used


def _month_of_year(s: str, q: Quantity, nums: list[Numeral], k: int, used: int) -> tuple[Quantity, int]:
    """A year with its month (2025年4月, April 2025) is one figure, year × 100 + month: a month of one year.

    A day after the month (2025年4月1日) leaves the year and the date apart, as before.
    """
    if q.kind != "year" or q.low != q.high:
        return q, used
    before = time_units.month_before(s, q.start)
    if before is not None:
        return replace(q, kind="month", start=before[0], low=q.low * 100 + before[1], high=q.low * 100 + before[1]), used
    nxt = nums[k] if k < len(nums) else None
    if nxt is None or nxt.start != q.end or nxt.low != nxt.high or not 1 <= nxt.low <= 12 or not nxt.low.is_integer():
        return q, used
    month = _MONTH_ONLY.match(s, nxt.end)
    if month is None:
        return q, used
    value = q.low * 100 + nxt.low
    return replace(q, kind="month", low=value, high=value, end=month.end()), used + 1


def _range_of(s: str, q: Quantity, nums: list[Numeral], k: int,
              used: int) -> tuple[Quantity, int]:
    """A range with the unit written twice: 2026年~2027年, 20%~30%, 2020年から2023年まで."""
    if k >= len(nums) or q.kind == "number" or q.low != q.high:
        return q, used
    b = nums[k]
    sep = _SEP_FULL.fullmatch(s[q.end:b.start])
    if not sep or is_identifier(s, b):
        return q, used
    hit = unit_after(s, b.end, b.low, b.high, nums, k + 1)
    second = "year" if q.kind == "year" and hit.unit == "年" else hit.kind
    if second != q.kind or (hit.unit != q.unit and q.kind != "year") or hit.low < q.low:
        return q, used
    if "から" in sep.group() and not _UNTIL.match(s, hit.end):
        return q, used
    return replace(q, high=b.high if q.kind == "year" else hit.high, end=hit.end), used + 1 + hit.used


def _hedged(s: str, text: str, q: Quantity) -> Quantity:
    start, approx, bound = units.hedge_before(s, q.start)
    end, approx_after, bound_after = units.hedge_after(s, q.end)
    inverse = q.kind == "multiple" and units.is_downward(s, end)
    q = replace(q, start=start, end=end, approx=q.approx or approx or approx_after,
                bound=bound or bound_after, inverse=inverse)
    return replace(q, text=text[q.start:q.end])


def is_identifier(s: str, n: Numeral) -> bool:
    """True for numbers that name things: GPT-4, H100, o1, 第2, 1.2.3, Claude 3.5 Sonnet."""
    before = s[n.start - 1] if n.start else ""
    before2 = s[n.start - 2] if n.start > 1 else ""
    if before == "第" or _latin(before):
        return True
    if before and before in "-_." and (_latin(before2) or (before != "-" and before2.isdigit())):
        return True
    after = s[n.end:n.end + 5]
    if after[:1] == "." and after[1:2].isdigit():
        return True
    if _latin(after[:1]) and not _allowed_suffix(after):
        return True
    return n.arabic and _after_proper_noun(s, n)


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _allowed_suffix(after: str) -> bool:
    """A unit glued to the number: 10x, 3pt, 5pts, 9am, 9pm."""
    return bool(_GLUED_UNIT.match(after))


def _after_proper_noun(s: str, n: Numeral) -> bool:
    m = _PROPER.search(s, max(0, n.start - 40), n.start)
    if not m or m.group(1).upper() in units.CURRENCY_CODES or time_units.month_before(s, n.start):
        return False  # a currency code or a month (April 1) before the number names no model
    if re.fullmatch(r"(?:19|20)\d{2}", s[n.start:n.end]):
        return False
    if re.match(r" [A-Z]", s[n.end:n.end + 2]):  # a name on both sides: Claude 3.5 Sonnet
        return True
    before = s[max(0, m.start() - 8):m.start()].rstrip(" \t")
    return bool(before) and before[-1] not in _BOUNDARY


__all__ = ["KINDS", "Quantity", "extract_quantities", "is_identifier"]
