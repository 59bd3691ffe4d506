"""Pure-Python text segmentation: sentence spans and bounded chunks for the tagger.

Nothing here imports spaCy or fugashi, so the structure stage can use it cheaply.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

# Matched pairs protect their content from Japanese sentence splits.
_PAIRS = {"「": "」", "『": "』", "【": "】", "（": "）", "(": ")", "［": "］",
          "[": "]", "〔": "〕", "《": "》", "〈": "〉", "“": "”", "｛": "｝"}
_CLOSERS = "".join(_PAIRS.values()) + "’'\""
_BRACKET = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + "]")
# A run of enders plus any closing quotes/brackets right after it ends a sentence.
_JA_END = re.compile("[。！？!?][。！？!?]*[" + re.escape(_CLOSERS) + "]*")  # a class first: `re` skips to it
_LINE_BREAK = re.compile(r"\r\n?|[\n\x85\u2028\u2029]")
_RARE_BREAKS = re.compile(r"[\r\x85\u2028\u2029]")
_EN_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[0-9A-Z])""")
_EN_ABBREV = frozenset(
    "mr mrs ms dr prof sr jr st vs no fig al e.g i.e u.s u.k u.n inc ltd co corp gen "
    "sen rep gov lt col capt sgt mt jan feb mar apr jun jul aug sep sept oct nov dec".split())
_EN_WORD_BEFORE = re.compile(r"([\w.]+)\.?$")

CHUNK_CHARS = 100_000  # at most ~400 KB of UTF-8; one fugashi call on ~2.8 MB crashes
_SAFE_CUTS = ("。", "！", "？", "!", "?", "、", "，", ",", ".", " ", "\u3000", "\t")


def line_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every line, without its line break; a final empty line is dropped."""
    spans = []
    start = 0
    if _RARE_BREAKS.search(text) is None:  # only \n: find() is much faster than the regex
        end = text.find("\n")
        while end >= 0:
            spans.append((start, end))
            start = end + 1
            end = text.find("\n", start)
    else:
        for m in _LINE_BREAK.finditer(text):
            spans.append((start, m.start()))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Return sentence (start, end) offsets: no surrounding whitespace, never empty."""
    cutter = _CUTTERS.get(lang)
    if cutter is None:
        raise ValueError(f"unsupported language {lang!r}: expected one of {sorted(_CUTTERS)}")
    spans: list[tuple[int, int]] = []
    for start, end in line_spans(text):
        prev = start
        for cut in cutter(text, start, end):
            _append_stripped(text, prev, cut, spans)
            prev = cut
        _append_stripped(text, prev, end, spans)
    return spans


def _append_stripped(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Append text[start:end] with surrounding whitespace removed, unless nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _protected(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Return the outermost bracket pairs matched within text[start:end] as (opens, closes)."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for m in _BRACKET.finditer(text, start, end):
        char, pos = m.group(), m.start()
        if char in _PAIRS:
            stack.append((char, pos))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if _PAIRS[stack[depth][0]] == char:
                pairs.append((stack[depth][1], pos))
                del stack[depth:]  # openers above it stay unmatched
                break
    opens: list[int] = []
    closes: list[int] = []
    for open_, close in sorted(pairs):
        if closes and open_ < closes[-1]:
            continue  # nested inside an outer pair already recorded
        opens.append(open_)
        closes.append(close)
    return opens, closes


def _ja_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets after Japanese sentence enders outside matched brackets, within one line."""
    ends = [m.span() for m in _JA_END.finditer(text, start, end)]
    if ends and (ends[-1][1] == end or text[ends[-1][1]:end].isspace()):
        ends.pop()  # the line ends there anyway
    if not ends:
        return []
    opens, closes = _protected(text, start, end)
    cuts = []
    for first, stop in ends:
        k = bisect_right(opens, first) - 1
        if k < 0 or first > closes[k]:
            cuts.append(stop)
    return cuts


def _en_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets after English sentence enders followed by a likely sentence start."""
    cuts = []
    for m in _EN_END.finditer(text, start, end):
        if text[m.start()] == "." and _is_abbreviation(text, start, m.start()):
            continue
        cuts.append(m.end())
    return cuts


def _is_abbreviation(text: str, line_start: int, dot: int) -> bool:
    """True when the word before the period at ``dot`` is a known abbreviation or an initial."""
    word = _EN_WORD_BEFORE.search(text, max(line_start, dot - 12), dot)
    if word is None:
        return False
    token = word.group(1).lower()
    return token in _EN_ABBREV or (len(token) == 1 and token.isalpha())


_CUTTERS = {"ja": _ja_cuts, "en": _en_cuts}


def chunk_spans(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split text into consecutive (start, end) pieces: one per line, long lines cut at safe points."""
    spans = []
    start = 0
    while start < len(text):
        newline = text.find("\n", start)
        line_end = len(text) if newline < 0 else newline + 1
        while line_end - start > limit:
            cut = _safe_cut(text, start, start + limit)
            spans.append((start, cut))
            start = cut
        spans.append((start, line_end))
        start = line_end
    return spans


def _safe_cut(text: str, start: int, hard: int) -> int:
    """Choose a cut in (start, hard]: after punctuation or space, else not before a combining mark."""
    low = start + max(1, (hard - start) // 2)
    best = max(text.rfind(c, low, hard) for c in _SAFE_CUTS)
    if best >= 0:
        return best + 1
    cut = hard
    while cut > low and _joins_previous(text[cut]):
        cut -= 1
    return cut


def _joins_previous(char: str) -> bool:
    """True for marks, joiners and selectors that must stay with the preceding character."""
    return unicodedata.category(char) in ("Mn", "Me", "Mc", "Cf", "Sk")
