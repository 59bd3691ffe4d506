"""A review action, as the page sends it, checked against the edition and turned into a links.toml entry.

Nothing from a request reaches the file system or a template: every value is either an id the
edition holds, a word from a fixed list, or a note written into a TOML string (escaped).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from ..edition.model import Edition
from ..link.corrections import RELATIONS
from ..render.catalog import Catalog
from .state import Ids, section_name, unit_name

MAX_ID = 200
MAX_NOTE = 500
# each action: its keys (the first ones required) and the links.toml kind it writes
ACTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "confirm": (("from", "to"), (), "confirm"),
    "reject": (("from", "to"), (), "remove"),
    "relation": (("from", "to", "relation"), (), "relation"),
    "add": (("from", "to"), ("relation",), "add"),
    "pin": (("unit", "section"), (), "pin"),
    "dismiss": (("unit", "kind"), ("target", "quote", "note"), "dismiss"),
    "tag": (("unit",), ("add", "remove"), "tag"),
}


class BadAction(ValueError):
    """A request the server refuses; the message is the one-line reason sent back."""


@dataclass(frozen=True)
class Correction:
    """A checked action: the entry's kind and values, and the comments that name its units."""

    kind: str
    values: dict[str, Optional[str]]
    comments: dict[str, str]
    heading: str


def parse_action(body: Any, edition: Edition, catalog: Catalog, ids: Ids) -> Correction:
    """The correction a request body asks for; BadAction when anything in it is unknown or malformed."""
    if not isinstance(body, dict):
        raise BadAction("the body must be a JSON object")
    action = body.get("action")
    if not isinstance(action, str) or action not in ACTIONS:
        raise BadAction(f"unknown action (one of: {', '.join(ACTIONS)})")
    required, optional, kind = ACTIONS[action]
    extra = set(body) - {"action", *required, *optional}
    if extra:
        raise BadAction(f"unknown field {sorted(extra)[0]!r} for {action}")
    values: dict[str, Optional[str]] = {}
    for key in required + optional:
        value = body.get(key)
        if value is None or (key in optional and value == ""):
            if key in required:
                raise BadAction(f"{action} needs {key!r}")
            continue
        if not isinstance(value, str):
            raise BadAction(f"{key!r} must be a string")
        limit = MAX_NOTE if key == "note" else MAX_ID
        if len(value) > limit:
            raise BadAction(f"{key!r} is longer than {limit} characters")
        values[key] = value
    _check(action, values, edition, ids)
    if action == "dismiss" and values.get("note"):
        values["note"] = " ".join(values["note"].split())  # one line in the file
    return Correction(kind, values, _comments(values, catalog), _heading(action, values, catalog))


def _check(action: str, values: Mapping[str, Optional[str]], edition: Edition, ids: Ids) -> None:
    """BadAction unless every id names something the action can change."""
    pair = (values.get("from") or "", values.get("to") or "")
    if action in ("confirm", "reject", "relation") and pair not in ids.links:
        raise BadAction(f"no link from {pair[0]!r} to {pair[1]!r} in this edition")
    if action == "add":
        if pair[0] not in ids.claims:
            raise BadAction(f"from {pair[0]!r} names no claim of this edition")
        if pair[1] not in ids.targets:
            raise BadAction(f"to {pair[1]!r} names no source passage of this edition")
    if values.get("relation") is not None and values["relation"] not in RELATIONS:
        raise BadAction("relation must be supports or rebuts")
    if action == "pin":
        if values["unit"] not in ids.cited:
            raise BadAction(f"unit {values['unit']!r} holds no citation marker in this edition")
        if values["section"] not in ids.sections:
            raise BadAction(f"section {values['section']!r} names no source section of this edition")
    if action == "dismiss":
        _check_finding(values, edition)
    if action == "tag":
        _check_tag(values, ids)


def _check_finding(values: Mapping[str, Optional[str]], edition: Edition) -> None:
    unit, kind = values["unit"], values["kind"]
    if kind == "quote":
        if values.get("target") is not None:
            raise BadAction("a quotation's dismissal takes quote, not target")
        found = any(q.unit == unit and q.status != "exact" and values.get("quote") in (None, q.text)
                    for q in edition.quotes)
    else:
        if values.get("quote") is not None:
            raise BadAction("quote is only for kind quote")
        found = any(f.unit == unit and f.kind == kind and values.get("target") in (None, f.target) for f in edition.flags)
    if not found:
        raise BadAction(f"no {kind!r} finding on {unit!r} in this edition")


def _check_tag(values: Mapping[str, Optional[str]], ids: Ids) -> None:
    unit, add, remove = values["unit"], values.get("add"), values.get("remove")
    if unit not in ids.tagged:
        raise BadAction(f"unit {unit!r} is no commentary point or bullet of this edition")
    if not add and not remove:
        raise BadAction("tag needs add or remove")
    for kind in (add, remove):
        if kind is not None and kind not in ids.tag_kinds:
            raise BadAction(f"{kind!r} is no rebuttal type")
    if add and (unit, add) in ids.tags:
        raise BadAction(f"{unit!r} already has the tag {add!r}")
    if remove and (unit, remove) not in ids.tags:
        raise BadAction(f"{unit!r} has no tag {remove!r}")


def _comments(values: Mapping[str, Optional[str]], catalog: Catalog) -> dict[str, str]:
    """The number the page shows beside each unit id, the heading beside each section id."""
    comments = {key: _both(catalog, values[key]) for key in ("from", "to", "unit", "target") if values.get(key)}
    if values.get("section"):
        comments["section"] = section_name(catalog, values["section"])
    return comments


def _both(catalog: Catalog, unit_id: Optional[str]) -> str:
    ja, en = unit_name(catalog, unit_id, "ja"), unit_name(catalog, unit_id, "en")
    return ja if ja == en else f"{ja} / {en}"


def _heading(action: str, values: Mapping[str, Optional[str]], catalog: Catalog) -> str:
    """The entry's heading comment: what was done, named as the page names it."""
    name = lambda key: unit_name(catalog, values.get(key), "ja")  # noqa: E731
    if action in ("confirm", "reject", "relation", "add"):
        return f"{action}: {name('from')} → {name('to')}" + (f" ({values['relation']})" if values.get("relation") else "")
    if action == "pin":
        return f"pin: {name('unit')} → {section_name(catalog, values['section'])}"
    if action == "dismiss":
        return f"dismiss: {values['kind']} on {name('unit')}"
    change = " → ".join(v for v in (values.get("remove"), values.get("add")) if v)
    return f"tag: {name('unit')} {change}"
