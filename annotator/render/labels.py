"""The interface's vocabulary in Japanese and English: roles, statuses, findings, buttons."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Optional

from ..check.taxonomy import rebuttal_types


@dataclass(frozen=True)
class Bi:
    """A label in both interface languages."""

    ja: str
    en: str


ROLES = {
    "commentary": Bi("コメント", "Commentary"),
    "summary": Bi("要約", "Summary"),
    "source": Bi("原文", "Source"),
}

RELATIONS = {
    "supports": Bi("支持", "supports"),
    "rebuts": Bi("反論", "rebuts"),
}

QUOTE_STATUS = {
    "exact": Bi("引用: 原文どおり", "quote: exact"),
    "close": Bi("引用: 原文と少し違う", "quote: close"),
    "absent": Bi("引用: 原文にない", "quote: not in the source"),
    "redacted": Bi("引用: 伏せ字あり", "quote: redacted"),
    "translated": Bi("引用: 翻訳", "quote: translated"),
}

FLAG_KINDS = {
    "miscitation": Bi("出典の誤り", "miscitation"),
    "number_mismatch": Bi("数字の食い違い", "figure mismatch"),
}

TAG_KINDS = {
    "counter_evidence": Bi("反証", "counter-evidence"),
    "omission": Bi("省略の指摘", "omission"),
    "double_standard": Bi("二重基準", "double standard"),
    "motive": Bi("動機の推測", "motive"),
    "label": Bi("レッテル", "labelling"),
    "consequence": Bi("帰結の警告", "consequence"),
    "proposal": Bi("提案", "proposal"),
}

COVERAGE = {
    "both": Bi("要約が支持し、コメントが反論", "supported and answered"),
    "supported": Bi("要約のみ（コメントは答えていない）", "summarised, not answered"),
    "answered": Bi("コメントのみが反論", "answered only"),
    "none": Bi("要約もコメントも触れていない", "no one speaks to it"),
}

UI = MappingProxyType({
    "toggle_name": Bi("表示言語の切り替え", "Switch interface language"),
    "skip": Bi("本文へ移動", "Skip to the edition"),
    "claims_pane": Bi("コメントと要約", "Commentary and summary"),
    "source_pane": Bi("原文", "Source"),
    "overview": Bi("全体図", "Overview"),
    "drawer": Bi("全体図・凡例・検出事項・用語集", "Overview, legend, findings, glossary"),
    "overview_desc": Bi("左に主張、右に原文。線は根拠の結び付き、色は関係、太さは確かさ。",
                        "Claims on the left, the source on the right; each line is a link, "
                        "coloured by relation, thicker by score."),
    "legend": Bi("凡例", "Legend"),
    "findings": Bi("検出事項", "Findings"),
    "unread": Bi("読み取れなかったもの", "Not read"),
    "glossary": Bi("用語集", "Glossary"),
    "coverage": Bi("原文の網羅", "Coverage of the source"),
    "links": Bi("根拠", "links"),
    "backlinks": Bi("この箇所を引く主張", "claims on this passage"),
    "cites": Bi("引用元", "cites"),
    "unresolved": Bi("該当節なし", "no such section"),
    "concept": Bi("概念", "Concept"),
    "english": Bi("英語", "English"),
    "variants": Bi("表記", "Variants"),
    "occurrences": Bi("出現箇所", "Occurrences"),
    "diff_ins": Bi("引用で加わった文字", "added in the quote"),
    "diff_del": Bi("原文にあって引用にない文字", "in the source, missing from the quote"),
    "redaction": Bi("伏せ字", "redaction"),
    "term": Bi("用語の表記揺れ", "terminology variant"),
    "marker": Bi("出典表示", "citation marker"),
    "none_found": Bi("なし", "none"),
    "questions": Bi("討論のための問い", "Questions for discussion"),
    "compare": Bi("比べる箇所", "Compare"),
    "answer": Bi("解答の手がかり", "Key"),
    "handout_student": Bi("生徒用", "Student sheet"),
    "handout_teacher": Bi("教員用（解答つき）", "Teacher's key"),
    "handout_intro": Bi("原文の段落番号 ¶ を手がかりに、要約とコメントの主張を原文と照らし合わせよう。",
                        "Use the paragraph numbers ¶ to check each claim of the summary and the "
                        "commentary against the source."),
})


def quote_status(status: str) -> Bi:
    """The label of a quotation status, or the status itself when unknown."""
    return QUOTE_STATUS.get(status) or Bi(status, status)


def flag_kind(kind: str) -> Bi:
    """The label of a flag kind, or a readable form of the kind when unknown."""
    return FLAG_KINDS.get(kind) or Bi(kind.replace("_", " "), kind.replace("_", " "))


def tag_kind(kind: str) -> Bi:
    """The label of a rebuttal type (the taxonomy's, for kinds added there), or a readable form of the kind."""
    if kind in TAG_KINDS:
        return TAG_KINDS[kind]
    found = next((t for t in rebuttal_types() if t.id == kind), None)
    if found is not None:
        return Bi(found.ja, found.en[:1].lower() + found.en[1:])  # lower case, as the labels above
    return Bi(kind.replace("_", " "), kind.replace("_", " "))


def tag_definition(kind: str) -> Optional[Bi]:
    """The taxonomy's one-line definition of a rebuttal type, in both languages; None when unknown."""
    found = next((t for t in rebuttal_types() if t.id == kind), None)
    if found is None:
        return None
    return Bi(found.description_ja or found.description, found.description)


def role(name: str) -> Bi:
    """The label of a document role."""
    return ROLES.get(name) or Bi(name, name)


def relation(name: str) -> Bi:
    """The label of a link relation."""
    return RELATIONS.get(name) or Bi(name, name)
