"""Figures of a claim checked against its source: does the claim contradict a number?

Extraction lives in annotator.quantities (re-exported here); this module compares. The caller
passes the quantities of one claim and of the source passage it is linked to (a sentence or a
paragraph, not a whole essay: the wider the passage, the more values a claim can agree with).

Rules, chosen so that a faithful claim is never flagged (a miss is better than a false alarm):

1. Plain numbers (出生率は1.8), years, dates and clock times are compared only with a source
   figure of the same kind and the same measure (see 4): a year the source lacks is usually added context, and a
   differing year may be another event. Bounded claims (10倍以上, at least $5 billion) are not
   compared; a bounded source value counts as an open range when checking agreement.
2. Agreement: two values agree when their ranges overlap after widening each by 3 % (15 % when
   hedged or vague: 約, about, 数千万). Ratios and percentages also allow the rounding of either
   side as written: 2倍 agrees with 1.68倍, 17% with 16.6%. Equal values in other forms agree:
   5万個 = 50,000, 1億2000万ドル = $120 million, 10分の1 = 1/10 = one tenth, 2~3倍 ∋ 3倍.
3. Ratios (multiples and fractions) are always comparable with each other. Each is read as a
   magnitude (≥ 1) and a direction: 10倍 is ×10 up, 10分の1 and 10倍安い are ×10 down. Two
   multiples compare magnitudes only (3倍安い and 3倍 agree: wording varies). A fraction must
   also match the direction. When no source ratio agrees, the claim is flagged "inverted" if a
   source ratio has the same magnitude in the other direction (約10倍 vs 約10分の1), else
   "value" against the nearest source ratio (2~3倍 vs 10倍).
4. Percentages, percentage points, money, counts and durations agree with any source value of the
   same kind (money: the same currency or a bare number such as "120 million"; counts: any counter
   or a bare number). Only when none agrees is the claim compared further. First, by measure
   (annotator.extract.measures: the noun of the figure's clause): a source figure of the same kind
   and unit and the same measure is the one it restates, so the claim is flagged "value" whatever
   the ratio (失業率は24% against 失業率は2.4%). A month of a year, a date or a clock time is
   also compared with the one such figure of the sentence it was taken from (``taken_from``, in any
   language), and so is a year when the claim holds only one; a year or a month says when, so the
   words around it do not keep it apart. A count with a counter (460万人) meets an English count
   without one (2.3 million visits) there too, within FACTOR, when the claim holds one count. Otherwise the nearest source value of the same kind
   and unit, leaving out figures of a known other measure (会員 against 職員), is flagged "value"
   only within FACTOR[kind] (percent and points ×3, durations ×3, money and counts ×10): farther
   values are taken to measure something else — unless ``taken_from`` says the claim was taken
   from this very source sentence and the sentence holds just one value of that kind and unit
   (約50% against the sentence's only 15%).
5. Tolerances: written durations agree within 0.5 % (3時間45分 and 3時間54分 differ), hedged ones
   within 25 % (約1時間 and 50分); years, months and dates only when equal (2025年 agrees with 2025年4月) (a hedged year ±1: 2019年頃);
   clock times when equal, or within 15 % when hedged (9時ごろ).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Optional

from annotator.extract.measures import different_measures, same_measure
from annotator.extract.quantities import KINDS, Quantity, extract_quantities

TOLERANCE = 0.03
APPROX_TOLERANCE = 0.15
DURATION_TOLERANCE = 0.005
APPROX_DURATION_TOLERANCE = 0.25
APPROX_YEAR_TOLERANCE = 0.0006  # about one year either side of 2000
FACTOR = {"percent": 3.0, "points": 3.0, "money": 10.0, "count": 10.0, "duration": 3.0}
MEASURED_ONLY = ("year", "month", "date", "clock")  # compared only with a source figure of the same measure
EXACT_KINDS = MEASURED_ONLY  # a year, a month, a date or a clock time agrees only with itself
TAKEN_ONLY = ("month", "date", "clock")  # also against the one such figure of the sentence a claim was taken from
ONE_TO_ONE = ("year",)  # likewise, but only when the claim holds just one figure of that kind
CALENDAR = ("year", "month")  # when something happened: the words around it name the event, not a measure
RATIO_KINDS = ("multiple", "fraction")

Span = tuple[float, float]


@dataclass(frozen=True)
class Mismatch:
    """A claim figure that contradicts a source figure."""

    claim: Quantity
    source: Quantity
    reason: str  # inverted | value
    detail: str  # plain words: what was compared


def compare_quantities(claim: list[Quantity], source: list[Quantity], taken_from: bool = False) -> list[Mismatch]:
    """The claim's figures that the source's figures contradict (see the module rules)."""
    out: list[Mismatch] = []
    source = source + [_year_of(s) for s in source if s.kind == "month"]  # 2025年 agrees with 2025年4月
    for q in claim:
        if q.bound or q.low <= 0:
            continue
        alone = sum(1 for c in claim if c.kind == q.kind) == 1
        if q.kind in RATIO_KINDS:
            found = _check_ratio(q, source)
        elif q.kind in FACTOR or q.kind in MEASURED_ONLY or (q.kind == "number" and not q.unit):
            found = _check_amount(q, source, taken_from and (alone or q.kind not in ONE_TO_ONE), alone)
        else:
            found = None
        if found is not None:
            out.append(found)
    return out


def stated(q: Quantity, source: list[Quantity]) -> bool:
    """Whether some source figure states the claim's figure (written any way: 460万 = 4.6 million)."""
    source = source + [_year_of(s) for s in source if s.kind == "month"]
    if q.kind in RATIO_KINDS:
        span = _magnitude(q)[0]
        return any(_agree(span, q, _magnitude(s)[0], s, rounding=True) for s in source if s.kind in RATIO_KINDS and s.low > 0)
    rounding = q.kind in ("percent", "points")
    return any(_comparable(q, s) and _agree(_span(q), q, _span(s), s, rounding) for s in source)


