"""Build many corpora in one command: one process per core, a progress bar on stderr.

``annotator build A B C --out DIR`` (or ``annotator build FOLDER --out DIR`` where FOLDER holds
corpus folders) writes ``DIR/<corpus folder name>/`` for each. A corpus that fails is reported
with its name and the others are still built; the exit code says whether all went through.
Workers are forked from a parent that has already loaded spaCy and the dictionary, so each
starts warm; where fork is unavailable they start fresh and load them once each.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from .errors import AnnotatorError
from .output import check_apart_from_corpora
from .link.semantic import require_installed

MANIFEST = "corpus.toml"
EXIT_USER_ERROR = 2  # as annotator.cli: the input (or the output folder) needs fixing
EXIT_INTERNAL_ERROR = 1


@dataclass(frozen=True)
class Task:
    """One corpus to build and the folder to write it to."""

    name: str
    corpus: Path
    out: Path


@dataclass(frozen=True)
class Result:
    """What became of one task: the folder written, or the one-line error and its exit code."""

    task: Task
    error: Optional[str] = None
    code: int = 0
    seconds: float = 0.0
    unread: tuple[str, ...] = ()  # one line for each thing the build could not read (build.notice_lines)


@dataclass(frozen=True)
class Plan:
    """The tasks of one ``annotator build`` command; ``several`` when outputs go to DIR/<name>/."""

    tasks: tuple[Task, ...]
    several: bool


def plan_builds(paths: Sequence[Path], out: Path) -> Plan:
    """Expand folders of corpora and give each corpus its output folder."""
    corpora: list[Path] = []
    nested = False
    for path in paths:
        inner = corpora_in(path)
        nested = nested or bool(inner)
        corpora += inner or [path]
    if len(corpora) == 1 and not nested:
        return Plan((Task(_name(corpora[0]), corpora[0], out),), several=False)
    seen: dict[str, Path] = {}
    for corpus in corpora:
        name = _name(corpus)
        if name in seen:
            raise AnnotatorError(f"two corpora would both be written to {out / name}: {seen[name]} and {corpus}",
                                 fix="rename one of the folders, or build them with separate --out folders")
        seen[name] = corpus
    tasks = tuple(Task(_name(c), c, out / _name(c)) for c in corpora)
    for task in tasks:  # one corpus's output may not land in another's folder (each build checks its own)
        check_apart_from_corpora(task.out, corpora)
    return Plan(tasks, several=True)


def corpora_in(path: Path) -> list[Path]:
    """The corpus folders directly inside ``path`` when it is a folder of corpora, else []."""
    if (path / MANIFEST).exists() or not path.is_dir():
        return []
    return sorted(p for p in path.iterdir() if p.is_dir() and (p / MANIFEST).is_file())


def default_jobs(tasks: int) -> int:
    """One worker per core this process may use, and no more workers than tasks."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, tasks))


def build_many(tasks: Sequence[Task], jobs: Optional[int] = None, pdf: bool = False,
               progress: Optional[bool] = None, semantic: bool = False, handout: Any = None) -> list[Result]:
    """Build every task (in parallel when jobs > 1); results in the order of ``tasks`` (``handout``:
    the keyword arguments of ``build`` that shape the handouts, the same for every corpus)."""
    if jobs is not None and jobs < 1:
        raise AnnotatorError(f"--jobs takes a number of processes, 1 or more; got {jobs}", fix="e.g. --jobs 4")
    if semantic:
        require_installed()  # once, not once per corpus
    jobs = min(jobs or default_jobs(len(tasks)), len(tasks))
    results: dict[Task, Result] = {}
    bar = _bar(len(tasks), progress)
    try:
        for result in _run(tasks, jobs, pdf, semantic, handout or {}):
            results[result.task] = result
            if result.error:
                bar.write(f"annotator: {result.task.name}: {result.error}", file=sys.stderr)
            bar.set_postfix_str(result.task.name, refresh=False)
            bar.update(1)
    finally:
        bar.close()
    return [results[task] for task in tasks]


def exit_code(results: Sequence[Result]) -> int:
    """0 when every corpus was built; else the most serious failure's code."""
    codes = {r.code for r in results if r.error}
    if not codes:
        return 0
    return EXIT_INTERNAL_ERROR if EXIT_INTERNAL_ERROR in codes else max(codes)


def summary(results: Sequence[Result]) -> str:
    """One line: how many corpora were built, and which failed."""
    failed = [r.task.name for r in results if r.error]
    line = f"built {len(results) - len(failed)} of {len(results)} corpora"
    return line + (f"; failed: {', '.join(failed)}" if failed else "")


