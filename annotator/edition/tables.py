"""The research tables of an edition: units, citations, links, findings and tags, each row joined
with the texts it names, built from edition.json data (the dict ``edition_dict`` gives).

One builder for every tabular view: ``Edition.to_pandas()`` makes DataFrames of these tables,
``annotator export --format jsonl|parquet`` writes them, and ``findings.csv`` holds the findings
rows (neutralised for spreadsheets there; raw here). Values are as edition.json holds them:
strings unaltered, integers, floats, null, and ``evidence`` a list of strings. In ``findings``
a unit's text is given once per column (``unit_text``, ``related_text``): on the first row naming
the unit there, "" on later rows naming it again (the id names it; the ``units`` table holds every
text). A paragraph with thousands of term occurrences made the table quadratic in its length.

==========  ==========================================================================
table       one row per
==========  ==========================================================================
units       unit, with its document's role and language and its section's heading
citations   citation marker, with the claim's text and the resolved section's heading
links       link, with the claim's and the source unit's texts and the target's section
findings    flag, quotation, redaction, tag, dismissed finding, term occurrence (as findings.csv)
tags        rebuttal tag, with the unit's text
==========  ==========================================================================
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any, Optional

from ..errors import AnnotatorError

if TYPE_CHECKING:
    import pandas

Item = dict[str, Any]
Row = list[Any]

# Each column's name and type: str, int, float or list (of str); any value may be null.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "units": (("id", "str"), ("doc", "str"), ("role", "str"), ("lang", "str"), ("kind", "str"),
              ("section", "str"), ("section_heading", "str"), ("parent", "str"), ("label", "str"),
              ("number", "str"), ("start", "int"), ("end", "int"), ("body_start", "int"), ("text", "str")),
    "citations": (("unit", "str"), ("unit_text", "str"), ("marker", "str"), ("title", "str"), ("part", "int"),
                  ("section", "str"), ("section_heading", "str"), ("score", "float"), ("start", "int"),
                  ("end", "int"), ("source_word", "str"), ("evidence", "str")),
    "links": (("from", "str"), ("from_text", "str"), ("to", "str"), ("to_text", "str"), ("to_section", "str"),
              ("to_section_heading", "str"), ("relation", "str"), ("rank", "int"), ("score", "float"),
              ("evidence", "list")),
    "findings": (("kind", "str"), ("type", "str"), ("doc", "str"), ("unit", "str"), ("unit_text", "str"),
                 ("detail", "str"), ("status", "str"), ("related", "str"), ("related_text", "str"),
                 ("score", "float"), ("start", "int"), ("end", "int")),
    "tags": (("unit", "str"), ("unit_text", "str"), ("kind", "str"), ("cue", "str")),
}
TABLES = tuple(COLUMNS)


class _Lookups:
    """edition.json lists keyed by id; a name that is not there reads as null, never an error."""

    def __init__(self, edition: Item) -> None:
        self.edition = edition
        self.docs = {d["id"]: d for d in edition.get("documents", [])}
        self.units = {u["id"]: u for u in edition.get("units", [])}
        self.sections = {s["id"]: s for s in edition.get("sections", [])}

    def text(self, unit_id: Any) -> Optional[str]:
        unit = self.units.get(unit_id) if isinstance(unit_id, str) else None
        return unit.get("text") if unit else None

    def heading(self, section_id: Any) -> Optional[str]:
        section = self.sections.get(section_id) if isinstance(section_id, str) else None
        return section.get("heading") if section else None

    def ref_text(self, ref: Any) -> str:
        """The heading of the section, or the text of the unit, that ``ref`` names ("" for neither)."""
        if isinstance(ref, str) and ref in self.sections:
            return str(self.sections[ref].get("heading", ""))
        return self.text(ref) or ""


class _Once:
    """A unit's text (or a section's heading) the first time a column names it, "" after that: a
    long paragraph with thousands of findings would otherwise repeat its whole text on each row
    (a 100,000-character line made a findings table of gigabytes)."""

    def __init__(self, at: _Lookups) -> None:
        self.at = at
        self.seen: set[str] = set()

    def __call__(self, ref: Any) -> str:
        if not isinstance(ref, str) or ref in self.seen:
            return ""
        self.seen.add(ref)
        return self.at.ref_text(ref)


def table_rows(edition: Item, name: str) -> list[Row]:
    """The rows of table ``name`` (cells in ``COLUMNS[name]`` order)."""
    if name not in COLUMNS:
        raise ValueError(f"unknown table {name!r}: expected one of {', '.join(TABLES)}")
    return _BUILDERS[name](_Lookups(edition))


def tables(edition: Item) -> dict[str, list[Row]]:
    """Every table's rows, in ``TABLES`` order."""
    lookups = _Lookups(edition)
    return {name: _BUILDERS[name](lookups) for name in TABLES}


def records(edition: Item, name: str) -> list[Item]:
    """Table ``name`` as one dict per row (column → value), as the JSONL export writes it."""
    names = [column for column, _ in COLUMNS[name]]
    return [dict(zip(names, row)) for row in table_rows(edition, name)]


