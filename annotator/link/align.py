"""Citations and links: which section each marker names, which source sentences each claim rests on.

Summary bullets get ``supports`` links, commentary points and bullets ``rebuts`` links; both
are ranked TF-IDF matches (see ``similarity``) nudged toward the section the claim's marker
names. The marker is evidence, not a fence: a sentence in another section still wins when
its content matches better.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Mapping, Optional, Sequence

import numpy
from spacy.tokens import Doc

from ..corpus.records import Corpus
from ..extract.glossary import Concept
from ..extract.glossary_match import TermMatcher
from ..extract.quotes import CLOSE_AT, QuotePool, find_quotes, quote_pool
from ..text.records import Section, Structure, Unit
from .citations import SourceSections, names_a_section, resolve, title_match, written_number
from .claims import Claim, build_claims
from .corrections import Corrections, apply_links, pin_citation
from .crossling import FIGURE_PREFIX, NAME_PREFIX, crossing_terms
from .markers import Marker, find_markers
from .records import Citation, Link, SpanReading
from .semantic import SentenceVectors, blend, encode_sentences
from .similarity import Hit, Scores, SourceIndex
from .stance import stance_strength
from .terms import CHAR_PREFIX, CONCEPT_PREFIX, TermIndex, token_forms

LINKS_PER_CLAIM = 5
CITED_SECTION_BONUS = 0.12
STANCE_BONUS = 0.06  # rebuttals answer positions: a normative source sentence is a likelier target
QUOTE_BONUS = 0.3  # a claim that quotes a sentence (or closely paraphrases it) points at it
RENDERED_AT = 0.4  # across languages: the share of a quotation's words a sentence must render
BLOCK_KINDS = ("paragraph", "bullet")


@dataclass(frozen=True)
class Alignment:
    citations: tuple[Citation, ...]
    links: tuple[Link, ...]
    # each claim sentence holding a figure → the linked source sentence closest to it in words,
    # so that a figure is checked against the sentence it was taken from
    figure_sources: tuple[tuple[str, str], ...] = ()
    # across languages: each quotation (doc, start, end) → its best source sentence and the share
    # of the quotation's words that sentence renders (glosses, lexicon, names, figures, concepts)
    quote_sources: tuple[tuple[str, int, int, str, float], ...] = ()
    # every span in a claim's marker place, cited or not, and how well its title named a section
    readings: tuple[SpanReading, ...] = ()


def align(corpus: Corpus, structure: Structure, docs: Mapping[str, Doc],
          corrections: Corrections = Corrections(), glossary: Sequence[Concept] = (), *,
          semantic: bool = False) -> Alignment:
    """Resolve every marker and rank the source sentences for every claim (rebuttals by meaning too
    when ``semantic``: see semantic.py)."""
    roles = {d.id: d.role for d in corpus.documents}
    matcher = TermMatcher(glossary)
    texts = {d.id: d.text for d in corpus.documents}
    wider = {c.id: c.broader for c in glossary if c.broader}
    across = len({d.lang for d in corpus.documents}) > 1
    forms = {doc_id: token_forms(doc) for doc_id, doc in docs.items()}  # read once for terms and names
    indexes = {doc_id: TermIndex(doc, _concepts(matcher, wider, texts[doc_id])
                                 + crossing_terms(doc, texts[doc_id], across, forms[doc_id]), forms[doc_id])
               for doc_id, doc in docs.items()}
    section_of = {u.id: u.section for u in structure.units if roles[u.doc] == "source"}
    index = _source_index(structure.units, roles, indexes, section_of)
    sections = [s for s in structure.sections if roles[s.doc] == "source"]
    heading_terms = _heading_terms(sections, texts, indexes)
    titles = SourceSections(sections, section_of, 2, heading_terms, _written_numbers(sections, texts))
    claims = build_claims(structure.units, roles, indexes,
                          lambda marker, index: names_a_section(marker, _title_terms(marker, index), titles))
    stance = {u.id: stance_strength(u.text) for u in structure.units if roles[u.doc] == "source" and u.kind == "sentence"}
    source_sentences = quote_pool(tuple((u.id, u.text) for u in structure.units
                                        if roles[u.doc] == "source" and u.kind == "sentence"))
    parts = max([2] + [m.part for c in claims for m in c.markers if m.part and m.title])
    quoted = quote_sources(corpus, structure.units, indexes) if across else ()
    rendered = {(doc, start, end): (target, share) for doc, start, end, target, share in quoted}
    source = replace(titles, parts=parts)  # the titles' scores, worked out once, stay
    group_at = numpy.array([source.position().get(key, -1) if key is not None else -1 for key in index.groups.keys],
                           dtype=numpy.int64)
    pins = dict(corrections.pin)
    citations: list[Citation] = []
    links: list[Link] = []
    stance_prior = {sid: STANCE_BONUS * value for sid, value in stance.items() if value}
    meaning = _meaning({d.id: d.lang for d in corpus.documents}, roles, structure.units, claims) if semantic else {}
    for claim in claims:
        bonus = _quote_bonus(claim, source_sentences, rendered)
        scores = index.score(claim.terms)
        content = _content(scores, bonus, section_of, source, group_at) if claim.markers else None
        cited = [pin_citation(_citation(claim.unit, m, indexes[claim.unit.doc], content, source), pins) for m in claim.markers]
        citations += cited
        blended = meaning.get(claim.unit.id)
        # only the hits that can still reach the top links, the citations' bonus being known
        # (all of them when meaning is blended in: it can raise any sentence)
        hits = scores.hits(keep=bonus, limit=None if blended is not None else LINKS_PER_CLAIM,
                           prior=stance_prior if claim.relation == "rebuts" else None,
                           raised={c.section: CITED_SECTION_BONUS * c.score for c in cited if c.section})
        hits = _with_quotes(hits, bonus)
        rescored = _rescored(claim, hits, cited, section_of, stance)
        links += _ranked_links(claim, rescored) if blended is None else _meaning_links(claim, rescored, *blended)
    final = apply_links(links, corrections, {c.unit.id: roles[c.unit.doc] for c in claims})
    return Alignment(tuple(citations), final, figure_sources(structure.units, final, indexes), quoted,
                     _readings(claims, indexes, source))


def _readings(claims: Sequence[Claim], indexes: Mapping[str, TermIndex], source: SourceSections) -> tuple[SpanReading, ...]:
    """Every span in a claim's marker place, cited or not, in document order."""
    readings = []
    for claim in claims:
        index = indexes[claim.unit.doc]
        for marker, cited in sorted([(m, True) for m in claim.markers] + [(m, False) for m in claim.unread],
                                    key=lambda pair: pair[0].start):
            match = title_match(marker, _title_terms(marker, index), source) if marker.title else None
            readings.append(SpanReading(claim.unit.id, marker.text, marker.start, marker.end, cited, marker.bare,
                                        None if match is None else round(match, 4)))
    return tuple(readings)


