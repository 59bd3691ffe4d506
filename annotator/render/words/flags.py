"""What a flag means, said in both interface languages from the flag's own pieces."""
from __future__ import annotations

from typing import Optional

from ...check.records import Flag
from ..catalog import Catalog
from ..labels import Bi, flag_kind, role
from .messages import Message, Said, message

WHO = {"summary": Bi("要約", "the summary"), "commentary": Bi("コメント", "the commentary")}


def flag_message(catalog: Catalog, flag: Flag) -> Message:
    """A flag as one plain sentence per language (its kind's label when it has no template)."""
    if flag.kind == "number_mismatch":
        return _figures(catalog, flag)
    if flag.kind == "miscitation":
        return _miscitation(catalog, flag)
    if flag.kind == "unknown_section":
        return _unknown_section(catalog, flag)
    label = flag_kind(flag.kind)
    return message("{label}。", "{label}.", label=label)


def _lang(catalog: Catalog, unit_id: Optional[str]) -> str:
    unit = catalog.units.get(unit_id or "")
    doc = catalog.docs.get(unit.doc) if unit else None
    return doc.lang if doc else "ja"


def who(catalog: Catalog, unit_id: str) -> Bi:
    """Which document speaks: the summary, the commentary (or the role's label)."""
    name = catalog.role_of(unit_id)
    return WHO.get(name) or role(name)


def _figures(catalog: Catalog, flag: Flag) -> Message:
    speaker = who(catalog, flag.unit)
    if not flag.said or not flag.source_said:
        return message("{who}の数字が原文と合わない。", "A figure in {who} does not match the source.", who=speaker)
    values = {"who": speaker, "a": Said(flag.said.strip(), _lang(catalog, flag.unit)),
              "b": Said(flag.source_said.strip(), _lang(catalog, flag.target))}
    if flag.reason == "inverted":
        return message("{who}は{a}としているが、原文は{b}。比率が逆になっている。",
                       "{who} says {a}, but the source says {b}: the ratio is turned round.", **values)
    return message("{who}は{a}としているが、原文は{b}。数字が合わない。",
                   "{who} says {a}, but the source says {b}: the figures disagree.", **values)


def _section_heading(catalog: Catalog, section_id: Optional[str]) -> Optional[Said]:
    section = catalog.section_by_id.get(section_id or "")
    if section is None:
        return None
    return Said(section.heading, catalog.docs[section.doc].lang)


def _miscitation(catalog: Catalog, flag: Flag) -> Message:
    family = set(catalog.family(flag.unit)) | {flag.unit}
    citations = catalog.citations_of.of(family)
    target = catalog.units.get(flag.target or "")
    found = _section_heading(catalog, target.section) if target else None
    cited = next((c for c in citations if found is None or c.section != target.section), None) if citations else None
    named = _section_heading(catalog, cited.section) if cited else None
    if cited is None or named is None or found is None:
        return message("出典として示された節と、内容が書かれている節が違う。",
                       "The section cited is not the one where this is said.")
    values = {"marker": Said(cited.marker, _lang(catalog, cited.unit)), "named": named, "found": found}
    return message("出典表示{marker}は節{named}を示すが、この内容は原文の節{found}に書かれている。",
                   "The marker {marker} points to the section {named}, but the source says this in {found}.",
                   **values)


def _unknown_section(catalog: Catalog, flag: Flag) -> Message:
    family = set(catalog.family(flag.unit)) | {flag.unit}
    citation = next((c for c in catalog.citations_of.of(family) if c.title), None)
    if citation is None:
        return message("出典表示が示す節は原文にない。", "The marker names a section the source does not have.")
    lang = _lang(catalog, citation.unit)
    return message("出典表示{marker}が示す節{title}は原文にない。",
                   "The marker {marker} names a section, {title}, that the source does not have.",
                   marker=Said(citation.marker, lang), title=Said(citation.title, lang))
