"""Units of time and of percentage points after a numeral: durations, clock times, dates, points.

Read on width-folded text at the end of a numeral (see annotator.extract.quantity_units.unit_after),
each returning a Hit or None. Values are normalised so that equal figures in other forms agree:

- points: percentage points (18ポイント, 18pt, 18 percentage points, 5%ポイント), in points;
- duration: minutes (3時間45分 = 225, 1時間半 = 90, 90分間, 30秒 = 0.5, 3 hours 45 minutes,
  2.5 h, 45 min); longer spans (日間, 週間, か月, 年間) stay counts, as before;
- clock: minutes after midnight (9時30分, 9時半, 9:30, 9 a.m., 9:30 pm); 午後 is added by the caller;
- date: a month and day as month × 100 + day (4月1日 = April 1 = 1 April = 401), so that only an
  equal date agrees; the caller reads a month name written before the day (month_before).

A single kanji digit is a word before 分 (十分, 二分する) and 時 (一時的): the caller accepts
single kanji only before 時間.
"""
from __future__ import annotations

import re
from typing import Optional

from annotator.extract.numerals import Numeral
from annotator.extract.quantity_units import Hit

_POINTS = re.compile(r"\s?(?:%|％|パーセント)?ポイント|\s?pts?(?![A-Za-z])|\s+percentage[\s-]points?(?![A-Za-z])",
                     re.IGNORECASE)
