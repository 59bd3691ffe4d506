"""W3C Web Annotation export (``annotations.jsonld``): one AnnotationCollection.

Mapping (every id is relative to the folder that holds the edition):

* a link becomes a ``linking`` annotation whose target is the claim (the link's ``from``)
  and whose bodies are the source unit (``to``, purpose ``linking``) and a TextualBody
  naming the relation (purpose ``tagging``), plus a TextualBody "manual" (purpose ``editing``)
  when a reviewer set or checked it (links.toml);
* a tag becomes a ``classifying`` annotation with its kind as a TextualBody (and the cue
  as a ``describing`` body);
* flags, quotations, redactions and terms become ``commenting`` annotations;
* a citation marker resolved to a section becomes an ``identifying`` annotation whose target
  is the marker's span and whose bodies are the section (purpose ``identifying``) and a
  TextualBody ``cites`` (purpose ``tagging``); ``annotator import`` reads links and these back
  as corrections.

A unit is a SpecificResource whose ``source`` is ``<file>#<document id>`` and whose ``id``
is ``<file>#<unit id>``; its selectors are a TextQuoteSelector (32 characters of context
either side) and a TextPositionSelector, both counted in code points of the document text.
Only terms of the W3C context are used, so the file expands as JSON-LD without loss.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any, Optional
from urllib.parse import quote

from ..edition.json_text import compact_json
from .common import EditionIndex, Item, json_text, locate

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FILE_NAME = "annotations.jsonld"
CONTEXT_CHARS = 32
_UNRESERVED = re.compile("[A-Za-z0-9_.~-]*")  # what quote() never escapes


def webanno(edition: Item) -> dict[str, Any]:
    """The edition's links, tags and findings as a W3C AnnotationCollection (a unit's resource is
    one dict shared by every annotation that names it: copy an annotation before changing it)."""
    return _collection(edition, Spans(EditionIndex(edition)))


def webanno_text(edition: Item) -> str:
    """``json_text(webanno(edition))``, each span that recurs written once (a unit is the target
    or body of every link, tag and finding about it, and its text is most of the file)."""
    spans = Spans(EditionIndex(edition))
    return json_text(_collection(edition, spans), record=spans.record_text)


def _collection(edition: Item, spans: Spans) -> dict[str, Any]:
    items = (_links(spans) + _tags(spans) + _flags(spans) + _quotes(spans) + _redactions(spans)
             + _terms(spans) + _citations(spans))
    corpus = edition.get("corpus") or {}
    return {
        "@context": CONTEXT,
        "id": FILE_NAME,
        "type": "AnnotationCollection",
        "label": corpus.get("title") or corpus.get("name") or "",
        "total": len(items),
        "first": {"id": f"{FILE_NAME}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def iri(path: str, fragment: Optional[str] = None) -> str:
    """A relative IRI for a corpus file, percent-encoded, with an optional fragment."""
    base = _percent(path, "/")
    return f"{base}#{_percent(fragment, '')}" if fragment is not None else base


def _percent(text: str, safe: str) -> str:
    """``quote(text, safe)``, skipped for the common text that it would leave as it is."""
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe=safe)


class Spans:
    """SpecificResources for spans of the edition's documents.

    What every span of a document shares (its text, its file's IRI, its ``source``) is looked
    up and encoded once per document rather than once per span; the spans of a document share
    one ``source`` dict, which no one changes. A unit's resource (with each ``purpose`` it is
    given) is made once and shared the same way, and ``record_text`` writes its JSON once.
    """

    def __init__(self, index: EditionIndex) -> None:
        self.index = index
        self._docs: dict[str, tuple[str, str, dict[str, Any]]] = {}  # doc id -> text, file IRI, source
        self._units: dict[tuple[str, Optional[str]], dict[str, Any]] = {}  # (unit id, purpose) -> resource
        self._texts: dict[int, str] = {}  # id() of a resource in _units -> its JSON text

    def record_text(self, record: Any) -> str:
        """A record's compact JSON, as ``json_text`` writes it, with the text of shared resources reused."""
        if type(record) is not dict:
            return compact_json(record)
        return "{" + ", ".join([_key_text(key) + self._value_text(value) for key, value in record.items()]) + "}"

    def _value_text(self, value: Any) -> str:
        if type(value) is list:
            return "[" + ", ".join([self._value_text(item) for item in value]) + "]"
        text = self._texts.get(id(value))
        if text is None:  # not a shared resource
            return compact_json(value)
        if not text:  # a shared resource written for the first time
            text = self._texts[id(value)] = compact_json(value)
        return text

    def _doc(self, doc_id: str, where: str) -> tuple[str, str, dict[str, Any]]:
        known = self._docs.get(doc_id) if isinstance(doc_id, str) else None
        if known is None:
            doc = self.index.doc(doc_id, where)
            file_iri = iri(doc["file"])
            source = {"id": f"{file_iri}#{_percent(doc['id'], '')}", "type": "Text", "format": "text/plain",
                      "language": doc["lang"]}
            known = self._docs[doc_id] = (doc["text"], file_iri, source)
        return known

    def span(self, doc_id: str, start: int, end: int, where: str,
             unit_id: Optional[str] = None) -> dict[str, Any]:
        """A SpecificResource for ``doc_text[start:end]``, with quote and position selectors."""
        text, file_iri, source = self._doc(doc_id, where)
        resource: dict[str, Any] = {"type": "SpecificResource"}
        if unit_id is not None:
            resource["id"] = f"{file_iri}#{_percent(unit_id, '')}"
        resource["source"] = source
        resource["selector"] = [
            {"type": "TextQuoteSelector", "exact": text[start:end],
             "prefix": text[start - CONTEXT_CHARS if start > CONTEXT_CHARS else 0:start],
             "suffix": text[end:end + CONTEXT_CHARS]},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ]
        return resource

    def unit(self, unit_id: Any, where: str, purpose: Optional[str] = None) -> dict[str, Any]:
        """The SpecificResource of a whole unit (shared: not to be changed), with ``purpose`` if given."""
        key = (unit_id, purpose)
        resource = self._units.get(key) if type(unit_id) is str else None
        if resource is None:
            unit = self.index.unit(unit_id, where)
            resource = self.span(unit["doc"], unit["start"], unit["end"], where, unit_id=unit["id"])
            if purpose is not None:
                resource["purpose"] = purpose
            self._units[key] = resource
            self._texts[id(resource)] = ""  # written when first met
        return resource

    def ref(self, ref: Any, where: str, purpose: Optional[str] = None) -> Optional[dict[str, Any]]:
        """The resource of the unit or section ``ref`` names, with ``purpose`` if given; None when
        it names neither."""
        index = self.index
        if ref in index.units:
            return self.unit(ref, where, purpose)
        section = index.sections.get(ref) if isinstance(ref, str) else None
        if section is None:
            return None
        resource = self.span(section["doc"], section["start"], section["end"], where)
        resource["id"] = f"{self._doc(section['doc'], where)[1]}#{_percent(section['id'], '')}"
        if purpose is not None:
            resource["purpose"] = purpose
        return resource


