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

Every text cell is neutralised for spreadsheets: a cell that starts with ``= + - @``, tab
or CR gets a leading apostrophe, and control characters become U+FFFD.
"""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Optional

from .common import EditionIndex, Item, clean_text

LINK_COLUMNS = ("from", "from_text", "to", "to_text", "to_section", "to_section_heading",
                "relation", "rank", "score", "evidence")
FINDING_COLUMNS = ("kind", "type", "doc", "unit", "unit_text", "detail", "status", "related",
                   "related_text", "score", "start", "end")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Row = dict[str, Any]


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
    if not isinstance(value, str):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return repr(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def link_rows(index: EditionIndex) -> list[Row]:
    """One row per link, with both texts and the target's section."""
    rows = []
    for i, link in enumerate(index.edition.get("links", [])):
        source = index.unit(link["from"], f"links[{i}].from")
        target = index.unit(link["to"], f"links[{i}].to")
        section = index.sections.get(target.get("section") or "") or {}
        rows.append({"from": source["id"], "from_text": source["text"], "to": target["id"],
                     "to_text": target["text"], "to_section": section.get("id"),
                     "to_section_heading": section.get("heading"), "relation": link["relation"],
                     "rank": link["rank"], "score": link["score"], "evidence": ";".join(link["evidence"])})
    return rows


def finding_rows(index: EditionIndex) -> list[Row]:
    """Flags, quotations, redactions, tags and term occurrences, in that order."""
    edition = index.edition
    rows = [_row(index, "flag", f["kind"], f["unit"], f["detail"], related=f.get("target"))
            for f in edition.get("flags", [])]
    rows += [_quote_row(index, q) for q in edition.get("quotes", [])]
    rows += [_row(index, "redaction", "redaction", r.get("unit"), r["text"], doc=r["doc"],
                  span=(r["start"], r["end"])) for r in edition.get("redactions", [])]
    rows += [_row(index, "tag", t["kind"], t["unit"], t["cue"]) for t in edition.get("tags", [])]
    for term in edition.get("terms", []):
        rows += _term_rows(index, term)
    return rows


def _quote_row(index: EditionIndex, quote: Item) -> Row:
    row = _row(index, "quote", "quotation", quote["unit"], quote["text"], related=quote.get("match"),
               span=(quote["start"], quote["end"]) if "start" in quote else None)
    row.update(status=quote["status"], score=quote["similarity"])
    if quote.get("match_text"):
        row["related_text"] = quote["match_text"]
    return row


def _term_rows(index: EditionIndex, term: Item) -> list[Row]:
    occurrences = term.get("occurrences") or [{"variant": v, "unit": None} for v in term["variants"]]
    rows = []
    for occurrence in occurrences:
        span = (occurrence["start"], occurrence["end"]) if "start" in occurrence else None
        row = _row(index, "term", term["concept"], occurrence.get("unit"), occurrence["variant"], span=span)
        row["related_text"] = term["en"]
        rows.append(row)
    return rows


def _row(index: EditionIndex, kind: str, type_: str, unit_id: Optional[str], detail: str, *,
         doc: Optional[str] = None, related: Optional[str] = None,
         span: Optional[tuple[int, int]] = None) -> Row:
    unit = index.units.get(unit_id) if isinstance(unit_id, str) else None
    return {"kind": kind, "type": type_, "doc": doc or (unit or {}).get("doc"), "unit": unit_id,
            "unit_text": index.unit_text(unit_id), "detail": detail, "status": None, "related": related,
            "related_text": index.ref_text(related), "score": None,
            "start": span[0] if span else None, "end": span[1] if span else None}


def _csv_bytes(columns: Iterable[str], rows: Iterable[Row]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = list(columns)
    writer.writerow(columns)
    writer.writerows([_cell(row.get(column)) for column in columns] for row in rows)
    return ("\ufeff" + clean_text(buffer.getvalue())).encode("utf-8")
