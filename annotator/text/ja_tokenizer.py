"""A spaCy tokenizer for Japanese built on fugashi + unidic-lite; the only module importing fugashi.

fugashi runs one line (or bounded chunk) at a time and prints ``surface<TAB>feature`` per
token. Each distinct line is parsed once into a row of a table (surface, orth hash, Morph,
POS/tag/lemma hashes). The surfaces are re-aligned to the input so ``doc.text == text``
always, each whitespace run becoming one token (pos SPACE, tag 空白). The Doc is built from
orth ids and spaces, then POS, tag, lemma and sentence starts are set by one
``Doc.from_array`` call: spaCy's ``Doc(words=, lemmas=, pos=, tags=, sent_starts=)`` sets
annotations one numpy element at a time and was the slowest step (see benchmarks/tokenize.py).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Any, NamedTuple, Optional

import numpy
from spacy.attrs import IDX, LEMMA, POS, SENT_START, TAG
from spacy.lang.ja.tag_bigram_map import TAG_BIGRAM_MAP
from spacy.lang.ja.tag_map import TAG_MAP
from spacy.lang.ja.tag_orth_map import TAG_ORTH_MAP
from spacy.strings import StringStore
from spacy.symbols import ADJ, NOUN, PUNCT, SPACE, VERB, X
from spacy.tokens import Doc
from spacy.util import DummyTokenizer
from spacy.vocab import Vocab

from .sentences import chunk_spans, sentence_spans

USER_KEY = "annotator.unidic"  # doc.user_data[USER_KEY][token.i] is the token's Morph
_POS, _TAG, _LEMMA, _CODE, _ORTH, _LENGTH = range(6)  # columns of _Table.array()
_NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it: "not a sentence start"
_GLOSS_NOTE = re.compile(r"[（(][^）)]*[）)]")  # light（光） → light
_LATIN = re.compile(r"[A-Za-z]")
_GAP = re.compile(r"[\s\x00]+")  # whitespace runs, and NULs (MeCab stops reading at NUL)
_TOKEN_SPACE = re.compile(r"[^\S\t\n\x0b ]")  # whitespace MeCab returns as a token, not skips
_POS1_FALLBACK = {"名詞": NOUN, "動詞": VERB, "形容詞": ADJ, "補助記号": PUNCT}


class Morph(NamedTuple):
    """UniDic analysis shared by all tokens with the same feature string."""

    tag: str
    lemma: Optional[str]  # gloss stripped; None when UniDic has none (the surface is used)
    gloss: Optional[str]
    reading: Optional[str]
    conj_form: Optional[str]
    goshu: Optional[str]


class AlignmentError(ValueError):
    """fugashi's tokens could not be mapped back onto the input text (a bug, not bad input)."""