def figure_sources(units: Sequence[Unit], links: Sequence[Link], indexes: Mapping[str, TermIndex]) -> tuple[tuple[str, str], ...]:
    """For each sentence of a supported claim that holds a digit, its closest linked source sentence."""
    by_id = {u.id: u for u in units}
    targets: dict[str, list[str]] = {}
    for link in links:
        if link.relation == "supports":
            targets.setdefault(link.source, []).append(link.target)
    pairs = []
    words_of: dict[str, _Words] = {}  # a source sentence is the target of many claims
    blocks = {u.id: u for u in units if u.kind in BLOCK_KINDS}
    for unit in units:
        claim = by_id.get(unit.parent or "")
        start = _sentence_start(unit, blocks)  # a label split off the bullet (2023年4月に…) is still its words
        if unit.kind != "sentence" or claim is None or claim.id not in targets or not any(
                map(str.isdigit, claim.text[start - claim.start:unit.end - claim.start])):
            continue
        words = _Words.of(indexes[unit.doc].bag(start, unit.end))
        for t in targets[claim.id]:
            if t in by_id and t not in words_of:
                words_of[t] = _Words.of(indexes[by_id[t].doc].bag(by_id[t].start, by_id[t].end))
        scored = [(words.cosine(words_of[t]), t) for t in targets[claim.id] if t in by_id]
        best = max(scored, key=lambda pair: pair[0], default=(0.0, ""))
        if best[0] > 0:
            pairs.append((unit.id, best[1]))
    return tuple(pairs)


