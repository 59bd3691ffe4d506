"""number_mismatch for figures a commentary attributes to the source: 社説は…32%にのぼったと書く.

A commentary rebuts the source and brings figures of its own (other towns, other years): those
are never compared. A figure it *reports* is a claim about the source, and is checked like a
summary's. A figure is reported when its sentence says the source says it:

- a quotative or reporting verb closes the figure's clause (…32%にのぼったと書く, …増えたという,
  …の成果として…を挙げる) and the sentence names the source before the figure (社説は, 報告書が,
  この記事は: ``SOURCE_WORDS``), or names no topic of its own there (no …は: the source speaks);
- the source is the agent of a clause that qualifies the figure (報告書が見積もる2億8千万ポンド,
  コラムが挙げる年2億4千万円), or the sentence is read through it (報告書によれば, 記事では);
- in English: the source with a reporting verb before the figure (the report says, the author
  estimates), or "according to" the source.

A reported figure that agrees with any figure of the source (a figure written another way:
4.6 million = 460万) is never flagged. Otherwise it is compared (``compare_quantities``) with the
figures of the claim's best ``LINK_RANK`` ``rebuts`` links, read as the sentences it was taken
from: a figure of the same measure, or the one figure of its kind and unit among them (within
``FACTOR``, whatever the words around it: 税収 for 固定資産税), that disagrees is flagged.
"""
from __future__ import annotations

import re
from typing import Mapping, Optional, Sequence

from ..extract.figures import compare_quantities, extract_quantities, lone_mismatch, stated
from ..extract.quantities import Quantity
from ..link.markers import find_markers, strip_markers
from ..link.records import Link
from ..text.records import Structure, Unit
from .common import links_by_claim, units_by_id
from .records import Flag

LINK_RANK = 5
SOURCE_WORDS = (r"(?:元記事|原文|原典|出典|本文|記事|社説|論説|論文|報告書?|レポート|コラム|寄稿|エッセイ|本稿|同稿|本書|"
                r"筆者|著者|書き手|講義|講演|投稿|ブログ)")
_VERBS = (r"(?:書|述べ|言[うっいわ]|い[うっ]|主張|指摘|報告|推計|試算|見積|説明|強調|紹介|記し|記す|伝え|挙げ|示し|示す|"
          r"訴え|結論|見込|予測|予想|する|して|した|しており)")
_REPORTING = re.compile(r"(?:と|って|を|とし|として)" + _VERBS)
_NOT_REPORTING = re.compile(r"と(?:言え|いえ|考え|思)")  # the commentary's own judgement
_NAMED = re.compile(SOURCE_WORDS + r"(?:は|が|も|では|によれば|によると|によれば、)")
_THROUGH = re.compile(SOURCE_WORDS + r"(?:によれば|によると|では)")
_AGENT = re.compile(SOURCE_WORDS + r"(?:が|の)[\u3040-\u309f\u4e00-\u9fff]{1,8}?[るたうすくぐむぶつ](?:年|約|およそ|年間)?$")
_TOPIC = re.compile(r"[^\s、。]は(?![\u3040-\u309f])|では")
_EN_SOURCE = r"(?:the|this|its)\s+(?:original\s+)?(?:report|article|essay|editorial|author|writer|column|paper|post|blog|lecture|op-ed|piece)"
_EN_SAYS = re.compile(_EN_SOURCE + r"\b[^.;!?]{0,60}?\b(?:says?|said|claims?|claimed|writes?|wrote|states?|stated|"
                      r"reports?|reported|estimates?|estimated|puts?|argues?|argued|notes?|noted|cites?|cited)\b",
                      re.IGNORECASE)
_EN_ACCORDING = re.compile(r"according\s+to\s+" + _EN_SOURCE, re.IGNORECASE)
_CLAUSE_END = "、。,;；!?！？\n"


def reported(text: str, q: Quantity) -> bool:
    """Whether the sentence ``text`` attributes the figure ``q`` to the source (see the module rules)."""
    before, after = text[:q.start], text[q.end:]
    if _EN_SAYS.search(before) or _EN_ACCORDING.search(before):
        return True
    if _AGENT.search(before) or _THROUGH.search(before):
        return True
    clause = after[:min([after.find(c) for c in _CLAUSE_END if c in after] or [len(after)])]
    cue = _REPORTING.search(clause)
    if cue is None or _NOT_REPORTING.match(clause, cue.start()):
        return False
    return bool(_NAMED.search(text)) or not _TOPIC.search(before)


def check_reported(structure: Structure, links: Sequence[Link], source_docs: set[str]) -> tuple[Flag, ...]:
    """A number_mismatch flag for each reported figure of a commentary claim the source contradicts."""
    units = units_by_id(structure)
    rebuts = links_by_claim(links, relation="rebuts", max_rank=LINK_RANK)
    everywhere = [q for u in structure.units if u.doc in source_docs and u.kind == "sentence"
                  for q in extract_quantities(u.text)]
    flags: list[Flag] = []
    seen: set[tuple[str, str]] = set()
    for sentence in structure.units:
        claim = _claim_of(sentence, units, rebuts) if sentence.kind == "sentence" else None
        if claim is None or not any(map(str.isdigit, sentence.text)):
            continue
        text = strip_markers(sentence.text, find_markers(sentence.text))
        figures = [q for q in extract_quantities(text) if reported(text, q)]
        figures = [q for q in figures if not stated(q, everywhere)]
        if not figures:
            continue
        taken = [(units[link.target].id, extract_quantities(units[link.target].text))
                 for link in rebuts[claim.id] if link.target in units]
        pooled = [q for _, found in taken for q in found]
        where = {id(q): target for target, found in taken for q in found}
        found = compare_quantities(figures, pooled, taken_from=True)
        found += [m for m in (lone_mismatch(q, pooled) for q in figures if q not in [f.claim for f in found]) if m]
        for mismatch in found:
            unit = sentence.parent or claim.id  # the bullet, or the point's lead paragraph, that says it
            key = (unit, mismatch.detail)
            if key not in seen:
                seen.add(key)
                flags.append(Flag(unit=unit, kind="number_mismatch", detail=mismatch.detail,
                                  target=where[id(mismatch.source)], said=mismatch.claim.text,
                                  source_said=mismatch.source.text, reason=mismatch.reason))
    return tuple(flags)


def _claim_of(sentence: Unit, units: Mapping[str, Unit], rebuts: Mapping[str, list[Link]]) -> Optional[Unit]:
    """The nearest unit above a sentence that has rebuts links: the commentary bullet or point it belongs to."""
    parent = units.get(sentence.parent or "")
    while parent is not None:
        if parent.id in rebuts:
            return parent
        parent = units.get(parent.parent or "")
    return None
