"""Spreadsheet exports: ``links.csv`` and ``findings.csv`` (UTF-8 with BOM, RFC 4180 quoting).

``findings.csv`` has one row per flag, quotation, redaction, tag and term occurrence:

========== ============== ========== ================= ======== ================== ==========
kind       type           detail     status            related  related_text       score
========== ============== ========== ================= ======== ================== ==========
flag       flag kind      detail                       target   target's text
quote      quotation      the quote  exact/close/...   match    matched text       similarity
redaction  redaction      the mask
tag        tag kind       cue
term       concept        variant                               English rendering
========== ============== ========== ================= ======== ================== ==========

A unit's text is given once per column: on the first row that names the unit there (``from``,
``to``, ``unit`` or ``related``), and left empty on the later rows that name it again. A long
paragraph with thousands of term occurrences would otherwise repeat its whole text on each row
(a 100,000-character line made a 4.6 GB findings.csv); the id in the row names the unit.

Every text cell is neutralised for spreadsheets: a cell that starts with ``= + - @``, tab
or CR gets a leading apostrophe, and control characters become U+FFFD.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from .common import EditionIndex, Item, clean_text

LINK_COLUMNS = ("from", "from_text", "to", "to_text", "to_section", "to_section_heading",
                "relation", "rank", "score", "evidence")
FINDING_COLUMNS = ("kind", "type", "doc", "unit", "unit_text", "detail", "status", "related",
                   "related_text", "score", "start", "end")
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
    FINDING_COLUMNS order)."""
    edition = index.edition
    texts = (TextOnce(index), TextOnce(index))  # unit_text, related_text
    rows = [_row(index, texts, "flag", f["kind"], f["unit"], f["detail"], related=f.get("target"))
            for f in edition.get("flags", [])]
    rows += [_quote_row(index, texts, q) for q in edition.get("quotes", [])]
    rows += [_row(index, texts, "redaction", "redaction", r.get("unit"), r["text"], doc=r["doc"],
                  span=(r["start"], r["end"])) for r in edition.get("redactions", [])]
    rows += [_row(index, texts, "tag", t["kind"], t["unit"], t["cue"]) for t in edition.get("tags", [])]
    for term in edition.get("terms", []):
        rows += _term_rows(index, texts, term)
    return rows


def _quote_row(index: EditionIndex, texts: tuple[TextOnce, TextOnce], quote: Item) -> Row:
    related = quote.get("match")
    return _row(index, texts, "quote", "quotation", quote["unit"], quote["text"], related=related,
                span=(quote["start"], quote["end"]) if "start" in quote else None,
                status=quote["status"], score=quote["similarity"],
                related_text=quote.get("match_text") or texts[1](related))


def _term_rows(index: EditionIndex, texts: tuple[TextOnce, TextOnce], term: Item) -> list[Row]:
    occurrences = term.get("occurrences") or [{"variant": v, "unit": None} for v in term["variants"]]
    return [_row(index, texts, "term", term["concept"], occurrence.get("unit"), occurrence["variant"],
                 span=(occurrence["start"], occurrence["end"]) if "start" in occurrence else None,
                 related_text=term["en"])
            for occurrence in occurrences]


def _row(index: EditionIndex, texts: tuple[TextOnce, TextOnce], kind: str, type_: str, unit_id: Optional[str], detail: str, *,
         doc: Optional[str] = None, related: Optional[str] = None,
         span: Optional[tuple[int, int]] = None, status: Optional[str] = None,
         score: Optional[float] = None, related_text: Optional[str] = None) -> Row:
    unit = index.units.get(unit_id) if isinstance(unit_id, str) else None
    return [kind, type_, doc or (unit or {}).get("doc"), unit_id, texts[0](unit_id),
            detail, status, related, texts[1](related) if related_text is None else related_text,
            score, span[0] if span else None, span[1] if span else None]


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
