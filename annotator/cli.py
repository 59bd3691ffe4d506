"""The ``annotator`` command: a thin layer that turns the library's errors into one line."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Optional, Sequence

from .collector import collector_paused
from .errors import MESSAGE_CHARS, AnnotatorError, excerpt
from .handout_args import add_handout_arguments, handout_options

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1
EXPORT_FORMATS = ("csv", "webanno", "tei", "aif")  # annotator.exports.ALL, without importing the exports at start-up
EXPORT_CHOICES = (*EXPORT_FORMATS, "jsonl", "parquet")  # annotator.exports.FORMATS: research tables on request


def run() -> None:
    """The console script: ``main()``, then an exit without tearing the interpreter down.

    Teardown frees every object of spaCy and of the build one at a time (~0.15 s, longer than
    building the seed). By then every file is written, renamed into place and closed, and no
    pool or browser is left; the two streams are flushed here. ``SystemExit`` (argparse's
    --help and usage errors) takes the ordinary way out.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):  # no stream (>&-), a closed pipe: nothing to flush
            pass
    os._exit(code)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run one command; return its exit code (errors become one line on stderr)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # started with the stream closed (>&-): write nowhere, not fail
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.run
    if args.command in ("build", "init", "export"):  # the commands that write files (serve keeps its own way out)
        _terminate_as_interrupt()
    try:
        # A command is a short process that makes millions of objects and few reference cycles
        # (~1,000 a build): collecting them cost ~7% of a cold build, spaCy's import included.
        with collector_paused():
            return command(args)
    except AnnotatorError as error:
        return _fail(f"error: {error}", EXIT_USER_ERROR)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a traceback
        return 0
    except KeyboardInterrupt:
        return _fail("interrupted; nothing was written", 130)
    except MemoryError:
        return _fail("error: out of memory: the corpus is too large to build on this machine "
                     "(see docs/limits.md)", EXIT_USER_ERROR)
    except OSError as error:  # a file that failed where the library did not expect it (removed meanwhile…)
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"error: {where}{error.strerror or error} (check the file and run the command again)",
                     EXIT_USER_ERROR)
    except Exception as error:  # a bug: one line for the user, the traceback on request
        if os.environ.get("ANNOTATOR_DEBUG"):
            raise
        return _fail(f"internal error: {type(error).__name__}: {error} (a bug in annotator: please report it "
                     "with the input that caused it; ANNOTATOR_DEBUG=1 shows the traceback)", EXIT_INTERNAL_ERROR)


