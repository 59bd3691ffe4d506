"""The words around a numeral that make it a quantity: units, currency signs, hedges and bounds.

All functions read width-folded text (annotator.numerals.fold_width) at a given offset.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from annotator.extract.numerals import WORD_VALUES, Numeral


@dataclass(frozen=True)
class Hit:
    """What follows a numeral: its kind and unit, where that ends, and the resulting value."""

    kind: str
    unit: str
    end: int
    low: float
    high: float
    used: int = 0  # further numerals consumed (the other term of a fraction)


CURRENCY_CODES = {"USD", "JPY", "EUR", "GBP", "CNY", "RMB", "US"}
_CURRENCY = {"$": "USD", "US$": "USD", "¥": "JPY", "€": "EUR", "£": "GBP", "RMB": "CNY",
             "ドル": "USD", "米ドル": "USD", "円": "JPY", "人民元": "CNY", "元": "CNY",
             "ユーロ": "EUR", "ポンド": "GBP", "dollar": "USD", "yen": "JPY", "euro": "EUR",
             "yuan": "CNY"}
_COUNTERS = {"か国": "か国", "カ国": "か国", "ヶ国": "か国", "ケ国": "か国", "ヵ国": "か国",
             "か月": "か月", "カ月": "か月", "ヶ月": "か月", "ケ月": "か月", "ヵ月": "か月",
             "箇月": "か月", "年間": "年間", "週間": "週間", "日間": "日間", "時間": "時間",
             "分間": "分間", "秒間": "秒間", "種類": "種類", "世帯": "世帯", "項目": "項目",
             "文字": "文字"}
_COUNTERS.update({c: c for c in "個人名件台社枚本回基頭匹冊機隻軒校店票語点例通発席つ歳年週戸棟駅"})
_EN_TIME = {"year": "年間", "month": "か月", "week": "週間", "day": "日間", "hour": "時間"}
_NOT_PLURAL = {"this", "thus", "less", "unless", "plus", "minus", "across", "versus", "whereas",
               "perhaps", "always", "sometimes", "was", "has", "does", "its", "his", "times"}
_DENOMINATORS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "hundredth": 100,
                 "thousandth": 1000}
_CONNECTIVES = {"of", "the", "as", "that", "less", "fewer", "cheaper", "lower", "smaller", "what"}

_MULTIPLE = re.compile(r"倍|\s+times(?![A-Za-z])(?!\s+(?:a|an|per|each|every)\b)"
                       r"|[xX×](?![A-Za-z0-9])(?!\s*\d)|-?fold(?![A-Za-z])", re.IGNORECASE)
_PERCENT = re.compile(r"\s?(?:%|パーセント)|\s+(?:percent|per\s?cent)(?![A-Za-z])", re.IGNORECASE)
_WARI = re.compile(r"割(?![合りに])")
_MONEY_JA = re.compile(r"米ドル|ドル|人民元|円|ユーロ|ポンド|元(?![論化的素号来年々首気])")
_MONEY_EN = re.compile(r"\s+(?:of\s+)?(?:US\s+)?(dollars?|USD|yen|JPY|euros?|EUR|yuan|RMB|CNY)"
                       r"(?![A-Za-z])", re.IGNORECASE)
_COUNTER = re.compile("|".join(sorted(_COUNTERS, key=len, reverse=True)))
_CALENDAR = re.compile(r"(月)(?!間)|(日)(?![間本中米])")
_MONO = re.compile(r"\s?もの")
_TIME_EN = re.compile(r"\s+(year|month|week|day|hour)s?(?![A-Za-z])", re.IGNORECASE)
_COUNT_EN = re.compile(r"\s+(?:of\s+)?(?:[A-Z][A-Za-z]*\s+)?([a-z][a-z-]{2,}s)(?![A-Za-z])")
_CURRENCY_BEFORE = re.compile(r"(US\$|\$|¥|€|£|(?<![A-Za-z])(?:USD|JPY|EUR|GBP|CNY|RMB)\s?)$")
_APPROX_BEFORE = re.compile(
    r"(?:約|およそ|凡そ|おおよそ|ほぼ|概ね|おおむね|大体|だいたい|推定|(?<![0-9])[~〜]"
    r"|(?<![A-Za-z])(?:about|around|roughly|approximately|approx\.|nearly|almost|some|circa"
    r"|ca\.|an estimated|estimated)\s+)\s*$", re.IGNORECASE)
_MIN_BEFORE = re.compile(r"(?:少なくとも|最低でも|最低|(?<![A-Za-z])(?:at least|more than|over|above"
                         r"|upwards of|in excess of|no less than)\s+)\s*$", re.IGNORECASE)
_MAX_BEFORE = re.compile(r"(?:最大|最高|(?<![A-Za-z])(?:at most|less than|fewer than|under|below"
                         r"|up to|no more than)\s+)\s*$", re.IGNORECASE)
_APPROX_AFTER = re.compile(r"程度|ほど|くらい|ぐらい|前後|近く|余り|あまり|ごろ|頃|強(?![いくめ化力大調])"
                           r"|弱(?![いくめ小点])|\s+or\s+so(?![A-Za-z])|-?ish(?![A-Za-z])")
_MIN_AFTER = re.compile(r"以上|超え?|超過|\s+or\s+more(?![A-Za-z])|\+")
_MAX_AFTER = re.compile(r"以下|未満|足らず|\s+or\s+(?:less|fewer)(?![A-Za-z])")
_DOWNWARD = re.compile(r"\s?も?(?:安|少な|低|小さ|減|下が|下回|短|遅|狭|軽)"
                       r"|\s+(?:cheaper|less|fewer|lower|smaller|slower|shorter)(?![A-Za-z])")
_WORD_FRACTION = re.compile(
    r"(?<![A-Za-z])(an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+(" +
    "|".join(_DENOMINATORS) + r")s?(?![A-Za-z])", re.IGNORECASE)
_TWICE = re.compile(r"(?<![A-Za-z])twice(?![A-Za-z])(?!\s+(?:a|an|per|each|every)\b)", re.IGNORECASE)
_NFOLD = re.compile(r"(?<![A-Za-z])(" + "|".join(WORD_VALUES) + r")-?fold(?![A-Za-z])", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_LEAD_IN = re.compile(r"(?<![A-Za-z])(?:about|around|roughly|nearly|almost|approximately|only|just|by|to"
                      r"|over|under)\s+$", re.IGNORECASE)


def unit_after(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Hit:
    """The unit at ``pos`` (after a numeral valued ``low``..``high``); kind "number" if none."""
    for find in (_ratio, _share, _money, _count):
        hit = find(s, pos, low, high, nums, k)
        if hit is not None:
            return hit
    return Hit("number", "", pos, low, high)


def _ratio(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    m = _MULTIPLE.match(s, pos)
    if m:
        return Hit("multiple", "", m.end(), low, high)
    nxt = nums[k] if k < len(nums) else None
    if nxt is None or low <= 0:
        return None
    if s.startswith("分の", pos) and nxt.start == pos + 2:  # N分のM = M/N
        return Hit("fraction", "", nxt.end, nxt.low / high, nxt.high / low, used=1)
    if _is_slash_fraction(s, pos, low, high, nxt):
        return Hit("fraction", "", nxt.end, low / nxt.high, high / nxt.low, used=1)
    return None


def _is_slash_fraction(s: str, pos: int, low: float, high: float, nxt: Numeral) -> bool:
    """1/10, 2/3: integers, numerator smaller, and not a date such as 1/10/2024 or 2024/1/10."""
    if s[pos:pos + 1] != "/" or nxt.start != pos + 1 or low != high or nxt.low != nxt.high:
        return False
    if not (low.is_integer() and nxt.low.is_integer() and low < nxt.low):
        return False
    before = s[max(0, pos - 12):pos]
    return not re.search(r"\d/\d+$", before) and not re.match(r"/\d", s[nxt.end:nxt.end + 2])


def _share(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    m = _PERCENT.match(s, pos)
    if m:
        return Hit("percent", "", m.end(), low, high)
    m = _WARI.match(s, pos)
    if m and high <= 10:
        return Hit("percent", "", m.end(), low * 10, high * 10)
    return None


def _money(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    m = _MONEY_JA.match(s, pos)
    if m:
        return Hit("money", _CURRENCY[m.group()], m.end(), low, high)
    m = _MONEY_EN.match(s, pos)
    if m:
        word = m.group(1).lower().rstrip("s")
        code = _CURRENCY.get(word, word.upper())
        return Hit("money", _CURRENCY.get(code, code), m.end(), low, high)
    return None


def _count(s: str, pos: int, low: float, high: float, nums: list[Numeral], k: int) -> Optional[Hit]:
    m = _COUNTER.match(s, pos)
    if m:
        return Hit("count", _COUNTERS[m.group()], m.end(), low, high)
    m = _CALENDAR.match(s, pos)
    if m and high <= (12 if m.group(1) else 31):
        return Hit("number", m.group(), m.end(), low, high)
    m = _MONO.match(s, pos) or _TIME_EN.match(s, pos)
    if m:
        unit = _EN_TIME[m.group(1).lower()] if m.re is _TIME_EN else ""
        return Hit("count", unit, m.end(), low, high)
    m = _COUNT_EN.match(s, pos)
    if m and m.group(1) not in _NOT_PLURAL:
        return Hit("count", "", m.end(), low, high)
    return None


def currency_before(s: str, start: int) -> Optional[tuple[int, str]]:
    """Where a currency sign or code written before ``start`` begins, and its ISO code."""
    m = _CURRENCY_BEFORE.search(s, max(0, start - 5), start)
    if not m:
        return None
    sign = m.group(1).strip()
    return m.start(), _CURRENCY.get(sign, sign)


def hedge_before(s: str, start: int) -> tuple[int, bool, str]:
    """Extend ``start`` over hedges and bounds written before a quantity (約, at least)."""
    approx, bound = False, ""
    for _ in range(2):
        window = max(0, start - 24)
        m = _APPROX_BEFORE.search(s, window, start)
        if m:
            start, approx = m.start(), True
            continue
        for pattern, kind in ((_MIN_BEFORE, "min"), (_MAX_BEFORE, "max")):
            m = pattern.search(s, window, start)
            if m and not bound:
                start, bound = m.start(), kind
    return start, approx, bound


def hedge_after(s: str, end: int) -> tuple[int, bool, str]:
    """Extend ``end`` over hedges and bounds written after a quantity (程度, 以上, or more)."""
    approx, bound = False, ""
    m = _APPROX_AFTER.match(s, end)
    if m:
        end, approx = m.end(), True
    for pattern, kind in ((_MIN_AFTER, "min"), (_MAX_AFTER, "max")):
        m = pattern.match(s, end)
        if m and not bound:
            end, bound = m.end(), kind
    return end, approx, bound


def is_downward(s: str, end: int) -> bool:
    """True when a multiple is stated downward: 3倍安い, 2-3倍少ない, 10 times cheaper."""
    return bool(_DOWNWARD.match(s, end))


def english_specials(s: str) -> Iterator[tuple[str, float, float, str, int, int]]:
    """Word fractions (one tenth, a third of), twice, and tenfold, as (kind, low, high, unit, start, end)."""
    for m in _WORD_FRACTION.finditer(s):
        head = m.group(1).lower()
        nxt = _NEXT_WORD.match(s, m.end())
        word = nxt.group(1) if nxt else ""
        lead = head not in ("a", "an") or bool(_LEAD_IN.search(s, max(0, m.start() - 16), m.start()))
        if word.lower() in _CONNECTIVES or (lead and not word[:1].islower()):
            top = 1.0 if head in ("a", "an") else WORD_VALUES[head]
            value = top / _DENOMINATORS[m.group(2).lower().rstrip("s")]
            yield "fraction", value, value, "", m.start(), m.end()
    for m in _TWICE.finditer(s):
        yield "multiple", 2.0, 2.0, "", m.start(), m.end()
    for m in _NFOLD.finditer(s):
        v = WORD_VALUES[m.group(1).lower()]
        yield "multiple", v, v, "", m.start(), m.end()