def quote_sources(corpus: Corpus, units: Sequence[Unit], indexes: Mapping[str, TermIndex]) -> tuple[tuple[str, int, int, str, float], ...]:
    """For each quotation in a claim, the source sentence that renders most of its words.

    The source's title and subtitle are candidates too, taken only when they render strictly
    more than every sentence (a quotation of the title is of the source, never absent).
    """
    roles = {d.id: d.role for d in corpus.documents}
    source = [u for u in units if roles[u.doc] == "source"]
    sentences = [(u.id, frozenset(indexes[u.doc].bag(u.start, u.end))) for u in source if u.kind == "sentence"]
    titles = [(u.id, frozenset(indexes[u.doc].bag(u.start, u.end))) for u in source if u.kind in TITLE_KINDS]
    found = []
    for document in corpus.documents:
        if document.role == "source":
            continue
        skip = [(m.start, m.end) for m in find_markers(document.text)]
        for quote in find_quotes(document.text, skip):
            groups = _word_groups(indexes[document.id], quote.start, quote.end)
            if not groups or not (sentences or titles):
                continue
            best = _best_rendering(groups, sentences)
            title = _best_rendering(groups, titles)
            score, target = title if title[0] > best[0] else best
            found.append((document.id, quote.start, quote.end, target, round(score, 4)))
    return tuple(found)


TITLE_KINDS = ("title", "subtitle")


def _best_rendering(groups: Sequence[frozenset[str]], candidates: Sequence[tuple[str, frozenset[str]]]) -> tuple[float, str]:
    """(share of the word groups rendered, id) of the best candidate; ties go to the larger id."""
    return max(((sum(1 for g in groups if g & terms) / len(groups), sid) for sid, terms in candidates),
               default=(-1.0, ""))


def _word_groups(index: TermIndex, start: int, end: int) -> list[frozenset[str]]:
    """The quotation's content words, each as the set of its bridging terms (empty sets dropped)."""
    by_offset: dict[int, set[str]] = {}
    lo = bisect_left(index.starts, start)
    for at, term in zip(index.starts[lo:], index.terms[lo:]):
        if at >= end:
            break
        by_offset.setdefault(at, set()).add(term)
    groups = []
    for terms in by_offset.values():
        if any(not t.isascii() and not t.startswith((CHAR_PREFIX, CONCEPT_PREFIX, FIGURE_PREFIX, NAME_PREFIX)) for t in terms):
            groups.append(frozenset(t for t in terms if t.isascii() or t.startswith((CONCEPT_PREFIX, FIGURE_PREFIX, NAME_PREFIX))))
    return groups


@dataclass(frozen=True)
class _Words:
    """A sentence's terms without figures (the figure is what is being checked) or single kanji, and their squared length."""

    counts: Counter[str]
    squares: int

    @classmethod
    def of(cls, bag: Counter[str]) -> _Words:
        counts = Counter({t: n for t, n in bag.items() if not t.startswith((CHAR_PREFIX, FIGURE_PREFIX))})
        return cls(counts, sum(n * n for n in counts.values()))

    def cosine(self, other: _Words) -> float:
        dot = sum(n * other.counts[t] for t, n in self.counts.items() if t in other.counts)
        norm = (self.squares * other.squares) ** 0.5
        return dot / norm if norm else 0.0


def _concepts(matcher: TermMatcher, broader: Mapping[str, str], text: str) -> list[tuple[int, str]]:
    """Glossary concepts (and their broader concepts) as extra terms, so variants match each other."""
    found = []
    for hit in matcher.find(text):
        found.append((hit.start, CONCEPT_PREFIX + hit.concept))
        if hit.concept in broader:
            found.append((hit.start, CONCEPT_PREFIX + broader[hit.concept]))
    return found


def _sentence_start(sentence: Unit, blocks: Mapping[str, Unit]) -> int:
    """Where a sentence's terms begin: a block's label (拡大法。) belongs to its first sentence."""
    block = blocks.get(sentence.parent or "")
    if block is not None and block.body_start is not None and sentence.start == _first_body_char(block):
        return block.start
    return sentence.start