@cache
def _key_text(key: str) -> str:
    """A key of an annotation as its record writes it (a few names, each written once)."""
    return compact_json(key) + ": "


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}


def _annotation(name: str, motivation: str, body: list[dict[str, Any]], target: Any) -> dict[str, Any]:
    return {"id": f"{FILE_NAME}#{name}", "type": "Annotation", "motivation": motivation,
            "body": body, "target": target}


def _links(spans: Spans) -> list[dict[str, Any]]:
    annotations = []
    for i, link in enumerate(spans.index.edition.get("links", [])):
        where = f"links[{i}]"
        to = spans.unit(link["to"], f"{where}.to", "linking")
        body = [to, _text_body(link["relation"], "tagging")]
        if "manual" in link.get("evidence", ()):  # set or checked by hand (links.toml)
            body.append(_text_body("manual", "editing"))
        annotations.append(_annotation(f"link-{i + 1}", "linking", body,
                                       spans.unit(link["from"], f"{where}.from")))
    return annotations


def _tags(spans: Spans) -> list[dict[str, Any]]:
    annotations = []
    for i, tag in enumerate(spans.index.edition.get("tags", [])):
        body = [_text_body(tag["kind"], "classifying")]
        if tag.get("cue"):
            body.append(_text_body(tag["cue"], "describing"))
        annotations.append(_annotation(f"tag-{i + 1}", "classifying", body,
                                       spans.unit(tag["unit"], f"tags[{i}].unit")))
    return annotations


