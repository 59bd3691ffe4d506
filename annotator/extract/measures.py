"""What a figure measures: the words around it, so that figures are paired by measure, not by value.

A figure's measure is read from its own clause (up to the nearest sentence or clause mark, at most
``WINDOW`` characters back): the nouns written before it (失業率は24%, unemployment rose to 2.4%),
the noun it counts after の / of (24%の有権者, 24% of voters), and the counted English noun
(2.4 million passengers). Nouns are runs of kanji or katakana (two characters or more) and
English content words; the figure grammar around numbers (約, 前年, 増加, rose, about …), the
units glued to other numbers (万人, ポイント), points in time (導入前, 開始後) and verbal nouns used
as verbs (利用した, 先行する) are not nouns.

The **head** is the noun nearest the figure (the counted noun after it when there is one). Two
measures are the same when their heads match (equal, or a Japanese compound ending in the other:
失業率 and 完全失業率, but not 不支持率 and 支持率)
and their other nouns do not disagree (either side has none, or they share one): 女性の割合 and
高齢者の割合 differ; 利用者数 and 東京の利用者数 agree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WINDOW = 24
_CLAUSE_MARKS = "。．.!?！？\n「」『』（）()、,;；:："
_DECIMAL = re.compile(r"(?<=\d)[.,](?=\d)")
_JA_RUN = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc々〆ヶ]{2,}")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
_JA_AFTER = re.compile(r"\s?(?:もの|の)([\u4e00-\u9fff\u30a1-\u30fa\u30fc々〆ヶ]{2,})")
_EN_AFTER = re.compile(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?([A-Za-z][A-Za-z-]{2,})")
_TIME_SUFFIXES = ("前", "後")
_VERBAL = re.compile(r"し[たてな]|する|され|せず")
_NEGATING = set("不非未無反")
_KANJI_DIGITS = set("〇一二三四五六七八九十百千万億兆数何")
_JA_GRAMMAR = frozenset(
    "およそ 前年 昨年 今年 去年 前年比 同年 同期 前回 今回 当時 現在 全体 合計 増加 減少 上昇 低下 下落 増大 縮小 "
    "以上 以下 未満 程度 前後 平均値 最大 最小 最高 最低 時点 推移 達成 記録 ポイント パーセント ドル 一方 約 "
    "年間 月間 週間 毎年 毎月 毎週 毎日 年額 月額 延べ 前年度 昨年度 今年度 同年度 過去 直近 最近".split())
_EN_GRAMMAR = frozenset(
    "the and about around roughly nearly almost some over under more less than from rose fell rise fall risen "
    "fallen grew grown increase increased decrease decreased dropped drop climbed reached was were are has had have "
    "been this that these those its their with into onto per cent percent percentage point points by to at of for "
    "just only another other which while when where who also still even each every all any most least half "
    "million billion thousand hundred trillion times".split())


@dataclass(frozen=True)
class Measure:
    """The head noun of a figure's measure and the other nouns of its clause."""

    head: str = ""
    others: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.head)


def measure_at(text: str, start: int, end: int, inside: str = "") -> Measure:
    """The measure of the figure at ``text[start:end]`` (``inside``: its own text, for counted nouns)."""
    before = _clause_before(text, start)
    nouns = _nouns(before)
    after = _JA_AFTER.match(text, end) or _EN_AFTER.match(text, end)
    counted = [w for w in _nouns(inside) if w.isascii()] if inside else []
    head = (after.group(1) if after else "") or (counted[-1] if counted else "")
    head = _plain(head) if head and _plain(head) else ""
    if not head and nouns:
        head, nouns = nouns[-1], nouns[:-1]
    return Measure(head, tuple(n for n in nouns if n != head))


def same_measure(a: Measure, b: Measure) -> bool:
    """Heads that match, and other nouns that do not disagree."""
    if not (a and b and _match(a.head, b.head)):
        return False
    if not a.others or not b.others:
        return True
    return any(_match(x, y) for x in a.others for y in b.others)


def different_measures(a: Measure, b: Measure) -> bool:
    """Both measures known, in one script, and not the same: the figures count different things."""
    if not (a and b) or a.head.isascii() != b.head.isascii():
        return False
    return not same_measure(a, b)


def _match(x: str, y: str) -> bool:
    """Equal nouns, or a Japanese compound ending in the other (完全失業率, 失業率) unless negated (不支持率)."""
    short, long = sorted((x, y), key=len)
    if short == long:
        return True
    return (not short.isascii() and len(short) >= 2 and long.endswith(short)
            and long[-len(short) - 1] not in _NEGATING)


def _clause_before(text: str, start: int) -> str:
    """The text before a figure back to the nearest clause mark, at most WINDOW characters."""
    lo = max(0, start - WINDOW)
    piece = _DECIMAL.sub("0", text[lo:start])  # 0.3 and 1,000 end no clause
    cut = max(piece.rfind(c) for c in _CLAUSE_MARKS)
    return piece[cut + 1:] if cut >= 0 else piece


def _nouns(piece: str) -> list[str]:
    """Kanji/katakana runs and English content words, in order, without figure grammar or units."""
    found: list[tuple[int, str]] = []
    for m in _JA_RUN.finditer(piece):
        if m.start() and piece[m.start() - 1].isdigit():
            continue  # a unit glued to a number: 万人, ポイント
        if _VERBAL.match(piece, m.end()):
            continue  # a verbal noun used as a verb (利用した職員): it says what was done, not what is counted
        word = _plain(m.group())
        if word:
            found.append((m.start(), word))
    for m in _EN_WORD.finditer(piece):
        word = _plain(m.group())
        if word:
            found.append((m.start(), word))
    return [w for _, w in sorted(found)]


def _plain(word: str) -> str:
    """A noun as compared (English lowercased, a plural s dropped), or "" for figure grammar."""
    if word.isascii():
        low = word.lower().strip("-")
        if low in _EN_GRAMMAR:
            return ""
        return low[:-1] if low.endswith("s") and not low.endswith("ss") and len(low) > 3 else low
    word = word.lstrip("".join(_KANJI_DIGITS)).strip("々")
    if word.endswith(_TIME_SUFFIXES):
        return ""  # 導入前の14時間, 開始後の3年: when the figure holds, not what it measures
    return "" if len(word) < 2 or word in _JA_GRAMMAR else word
