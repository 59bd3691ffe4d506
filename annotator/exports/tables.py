"""Spreadsheet exports: ``links.csv`` and ``findings.csv`` (UTF-8 with BOM, RFC 4180 quoting).

``findings.csv`` has one row per flag, quotation, redaction, tag, finding dismissed by hand and
term occurrence:

========== ============== ========== ================= ======== ================== ==========
kind       type           detail     status            related  related_text       score
========== ============== ========== ================= ======== ================== ==========
flag       flag kind      detail                       target   target's text
quote      quotation      the quote  exact/close/...   match    matched text       similarity
redaction  redaction      the mask
tag        tag kind       cue (manual: added by hand)
dismissed  finding kind   note or detail               target
term       concept        variant                               English rendering
========== ============== ========== ================= ======== ================== ==========

A unit's text is given once per column: on the first row that names the unit there (``from``,
``to``, ``unit`` or ``related``), and left empty on the later rows that name it again. A long
paragraph with thousands of term occurrences would otherwise repeat its whole text on each row
(a 100,000-character line made a 4.6 GB findings.csv); the id in the row names the unit.

These files are for spreadsheets: every text cell is neutralised: a cell that starts with ``= + - @``, tab
or CR gets a leading apostrophe, and control characters become U+FFFD. For analysis, the
same rows unaltered (and more tables) are in ``annotator export --format jsonl|parquet``
(``annotator.edition.tables``).
"""
from __future__ import annotations

from typing import Any, Iterable

from ..edition.tables import COLUMNS
from ..edition.tables import finding_rows as research_findings
from .common import EditionIndex, Item, clean_text

LINK_COLUMNS = ("from", "from_text", "to", "to_text", "to_section", "to_section_heading",
                "relation", "rank", "score", "evidence")
FINDING_COLUMNS = tuple(name for name, _ in COLUMNS["findings"])
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(_FORMULA_START)
Row = list[Any]


def csv_files(edition: Item) -> dict[str, bytes]:
    """``links.csv`` and ``findings.csv`` of an edition, as bytes."""
    index = EditionIndex(edition)
    return {
        "links.csv": _csv_bytes(LINK_COLUMNS, link_rows(index)),
        "findings.csv": _csv_bytes(FINDING_COLUMNS, finding_rows(index)),
    }


def safe_cell(value: Any) -> str:
    """One cell's text: numbers as written, strings cleaned and formula-neutralised."""
    return clean_text(_cell(value))


def _cell(value: Any) -> str:
    """``safe_cell`` but for the cleaning, which ``_csv_bytes`` does once for the whole file (the
    writer leaves control characters as they are, and none of them starts a formula)."""
    if type(value) is str:  # most cells: tested first, without the checks below
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class TextOnce:
    """A unit's (or section's) text the first time a column names it, "" after that."""

    def __init__(self, index: EditionIndex) -> None:
        self.index = index
        self.seen: set[str] = set()

    def __call__(self, ref: Any) -> str:
        if not isinstance(ref, str) or ref in self.seen:
            return ""
        self.seen.add(ref)
        return self.index.ref_text(ref)


def link_rows(index: EditionIndex) -> list[Row]:
    """One row per link (cells in LINK_COLUMNS order), with both texts (once each) and the target's section."""
    rows = []
    from_text, to_text = TextOnce(index), TextOnce(index)
    for i, link in enumerate(index.edition.get("links", [])):
        source = index.unit(link["from"], f"links[{i}].from")
        target = index.unit(link["to"], f"links[{i}].to")
        section = index.sections.get(target.get("section") or "") or {}
        rows.append([source["id"], from_text(source["id"]), target["id"], to_text(target["id"]), section.get("id"),
                     section.get("heading"), link["relation"], link["rank"], link["score"],
                     ";".join(link["evidence"])])
    return rows


def finding_rows(index: EditionIndex) -> list[Row]:
    """Flags, quotations, redactions, tags and term occurrences, in that order (cells in
    FINDING_COLUMNS order): the research table's rows, neutralised when written."""
    return research_findings(index.edition)


def _csv_bytes(columns: Iterable[str], rows: Iterable[Row]) -> bytes:
    lines = ["\ufeff"]
    for values in (list(columns), *rows):
        cells = [value if type(value) is str and value[:1] not in _FORMULA_FIRST else _cell(value)
                 for value in values]
        lines.append(csv_record(cells))
    return clean_text("".join(lines)).encode("utf-8")


def csv_record(cells: list[str]) -> str:
    """One record as Python's csv writer writes it here (minimal quoting, CRLF), only faster.

    The writer looks at each character of each cell; here whole strings are searched at C
    speed, first the joined record, then, in the few records that need quotes, each cell.
    """
    line = ",".join(cells)
    if line.count(",") != len(cells) - 1 or '"' in line or "\n" in line or "\r" in line:
        line = ",".join([_quoted(cell) for cell in cells])
    elif not line and cells:
        line = '""'  # one empty cell: the writer quotes it, or the record would be a blank line
    return line + "\r\n"


def _quoted(cell: str) -> str:
    """A cell in double quotes (its quotes doubled) if it holds a comma, quote or line break."""
    if "," in cell or '"' in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell
