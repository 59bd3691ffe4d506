"""A spaCy tokenizer for Japanese built on fugashi + unidic-lite; the only module importing fugashi.

fugashi runs one line (or bounded chunk) at a time and prints ``surface\\nfeature\\n`` per
token; the surfaces are re-aligned to the input so ``doc.text == text`` always, and each
whitespace run becomes one token (pos SPACE, tag 空白). Features are parsed once per distinct
feature string into a row of a table; a Doc is then built from words and spaces and filled
with POS, tag, lemma and sentence starts by one ``Doc.from_array`` call (no per-token setters).
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, compress
from typing import Any, NamedTuple, Optional

import numpy
from spacy.attrs import IDX, LEMMA, ORTH, POS, SENT_START, TAG
from spacy.lang.ja.tag_bigram_map import TAG_BIGRAM_MAP
from spacy.lang.ja.tag_map import TAG_MAP
from spacy.lang.ja.tag_orth_map import TAG_ORTH_MAP
from spacy.strings import StringStore
from spacy.symbols import ADJ, NOUN, PUNCT, SPACE, VERB, X
from spacy.tokens import Doc
from spacy.util import DummyTokenizer
from spacy.vocab import Vocab

from annotator.sentences import chunk_spans, sentence_spans

USER_KEY = "annotator.unidic"  # doc.user_data[USER_KEY][token.i] is the token's Morph
_NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it: "not a sentence start"
_GLOSS_NOTE = re.compile(r"[（(][^）)]*[）)]")  # light（光） → light
_LATIN = re.compile(r"[A-Za-z]")
_GAP = re.compile(r"[\s\x00]+")  # whitespace runs, and NULs (MeCab stops reading at NUL)
_POS1_FALLBACK = {"名詞": NOUN, "動詞": VERB, "形容詞": ADJ, "補助記号": PUNCT}
_SPACE_ROW, _OTHER_ROW = 0, 1  # gap tokens: whitespace runs; NULs MeCab cannot read


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
        surfaces, features = _tag(text)
        words, spaces, rows = _align(text, surfaces, features, self.table)
        morphs = self.table.morphs
        doc = Doc(self.vocab, words=words, spaces=spaces,
                  user_data={USER_KEY: [morphs[r] for r in rows]})
        if words:
            doc.from_array([POS, TAG, LEMMA, SENT_START], self._annotations(doc, text, rows))
        return doc

    def _annotations(self, doc: Doc, text: str, rows: list[int]) -> Any:
        """The (n, 4) uint64 array of POS, TAG, LEMMA and SENT_START for the Doc."""
        ids = numpy.array(rows, dtype=numpy.intp)
        table = self.table.array()[ids]
        out = numpy.empty((len(rows), 4), dtype=numpy.uint64)
        out[:, 0] = _resolve_pos(table[:, 0], table[:, 3], ids, self.table)
        out[:, 1] = table[:, 1]
        lemma = table[:, 2]
        missing = lemma == 0
        out[:, 2] = numpy.where(missing, doc.to_array(ORTH), lemma) if missing.any() else lemma
        out[:, 3] = _NOT_START
        out[0, 3] = 1
        starts = [start for start, _ in sentence_spans(text, "ja")[1:]]  # [1:]: leading
        # whitespace joins the first sentence
        out[numpy.searchsorted(doc.to_array(IDX), starts, side="right") - 1, 3] = 1
        return out


@lru_cache(maxsize=1)
def _tagger() -> Any:
    """One fugashi tagger on unidic-lite, printing 'surface\\nfeature\\n' per token."""
    try:
        import fugashi
        import unidic_lite
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("Japanese analysis needs fugashi and unidic-lite: "
                          "pip install fugashi unidic-lite") from err
    dicdir = unidic_lite.DICDIR
    return fugashi.GenericTagger(f'-r "{dicdir}/mecabrc" -d "{dicdir}" -O "" -E "" -F "%m\\n%H\\n"')


def _tag(text: str) -> tuple[list[str], list[str]]:
    """Run fugashi one line (or bounded chunk) at a time; return surfaces and feature strings."""
    parse = _tagger().parse
    outputs = []
    for start, end in chunk_spans(text):
        chunk = text[start:end]
        # MeCab stops reading at NUL: tag around it, alignment keeps the NUL as a token.
        for piece in chunk.split("\x00") if "\x00" in chunk else (chunk,):
            if piece and not piece.isspace():
                outputs.append(parse(piece))
    rows = "\n".join(outputs).split("\n") if outputs else []
    if len(rows) % 2:
        raise AlignmentError(f"unexpected fugashi output for text {text[:200]!r}")
    return rows[0::2], rows[1::2]


def _align(text: str, surfaces: list[str], features: list[str], table: _Table
           ) -> tuple[list[str], list[bool], list[int]]:
    """Map surfaces onto text: words, spaces and table rows, each whitespace run one token."""
    rows = list(map(table.ids.get, features))
    if None in rows:
        rows = [table.ids.get(f) or table.add(f) for f in features]
    if any(map(str.isspace, surfaces)):  # U+3000, NBSP, \r ...: part of whitespace-run tokens
        keep = [not s.isspace() for s in surfaces]
        surfaces, rows = list(compress(surfaces, keep)), list(compress(rows, keep))
    if "".join(surfaces) != _GAP.sub("", text):  # a surface holding whitespace: align one by one
        return _align_slow(text, surfaces, rows)
    ends = list(accumulate(map(len, surfaces)))  # offsets in the text with gaps removed
    words: list[str] = []
    out_rows: list[int] = []
    spaces: list[bool] = []
    done = removed = 0
    for gap in _GAP.finditer(text):
        at = gap.start() - removed
        upto = bisect_right(ends, at)
        if upto and ends[upto - 1] != at:
            return _align_slow(text, surfaces, rows)
        words += surfaces[done:upto]
        out_rows += rows[done:upto]
        spaces += [False] * (upto - done)
        _add_gap(gap.group(), words, spaces, out_rows)
        done, removed = upto, removed + gap.end() - gap.start()
    words += surfaces[done:]
    out_rows += rows[done:]
    spaces += [False] * (len(surfaces) - done)
    return words, spaces, out_rows


def _add_gap(gap: str, words: list[str], spaces: list[bool], rows: list[int]) -> None:
    """Append a whitespace run as a token, or as the trailing space of the word before it."""
    if gap == " " and words and rows[-1] != _SPACE_ROW:
        spaces[-1] = True
    else:
        words.append(gap)
        spaces.append(False)
        rows.append(_SPACE_ROW if gap.isspace() else _OTHER_ROW)


def _align_slow(text: str, surfaces: list[str], rows: list[int]
                ) -> tuple[list[str], list[bool], list[int]]:
    """Align token by token, searching each surface after the previous one."""
    words: list[str] = []
    spaces: list[bool] = []
    out_rows: list[int] = []
    pos = 0
    for surface, row in zip(surfaces, rows):
        end = text.find(surface, pos)
        if end < 0 or not _GAP.fullmatch(text, pos, end) and end > pos:
            raise AlignmentError(
                f"cannot align fugashi tokens with the text near offset {pos}: "
                f"text={text[max(0, pos - 40):pos + 80]!r}, words={surfaces[:200]!r}")
        if end > pos:
            _add_gap(text[pos:end], words, spaces, out_rows)
        words.append(surface)
        spaces.append(False)
        out_rows.append(row)
        pos = end + len(surface)
    if pos < len(text):
        _add_gap(text[pos:], words, spaces, out_rows)
    return words, spaces, out_rows


class _Table:
    """Feature string → row: a Morph, and POS, tag hash, lemma hash, tag code for numpy."""

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.ids: dict[str, int] = {}
        self.morphs: list[Morph] = []
        self.columns: list[tuple[int, int, int, int]] = []
        self.fixed: set[int] = set()  # rows whose POS the orth decided: no bigram rule
        self.codes = {tag: i + 1 for i, tag in enumerate(sorted({t for p in TAG_BIGRAM_MAP for t in p}))}
        self.rules = {self.codes[a] * 256 + self.codes[b]: r for (a, b), r in TAG_BIGRAM_MAP.items()}
        self._array = numpy.zeros((0, 4), dtype=numpy.uint64)
        self._put(Morph("空白", None, None, None, None, None), SPACE)
        self._put(Morph("", None, None, None, None, None), X)

    def add(self, feature: str) -> int:
        """Parse a feature string into a new row and return its id."""
        fields = next(csv.reader([feature])) if '"' in feature else feature.split(",")
        fields += [""] * (18 - len(fields))
        tag = "-".join(f for f in fields[:4] if f != "*")
        lemma, gloss = _split_gloss(fields[7] or None)
        morph = Morph(tag, lemma, gloss, fields[17] or None,
                      None if fields[5] in ("*", "") else fields[5], fields[12] or None)
        orth_pos = TAG_ORTH_MAP.get(tag, {}).get(fields[8])
        if orth_pos is not None:
            self.fixed.add(len(self.morphs))
        pos = orth_pos or TAG_MAP.get(tag, {}).get(POS) or _POS1_FALLBACK.get(fields[0], X)
        row = self._put(morph, pos)
        self.ids[feature] = row
        return row

    def _put(self, morph: Morph, pos: int) -> int:
        lemma = self.strings.add(morph.lemma) if morph.lemma else 0
        self.columns.append((pos, self.strings.add(morph.tag), lemma, self.codes.get(morph.tag, 0)))
        self.morphs.append(morph)
        return len(self.morphs) - 1

    def array(self) -> Any:
        """The columns as a uint64 array, rebuilt only when rows were added."""
        if len(self._array) != len(self.columns):
            self._array = numpy.array(self.columns, dtype=numpy.uint64)
        return self._array


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
    if len(pos) < 2:
        return pos
    pairs = codes[:-1] * 256 + codes[1:]
    hits = numpy.nonzero(numpy.isin(pairs, list(table.rules)))[0]
    decided = -1  # spaCy lets a rule fix the next token's POS, which then skips its own rule
    for i in hits.tolist():
        if i == decided or int(ids[i]) in table.fixed:
            continue
        current, following = table.rules[int(pairs[i])]
        if current is not None:
            pos[i] = current
        if following is not None:
            pos[i + 1] = following
            decided = i + 1
    return pos
