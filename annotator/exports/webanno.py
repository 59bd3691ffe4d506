"""W3C Web Annotation export (``annotations.jsonld``): one AnnotationCollection.

Mapping (every id is relative to the folder that holds the edition):

* a link becomes a ``linking`` annotation whose target is the claim (the link's ``from``)
  and whose bodies are the source unit (``to``, purpose ``linking``) and a TextualBody
  naming the relation (purpose ``tagging``);
* a tag becomes a ``classifying`` annotation with its kind as a TextualBody (and the cue
  as a ``describing`` body);
* flags, quotations, redactions and terms become ``commenting`` annotations.

A unit is a SpecificResource whose ``source`` is ``<file>#<document id>`` and whose ``id``
is ``<file>#<unit id>``; its selectors are a TextQuoteSelector (32 characters of context
either side) and a TextPositionSelector, both counted in code points of the document text.
Only terms of the W3C context are used, so the file expands as JSON-LD without loss.
"""
from __future__ import annotations

import re
from typing import Any, Optional
from urllib.parse import quote

from .common import EditionIndex, Item, locate

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FILE_NAME = "annotations.jsonld"
CONTEXT_CHARS = 32
_UNRESERVED = re.compile("[A-Za-z0-9_.~-]*")  # what quote() never escapes


def webanno(edition: Item) -> dict[str, Any]:
    """The edition's links, tags and findings as a W3C AnnotationCollection."""
    index = EditionIndex(edition)
    items = (_links(index) + _tags(index) + _flags(index) + _quotes(index) + _redactions(index)
             + _terms(index))
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


def span_resource(index: EditionIndex, doc_id: str, start: int, end: int, where: str,
                  unit_id: Optional[str] = None) -> dict[str, Any]:
    """A SpecificResource for ``doc_text[start:end]``, with quote and position selectors."""
    doc = index.doc(doc_id, where)
    text = doc["text"]
    resource: dict[str, Any] = {"type": "SpecificResource"}
    if unit_id is not None:
        resource["id"] = iri(doc["file"], unit_id)
    resource["source"] = {"id": iri(doc["file"], doc["id"]), "type": "Text", "format": "text/plain",
                          "language": doc["lang"]}
    resource["selector"] = [
        {"type": "TextQuoteSelector", "exact": text[start:end],
         "prefix": text[max(0, start - CONTEXT_CHARS):start], "suffix": text[end:end + CONTEXT_CHARS]},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]
    return resource


def unit_resource(index: EditionIndex, unit_id: Any, where: str) -> dict[str, Any]:
    """The SpecificResource of a whole unit."""
    unit = index.unit(unit_id, where)
    return span_resource(index, unit["doc"], unit["start"], unit["end"], where, unit_id=unit["id"])


def _ref_resource(index: EditionIndex, ref: Any, where: str) -> Optional[dict[str, Any]]:
    if ref in index.units:
        return unit_resource(index, ref, where)
    section = index.sections.get(ref) if isinstance(ref, str) else None
    if section is None:
        return None
    resource = span_resource(index, section["doc"], section["start"], section["end"], where)
    resource["id"] = iri(index.doc(section["doc"], where)["file"], section["id"])
    return resource


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}


def _annotation(name: str, motivation: str, body: list[dict[str, Any]], target: Any) -> dict[str, Any]:
    return {"id": f"{FILE_NAME}#{name}", "type": "Annotation", "motivation": motivation,
            "body": body, "target": target}


def _links(index: EditionIndex) -> list[dict[str, Any]]:
    annotations = []
    for i, link in enumerate(index.edition.get("links", [])):
        where = f"links[{i}]"
        to = unit_resource(index, link["to"], f"{where}.to")
        to["purpose"] = "linking"
        body = [to, _text_body(link["relation"], "tagging")]
        annotations.append(_annotation(f"link-{i + 1}", "linking", body,
                                       unit_resource(index, link["from"], f"{where}.from")))
    return annotations


def _tags(index: EditionIndex) -> list[dict[str, Any]]:
    annotations = []
    for i, tag in enumerate(index.edition.get("tags", [])):
        body = [_text_body(tag["kind"], "classifying")]
        if tag.get("cue"):
            body.append(_text_body(tag["cue"], "describing"))
        annotations.append(_annotation(f"tag-{i + 1}", "classifying", body,
                                       unit_resource(index, tag["unit"], f"tags[{i}].unit")))
    return annotations


def _flags(index: EditionIndex) -> list[dict[str, Any]]:
    annotations = []
    for i, flag in enumerate(index.edition.get("flags", [])):
        where = f"flags[{i}]"
        body = [_text_body(flag["detail"], "commenting"), _text_body(flag["kind"], "classifying")]
        related = _ref_resource(index, flag.get("target"), f"{where}.target")
        if related is not None:
            related["purpose"] = "linking"
            body.append(related)
        annotations.append(_annotation(f"flag-{i + 1}", "commenting", body,
                                       unit_resource(index, flag["unit"], f"{where}.unit")))
    return annotations


def _quotes(index: EditionIndex) -> list[dict[str, Any]]:
    annotations = []
    for i, item in enumerate(index.edition.get("quotes", [])):
        where = f"quotes[{i}]"
        unit = index.unit(item["unit"], f"{where}.unit")
        target = _quote_target(index, unit, item, where)
        comment = f"quotation {item['status']}, similarity {item['similarity']}"
        body = [_text_body(comment, "commenting"), _text_body(item["status"], "classifying")]
        if item.get("match") in index.units:
            match = unit_resource(index, item["match"], f"{where}.match")
            match["purpose"] = "linking"
            body.append(match)
        annotations.append(_annotation(f"quote-{i + 1}", "commenting", body, target))
    return annotations


def _quote_target(index: EditionIndex, unit: Item, item: Item, where: str) -> dict[str, Any]:
    """The quotation's own span when it can be found, else its whole unit."""
    span = locate(index, unit, item.get("start"), item.get("end"), item["text"])
    if span is None:
        return unit_resource(index, unit["id"], where)
    return span_resource(index, unit["doc"], span[0], span[1], where)


def _redactions(index: EditionIndex) -> list[dict[str, Any]]:
    annotations = []
    for i, item in enumerate(index.edition.get("redactions", [])):
        target = span_resource(index, item["doc"], item["start"], item["end"], f"redactions[{i}]")
        body = [_text_body(f"redacted: {item['text']}", "commenting")]
        annotations.append(_annotation(f"redaction-{i + 1}", "commenting", body, target))
    return annotations


def _terms(index: EditionIndex) -> list[dict[str, Any]]:
    annotations = []
    for i, term in enumerate(index.edition.get("terms", [])):
        targets = []
        for j, occurrence in enumerate(term.get("occurrences") or []):
            where = f"terms[{i}].occurrences[{j}]"
            unit = index.unit(occurrence["unit"], where)
            span = locate(index, unit, occurrence.get("start"), occurrence.get("end"), occurrence["variant"])
            targets.append(unit_resource(index, unit["id"], where) if span is None
                           else span_resource(index, unit["doc"], span[0], span[1], where))
        if targets:
            comment = f"{term['concept']} = {term['en']} ({' / '.join(term['variants'])})"
            annotations.append(_annotation(f"term-{i + 1}", "commenting",
                                           [_text_body(comment, "commenting")], targets))
    return annotations