def lone_mismatch(q: Quantity, source: list[Quantity]) -> Optional[Mismatch]:
    """The one figure of the claim's kind and unit among ``source``, when it is within FACTOR and disagrees.

    For a figure a text attributes to its source and the source states nowhere: whatever the words
    around them, the one comparable figure of the passage it was taken from is the one it restates.
    """
    if q.kind not in FACTOR or q.bound or stated(q, source):
        return None
    pool = [s for s in source if s.kind == q.kind and s.unit == q.unit and not s.bound and s.low > 0]
    if len(pool) != 1 or _distance(_span(q), _span(pool[0])) > math.log(FACTOR[q.kind]) + 1e-9:
        return None
    return _mismatch(q, pool[0], "value")


def compare_texts(claim_text: str, source_text: str) -> list[Mismatch]:
    """Extract the figures of both texts and compare them."""
    return compare_quantities(extract_quantities(claim_text), extract_quantities(source_text))


def _check_ratio(q: Quantity, source: list[Quantity]) -> Optional[Mismatch]:
    pool = [s for s in source if s.kind in RATIO_KINDS and s.low > 0]
    if not pool:
        return None
    span, up = _magnitude(q)
    inverted: Optional[Quantity] = None
    for s in pool:
        s_span, s_up = _magnitude(s)
        if not _agree(span, q, s_span, s, rounding=True):
            continue
        if (q.kind == s.kind == "multiple") or up == s_up:
            return None
        inverted = inverted or s
    if inverted is not None:
        return _mismatch(q, inverted, "inverted")
    candidates = [s for s in pool if not s.bound]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda s: _distance(span, _magnitude(s)[0]))
    return _mismatch(q, nearest, "value")


def _check_amount(q: Quantity, source: list[Quantity], taken_from: bool = False,
                  alone: bool = False) -> Optional[Mismatch]:
    rounding = q.kind in ("percent", "points")
    for s in source:
        if _comparable(q, s) and _agree(_span(q), q, _span(s), s, rounding):
            return None
    strict = [s for s in source if s.kind == q.kind and not s.bound and s.low > 0 and _same_unit(q, s, taken_from and alone)]
    same = [s for s in strict if same_measure(q.measure, s.measure)]
    if same:  # the same thing counted, another value: a slip or a change, whatever the ratio
        return _mismatch(q, min(same, key=lambda s: _distance(_span(q), _span(s))), "value")
    if q.kind in CALENDAR and taken_from and len(strict) == 1:
        return _mismatch(q, strict[0], "value")  # a year says when, not what: the one of the sentence it came from
    strict = [s for s in strict if not different_measures(q.measure, s.measure)]
    if q.kind in TAKEN_ONLY + ONE_TO_ONE and taken_from and len(strict) == 1:
        return _mismatch(q, strict[0], "value")  # the one date or time of the sentence it came from
    if q.kind not in FACTOR or not strict:  # years, plain numbers: only their own measure
        return None
    nearest = min(strict, key=lambda s: _distance(_span(q), _span(s)))
    if taken_from and len(strict) == 1:
        return _mismatch(q, nearest, "value")  # the one value of its kind in the sentence it came from
    if _distance(_span(q), _span(nearest)) > math.log(FACTOR[q.kind]) + 1e-9:
        return None
    return _mismatch(q, nearest, "value")


def _same_unit(q: Quantity, s: Quantity, taken_from: bool) -> bool:
    """Units that count alike; a count with a counter (460万人) and one without (2.3 million visits)
    only in the sentence the claim was taken from, the claim holding no other count, and within
    FACTOR: no other count can be meant."""
    if q.unit == s.unit:
        return True
    loose = taken_from and q.kind == "count" and not (q.unit and s.unit)
    return loose and _distance(_span(q), _span(s)) <= math.log(FACTOR["count"]) + 1e-9


