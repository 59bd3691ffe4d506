"""Read annotations made in other tools as judgments about an edition's units and sections.

* W3C Web Annotation (JSON or JSON-LD: one Annotation, a list, an AnnotationPage or an
  AnnotationCollection): a ``linking`` annotation joins its target (the claim) to each body
  resource (a source passage, or a section when the target is a citation marker); an
  ``identifying`` annotation pins a claim's citation to the section its body resource selects;
  a linking annotation with two targets and no body resource joins them in the order written
  (Recogito's relations). The relation is a TextualBody ``supports`` or ``rebuts`` (purpose
  tagging or classifying), else the default for the claim's role. Resources are found by
  TextQuoteSelector (exact, prefix, suffix), falling back to TextPositionSelector; our own
  export's ids (``file#unit-id``) are used first. A ``classifying`` annotation whose TextualBody
  names a rebuttal type of the taxonomy (``straw_man``, ``proposal`` …) tags the claim it targets.
  Other annotations (comments, findings) are listed as not imported.
* brat standoff (``.ann``): text-bound annotations ``T1<TAB>Type START END<TAB>text`` are found
  by their text (the offsets, counted in the corpus file named like the ``.ann``, break ties
  between equal texts), and each
  relation ``R1<TAB>Type Arg1:T1 Arg2:T2`` joins them; its type is the relation when it is
  supports or rebuts (any case), else the default.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from ..check.taxonomy import kind_ids
from ..corpus.files import read_small_file
from ..errors import AnnotatorError, excerpt
from .anchor import Anchorer, Place, Quote, quotes_of

Item = dict[str, Any]
RELATIONS = ("supports", "rebuts")


@dataclass(frozen=True)
class LinkJudgment:
    claim: str
    target: str
    relation: Optional[str]  # None: the default for the claim's role
    where: str  # the annotation it came from


@dataclass(frozen=True)
class PinJudgment:
    unit: str
    section: str
    where: str


@dataclass(frozen=True)
class TagJudgment:
    unit: str
    kind: str  # a rebuttal type id of data/rebuttal_types.toml
    where: str


@dataclass(frozen=True)
class NotImported:
    where: str
    why: str
    anchored: bool = False  # True: read, but not a link or pin (a comment, a tag, a finding)


Judgment = Union[LinkJudgment, PinJudgment, TagJudgment, NotImported]


MAX_IMPORT_BYTES = 256 * 1024 * 1024  # an annotation file read by `annotator import`


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


class ImportFormatError(AnnotatorError):
    """A file that is neither Web Annotation JSON nor brat standoff as this reader knows them."""


def read_annotations(path: Path, anchorer: Anchorer) -> list[Judgment]:
    """The judgments in a Web Annotation file (.json, .jsonld) or a brat file (.ann)."""
    fix = "pass a UTF-8 Web Annotation (.jsonld/.json) or brat (.ann) file"
    raw = read_small_file(Path(path), MAX_IMPORT_BYTES, "the annotations", ImportFormatError, fix)  # regular, bounded
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFormatError("the annotations are not UTF-8 text", file=str(path), fix=fix) from None
    if Path(path).suffix.lower() == ".ann":
        return brat_judgments(text, anchorer, Path(path).stem)
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise ImportFormatError(f"not valid JSON: {error.msg} (column {error.colno})", file=str(path),
                                line=error.lineno,
                                fix="pass a Web Annotation (.jsonld/.json) or brat standoff (.ann) file") from None
    except (ValueError, RecursionError) as error:  # NaN, a number past 4,300 digits, nesting too deep
        raise ImportFormatError(f"a value cannot be read: {excerpt(str(error).split(';')[0])}", file=str(path),
                                fix=fix) from None
    return webanno_judgments(data, anchorer)


# --- W3C Web Annotation ------------------------------------------------------------------

def annotations_in(data: Any) -> list[Item]:
    """The Annotations of a document: one, a list, a page or a collection (with its pages)."""
    if isinstance(data, list):
        return [a for item in data for a in annotations_in(item)]
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    if kind == "AnnotationCollection":
        return annotations_in(data.get("first"))
    if kind == "AnnotationPage":
        return annotations_in(data.get("items")) + annotations_in(data.get("next") if isinstance(data.get("next"), dict) else None)
    if kind == "Annotation" or "target" in data:
        return [data]
    return []


def webanno_judgments(data: Any, anchorer: Anchorer) -> list[Judgment]:
    annotations = annotations_in(data)
    by_id = {a["id"]: a for a in annotations if isinstance(a.get("id"), str)}
    judgments: list[Judgment] = []
    for i, annotation in enumerate(annotations):
        where = str(annotation.get("id") or f"annotation {i + 1}")
        judgments += _annotation(annotation, where, anchorer, by_id)
    return judgments


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _annotation(annotation: Item, where: str, anchorer: Anchorer, by_id: dict[str, Item]) -> list[Judgment]:
    motivation = annotation.get("motivation")
    bodies = _as_list(annotation.get("body"))
    targets = [_resolve(t, by_id) for t in _as_list(annotation.get("target"))]
    resources = [b for b in bodies if isinstance(b, dict) and b.get("type") != "TextualBody" and _selects(b)]
    words = [str(b.get("value", "")).strip().lower() for b in bodies
             if isinstance(b, dict) and b.get("type") == "TextualBody"]
    relation = next((w for w in words if w in RELATIONS), None)
    kinds = [w for w in words if w in kind_ids()]
    if motivation == "classifying" and kinds:
        return _tags(targets, kinds, where, anchorer)
    if motivation not in ("linking", "identifying"):
        return [NotImported(where, f"{motivation or 'no'} motivation", anchored=True)]
    if not resources and len(targets) == 2:  # a relation between two spans, in the order written
        resources, targets = targets[1:], targets[:1]
    if len(targets) != 1 or not resources:
        return [NotImported(where, "a link needs one target (the claim) and a body resource "
                                   "(the source passage or section), or two targets")]
    claim_place, why = _place(targets[0], anchorer)
    if claim_place is None:
        return [NotImported(where, f"target: {why}")]
    return [_judgment(claim_place, resource, relation, where, anchorer) for resource in resources]


def _tags(targets: list[Any], kinds: list[str], where: str, anchorer: Anchorer) -> list[Judgment]:
    """A tag on each claim the annotation targets (one per kind it names)."""
    found: list[Judgment] = []
    for target in targets:
        place, why = _place(target, anchorer)
        unit = anchorer.unit(place, "claim") if place is not None else None
        if unit is None:
            found.append(NotImported(where, f"target: {why or 'no summary or commentary claim there'}"))
        else:
            found += [TagJudgment(unit, kind, where) for kind in dict.fromkeys(kinds)]
    return found


def _judgment(claim_place: Place, resource: Item, relation: Optional[str], where: str,
              anchorer: Anchorer) -> Judgment:
    place, why = _place(resource, anchorer)
    if place is None:
        return NotImported(where, f"body: {why}")
    section = anchorer.by_id(resource.get("id"), ["section"]) or anchorer.section(place)
    if section is not None:
        return _pin(claim_place, section, where, anchorer)
    return _link(claim_place, place, relation, where, anchorer)


def _pin(claim_place: Place, section: str, where: str, anchorer: Anchorer) -> Judgment:
    """A section selected whole or by its heading: the claim's citation names it."""
    unit = anchorer.unit(claim_place, "cited")
    if unit is None:
        return NotImported(where, "a section is selected, but the other span holds no citation marker to pin")
    return PinJudgment(unit, section, where)


