"""AIF export in the xAIF JSON layout (``edition.aif.json``) used by OVA and the ARG-tech tools.

Mapping:

* every unit that takes part in a link is one **I-node** (its text; ``unit`` names the unit);
* ``supports`` (summary claim → source unit): the source statement is the premise,
  ``I(source) → RA "Default Inference" → I(claim)``;
* ``rebuts`` (commentary claim → source unit): the claim attacks the source statement,
  ``I(claim) → CA "Default Conflict" → I(source)``;
  links with any other relation are left out (AIF has no node type for them);
* each I-node is anchored, as in IAT, by an **L-node** (the same text, spoken by the
  document as a participant) and a **YA-node** "Asserting": ``L → YA → I``; ``locutions``
  ties each L-node to its participant, one participant per document.

``nodeID``/``edgeID``/``participantID`` are integers from 0 in edition order, so the output
is deterministic. ``text.txt`` is the locutions as OVA shows them (HTML-escaped). ``unit`` on
I- and L-nodes, ``rank``/``score`` on S-nodes and ``annotator`` at the top are additions that
AIF readers ignore.
"""
from __future__ import annotations

import html
from typing import Any

from .common import EditionIndex, Item

FILE_NAME = "edition.aif.json"
SCHEMES = {"supports": ("RA", "Default Inference"), "rebuts": ("CA", "Default Conflict")}


class _Graph:
    """Nodes, edges and locutions under construction, ids handed out in order."""

    def __init__(self, index: EditionIndex) -> None:
        self.index = index
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []
        self.participants: dict[str, int] = {}
        self.i_nodes: dict[str, int] = {}

    def node(self, type_: str, text: str, **extra: Any) -> int:
        """Add a node; its id."""
        node_id = len(self.nodes)
        self.nodes.append({"nodeID": node_id, "text": text, "type": type_, **extra})
        return node_id

    def edge(self, source: int, target: int) -> None:
        """Add an edge from ``source`` to ``target``."""
        self.edges.append({"edgeID": len(self.edges), "fromID": source, "toID": target})

    def i_node(self, unit_id: str, where: str) -> int:
        """The I-node of a unit, made (with its L- and YA-nodes) the first time."""
        if unit_id in self.i_nodes:
            return self.i_nodes[unit_id]
        unit = self.index.unit(unit_id, where)
        self.index.doc(unit["doc"], f"unit {unit_id!r}")
        person = self.participants.setdefault(unit["doc"], len(self.participants))
        locution = self.node("L", unit["text"], unit=unit_id)
        self.locutions.append({"nodeID": locution, "personID": person})
        asserting = self.node("YA", "Asserting")
        proposition = self.node("I", unit["text"], unit=unit_id)
        self.edge(locution, asserting)
        self.edge(asserting, proposition)
        self.i_nodes[unit_id] = proposition
        return proposition


def aif(edition: Item) -> dict[str, Any]:
    """The edition's supports and rebuttals as an xAIF argument graph."""
    graph = _Graph(EditionIndex(edition))
    for i, link in enumerate(edition.get("links", [])):
        if link["relation"] not in SCHEMES:
            continue
        claim = graph.i_node(link["from"], f"links[{i}].from")
        source = graph.i_node(link["to"], f"links[{i}].to")
        type_, text = SCHEMES[link["relation"]]
        manual = {"manual": True} if "manual" in link.get("evidence", ()) else {}  # set or checked by hand
        scheme = graph.node(type_, text, rank=link["rank"], score=link["score"], **manual)
        premise, conclusion = (source, claim) if type_ == "RA" else (claim, source)
        graph.edge(premise, scheme)
        graph.edge(scheme, conclusion)
    return {
        "AIF": {"nodes": graph.nodes, "edges": graph.edges, "locutions": graph.locutions,
                "participants": _participants(graph), "schemefulfillments": [],
                "descriptorfulfillments": []},
        "dialog": False,
        "ova": [],
        "text": {"txt": _ova_text(graph)},
        "annotator": {"corpus": (edition.get("corpus") or {}).get("name"), "format": "xAIF"},
    }


def _participants(graph: _Graph) -> list[dict[str, Any]]:
    docs = graph.index.docs
    return [{"participantID": person, "firstname": str(docs[doc]["role"]), "surname": doc}
            for doc, person in graph.participants.items()]


def _ova_text(graph: _Graph) -> str:
    names = {person: doc for doc, person in graph.participants.items()}
    texts = {node["nodeID"]: node["text"] for node in graph.nodes}
    return "".join(
        f'{html.escape(names[loc["personID"]])} <span class="highlighted" id="{loc["nodeID"]}">'
        f'{html.escape(texts[loc["nodeID"]])}</span>.<br><br>'
        for loc in graph.locutions)