def _first_body_char(block: Unit) -> int:
    body = block.text[(block.body_start or block.start) - block.start:]
    return (block.body_start or block.start) + len(body) - len(body.lstrip())


def _source_index(units: Sequence[Unit], roles: Mapping[str, str], indexes: Mapping[str, TermIndex],
                  section_of: Mapping[str, Optional[str]]) -> SourceIndex:
    source = [u for u in units if roles[u.doc] == "source"]
    blocks_by_id = {u.id: u for u in source if u.kind in BLOCK_KINDS}
    sentences = {u.id: indexes[u.doc].bag(_sentence_start(u, blocks_by_id), u.end) for u in source if u.kind == "sentence"}
    blocks = {u.id: indexes[u.doc].bag(u.start, u.end) for u in source if u.kind in BLOCK_KINDS}
    parent = {u.id: u.parent for u in source if u.kind == "sentence" and u.parent}
    return SourceIndex(sentences, parent, blocks, groups=section_of)


def _quote_bonus(claim: Claim, sentences: QuotePool,
                 rendered: Mapping[tuple[str, int, int], tuple[str, float]]) -> dict[str, float]:
    """The sentences a claim quotes (exactly, closely, or in translation), and how much each is raised."""
    bonus: dict[str, float] = {}
    for quote in claim.quotes:
        found = sentences.match(quote.text)
        target, similarity = found.target, found.similarity if found.similarity >= CLOSE_AT else 0.0
        if not similarity:
            target, similarity = rendered.get((claim.unit.doc, quote.start, quote.end), (None, 0.0))
            similarity = similarity if similarity >= RENDERED_AT else 0.0
        if target and similarity:
            bonus[target] = max(bonus.get(target, 0.0), QUOTE_BONUS * similarity)
    return bonus


def _with_quotes(hits: list[Hit], bonus: Mapping[str, float]) -> list[Hit]:
    """Raise the sentences that a claim quotes."""
    if not bonus:
        return hits
    seen = {h.target for h in hits}
    raised = [Hit(h.target, h.score + bonus.get(h.target, 0.0), h.shared + (("quote",) if h.target in bonus else ()))
              for h in hits]
    raised += [Hit(t, b, ("quote",)) for t, b in bonus.items() if t not in seen]
    raised.sort(key=lambda h: (-h.score, h.target))
    return raised


def _content(scores: Scores, bonus: Mapping[str, float], section_of: Mapping[str, Optional[str]],
             source: SourceSections, group_at: Any) -> Any:
    """Each section's best score for a claim (a quoted sentence raised by its bonus): how much of it the
    section holds, as an array by ``source.sections`` (0 where nothing; ``group_at``: each group code's
    section position, -1 for none). An array: a claim meets every section of a source that repeats its words."""
    content = numpy.zeros(len(source.sections))
    best = scores.group_best()
    kept = (group_at >= 0) & (best > 0)
    content[group_at[kept]] = best[kept]
    position = source.position()
    for target, amount in bonus.items():
        score = scores.of(target)
        raised = amount if score is None else score + amount
        section = section_of.get(target)
        if section is not None and section in position and raised > content[position[section]]:
            content[position[section]] = raised
    return content


def _citation(unit: Unit, marker: Marker, index: TermIndex, content: Any,
              source: SourceSections) -> Citation:
    section, score = resolve(marker, _title_terms(marker, index), content, source)
    return Citation(unit=unit.id, marker=marker.text, title=marker.title, part=marker.part, section=section,
                    score=score, start=marker.start, end=marker.end, source_word=marker.source_word)


def _title_terms(marker: Marker, index: TermIndex) -> frozenset[str]:
    """The terms of the quoted title inside a marker."""
    at = marker.text.find(marker.title) if marker.title else -1
    if at < 0:
        return frozenset()
    start = marker.start + at
    return _plain(index.bag(start, start + len(marker.title or "")))


def _plain(bag: Counter[str]) -> frozenset[str]:
    return frozenset(t for t in bag if not t.startswith(CHAR_PREFIX))