def _link(claim_place: Place, place: Place, relation: Optional[str], where: str, anchorer: Anchorer) -> Judgment:
    claim, target = anchorer.unit(claim_place, "claim"), anchorer.unit(place, "source")
    if claim is None or target is None:  # written the other way round?
        claim, target = anchorer.unit(place, "claim"), anchorer.unit(claim_place, "source")
    if claim is None or target is None:
        return NotImported(where, "a link joins a summary or commentary claim to a source passage; "
                                  "these spans are not one of each")
    return LinkJudgment(claim, target, relation, where)


def _resolve(target: Any, by_id: dict[str, Item]) -> Any:
    """A target given as the id of another annotation (Recogito) stands for that one's target."""
    key = target if isinstance(target, str) else target.get("id") if isinstance(target, dict) and not _selects(target) else None
    if isinstance(key, str) and key in by_id:
        return (_as_list(by_id[key].get("target")) or [target])[0]
    return target


def _selects(resource: Any) -> bool:
    return isinstance(resource, dict) and bool(resource.get("selector") or resource.get("id"))


def _place(resource: Any, anchorer: Anchorer) -> tuple[Optional[Place], str]:
    if not isinstance(resource, dict):
        return None, "not a resource with selectors"
    own = anchorer.by_id(resource.get("id"), ["unit", "section"])
    selectors = [s for s in _as_list(resource.get("selector")) if isinstance(s, dict)]
    source = resource.get("source")
    source_id = source.get("id") if isinstance(source, dict) else source
    doc = source_id.rsplit("#", 1)[1] if isinstance(source_id, str) and "#" in source_id else None
    quote = quotes_of(selectors)
    quote = Quote(quote.exact, quote.prefix, quote.suffix, quote.start, quote.end, doc)
    if own is not None:
        span = anchorer.units.get(own) or anchorer.sections[own]
        text = anchorer.docs[span["doc"]]["text"][span["start"]:span["end"]]
        if quote.exact in (None, text):
            return Place(span["doc"], span["start"], span["end"], own), ""
    if quote.exact is None and quote.start is None:
        return None, "no TextQuoteSelector or TextPositionSelector"
    return anchorer.place(quote)