_HOURS_JA = re.compile(r"時間(半)?")
_MINUTES_JA = re.compile(r"分(?:間)?(?![の野類割析散配担布岐子量母])")  # 3分割, 1分野 are not minutes
_SECONDS_JA = re.compile(r"秒(?:間)?")
_HOURS_EN = re.compile(r"\s?(?:hours?|hrs?|h)(?![A-Za-z])", re.IGNORECASE)
_MINUTES_EN = re.compile(r"\s?(?:minutes?|mins?)(?![A-Za-z])", re.IGNORECASE)
_SECONDS_EN = re.compile(r"\s?(?:seconds?|secs?)(?![A-Za-z])", re.IGNORECASE)
_JOIN_EN = re.compile(r"(?:\s+and\s+|,?\s+)")
_CLOCK_JA = re.compile(r"時(?![間代点期刻限給速差計効折々])(半)?")
_CLOCK_EN = re.compile(r"\s?([ap])\.?m\.?(?![A-Za-z])", re.IGNORECASE)
_MONTH = re.compile(r"月(?!間)")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_NAMES = (r"(January|February|March|April|May|June|July|August|September|October|November|December"
                r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_MONTH_BEFORE = re.compile(rf"(?<![A-Za-z]){_MONTH_NAMES}\s+$")
_MONTH_AFTER = re.compile(rf"\s+{_MONTH_NAMES}(?![A-Za-z])")
_POINTS_EN = re.compile(r"\s+points?(?![A-Za-z])", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"(?<![A-Za-z])(?:rose|risen|rise|rises|fell|fallen|falls|fall|dropped|drops|drop|climbed"
                            r"|gained|gains|lost|loses|slipped|jumped|up|down|by)\b[^.!?]*$", re.IGNORECASE)
_DAY = re.compile(r"日(?![間本中米])")


def points_after(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    """18ポイント, 5%ポイント, 3pt, 2 percentage points; "12 points" after a verb of change (fell 12 points)."""
    m = _POINTS.match(s, pos) or _POINTS_EN.match(s, pos)
    if m and m.re is _POINTS_EN and not _CHANGE_BEFORE.search(s, max(0, pos - 30), pos):
        return None
    return Hit("points", "pt", m.end(), low, high) if m else None


def month_before(s: str, start: int) -> Optional[tuple[int, int]]:
    """(where it begins, month number) of an English month name just before ``start``: April 1."""
    m = _MONTH_BEFORE.search(s, max(0, start - 12), start)
    return (m.start(), _MONTHS.index(m.group(1).lower()[:3]) + 1) if m else None


def time_after(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    """A duration, a clock time or a date beginning at ``pos``."""
    for find in (_duration, _clock, _date):
        hit = find(s, pos, low, high, nums, k)
        if hit is not None:
            return hit
    return None


def _next(s: str, pos: int, nums: list[Numeral], k: int, gap: re.Pattern[str] | None = None) -> Optional[Numeral]:
    """The numeral ``nums[k]`` when it begins at ``pos`` (after an optional ``gap``)."""
    if k >= len(nums):
        return None
    if gap is not None:
        m = gap.match(s, pos)
        pos = m.end() if m else pos
    nxt = nums[k]
    return nxt if nxt.start == pos and nxt.low == nxt.high else None


def _duration(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    japanese = _HOURS_JA.match(s, pos)
    if japanese:
        extra = 30.0 if japanese.group(1) else 0.0
        return _more(s, japanese.end(), low * 60 + extra, high * 60 + extra, nums, k, ja=True)
    english = _HOURS_EN.match(s, pos)
    if english and not (english.group().strip().lower() == "h" and s[pos:pos + 1] != " "):
        return _more(s, english.end(), low * 60, high * 60, nums, k, ja=False)
    for pattern, scale in ((_MINUTES_JA, 1.0), (_SECONDS_JA, 1 / 60), (_MINUTES_EN, 1.0), (_SECONDS_EN, 1 / 60)):
        m = pattern.match(s, pos)
        if m:
            end, seconds, used = m.end(), 0.0, 0
            if scale == 1.0:
                end, seconds, used = _seconds(s, end, nums, k, ja=pattern is _MINUTES_JA)
            return Hit("duration", "min", end, low * scale + seconds, high * scale + seconds, used)
    return None


def _more(s: str, end: int, low: float, high: float, nums: list[Numeral], k: int, ja: bool) -> Hit:
    """After the hours: minutes (3時間45分, 3 hours 45 minutes), then seconds."""
    nxt = _next(s, end, nums, k, None if ja else _JOIN_EN)
    m = (_MINUTES_JA if ja else _MINUTES_EN).match(s, nxt.end) if nxt else None
    if nxt is None or m is None or nxt.low >= 60:
        return Hit("duration", "min", end, low, high)
    stop, seconds, used = _seconds(s, m.end(), nums, k + 1, ja)
    return Hit("duration", "min", stop, low + nxt.low + seconds, high + nxt.low + seconds, 1 + used)


def _seconds(s: str, end: int, nums: list[Numeral], k: int, ja: bool) -> tuple[int, float, int]:
    """Seconds written after minutes (5分30秒), as (end, minutes, numerals used)."""
    nxt = _next(s, end, nums, k, None if ja else _JOIN_EN)
    m = (_SECONDS_JA if ja else _SECONDS_EN).match(s, nxt.end) if nxt else None
    if nxt is None or m is None or nxt.low >= 60:
        return end, 0.0, 0
    return m.end(), nxt.low / 60, 1


def _clock(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    if low != high or not low.is_integer() or low > 24:
        return None
    m = _CLOCK_JA.match(s, pos)
    if m:
        if m.group(1):
            return Hit("clock", "", m.end(), low * 60 + 30, low * 60 + 30)
        nxt = _next(s, m.end(), nums, k)
        minutes = _MINUTES_JA.match(s, nxt.end) if nxt else None
        if nxt is not None and minutes and nxt.low < 60:
            return Hit("clock", "", minutes.end(), low * 60 + nxt.low, low * 60 + nxt.low, 1)
        return Hit("clock", "", m.end(), low * 60, low * 60)
    if s[pos:pos + 1] == ":":
        nxt = _next(s, pos + 1, nums, k)
        if nxt is None or nxt.end - nxt.start != 2 or nxt.low >= 60:
            return None
        value, end = low * 60 + nxt.low, nxt.end
        half = _CLOCK_EN.match(s, end)
        if half:
            value, end = _meridiem(value, half.group(1)), half.end()
        return Hit("clock", "", end, value, value, 1)
    half = _CLOCK_EN.match(s, pos)
    if half and 1 <= low <= 12:
        value = _meridiem(low * 60, half.group(1))
        return Hit("clock", "", half.end(), value, value)
    return None


def _meridiem(minutes: float, half: str) -> float:
    hours = minutes // 60 % 12
    return (hours + (12 if half.lower() == "p" else 0)) * 60 + minutes % 60


def _date(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    """4月1日, 1 April: a month and day (a month alone stays a plain number, as before)."""
    after = _MONTH_AFTER.match(s, pos)
    if after and low == high and 1 <= low <= 31:
        value = (_MONTHS.index(after.group(1).lower()[:3]) + 1) * 100 + low
        return Hit("date", "", after.end(), value, value)
    m = _MONTH.match(s, pos)
    if not m or low != high or not 1 <= low <= 12:
        return None
    nxt = _next(s, m.end(), nums, k)
    day = _DAY.match(s, nxt.end) if nxt else None
    if nxt is None or day is None or not 1 <= nxt.low <= 31:
        return None
    value = low * 100 + nxt.low
    return Hit("date", "", day.end(), value, value, 1)


def afternoon(s: str, start: int, value: float) -> tuple[int, float]:
    """Extend a Japanese clock time over 午前 or 午後 written before it (午後3時 = 15:00)."""
    before = s[max(0, start - 2):start]
    if before == "午後":
        return start - 2, value + 720 if value < 720 else value
    if before == "午前":
        return start - 2, value
    return start, value
