"""Load a corpus folder: validate corpus.toml, read its files, split combined files."""
from __future__ import annotations

import bisect
import codecs
import os
import re
import unicodedata
from pathlib import Path

from annotator.corpus.files import TooLarge, inside_corpus, read_bounded
from annotator.corpus.manifest import COMBINED, DocumentSpec, PartSpec, read_manifest
from annotator.corpus.records import Corpus, Document
from annotator.errors import InputTextError, ManifestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_LEGACY = (("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP"))
_SAVE_AS_UTF8 = "save it as UTF-8 text"
# Formats people save by mistake instead of plain text.
_NOT_TEXT = ((b"%PDF-", "a PDF document", "copy its text into a plain .txt file saved as UTF-8"),
             (b"PK\x03\x04", "a ZIP archive (a .docx or .odt file is one)", "save it as plain text (.txt, UTF-8)"),
             (b"\xd0\xcf\x11\xe0", "an old Word or Excel file", "save it as plain text (.txt, UTF-8)"),
             (b"{\\rtf", "an RTF document", "save it as plain text (.txt, UTF-8)"))
# Limits (docs/limits.md): beyond them a corpus would take minutes and gigabytes to build.
MAX_TEXT_BYTES = 12 * 1024 * 1024  # all the text files of a corpus together (a 10 MB corpus builds in ~2.2 GB)
MAX_LINE_CHARS = 100_000
MAX_LINES = 50_000  # per file
_LINE_TEXT = re.compile(r"[^\r\n]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a\x1b")
_LENIENT = re.compile("[\x80-\x9f\uf8f0-\uf8f3]")


def read_text_file(path: Path, limit: int = MAX_TEXT_BYTES) -> tuple[str, str]:
    """Decode a text file (UTF-8, UTF-16/32, Shift_JIS or EUC-JP) as it stands, within the limits.

    At most ``limit`` bytes are read (what is left of the corpus's budget): the size counted is
    what was read, not what the file system reports.
    """
    try:
        _check_bytes(Path(path).stat().st_size, str(path), "the file holds")
        data = read_bounded(Path(path), limit)
    except TooLarge:
        raise InputTextError(f"the file holds more than {limit:,} bytes, all the corpus's text may still "
                             f"hold (the limit is {MAX_TEXT_BYTES:,} bytes of text per corpus)", file=str(path),
                             fix="split the texts into several corpora (see docs/limits.md)") from None
    except OSError as err:
        raise InputTextError(f"cannot read the file: {err.strerror or err}", file=str(path),
                             fix="check that the file exists, is readable and is a text file") from None
    return decode_text(data, str(path))


def _check_bytes(size: int, name: str, what: str) -> None:
    if size > MAX_TEXT_BYTES:
        raise InputTextError(f"{what} {size:,} bytes; the limit is {MAX_TEXT_BYTES:,} bytes "
                             "of text per corpus", file=name,
                             fix="split the texts into several corpora (see docs/limits.md)")


def _check_lines(text: str, name: str) -> None:
    runs = _LINE_TEXT.finditer(text) if len(text) > MAX_LINE_CHARS else iter(())
    long_line = next((run for run in runs if run.end() - run.start() > MAX_LINE_CHARS), None)
    if long_line:
        length = long_line.end() - long_line.start()
        line = line_of(line_starts(text[:long_line.start() + 1]), long_line.start())
        raise InputTextError(f"line {line} holds {length:,} characters; the limit is "
                             f"{MAX_LINE_CHARS:,} per line", file=name, line=line,
                             fix="break the text into paragraphs with line breaks (a paste that "
                                 "lost its line ends?)")
    lines = len(_LINE_BREAK.findall(text)) + (not text.endswith(("\n", "\r")))
    if lines > MAX_LINES:
        raise InputTextError(f"the file has {lines:,} lines; the limit is {MAX_LINES:,}",
                             file=name, fix="split the text into several corpora, or join "
                                            "lines that belong to one paragraph")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputTextError(f"the file starts with a {label} mark but is not "
                                     f"valid {label}", file=name, fix=_SAVE_AS_UTF8) from None
            return text.removeprefix("\ufeff"), label
    for magic, what, fix in _NOT_TEXT:
        if data.startswith(magic):
            raise InputTextError(f"the file is {what}, not plain text", file=name, fix=fix)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputTextError("the file holds binary data (NUL bytes), not text",
                                 file=name, fix=_SAVE_AS_UTF8)
        return utf16
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as err:
        bad_line = data[:err.start].count(b"\n") + 1
    decoded = [(_japanese_score(t), -i, t, label) for i, (codec, label) in enumerate(_LEGACY)
               if (t := _strict(data, codec)) is not None]
    if not decoded:
        raise InputTextError(f"the file is not UTF-8 (first bad byte on line {bad_line}), "
                             "nor Shift_JIS or EUC-JP text", file=name, line=bad_line,
                             fix=_SAVE_AS_UTF8)
    _, _, text, label = max(decoded)
    return text, label


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved with no byte-order mark, told by where the NULs of ASCII characters fall."""
    if len(data) % 2 or (data.count(0) < len(data) // 4 and _is_utf8(data)):
        return None  # UTF-8 text with stray NULs, not UTF-16: that has NULs in most ASCII characters
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # ASCII (line ends included) has NUL as its high byte; only U+xx00 characters have a NUL low byte.
    if odd > 4 * even:
        codec, label = "utf-16-le", "UTF-16LE without BOM"
    elif even > 4 * odd:
        codec, label = "utf-16-be", "UTF-16BE without BOM"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    common = sum(1 for ch in text if ch.isascii() or _japanese_score(ch) > 0 or "\u2000" <= ch <= "\u206f")
    return (text, label) if common >= 0.9 * len(text) else None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, codec: str) -> str | None:
    """The decoded text, or None if it fails or looks like a wrong guess."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    # Python's cp932 maps stray bytes 0x80, 0xA0, 0xFD-0xFF to C1 controls and
    # private-use characters instead of failing; real Japanese text has neither.
    if _LENIENT.search(text) or _japanese_score(text) <= 0:
        return None
    return text