# --- brat standoff -----------------------------------------------------------------------

_SPAN = re.compile(r"^(T\d+)\t(\S+) (\d+) (\d+)(?:;\d+ \d+)*\t(.*)$")
_RELATION = re.compile(r"^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)\s*$")


def brat_judgments(text: str, anchorer: Anchorer, stem: str = "") -> list[Judgment]:
    """Relations of a brat ``.ann``; its offsets count in the corpus file named like it
    (``essay.ann`` → ``essay.txt``), and are ignored when no corpus file is."""
    spans: dict[str, tuple[Optional[Place], str]] = {}
    judgments: list[Judgment] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if (m := _SPAN.match(line)):
            name, _, start, end, covered = m.groups()
            at = anchorer.in_file(stem, int(start), int(end))
            spans[name] = anchorer.place(Quote(exact=covered or None, start=at.start if at else None,
                                               end=at.end if at else None, doc=at.doc if at else None),
                                         fallback=False)  # the text is brat's own copy: it must be there
        elif (r := _RELATION.match(line)):
            name, kind, arg1, arg2 = r.groups()
            judgments.append(_brat_relation(f"line {number} ({name})", kind, spans.get(arg1), spans.get(arg2),
                                            anchorer))
        else:
            judgments.append(NotImported(f"line {number}", "not a text-bound annotation (T) or a relation (R) "
                                                           "with Arg1 and Arg2: events, attributes and notes "
                                                           "are not corrections"))
    return judgments


def _brat_relation(where: str, kind: str, first: Optional[tuple[Optional[Place], str]],
                   second: Optional[tuple[Optional[Place], str]], anchorer: Anchorer) -> Judgment:
    if first is None or second is None:
        return NotImported(where, "an argument names no text-bound annotation above it")
    for (place, why), role in ((first, "Arg1"), (second, "Arg2")):
        if place is None:
            return NotImported(where, f"{role}: {why}")
    claim_place, place = first[0], second[0]
    assert claim_place is not None and place is not None
    relation = kind.lower() if kind.lower() in RELATIONS else None
    section = anchorer.section(place)
    if section is not None:
        return _pin(claim_place, section, where, anchorer)
    return _link(claim_place, place, relation, where, anchorer)
