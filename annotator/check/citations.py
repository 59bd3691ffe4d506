"""miscitation: a summary bullet whose support clearly lies in another section than its marker names.

Per claim, the ``supports`` links are grouped by the section of their target, and each section
scores its best link's *content* score: the link score less the bonus alignment adds for lying
in a cited section (``CITED_SECTION_BONUS`` × the citation's score), so a marker cannot vouch
for itself. A cited section that none of the claim's links reaches scores 0: alignment already
favoured it, and still ranked other sentences above all of its own. The claim is flagged when
the best other section (never the unsectioned introduction, which no marker can name):

- has its best link within ``MISCITATION_RANK`` (2): the support is among the claim's top links;
- is not weak: it scores at least ``WEAK`` (0.25), so the support is real;
- beats every cited section by at least ``MARGIN`` (0.15);
- and every cited section is weak: it scores below ``WEAK``.

Near ties (a summary sentence drawing on two sections) are thus never flagged.

unknown_section: a marker whose quoted title shares nothing (title similarity below
``UNKNOWN_TITLE_AT``) with any section heading or manifest title and never occurs in the source
text: it names a section the source does not have. Loose titles that still share a word or a
numeral with a heading (「3つの重要な力学」 for 人工知能の3大発展) are left to resolution.
"""
from __future__ import annotations

from typing import Mapping, Optional, Sequence

from ..extract.folding import nfkc
from ..link.align import CITED_SECTION_BONUS
from ..link.citations import title_similarity
from ..link.records import Citation, Link
from ..text.records import Section, Structure
from .common import links_by_claim, units_by_id
from .records import Flag

MARGIN = 0.15
UNKNOWN_TITLE_AT = 0.03
WEAK = 0.25
MISCITATION_RANK = 2


def check_citations(structure: Structure, citations: Sequence[Citation], links: Sequence[Link]) -> tuple[Flag, ...]:
    """A miscitation flag for each claim whose supports lie clearly outside the cited sections."""
    units = units_by_id(structure)
    section_of = {uid: u.section for uid, u in units.items()}
    sections = {s.id: s for s in structure.sections}
    cited: dict[str, dict[str, Citation]] = {}
    for citation in citations:
        if citation.section:
            cited.setdefault(citation.unit, {}).setdefault(citation.section, citation)
    flags = []
    for claim, found in links_by_claim(links, relation="supports").items():
        if claim in cited:
            flag = _miscited(claim, found, cited[claim], section_of, sections)
            if flag is not None:
                flags.append(flag)
    return tuple(flags)


def check_unknown_sections(structure: Structure, citations: Sequence[Citation], source_text: str,
                           title_matches: Optional[Mapping[tuple[str, int], Optional[float]]] = None,
                           links: Sequence[Link] = ()) -> tuple[Flag, ...]:
    """An unknown_section flag for each marker whose title matches no section of the source.

    ``title_matches``: (unit, marker start) → how well resolution read the title as a section's names,
    terms across languages included (〔原文「交通の変化」〕 for "What Happened to Traffic"); a title
    resolution read is not unknown. Nor is a title in another script than the source's
    (【報告書「被害の経過」】 over an English report) that names the section where the claim's best
    support (``links``, rank 1) lies: a paraphrase no lexicon bridges, resolved by content."""
    sectioned = {u.doc for u in structure.units if u.section}
    sections = [s for s in structure.sections if s.doc in sectioned]
    flags = []
    matches = title_matches or {}
    section_of = {u.id: u.section for u in structure.units}
    best = {link.source: section_of.get(link.target) for link in links if link.rank == 1}
    folded_source = _fold(source_text)
    unknown: dict[str, bool] = {}  # a title cited by many markers is looked up once
    for citation in citations:
        if not citation.title or not sections:
            continue
        if citation.title not in unknown:
            unknown[citation.title] = (_fold(citation.title) not in folded_source and
                                       max(title_similarity(citation.title, s) for s in sections) < UNKNOWN_TITLE_AT)
        if (unknown[citation.title] and (matches.get((citation.unit, citation.start)) or 0.0) < UNKNOWN_TITLE_AT
                and not (_other_script(citation.title, source_text) and best.get(citation.unit) == citation.section)):
            guess = next((s.heading for s in sections if s.id == citation.section), None)
            flags.append(Flag(unit=citation.unit, kind="unknown_section", target=None,
                              detail=f"marker {citation.marker} names 「{citation.title}」, which matches no section "
                                     f"heading of the source (best guess by content and part: 「{guess}」)"))
    return tuple(flags)


def _other_script(title: str, source_text: str) -> bool:
    """True when the title is Japanese and the source is not, or the other way round."""
    return _japanese(title) != _japanese(source_text[:2000])


def _japanese(text: str) -> bool:
    japanese = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return japanese >= letters


def _fold(text: str) -> str:
    return nfkc(text).lower()


def section_support(links: Sequence[Link], cited: Mapping[str, Citation],
                    section_of: Mapping[str, Optional[str]]) -> dict[Optional[str], tuple[float, Link]]:
    """Section → (best content score, its link) over a claim's links."""
    best: dict[Optional[str], tuple[float, Link]] = {}
    for link in links:
        section = section_of.get(link.target)
        score = content_score(link, cited.get(section) if section else None)
        if section not in best or score > best[section][0]:
            best[section] = (score, link)
    return best


def content_score(link: Link, citation: Optional[Citation]) -> float:
    """The link's score without the bonus alignment gives to a cited section."""
    if citation is None or "citation" not in link.evidence:
        return link.score
    return link.score - CITED_SECTION_BONUS * citation.score


def _miscited(claim: str, links: Sequence[Link], cited: Mapping[str, Citation],
              section_of: Mapping[str, Optional[str]], sections: Mapping[str, Section]) -> Optional[Flag]:
    support = section_support(links, cited, section_of)
    others = [(score, link, sid) for sid, (score, link) in support.items() if sid and sid not in cited]
    if not others:
        return None
    other_score, other_link, other = max(others, key=lambda o: (o[0], -o[1].rank))
    cited_scores = {sid: support[sid][0] if sid in support else 0.0 for sid in cited}
    strongest = max(cited_scores.values())
    if other_link.rank > MISCITATION_RANK or not strongest < WEAK <= other_score or other_score - strongest < MARGIN:
        return None
    named = max(cited_scores, key=lambda sid: cited_scores[sid])
    found = f"best support {strongest:.2f}" if named in support else "no link among the claim's best"
    detail = (f"marker {cited[named].marker} names {_name(sections, named)} ({found}); "
              f"the claim's support lies in {_name(sections, other)} (best support {other_score:.2f}, "
              f"rank {other_link.rank})")
    return Flag(unit=claim, kind="miscitation", detail=detail, target=other_link.target)


def _name(sections: Mapping[str, Section], sid: str) -> str:
    section = sections.get(sid)
    return f"「{section.heading}」 ({sid})" if section else sid