class MissingExtraError(AnnotatorError):
    """An optional dependency is not installed; the fix names the extra that brings it."""


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional dependency, or raise MissingExtraError naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(f"{purpose} needs {module}, which is not installed",
                                fix=f"pip install 'annotator[{extra}]'") from None


# pandas dtypes that keep nulls as nulls: a missing integer stays <NA>, never becomes a float
_PANDAS_DTYPES = {"str": "string", "int": "Int64", "float": "Float64", "list": "object"}


def data_frames(edition: Item) -> dict[str, "pandas.DataFrame"]:
    """Every table as a pandas DataFrame (needs ``annotator[pandas]``)."""
    pandas = require("pandas", "pandas", "Edition.to_pandas()")
    frames = {}
    for name, rows in tables(edition).items():
        columns = COLUMNS[name]
        frame = pandas.DataFrame(rows, columns=[column for column, _ in columns], dtype=object)
        frames[name] = frame.astype({column: _PANDAS_DTYPES[kind] for column, kind in columns})
    return frames


def _units(at: _Lookups) -> list[Row]:
    rows = []
    for u in at.edition.get("units", []):
        doc = at.docs.get(u.get("doc")) or {}
        rows.append([u["id"], u.get("doc"), doc.get("role"), doc.get("lang"), u.get("kind"), u.get("section"),
                     at.heading(u.get("section")), u.get("parent"), u.get("label"), u.get("number"),
                     u.get("start"), u.get("end"), u.get("body_start"), u.get("text")])
    return rows


def _citations(at: _Lookups) -> list[Row]:
    return [[c["unit"], at.text(c["unit"]), c.get("marker"), c.get("title"), c.get("part"), c.get("section"),
             at.heading(c.get("section")), c.get("score"), c.get("start"), c.get("end"), c.get("source_word"),
             c.get("evidence")]
            for c in at.edition.get("citations", [])]


def _links(at: _Lookups) -> list[Row]:
    rows = []
    for link in at.edition.get("links", []):
        section = (at.units.get(link["to"]) or {}).get("section")
        rows.append([link["from"], at.text(link["from"]), link["to"], at.text(link["to"]), section,
                     at.heading(section), link.get("relation"), link.get("rank"), link.get("score"),
                     list(link.get("evidence") or [])])
    return rows


def _tags(at: _Lookups) -> list[Row]:
    return [[t["unit"], at.text(t["unit"]), t.get("kind"), t.get("cue")] for t in at.edition.get("tags", [])]


def finding_rows(edition: Item) -> list[Row]:
    """Flags, quotations, redactions, tags, dismissed findings and term occurrences, in that order (cells in
    ``COLUMNS["findings"]`` order; unit texts "" when there is no unit)."""
    return _findings(_Lookups(edition))


def _findings(at: _Lookups) -> list[Row]:
    edition = at.edition
    texts = (_Once(at), _Once(at))  # unit_text, related_text
    rows = [_finding(at, texts, "flag", f["kind"], f["unit"], f["detail"], related=f.get("target"))
            for f in edition.get("flags", [])]
    rows += [_quote(at, texts, q) for q in edition.get("quotes", [])]
    rows += [_finding(at, texts, "redaction", "redaction", r.get("unit"), r["text"], doc=r["doc"],
                      span=(r["start"], r["end"])) for r in edition.get("redactions", [])]
    rows += [_finding(at, texts, "tag", t["kind"], t["unit"], t["cue"]) for t in edition.get("tags", [])]
    rows += [_finding(at, texts, "dismissed", d["kind"], d["unit"], d.get("note") or d["detail"], related=d.get("target"))
             for d in edition.get("dismissed", [])]  # false alarms set aside by hand (links.toml)
    for term in edition.get("terms", []):
        occurrences = term.get("occurrences") or [{"variant": v, "unit": None} for v in term["variants"]]
        rows += [_finding(at, texts, "term", term["concept"], o.get("unit"), o["variant"],
                          span=(o["start"], o["end"]) if "start" in o else None, related_text=term["en"])
                 for o in occurrences]
    return rows


def _quote(at: _Lookups, texts: tuple[_Once, _Once], quote: Item) -> Row:
    related = quote.get("match")
    return _finding(at, texts, "quote", "quotation", quote["unit"], quote["text"], related=related,
                    span=(quote["start"], quote["end"]) if "start" in quote else None,
                    status=quote["status"], score=quote["similarity"],
                    related_text=quote.get("match_text") or texts[1](related))


def _finding(at: _Lookups, texts: tuple[_Once, _Once], kind: str, type_: str, unit_id: Optional[str], detail: str, *,
             doc: Optional[str] = None, related: Optional[str] = None, span: Optional[tuple[int, int]] = None,
             status: Optional[str] = None, score: Optional[float] = None,
             related_text: Optional[str] = None) -> Row:
    unit = at.units.get(unit_id) if isinstance(unit_id, str) else None
    return [kind, type_, doc or (unit or {}).get("doc"), unit_id, texts[0](unit_id), detail, status, related,
            texts[1](related) if related_text is None else related_text,
            score, span[0] if span else None, span[1] if span else None]


_BUILDERS = {"units": _units, "citations": _citations, "links": _links, "findings": _findings, "tags": _tags}