def _written_numbers(sections: Sequence[Section], texts: Mapping[str, str]) -> dict[str, int]:
    """Section id → the number its heading line is written with, when every numbered heading has its own."""
    numbers = {}
    for section in sections:
        text = texts[section.doc]
        line_end = text.find("\n", section.start)
        number = written_number(text[section.start:line_end if line_end >= 0 else len(text)])
        if number is not None:
            numbers[section.id] = number
    return numbers if len(set(numbers.values())) == len(numbers) else {}


def _heading_terms(sections: Sequence[Section], texts: Mapping[str, str],
                   indexes: Mapping[str, TermIndex]) -> dict[str, frozenset[str]]:
    terms = {}
    for section in sections:
        at = texts[section.doc].find(section.heading, section.start)
        terms[section.id] = _plain(indexes[section.doc].bag(at, at + len(section.heading))) if at >= 0 else frozenset()
    return terms


def _rescored(claim: Claim, hits: Sequence[Hit], cited: Sequence[Citation],
              section_of: Mapping[str, Optional[str]], stance: Mapping[str, float]) -> list[tuple[float, Hit, bool]]:
    """(score, hit, in a cited section) with the citation's and the stance's bonus, best first."""
    named = {c.section: c.score for c in cited if c.section}
    if not named and claim.relation != "rebuts":  # no bonus: the hits keep their order
        return [(hit.score + 0.0, hit, False) for hit in hits]
    rescored = []
    for hit in hits:
        section = section_of.get(hit.target)
        bonus = CITED_SECTION_BONUS * named[section] if section in named else 0.0
        if claim.relation == "rebuts":
            bonus += STANCE_BONUS * stance.get(hit.target, 0.0)
        rescored.append((hit.score + bonus, hit, section in named))
    rescored.sort(key=lambda r: (-r[0], r[1].target))
    return rescored


def _ranked_links(claim: Claim, rescored: Sequence[tuple[float, Hit, bool]]) -> list[Link]:
    return [Link(claim.unit.id, hit.target, claim.relation, round(score, 4), rank, _evidence(hit, in_cited))
            for rank, (score, hit, in_cited) in enumerate(rescored[:LINKS_PER_CLAIM], 1)]


def _evidence(hit: Hit, in_cited: bool) -> tuple[str, ...]:
    shared = tuple(hit.shared)
    terms = tuple(["term:" + t for t in shared if t != "quote"][:6])
    return terms + (("quote",) if "quote" in shared else ()) + (("citation",) if in_cited else ())


def _meaning(langs: Mapping[str, str], roles: Mapping[str, str], units: Sequence[Unit],
             claims: Sequence[Claim]) -> dict[str, tuple[Any, SentenceVectors, str]]:
    """Each rebuttal's cosines against every source sentence, the encoded sentences, and its language."""
    vectors = encode_sentences([(u.id, langs[u.doc], u.text) for u in units
                                if roles[u.doc] == "source" and u.kind == "sentence"])
    rebuttals = [c for c in claims if c.relation == "rebuts"]
    cosines = vectors.cosines([_without_markers(c) for c in rebuttals])
    return {c.unit.id: (row, vectors, langs[c.unit.doc]) for c, row in zip(rebuttals, cosines)}


def _without_markers(claim: Claim) -> str:
    text = claim.unit.text
    for marker in claim.markers:
        text = text.replace(marker.text, "")
    return text


def _meaning_links(claim: Claim, rescored: Sequence[tuple[float, Hit, bool]], cosines: Any,
                   vectors: SentenceVectors, lang: str) -> list[Link]:
    """The top links ranked by words and meaning blended. A link's score stays the words' score (0 when
    no word is shared), as in a build without meaning; ``semantic:<cosine>`` marks a sentence
    closer in meaning than the average one."""
    by_target = {hit.target: (score, hit, in_cited) for score, hit, in_cited in rescored}
    blended = blend({target: found[0] for target, found in by_target.items()}, cosines, vectors, lang)
    links = []
    for rank, ranked in enumerate(blended[:LINKS_PER_CLAIM], 1):
        score, hit, in_cited = by_target.get(ranked.target, (0.0, None, False))
        evidence = _evidence(hit, in_cited) if hit else ()
        meaning = (f"semantic:{ranked.cosine:.3f}",) if ranked.closer > 0 else ()
        links.append(Link(claim.unit.id, ranked.target, claim.relation, round(score, 4), rank, evidence + meaning))
    return links