def _year_of(q: Quantity) -> Quantity:
    """A month of a year (2025年4月) read as its year, for claims that name the year alone."""
    return replace(q, kind="year", low=float(int(q.low) // 100), high=float(int(q.high) // 100))


def _comparable(q: Quantity, s: Quantity) -> bool:
    """Whether a source figure can agree with the claim's: the same kind (money: currency; counts: any counter)."""
    if q.kind == "money":
        return (s.kind == "money" and s.unit == q.unit) or s.kind == "number"
    if q.kind == "count":
        return s.kind in ("count", "number")
    return s.kind == q.kind and s.unit == q.unit


def _span(q: Quantity) -> Span:
    """The value range, open on one side for a bound (以上 → up to infinity)."""
    low = 0.0 if q.bound == "max" else q.low
    high = math.inf if q.bound == "min" else q.high
    return low, high


def _magnitude(q: Quantity) -> tuple[Span, bool]:
    """A ratio as a magnitude ≥ 1 and whether it points up (10倍) or down (10分の1, 10倍安い)."""
    low, high = _span(q)
    if q.kind == "multiple" and q.inverse:
        low, high = _inv(high), _inv(low)
    if high <= 1:
        return (_inv(high), _inv(low)), False
    return (low, high), True


def _inv(x: float) -> float:
    return math.inf if x == 0 else 1 / x


def _agree(a: Span, qa: Quantity, b: Span, qb: Quantity, rounding: bool) -> bool:
    """Overlap after tolerance; with ``rounding``, either side may also be rounded as written."""
    ra, rb = _tolerance(qa), _tolerance(qb)
    if _overlap(_widen(a, ra, 0.0), _widen(b, rb, 0.0)):
        return True
    if not rounding:
        return False
    return (_overlap(_widen(a, ra, _half_step(a)), _widen(b, rb, 0.0))
            or _overlap(_widen(a, ra, 0.0), _widen(b, rb, _half_step(b))))


def _tolerance(q: Quantity) -> float:
    if q.kind == "duration":  # 3時間45分 and 3時間54分 differ by 4 %; 約1時間 may stand for 50分
        return APPROX_DURATION_TOLERANCE if q.approx else DURATION_TOLERANCE
    if q.kind in EXACT_KINDS:
        if not q.approx:
            return 0.0
        return APPROX_TOLERANCE if q.kind == "clock" else APPROX_YEAR_TOLERANCE  # 9時ごろ; 2019年頃 ±1
    return APPROX_TOLERANCE if q.approx else TOLERANCE


def _half_step(span: Span) -> float:
    """Half the last written digit: 0.5 for 2, 0.005 for 1.68."""
    decimals = 0
    for v in span:
        if math.isfinite(v):
            text = f"{v:.6g}"
            decimals = max(decimals, len(text.split(".")[1]) if "." in text and "e" not in text else 0)
    return 0.5 * 10 ** -decimals


def _widen(span: Span, rel: float, step: float) -> Span:
    return span[0] * (1 - rel) - step, span[1] * (1 + rel) + step


def _overlap(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _distance(a: Span, b: Span) -> float:
    """How many e-folds apart two positive ranges are; 0 when they overlap."""
    if _overlap(a, b):
        return 0.0
    if a[1] < b[0]:
        return math.log(b[0] / a[1])
    return math.log(a[0] / b[1])


def _mismatch(q: Quantity, s: Quantity, reason: str) -> Mismatch:
    why = "the ratio is inverted" if reason == "inverted" else "the values disagree"
    detail = f"claim says {q.text} ({describe(q)}); source says {s.text} ({describe(s)}): {why}"
    return Mismatch(q, s, reason, detail)


def describe(q: Quantity) -> str:
    """A quantity's normalised value in plain form: ×10, ÷3.5, 20%, 6,000,000 USD."""
    value = _number(q.low) if q.low == q.high else f"{_number(q.low)}–{_number(q.high)}"
    if q.kind == "multiple":
        text = ("÷" if q.inverse else "×") + value
    elif q.kind == "fraction":
        text = "×" + value
    elif q.kind == "percent":
        text = value + "%"
    elif q.kind == "points":
        text = value + " pt"
    elif q.kind in ("duration", "clock", "date", "month"):
        text = _time_text(q)
    else:
        text = f"{value} {q.unit}".strip()
    suffix = {"min": " or more", "max": " or less"}.get(q.bound, "")
    return text + suffix


def _time_text(q: Quantity) -> str:
    """A duration as 3 h 45 min, a clock time as 09:30, a date as month/day."""
    def one(v: float) -> str:
        if q.kind == "date":
            return f"{int(v) // 100}/{int(v) % 100}"
        if q.kind == "month":
            return f"{int(v) // 100}-{int(v) % 100:02d}"
        if q.kind == "clock":
            return f"{int(v) // 60:02d}:{int(v) % 60:02d}"
        hours, minutes = divmod(v, 60)
        parts = ([f"{int(hours)} h"] if hours else []) + ([f"{_number(round(minutes, 2))} min"] if minutes else [])
        return " ".join(parts) or "0 min"
    return one(q.low) if q.low == q.high else f"{one(q.low)}–{one(q.high)}"


def _number(x: float) -> str:
    if x.is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:.4g}"


__all__ = ["KINDS", "Quantity", "Mismatch", "extract_quantities", "compare_quantities",
           "compare_texts", "stated", "lone_mismatch", "describe", "FACTOR", "TOLERANCE", "APPROX_TOLERANCE"]