def build_one(task: Task, pdf: bool = False, semantic: bool = False, handout: Any = None) -> Result:
    """Build one corpus, turning any failure into a one-line error (never raises)."""
    from .build import build

    started = time.perf_counter()
    unread: list[str] = []
    try:
        build(task.corpus, task.out, pdf=pdf, semantic=semantic, report=unread.append, **(handout or {}))
    except Exception as error:  # reported per corpus; the other corpora still get built
        message, code = describe(error)
        return Result(task, message, code, time.perf_counter() - started)
    return Result(task, None, 0, time.perf_counter() - started, tuple(unread))


def describe(error: BaseException) -> tuple[str, int]:
    """The one-line message and exit code for an error raised while building a corpus."""
    if isinstance(error, AnnotatorError):
        return f"error: {error}", EXIT_USER_ERROR
    if isinstance(error, MemoryError):
        return "error: out of memory: the corpus is too large to build on this machine", EXIT_USER_ERROR
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"error: {where}{error.strerror or error}", EXIT_USER_ERROR
    text = " ".join(str(error).splitlines())
    return f"internal error: {type(error).__name__}: {text} (a bug in annotator: please report it)", EXIT_INTERNAL_ERROR


def _run(tasks: Sequence[Task], jobs: int, pdf: bool, semantic: bool, handout: Any) -> Iterator[Result]:
    """Results as they finish: in this process when jobs == 1, else each task in a process of its own.

    A process per task (forked from this warm one where fork exists): a worker that dies (kill -9,
    the kernel's out-of-memory killer, a crash) is seen by its exit and reported as that corpus's
    failure; a pool would wait for its lost task forever.
    """
    if jobs == 1:
        for task in tasks:
            yield build_one(task, pdf, semantic, handout)
        return
    import multiprocessing  # only here: a single build never starts a worker
    from multiprocessing.connection import wait

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    forked = context.get_start_method() == "fork"
    if forked:
        _warm()  # the workers inherit the loaded pipeline instead of loading it each
    waiting = list(reversed(tasks))
    running: dict[Any, tuple[Any, Any, Task]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                task = waiting.pop()
                receive, send = context.Pipe(duplex=False)
                worker = context.Process(target=_worker, args=(send, task, pdf, semantic, handout, not forked),
                                         daemon=True)
                worker.start()
                send.close()  # the child holds the only sending end: its death ends the pipe
                running[worker.sentinel] = (worker, receive, task)
            for sentinel in wait(list(running)):
                worker, receive, task = running.pop(sentinel)
                yield _collect(worker, receive, task)
    finally:  # interrupted: no worker goes on writing after the command has ended
        for worker, receive, _ in running.values():
            worker.terminate()  # SIGTERM: its write, if under way, is undone (cli.main)
            worker.join()
            receive.close()


def _worker(send: Any, task: Task, pdf: bool, semantic: bool, handout: Any, warm: bool) -> None:
    try:
        if warm:
            _warm()
        send.send(build_one(task, pdf, semantic, handout))
        send.close()
    except KeyboardInterrupt:  # stopped by the parent (or Ctrl-C): quietly, the parent reports it
        os._exit(130)


def _collect(worker: Any, receive: Any, task: Task) -> Result:
    """The worker's result, or its death as the task's failure."""
    result: Optional[Result] = None
    try:
        if receive.poll():
            result = receive.recv()
    except (EOFError, OSError):
        result = None
    receive.close()
    worker.join()
    return result if isinstance(result, Result) else died(task, worker.exitcode)


def died(task: Task, exitcode: Optional[int]) -> Result:
    """A task whose worker ended without a result: killed by a signal, or exited abruptly."""
    import signal

    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        cause = f"killed by {name}" + (" (out of memory? see docs/limits.md)" if -exitcode == signal.SIGKILL else "")
    else:
        cause = f"exited with code {exitcode} before reporting"
    code = EXIT_USER_ERROR if exitcode == -signal.SIGKILL else EXIT_INTERNAL_ERROR
    return Result(task, f"error: the process building it was {cause}; nothing was written for it", code)


def _warm() -> None:
    """Load spaCy, the Japanese pipeline and the dictionary once."""
    from . import build  # noqa: F401  (the whole pipeline's imports)
    from .text.nlp import analyze

    analyze("日本語", "ja")
    analyze("English", "en")


def _bar(total: int, progress: Optional[bool]):  # type: ignore[no-untyped-def]
    """A tqdm bar on stderr (tqdm comes with spaCy); shown on a terminal unless told otherwise."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the pool forks after the bar exists
    return tqdm(total=total, unit="corpus", desc="building", file=sys.stderr, dynamic_ncols=True,
                disable=None if progress is None else not progress)


def _name(corpus: Path) -> str:
    return Path(os.path.abspath(corpus)).name