def _terminate_as_interrupt() -> None:
    """SIGTERM (kill, a batch stopping its workers) unwinds like Ctrl-C: a write under way is undone
    and its staging folder removed, instead of being left beside the output."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_interrupt)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _fail(message: str, code: int) -> int:
    """Print one line on stderr (line breaks inside the message become spaces); return code."""
    print("annotator: " + excerpt(" ".join(message.splitlines()), 2 * MESSAGE_CHARS), file=sys.stderr)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annotator", description="Critical-reading editions of commentary, summary and source.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="build the edition of a corpus folder (or of many, in parallel)")
    build.add_argument("corpus", type=Path, nargs="+",
                       help="a corpus folder holding corpus.toml; several, or a folder of them, build each")
    build.add_argument("--out", type=Path, default=Path("site"),
                       help="output folder (default: site); with several corpora, OUT/<corpus folder name>/ each")
    build.add_argument("--jobs", type=int, metavar="N",
                       help="with several corpora: processes to use (default: one per core)")
    build.add_argument("--cluster", metavar="ADDRESS",
                       help="build on a Dask cluster: tcp://HOST:PORT of a scheduler, or local:N workers here "
                            "(needs: pip install 'annotator[cluster]')")
    build.add_argument("--collect", action="store_true",
                       help="with --cluster: send each corpus to its worker and its files back (no shared storage)")
    build.add_argument("--pdf", action="store_true",
                       help="also print handout.pdf (needs chromium and fonts-ipaexfont-gothic)")
    add_handout_arguments(build)
    build.add_argument("--semantic", action="store_true",
                       help="rank rebuttal targets by meaning too (needs: pip install 'annotator[semantic]'; slower)")
    build.set_defaults(run=_build)
    check = commands.add_parser("check", help="validate a corpus and report what it holds, without building")
    check.add_argument("corpus", type=Path)
    check.set_defaults(run=_check)
    init = commands.add_parser("init", help="make a corpus folder from your own text files")
    init.add_argument("dir", type=Path)
    init.add_argument("--source", type=Path)
    init.add_argument("--commentary", type=Path)
    init.add_argument("--summary", type=Path)
    init.add_argument("--combined", type=Path, help="one file holding several parts; name them with --heading")
    init.add_argument("--heading", action="append", default=[], metavar="ROLE=TEXT",
                      help="with --combined: the line that starts a part, e.g. source=原文")
    init.add_argument("--lang", action="append", default=[], metavar="ROLE=ja|en",
                      help="language of a file (detected when not given)")
    init.add_argument("--title")
    init.set_defaults(run=_init)
    export = commands.add_parser("export", help="write research exports (CSV, Web Annotation, TEI, AIF) of an edition.json")
    export.add_argument("edition", type=Path)
    export.add_argument("--format", action="append", choices=EXPORT_CHOICES,
                        help="one format (repeatable); default: csv, webanno, tei, aif")
    export.add_argument("--out", type=Path, help="output folder (default: the edition's folder)")
    export.add_argument("--validate", action="store_true",
                        help="check edition.tei.xml against the TEI P5 schema (tei_all; takes some seconds)")
    export.set_defaults(run=_export)
    serve = commands.add_parser("serve", help="serve a corpus's edition with review mode, to correct it where you read it")
    serve.add_argument("corpus", type=Path)
    serve.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only; another one warns)")
    serve.add_argument("--semantic", action="store_true", help="as for build")
    serve.add_argument("--open", action="store_true", help="open the edition in the default browser")
    serve.set_defaults(run=_serve)
    schema = commands.add_parser("schema", help="print the JSON Schema of edition.json")
    schema.set_defaults(run=_schema)
    evaluate = commands.add_parser("evaluate", help="score an edition.json against a gold file")
    evaluate.add_argument("edition", type=Path)
    evaluate.add_argument("gold", type=Path)
    evaluate.add_argument("--lenient", action="store_true",
                          help="score gold entries that name no unit of the edition as misses instead of stopping")
    evaluate.add_argument("--details", action="store_true", help="list the missed cases under each score")
    evaluate.set_defaults(run=_evaluate)
    importing = commands.add_parser("import", help="turn annotations from other tools into a corpus's links.toml")
    importing.add_argument("file", type=Path, help="W3C Web Annotation (.jsonld, .json) or brat standoff (.ann)")
    importing.add_argument("--into", type=Path, required=True, metavar="CORPUS", help="the corpus folder")
    importing.add_argument("--replace", action="store_true",
                           help="the file holds all the links of the claims it links: remove the others")
    importing.add_argument("--dry-run", action="store_true", help="print the new links.toml; write nothing")
    importing.set_defaults(run=_import)
    agree = commands.add_parser("agree", help="agreement of two links.toml files, or two edition.json files")
    agree.add_argument("a", type=Path)
    agree.add_argument("b", type=Path)
    agree.add_argument("--json", action="store_true", help="the figures and disagreements as JSON")
    agree.set_defaults(run=_agree)
    return parser


def _build(args: argparse.Namespace) -> int:
    from .batch import build_many, exit_code, plan_builds, summary

    plan = plan_builds(args.corpus, args.out)
    options, chosen = handout_options(args)
    handout = {"handout": options, "chosen": chosen, "docx": args.docx}
    if args.cluster or args.collect:
        from .cluster import build_from_cli

        results = build_from_cli(plan.tasks, args, handout)
    elif not plan.several:
        from .build import build

        out = build(plan.tasks[0].corpus, args.out, pdf=args.pdf, semantic=args.semantic, **handout,
                    report=lambda line: print(f"annotator: {line}", file=sys.stderr))
        print(f"wrote {out}")
        return 0
    else:
        results = build_many(plan.tasks, jobs=args.jobs, pdf=args.pdf, semantic=args.semantic, handout=handout)
    for result in results:
        if not result.error:
            print(f"wrote {result.task.out}")
        for line in result.unread:
            print(f"annotator: {result.task.name}: {line}", file=sys.stderr)
    print(f"annotator: {summary(results)}", file=sys.stderr)
    return exit_code(results)


def _check(args: argparse.Namespace) -> int:
    from .build import check_report

    for line in check_report(args.corpus):
        print(line)
    return 0


def _init(args: argparse.Namespace) -> int:
    from .corpus.scaffold import write_corpus
    from .text.structure import source_section_headings

    target = write_corpus(args.dir, source=args.source, commentary=args.commentary, summary=args.summary,
                          combined=args.combined, langs=_pairs(args.lang, "--lang"),
                          headings=_pairs(args.heading, "--heading") or None, title=args.title,
                          section_headings=source_section_headings)
    print(f"wrote {target}; check it with: annotator check {args.dir}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .edition.evaluate import evaluate_files

    print(evaluate_files(args.edition, args.gold, lenient=args.lenient, details=args.details))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .exports import export_files, read_edition, write_exports

    formats = args.format or EXPORT_FORMATS
    if args.validate and "tei" not in formats:
        raise AnnotatorError("--validate checks the TEI export, which was not asked for", fix="add --format tei")
    files = export_files(read_edition(args.edition), formats)
    for path in write_exports(files, args.out or args.edition.parent):
        print(f"wrote {path}")
    if args.validate:
        from .exports.validate import validate_file

        print(validate_file(files, args.out or args.edition.parent))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve.run import serve

    serve(args.corpus, port=args.port, host=args.host, semantic=args.semantic, open_browser=args.open)
    return 0


def _import(args: argparse.Namespace) -> int:
    from .link.corrections import corrections_toml
    from .research.importing import import_annotations, report

    result = import_annotations(args.file, args.into, replace=args.replace, write=not args.dry_run)
    for line in report(result):
        print(line, file=sys.stderr if args.dry_run else sys.stdout)
    if args.dry_run:
        sys.stdout.write(corrections_toml(result.corrections))
    return 0 if result.links or result.pins or not result.not_imported else EXIT_USER_ERROR


def _agree(args: argparse.Namespace) -> int:
    from .research.agreement import agreement_json, agreement_report

    if args.json:
        sys.stdout.write(agreement_json(args.a, args.b))
    else:
        print("\n".join(agreement_report(args.a, args.b)))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .exports.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _pairs(values: Sequence[str], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key or not text:
            raise AnnotatorError(f"{option} takes ROLE=VALUE, got {value!r}", fix=f"e.g. {option} source=...")
        pairs[key.strip()] = text.strip()
    return pairs


if __name__ == "__main__":
    sys.exit(main())