def _flags(spans: Spans) -> list[dict[str, Any]]:
    annotations = []
    for i, flag in enumerate(spans.index.edition.get("flags", [])):
        where = f"flags[{i}]"
        body = [_text_body(flag["detail"], "commenting"), _text_body(flag["kind"], "classifying")]
        related = spans.ref(flag.get("target"), f"{where}.target", "linking")
        if related is not None:
            body.append(related)
        annotations.append(_annotation(f"flag-{i + 1}", "commenting", body,
                                       spans.unit(flag["unit"], f"{where}.unit")))
    return annotations


def _quotes(spans: Spans) -> list[dict[str, Any]]:
    annotations = []
    for i, item in enumerate(spans.index.edition.get("quotes", [])):
        where = f"quotes[{i}]"
        unit = spans.index.unit(item["unit"], f"{where}.unit")
        target = _quote_target(spans, unit, item, where)
        comment = f"quotation {item['status']}, similarity {item['similarity']}"
        body = [_text_body(comment, "commenting"), _text_body(item["status"], "classifying")]
        if item.get("match") in spans.index.units:
            body.append(spans.unit(item["match"], f"{where}.match", "linking"))
        annotations.append(_annotation(f"quote-{i + 1}", "commenting", body, target))
    return annotations


def _quote_target(spans: Spans, unit: Item, item: Item, where: str) -> dict[str, Any]:
    """The quotation's own span when it can be found, else its whole unit."""
    span = locate(spans.index, unit, item.get("start"), item.get("end"), item["text"])
    if span is None:
        return spans.unit(unit["id"], where)
    return spans.span(unit["doc"], span[0], span[1], where)


def _redactions(spans: Spans) -> list[dict[str, Any]]:
    annotations = []
    for i, item in enumerate(spans.index.edition.get("redactions", [])):
        target = spans.span(item["doc"], item["start"], item["end"], f"redactions[{i}]")
        body = [_text_body(f"redacted: {item['text']}", "commenting")]
        annotations.append(_annotation(f"redaction-{i + 1}", "commenting", body, target))
    return annotations


def _terms(spans: Spans) -> list[dict[str, Any]]:
    annotations = []
    for i, term in enumerate(spans.index.edition.get("terms", [])):
        targets = []
        for j, occurrence in enumerate(term.get("occurrences") or []):
            where = f"terms[{i}].occurrences[{j}]"
            unit = spans.index.unit(occurrence["unit"], where)
            span = locate(spans.index, unit, occurrence.get("start"), occurrence.get("end"), occurrence["variant"])
            targets.append(spans.unit(unit["id"], where) if span is None
                           else spans.span(unit["doc"], span[0], span[1], where))
        if targets:
            comment = f"{term['concept']} = {term['en']} ({' / '.join(term['variants'])})"
            annotations.append(_annotation(f"term-{i + 1}", "commenting",
                                           [_text_body(comment, "commenting")], targets))
    return annotations


def _citations(spans: Spans) -> list[dict[str, Any]]:
    annotations = []
    for i, citation in enumerate(spans.index.edition.get("citations", [])):
        where = f"citations[{i}]"
        section = spans.ref(citation.get("section"), f"{where}.section", "identifying")
        if section is None:  # unresolved: nothing to identify
            continue
        unit = spans.index.unit(citation["unit"], f"{where}.unit")
        found = locate(spans.index, unit, citation.get("start"), citation.get("end"), citation["marker"])
        target = (spans.unit(unit["id"], where) if found is None
                  else spans.span(unit["doc"], found[0], found[1], where))
        annotations.append(_annotation(f"citation-{i + 1}", "identifying",
                                       [section, _text_body("cites", "tagging")], target))
    return annotations