def _japanese_score(text: str) -> int:
    """Kana, kanji and CJK punctuation, less characters a wrong guess tends to produce."""
    good = bad = 0
    for ch in text:
        code = ord(ch)
        if 0x3000 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0xFF01 <= code <= 0xFF5E:
            good += 1
        elif 0xFF61 <= code <= 0xFF9F or 0xE000 <= code <= 0xF8FF or 0x80 <= code <= 0x9F:
            bad += 1
    return good - 2 * bad


def _check_is_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise InputTextError("the file holds binary data (NUL characters), not text",
                             file=name, fix=_SAVE_AS_UTF8)
    controls = sum(1 for ch in text
                   if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS)
    if controls > max(8, len(text) // 20):
        raise InputTextError("the file holds binary data (control characters), not text",
                             file=name, fix=_SAVE_AS_UTF8)
    if not text.strip():
        state = "is empty" if not text else "holds only whitespace"
        raise InputTextError(f"the file {state}", file=name,
                             fix="put the document's text in it, or remove it from corpus.toml")


def line_starts(text: str) -> list[int]:
    """Offsets where each line of text begins (\\r\\n, \\r and \\n end a line)."""
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def line_of(starts: list[int], offset: int) -> int:
    """The 1-based line holding offset, given line_starts()."""
    return bisect.bisect_right(starts, offset)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def heading_offsets(text: str, heading: str, starts: list[int] | None = None) -> list[int]:
    """Offsets of the lines that begin with heading (leading space and NFKC width ignored)."""
    want = _fold(heading.strip())
    if not want:
        return []
    starts = line_starts(text) if starts is None else starts
    width = 3 * len(heading) + 4  # NFKC may fold up to ~3 characters into one
    found = []
    for start in starts:
        line = _LINE_BREAK.split(text[start:start + width + 64], 1)[0]
        head = line.lstrip()[:width]
        if _fold(head).startswith(want):
            found.append(start)
    return found


def split_parts(text: str, parts: tuple[PartSpec, ...], file: str, file_path: str,
                manifest: str) -> list[tuple[PartSpec, int, int]]:
    """The (part, start, end) spans of a combined file's text, in file order.

    ``file`` names the file in messages; ``file_path`` is reported as the erring file.
    """
    starts = line_starts(text)
    seen: dict[str, PartSpec] = {}
    spans: list[tuple[PartSpec, int]] = []
    for part in parts:
        if (key := _fold(part.heading)) in seen:
            raise ManifestError(f"parts {seen[key].role!r} and {part.role!r} of {file!r} "
                                f"have the same heading {part.heading!r}", file=manifest,
                                line=part.line, fix="give each part its own heading")
        seen[key] = part
        spans.append((part, _part_start(text, part, spans, starts, file, manifest)))
    first = spans[0][1]
    if text[:first].strip():
        line = line_of(starts, len(text[:first]) - len(text[:first].lstrip()))
        raise ManifestError(f"text before the first part ({spans[0][0].heading!r}) on line "
                            f"{line} of {file!r}", file=file_path, line=line,
                            fix="start the file with the first part's heading, or add a part "
                                "for that text in corpus.toml")
    ends = [start for _, start in spans[1:]] + [len(text)]
    return [(part, start, end) for (part, start), end in zip(spans, ends)]


def _part_start(text: str, part: PartSpec, spans: list[tuple[PartSpec, int]],
                starts: list[int], file: str, manifest: str) -> int:
    found = heading_offsets(text, part.heading, starts)
    after = spans[-1][1] if spans else -1
    later = [offset for offset in found if offset > after]
    if later:
        return later[0]
    if found:
        prev = spans[-1][0]
        raise ManifestError(f"part {part.role!r} (heading {part.heading!r}) starts on line "
                            f"{line_of(starts, found[0])} of {file!r}, before part "
                            f"{prev.role!r} (heading {prev.heading!r}); parts must be listed "
                            "in the order they appear", file=manifest, line=part.line,
                            fix=f"list the parts in corpus.toml in the order of {file!r}")
    raise ManifestError(f"heading {part.heading!r} of part {part.role!r} is not found in "
                        f"{file!r}", file=manifest, line=part.line,
                        fix=f"the heading must begin a line of {file!r}")


def load_corpus(path: str | os.PathLike[str]) -> Corpus:
    """Load and validate the corpus folder at ``path`` (its ``corpus.toml``, docs/corpus-format.md).

    Returns the ``Corpus``: title, and one ``Document`` per text (a combined file split into its
    parts), each text decoded (UTF-8, UTF-16, Shift_JIS or EUC-JP) with its line ends kept.
    Raises ``AnnotatorError`` (``ManifestError``, ``InputTextError``) naming the file, the line
    and the fix for anything wrong with the input.
    """
    return load_corpus_report(path)[0]


def load_corpus_report(path: str | os.PathLike[str]) -> tuple[Corpus, list[str]]:
    """Load a corpus and return notes on how its files were read (e.g. their encoding)."""
    root = Path(path)
    manifest = read_manifest(root)
    real = [inside_corpus(root, spec.file, what="document file", manifest=manifest.path, line=spec.line)
            for spec in manifest.documents]
    # per listing: a file listed twice is read twice, and counts twice
    _check_bytes(sum(file.stat().st_size for file in real), manifest.path,
                 f"the corpus's {len(real)} text files hold")
    documents: list[Document] = []
    notes: list[str] = []
    budget = MAX_TEXT_BYTES
    for spec, file in zip(manifest.documents, real):
        text, encoding, size = _read_listing(root, spec, file, budget, manifest.path)
        budget -= size
        if encoding != "UTF-8":
            notes.append(f"{spec.file}: read as {encoding}")
        documents.extend(_documents(spec, text, str(root / spec.file), manifest.path))
    corpus = Corpus(path=os.fspath(path), title=manifest.title, title_en=manifest.title_en,
                    documents=_with_ids(documents), section_labels=manifest.sections)
    return corpus, notes


def _read_listing(root: Path, spec: DocumentSpec, file: Path, budget: int,
                  manifest: str) -> tuple[str, str, int]:
    """One listed document read within what is left of the corpus's byte budget."""
    try:
        data = read_bounded(file, budget)
    except TooLarge:
        raise InputTextError(f"the corpus's text files hold more than {MAX_TEXT_BYTES:,} bytes (counting each "
                             "listing of a file), the limit", file=manifest, line=spec.line,
                             fix="split the texts into several corpora (see docs/limits.md)") from None
    except OSError as err:
        raise InputTextError(f"cannot read the file: {err.strerror or err}", file=str(root / spec.file),
                             fix="check that the file exists, is readable and is a text file") from None
    text, encoding = decode_text(data, str(root / spec.file))
    return text, encoding, len(data)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text file's bytes and check they hold text within the line limits."""
    text, encoding = _decode(data, name)
    _check_is_text(text, name)
    _check_lines(text, name)
    return text, encoding


def _documents(spec: DocumentSpec, text: str, file_path: str,
               manifest: str) -> list[Document]:
    if spec.role != COMBINED:
        return [Document("", spec.role, spec.lang, spec.file, text)]
    starts = line_starts(text)
    spans = split_parts(text, spec.parts, spec.file, file_path, manifest)
    return [Document("", part.role, spec.lang, spec.file, text[start:end], start,
                     line_of(starts, start)) for part, start, end in spans]


def _with_ids(documents: list[Document]) -> tuple[Document, ...]:
    """Ids are the role, then role-2, role-3 for repeats."""
    counts: dict[str, int] = {}
    named = []
    for doc in documents:
        counts[doc.role] = counts.get(doc.role, 0) + 1
        n = counts[doc.role]
        named.append(Document(doc.role if n == 1 else f"{doc.role}-{n}", doc.role, doc.lang,
                              doc.file, doc.text, doc.file_start, doc.first_line))
    return tuple(named)
