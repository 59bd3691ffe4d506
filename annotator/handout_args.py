"""The build command's handout options: which sheets, what goes in, language, paper, furigana, Word."""
from __future__ import annotations

import argparse

from .render.handout.options import HandoutOptions, question_numbers, split_list


def add_handout_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --handout, --questions, --sections, --documents, --handout-lang, --paper, --furigana, --docx."""
    parser.add_argument("--handout", metavar="KINDS",
                        help="which handouts: student, teacher or student,teacher (default: both; "
                             "handout.html is the student sheet, handout-teacher.html the key)")
    parser.add_argument("--questions", metavar="N,…", help="question numbers to print, e.g. 1,3,5-7 (default: all)")
    parser.add_argument("--sections", metavar="NAME,…",
                        help="source sections to print, by heading or number (default: all)")
    parser.add_argument("--documents", metavar="ROLE,…",
                        help="documents to print, by role (source, summary, commentary) or id (default: all)")
    parser.add_argument("--handout-lang", choices=("ja", "en", "both"),
                        help="language of the handouts' own words (default: the corpus's language)")
    parser.add_argument("--paper", choices=("A4", "Letter"), help="paper size of the handouts (default: A4)")
    parser.add_argument("--furigana", nargs="?", const="beyond-joyo", metavar="all|beyond-joyo|grade:N",
                        help="readings over words with kanji beyond the jōyō list (or above school grade N, "
                             "or over all kanji), on the page and in the handouts")
    parser.add_argument("--docx", action="store_true",
                        help="also write the handouts as Word files (handout.docx, handout-teacher.docx)")


def handout_options(args: argparse.Namespace) -> tuple[HandoutOptions, frozenset[str]]:
    """The handout options given on the command line, and the names of those given (they override
    the corpus's handout.toml)."""
    given: dict[str, object] = {}
    if args.handout:
        given["kinds"] = split_list(args.handout)
    if args.questions:
        given["questions"] = question_numbers(args.questions)
    if args.sections:
        given["sections"] = split_list(args.sections)
    if args.documents:
        given["documents"] = split_list(args.documents)
    if args.handout_lang:
        given["lang"] = args.handout_lang
    if args.paper:
        given["paper"] = args.paper
    if args.furigana:
        given["furigana"] = args.furigana
    return HandoutOptions(**given), frozenset(given)  # type: ignore[arg-type]