class FugashiTokenizer(DummyTokenizer):
    """Callable text → Doc, registered in spacy.registry.tokenizers by annotator.nlp."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.table = _Table(vocab.strings)

    def __reduce__(self) -> tuple[Any, ...]:
        return FugashiTokenizer, (self.vocab,)

    def __call__(self, text: str) -> Doc:
        table = self.table
        ids, spaces = _align(text, _tag_rows(text, table), table)
        # Columns are gathered one at a time, each as the Doc needs it: a whole-row gather
        # writes 48 bytes of fresh memory a token, which costs ~5% on a 10 MB text.
        rows = table.array()
        doc = Doc(self.vocab, words=rows[:, _ORTH][ids].tolist(), spaces=spaces,
                  user_data={USER_KEY: table.morph_array()[ids].tolist()})
        if len(ids):
            doc.from_array([POS, TAG, LEMMA, SENT_START], _annotations(doc, text, ids, rows, table))
        return doc


def _annotations(doc: Doc, text: str, ids: Any, rows: Any, table: _Table) -> Any:
    """The (n, 4) uint64 array of POS, TAG, LEMMA and SENT_START for the Doc."""
    out = numpy.empty((len(ids), 4), dtype=numpy.uint64, order="F")  # from_array transposes
    out[:, 0] = _resolve_pos(rows[:, _POS][ids], rows[:, _CODE][ids], ids, table)
    numpy.take(rows[:, _TAG], ids, out=out[:, 1])
    numpy.take(rows[:, _LEMMA], ids, out=out[:, 2])
    out[:, 3] = _NOT_START
    out[0, 3] = 1
    # [1:]: whitespace before the first sentence belongs to it
    starts = [start for start, _ in sentence_spans(text, "ja")[1:]]
    out[numpy.searchsorted(doc.to_array(IDX), starts, side="right") - 1, 3] = 1
    return out


@lru_cache(maxsize=1)
def _tagger() -> Any:
    """One fugashi tagger on unidic-lite, printing 'surface<TAB>feature' per token."""
    try:
        import fugashi
        import unidic_lite
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("Japanese analysis needs fugashi and unidic-lite: "
                          "pip install fugashi unidic-lite") from err
    dicdir = unidic_lite.DICDIR
    # MeCab's built-in writer (-O ""), 'surface<TAB>feature' lines and a last 'EOS' line, is
    # ~10% faster than the same lines asked for by format (-F "%m\\t%H\\n").
    return fugashi.GenericTagger(f'-r "{dicdir}/mecabrc" -d "{dicdir}" -O ""')


def _tag_rows(text: str, table: _Table) -> list[int]:
    """Run fugashi one line (or bounded chunk) at a time; return the table row of every token.

    Each chunk's output is mapped to rows at once, so the tagger's text never piles up: on a
    10 MB text the joined output would be ~600 MB of short-lived strings."""
    parse = _tagger().parse
    row_of = table.ids.__getitem__  # an unseen tagger line is added by _Rows.__missing__
    rows: list[int] = []
    for start, end in chunk_spans(text):
        chunk = text[start:end]
        # MeCab stops reading at NUL: tag around it, alignment keeps the NUL as a token.
        for piece in chunk.split("\x00") if "\x00" in chunk else (chunk,):
            if piece and not piece.isspace():
                lines = parse(piece).split("\n")
                lines.pop()  # 'EOS'
                rows.extend(map(row_of, lines))
    return rows


def _align(text: str, rows: list[int], table: _Table) -> tuple[Any, list[bool]]:
    """Map token rows onto text: row ids (gaps inserted as tokens) and trailing-space flags."""
    if _TOKEN_SPACE.search(text):  # U+3000, NBSP, \r ...: fold them into whitespace runs
        rows = [row for row in rows if row not in table.space_rows]
    ids = numpy.fromiter(rows, dtype=numpy.intp, count=len(rows))
    spans = numpy.array([m.span() for m in _GAP.finditer(text)], dtype=numpy.int64).reshape(-1, 2)
    widths = spans[:, 1] - spans[:, 0]
    ends = numpy.concatenate(([0], numpy.cumsum(table.array()[ids, _LENGTH].astype(numpy.int64))))
    at = spans[:, 0] - (numpy.cumsum(widths) - widths)  # gap offsets in the text without gaps
    upto = numpy.searchsorted(ends[1:], at, side="right")  # tokens before each gap
    # MeCab surfaces are slices of its input, so lengths that add up at every gap and at the
    # end mean the tokens tile the text exactly.
    if ends[-1] != len(text) - widths.sum() or not numpy.array_equal(ends[upto], at):
        return _align_slow(text, rows, table)
    insert_at, gap_rows, space_after = [], [], []
    for (start, end), before in zip(spans.tolist(), upto.tolist()):
        gap = text[start:end]
        if gap == " " and before:
            space_after.append(before - 1)
        else:
            insert_at.append(before)
            gap_rows.append(table.gap(gap))
    ids = numpy.insert(ids, insert_at, gap_rows)
    spaces = numpy.zeros(len(ids), dtype=bool)
    if space_after:
        after = numpy.array(space_after)
        spaces[after + numpy.searchsorted(insert_at, after, side="right")] = True
    return ids, spaces.tolist()


def _add_gap(gap: str, rows: list[int], spaces: list[bool], table: _Table) -> None:
    """Append a whitespace run as a token, or as the trailing space of the word before it."""
    if gap == " " and rows:
        spaces[-1] = True
    else:
        rows.append(table.gap(gap))
        spaces.append(False)


def _align_slow(text: str, rows: list[int], table: _Table) -> tuple[Any, list[bool]]:
    """Align token by token, searching each surface after the previous one."""
    out: list[int] = []
    spaces: list[bool] = []
    pos = 0
    for row in rows:
        surface = table.surfaces[row]
        end = text.find(surface, pos)
        if end < 0 or (end > pos and not _GAP.fullmatch(text, pos, end)):
            words = [table.surfaces[r] for r in rows[:200]]
            raise AlignmentError(f"cannot align fugashi tokens with the text near offset {pos}: "
                                 f"text={text[max(0, pos - 40):pos + 80]!r}, words={words!r}")
        if end > pos:
            _add_gap(text[pos:end], out, spaces, table)
        out.append(row)
        spaces.append(False)
        pos = end + len(surface)
    if pos < len(text):
        _add_gap(text[pos:], out, spaces, table)
    return numpy.array(out, dtype=numpy.intp), spaces


class _Rows(dict):  # type: ignore[type-arg]
    """Tagger line (or NUL-prefixed gap) → row id; an unseen tagger line is parsed on lookup."""

    def __init__(self, table: _Table) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, line: str) -> int:
        return self.table.add(line)


class _Table:
    """Tagger line or gap → row: surface, orth hash, Morph, and POS/tag/lemma/code for numpy."""

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.ids = _Rows(self)
        self.surfaces: list[str] = []
        self.morphs: list[Morph] = []
        self.columns: list[tuple[int, ...]] = []  # POS, TAG, LEMMA, CODE, ORTH, LENGTH
        self.space_rows: set[int] = set()  # whitespace surfaces, folded into gap tokens
        self.fixed: set[int] = set()  # rows whose POS the orth decided: no bigram rule
        # Tags in a bigram rule get codes 1..~20 (others 0), so a pair fits in 256 * code + code.
        tags = sorted({tag for pair in TAG_BIGRAM_MAP for tag in pair})
        self.codes = {tag: i + 1 for i, tag in enumerate(tags)}
        self.rules = {self.codes[a] * 256 + self.codes[b]: r for (a, b), r in TAG_BIGRAM_MAP.items()}
        self.has_rule = numpy.zeros(256 * 256, dtype=bool)
        self.has_rule[list(self.rules)] = True
        self._array = numpy.zeros((0, 6), dtype=numpy.uint64)
        self._morphs = numpy.empty(0, dtype=object)

    def add(self, line: str) -> int:
        """Parse a 'surface<TAB>feature' line into a new row and return its id."""
        surface, _, feature = line.partition("\t")
        fields = next(csv.reader([feature])) if '"' in feature else feature.split(",")
        fields += [""] * (18 - len(fields))
        tag = "-".join(f for f in fields[:4] if f != "*")
        lemma, gloss = _split_gloss(fields[7] or None)
        morph = Morph(tag, lemma, gloss, fields[17] or None,
                      None if fields[5] in ("*", "") else fields[5], fields[12] or None)
        orth_pos = TAG_ORTH_MAP.get(tag, {}).get(fields[8])
        pos = orth_pos or TAG_MAP.get(tag, {}).get(POS) or _POS1_FALLBACK.get(fields[0], X)
        row = self._put(line, surface, morph, pos)
        if orth_pos is not None:
            self.fixed.add(row)
        if surface.isspace():
            self.space_rows.add(row)
        return row

    def gap(self, gap: str) -> int:
        """The row of a gap token: a whitespace run (SPACE) or NULs MeCab cannot read (X)."""
        key = "\x00" + gap  # no tagger line starts with NUL
        row = self.ids.get(key)
        if row is None:
            space = gap.isspace()
            row = self._put(key, gap, Morph("空白" if space else "", *(None,) * 5),
                            SPACE if space else X)
        return row

    def _put(self, key: str, surface: str, morph: Morph, pos: int) -> int:
        orth = self.strings.add(surface)
        lemma = self.strings.add(morph.lemma) if morph.lemma else orth
        tag = self.strings.add(morph.tag)
        self.columns.append((pos, tag, lemma, self.codes.get(morph.tag, 0), orth, len(surface)))
        self.surfaces.append(surface)
        self.morphs.append(morph)
        self.ids[key] = len(self.morphs) - 1
        return self.ids[key]

    def array(self) -> Any:
        """The columns as a uint64 array, extended when rows were added."""
        if len(self._array) != len(self.columns):
            new = numpy.array(self.columns[len(self._array):], dtype=numpy.uint64)
            self._array = numpy.concatenate((self._array, new))
        return self._array

    def morph_array(self) -> Any:
        """The Morphs as a numpy object array (gathered by row ids in C), extended when rows were added."""
        if len(self._morphs) != len(self.morphs):
            grown = numpy.empty(len(self.morphs), dtype=object)
            grown[:len(self._morphs)] = self._morphs
            for row in range(len(self._morphs), len(self.morphs)):
                grown[row] = self.morphs[row]  # one by one: numpy would unpack a slice of tuples
            self._morphs = grown
        return self._morphs


def _split_gloss(lemma: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """Split UniDic's 'コメント-comment' into ('コメント', 'comment'); notes like 私-代名詞 only drop."""
    if lemma is None:
        return None, None
    base, sep, note = lemma.partition("-")
    if not sep or not base:
        return lemma, None
    note = _GLOSS_NOTE.sub("", note).strip()
    return base, (note.lower() if _LATIN.search(note) else None)


def _resolve_pos(pos: Any, codes: Any, ids: Any, table: _Table) -> Any:
    """Apply spaCy's UniDic tag-bigram POS rules (e.g. サ変 noun + する → VERB + AUX)."""
    pos = pos.copy()
    pairs = codes[:-1] * 256 + codes[1:]
    hits = numpy.nonzero(table.has_rule[pairs])[0]
    decided = -1  # spaCy lets a rule fix the next token's POS, which then skips its own rule
    for i, pair, row in zip(hits.tolist(), pairs[hits].tolist(), ids[hits].tolist()):
        if i == decided or row in table.fixed:
            continue
        current, following = table.rules[pair]
        if current is not None:
            pos[i] = current
        if following is not None:
            pos[i + 1] = following
            decided = i + 1
    return pos
