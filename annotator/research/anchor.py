"""Anchor spans that other tools selected onto the units and sections of an edition.

A span is found in a document by its quote (``exact`` with ``prefix``/``suffix``: the occurrence
whose context matches best; a tie is broken by the position, if any) or, when the quote is not
in the text, by its position (offsets in code points of the document's text). A span then
names the unit or section with exactly its extent, else the innermost unit holding it that can
play the part asked for (a claim, a cited claim, a source passage), else a section whose heading
it lies in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional, Sequence

Item = dict[str, Any]


@dataclass(frozen=True)
class Quote:
    """What a selector says about a span: a quote with context and/or a position, and the
    document it names when it names one."""

    exact: Optional[str] = None
    prefix: str = ""
    suffix: str = ""
    start: Optional[int] = None
    end: Optional[int] = None
    doc: Optional[str] = None


@dataclass(frozen=True)
class Place:
    """A span of a document."""

    doc: str
    start: int
    end: int
    named: Optional[str] = None  # the unit or section the selecting tool named by id, if any


class Anchorer:
    """Finds spans in an edition's documents and the units and sections they name."""

    def __init__(self, edition: Item) -> None:
        self.docs = {d["id"]: d for d in edition.get("documents", [])}
        self.units = {u["id"]: u for u in edition.get("units", [])}
        self.sections = {s["id"]: s for s in edition.get("sections", [])}
        self.roles = {d["id"]: d["role"] for d in edition.get("documents", [])}
        self.claims = {link["from"] for link in edition.get("links", [])}
        self.targets = {link["to"] for link in edition.get("links", [])}
        self.cited = {c["unit"] for c in edition.get("citations", [])}

    def role(self, unit_id: str) -> str:
        return self.roles.get(self.units[unit_id]["doc"], "")

    def place(self, quote: Quote, fallback: bool = True) -> tuple[Optional[Place], str]:
        """The span a quote or position selects, or None and why not (``fallback``: the position
        stands alone when the quote is not found)."""
        docs = [quote.doc] if quote.doc in self.docs else list(self.docs)
        if quote.exact:
            found = [(self._context(d, at, quote), d, at) for d in docs for at in _find_all(self.docs[d]["text"], quote.exact)]
            if found:
                best = max(score for score, _, _ in found)
                top = [(d, at) for score, d, at in found if score == best]
                if len(top) > 1 and quote.start is not None:
                    top = [(d, at) for d, at in top if at == quote.start] or top
                if len(top) == 1:
                    doc, at = top[0]
                    return Place(doc, at, at + len(quote.exact)), ""
                return None, f"the quote {_short(quote.exact)} occurs {len(top)} times with the same context"
        if quote.start is not None and quote.end is not None and len(docs) == 1 and (fallback or not quote.exact):
            text = self.docs[docs[0]]["text"]
            if 0 <= quote.start < quote.end <= len(text):
                return Place(docs[0], quote.start, quote.end), ""
            return None, f"the position {quote.start}-{quote.end} is outside the document"
        if quote.exact:
            return None, f"the quote {_short(quote.exact)} is not in the corpus's texts"
        return None, "no TextQuoteSelector, and no TextPositionSelector in a document the corpus holds"

    def in_file(self, stem: str, start: int, end: int) -> Optional[Place]:
        """Offsets into a corpus file (its name without the extension is ``stem``, as a brat
        ``.ann`` beside its ``.txt``) as a span of the document that holds them."""
        from pathlib import PurePosixPath

        for doc in self.docs.values():
            base = int(doc.get("file_start") or 0)
            if (PurePosixPath(doc["file"]).stem == stem and base <= start <= end <= base + len(doc["text"])):
                return Place(doc["id"], start - base, end - base)
        return None

    def _context(self, doc: str, at: int, quote: Quote) -> int:
        """How many characters of prefix and suffix agree with the text around ``at``."""
        text = self.docs[doc]["text"]
        before = text[max(0, at - len(quote.prefix)):at]
        after = text[at + len(quote.exact or ""):at + len(quote.exact or "") + len(quote.suffix)]
        return _common_suffix(before, quote.prefix) + _common_prefix(after, quote.suffix)

    def unit(self, place: Place, part: str) -> Optional[str]:
        """The unit the span names for ``part``: "claim" (a summary or commentary unit that is
        linked or can be), "cited" (a claim holding a citation marker) or "source"."""
        holding = [u for u in self.units.values()
                   if u["doc"] == place.doc and u["start"] <= place.start and place.end <= u["end"]]
        if part == "source":
            fits = [u for u in holding if self.roles.get(u["doc"]) == "source"]
        elif part == "cited":
            fits = [u for u in holding if u["id"] in self.cited]
        else:
            fits = [u for u in holding if self.roles.get(u["doc"]) in ("summary", "commentary")
                    and (u["id"] in self.claims or u["kind"] != "sentence")]
        if any(u["id"] == place.named for u in fits):
            return place.named
        exact = [u for u in fits if (u["start"], u["end"]) == (place.start, place.end)]
        linked = self.targets if part == "source" else self.claims
        # the smallest; of units with one span (a bullet and its one sentence), one the pipeline links
        innermost = sorted(exact or fits, key=lambda u: (u["end"] - u["start"], u["id"] not in linked,
                                                        u["kind"] != "sentence"))
        preferred = [u for u in innermost if part != "claim" or u["id"] in self.claims]
        chosen = (preferred or innermost)[:1]
        return chosen[0]["id"] if chosen else None

    def section(self, place: Place) -> Optional[str]:
        """The section whose whole span, or whose heading, the span covers or lies in."""
        for section in self.sections.values():
            if section["doc"] != place.doc:
                continue
            heading_end = section["start"] + len(section["heading"])
            whole = (section["start"], section["end"]) == (place.start, place.end)
            if whole or (section["start"] <= place.start and place.end <= heading_end):
                return str(section["id"])
        return None

    def by_id(self, iri: Optional[str], kinds: Iterable[str]) -> Optional[str]:
        """The unit or section id an IRI's fragment names (as our own export writes them)."""
        if not iri or "#" not in iri:
            return None
        from urllib.parse import unquote

        name = unquote(iri.rsplit("#", 1)[1])
        pools = {"unit": self.units, "section": self.sections}
        return name if any(name in pools[kind] for kind in kinds) else None


def _find_all(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _short(text: str, size: int = 30) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= size else flat[:size] + "…")


def quotes_of(selectors: Sequence[Item]) -> Quote:
    """One Quote from a resource's selectors (TextQuoteSelector and TextPositionSelector)."""
    fields: dict[str, Any] = {}
    for selector in selectors:
        kind = selector.get("type")
        if kind == "TextQuoteSelector" and isinstance(selector.get("exact"), str):
            fields.update(exact=selector["exact"], prefix=str(selector.get("prefix") or ""),
                          suffix=str(selector.get("suffix") or ""))
        elif kind == "TextPositionSelector" and isinstance(selector.get("start"), int):
            fields.update(start=selector["start"], end=selector.get("end"))
    return Quote(**fields)
