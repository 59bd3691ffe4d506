"""Build many corpora on a Dask distributed cluster: ``annotator build FOLDER --out DIR --cluster ADDRESS``.

``ADDRESS`` is a running scheduler (``tcp://HOST:PORT``, started with ``dask scheduler``) or
``local:N`` (N worker processes on this machine, started and stopped with the command). Each
corpus is one task; each worker loads spaCy and the dictionary once (``Warm``, registered as a
worker plugin, or ``dask worker ... --preload annotator.cluster`` at worker start). Without
``collect`` the workers read the corpora and write ``DIR/<name>/`` themselves, so every path
must mean the same folder on every machine (shared storage); with ``collect`` each corpus's
files go to a worker with the task and its built files come back, and this process writes
them. As with ``--jobs``: a corpus that fails is named and the others are still built, the
progress bar is on stderr, and the exit code is ``batch.exit_code`` of the results.

Needs the extra: ``pip install 'annotator[cluster]'`` (dask and distributed).
"""
from __future__ import annotations

import logging
import multiprocessing
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from .batch import EXIT_USER_ERROR, Result, Task, build_one, describe
from .errors import AnnotatorError

try:  # the optional extra; without it build_on_cluster says how to install it
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - exercised where the extra is missing
    WorkerPlugin = object  # type: ignore[assignment,misc]

LOCAL = "local:"
CONNECT_TIMEOUT = "20s"
INSTALL_FIX = "pip install 'annotator[cluster]' (dask and distributed), on this machine and on every worker"
Files = dict[str, bytes]
# The workers' statistical profiler samples the build's deep stacks every 10 ms for a dashboard
# that local:N never starts.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False}
# Imported once by the forkserver that forks local:N's workers (see _preload_forkserver).
FORKSERVER_PRELOAD = ("spacy", "fugashi", "annotator.build", "annotator.batch", "annotator.cluster")
# The scheduler's status server (no dashboard) on a free loopback port, not on 8787 of every address.
LOCAL_HTTP = {"dashboard_address": "127.0.0.1:0"}


class Warm(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads spaCy, the Japanese pipeline and the dictionary once per worker process."""

    name = "annotator-warm"

    def setup(self, worker: Any) -> None:
        warm()


def dask_setup(worker: Any) -> None:
    """``dask worker ADDRESS --preload annotator.cluster``: warm the worker as it starts."""
    warm()


def warm() -> None:
    """The pipeline's imports and models loaded, as batch does before forking its pool."""
    from .batch import _warm

    _warm()


def build_from_cli(tasks: Sequence[Task], args: Any, handout: Any = None) -> list[Result]:
    """``annotator build --cluster``: the options checked, then ``build_on_cluster``."""
    if not args.cluster:
        raise AnnotatorError("--collect goes with --cluster", fix="e.g. --cluster local:4 --collect, or drop --collect")
    if args.jobs is not None:
        raise AnnotatorError("--jobs and --cluster both say where to build: give one",
                             fix="--cluster local:N for N worker processes here, or --jobs N without --cluster")
    return build_on_cluster(tasks, args.cluster, pdf=args.pdf, semantic=args.semantic, collect=args.collect,
                            handout=handout)


def build_on_cluster(tasks: Sequence[Task], address: str, pdf: bool = False, semantic: bool = False,
                     collect: bool = False, progress: Optional[bool] = None, handout: Any = None) -> list[Result]:
    """Build every task on the cluster at ``address``; results in the order of ``tasks`` (``handout``:
    as for ``batch.build_many``, the keyword arguments of ``build`` that shape the handouts)."""
    distributed = _distributed()
    if semantic:
        from .link.semantic import require_installed

        require_installed()
    from .batch import _bar

    token = uuid.uuid4().hex[:8]  # two commands sharing one scheduler never share a task key
    results: dict[Task, Result] = {}
    with _client(address, distributed) as client:
        client.register_plugin(Warm(), name=Warm.name)
        futures = {client.submit(build_remote, _sent(task, collect), pdf, semantic, handout,
                                 _inputs(task) if collect else None, key=f"annotator-build-{task.name}-{token}",
                                 pure=False): task
                   for task in tasks}
        bar = _bar(len(tasks), progress)
        try:
            for future in distributed.as_completed(futures):
                task = futures.pop(future)
                result = results[task] = _finish(future, task)
                future.release()  # the workers may forget the files sent back: thousands would fill them
                if result.error:
                    bar.write(f"annotator: {task.name}: {result.error}", file=sys.stderr)
                bar.set_postfix_str(task.name, refresh=False)
                bar.update(1)
        finally:
            bar.close()
    return [results[task] for task in tasks]


def build_remote(task: Task, pdf: bool, semantic: bool, handout: Any,
                 inputs: Optional[Files]) -> tuple[Result, Optional[Files]]:
    """On a worker: build one corpus, never raising for a bad one. With ``inputs`` (collect), from
    those files in a scratch folder, returning the edition's files; else from and to the task's paths."""
    from .collector import collector_paused

    with collector_paused():  # as in the CLI's own process (see collector.py)
        if inputs is None:
            return build_one(task, pdf, semantic, handout), None
        with tempfile.TemporaryDirectory(prefix="annotator-") as scratch:
            local = Task(task.name, Path(scratch, "in", task.name), Path(scratch, "out", task.name))
            _write_inputs(local.corpus, inputs)
            result = _as_sent(build_one(local, pdf, semantic, handout), task, local)
            return result, None if result.error else _edition_files(local.out)


def _as_sent(result: Result, task: Task, local: Task) -> Result:
    """A result built from the scratch copy ``local``, its messages naming the caller's corpus folder."""
    def own(text: str) -> str:
        return text.replace(str(local.corpus), str(task.corpus))

    return replace(result, task=task, error=own(result.error) if result.error else None,
                   unread=tuple(own(line) for line in result.unread))


def _finish(future: Any, task: Task) -> Result:
    """The task's result, its files written here when collected; a lost task as a failed one."""
    started = time.perf_counter()
    try:
        result, files = future.result()
    except Exception as error:  # the worker died (KilledWorker), the scheduler went away…
        message, code = describe(error)
        if type(error).__name__ == "KilledWorker":
            message, code = ("error: the Dask workers building it died (out of memory? see the workers' logs)",
                             EXIT_USER_ERROR)
        return Result(task, message, code, time.perf_counter() - started)
    result = replace(result, task=task)  # the caller's own paths, not the absolute ones sent
    if files is not None:
        from .output import write_site

        try:
            write_site(task.out, files, (task.corpus,))  # as build() does: never into a corpus folder
        except Exception as error:  # e.g. --out not writable: this corpus fails, the others go on
            message, code = describe(error)
            return replace(result, error=message, code=code)
    return result


def _sent(task: Task, collect: bool) -> Task:
    """The task as a worker sees it: absolute paths (its working folder is not ours)."""
    if collect:
        return task
    return Task(task.name, task.corpus.absolute(), task.out.absolute())


def _inputs(task: Task) -> Files:
    """Every file of a corpus folder, by path inside it."""
    folder = Path(task.corpus)
    if not folder.is_dir():
        return {}  # the worker's build says what is wrong, as a local build would
    return _read_tree(folder)


def _read_tree(folder: Path) -> Files:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _edition_files(folder: Path) -> Files:
    """The files a build wrote, without the list of them that ``write_site`` adds (it adds its own here)."""
    from .output import OWNER_FILE

    files = _read_tree(folder)
    files.pop(OWNER_FILE, None)
    return files


def _write_inputs(folder: Path, files: Files) -> None:
    folder.mkdir(parents=True)
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise AnnotatorError("--cluster needs dask's distributed scheduler, which is not installed",
                             fix=INSTALL_FIX) from None
    return distributed


@contextmanager
def _client(address: str, distributed: Any) -> Iterator[Any]:
    """A client of the scheduler at ``address``, or of a cluster on this machine for ``local:N``."""
    if address.startswith(LOCAL):
        workers = _local_workers(address)
        import dask

        config = dict(LOCAL_CONFIG)
        if "forkserver" in multiprocessing.get_all_start_methods():
            config["distributed.worker.multiprocessing-method"] = "forkserver"
            _preload_forkserver(distributed, config)
        with dask.config.set(config), distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                scheduler_kwargs=LOCAL_HTTP, silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
            yield client
        return
    if "://" not in address:
        raise AnnotatorError(f"--cluster takes a scheduler address or local:N, got {address!r}",
                             fix="e.g. --cluster tcp://10.0.0.5:8786 (from `dask scheduler`) or --cluster local:4")
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise AnnotatorError(f"cannot reach the Dask scheduler at {address}: {error}",
                             fix="start one with `dask scheduler` and workers with `dask worker ADDRESS`, "
                                 "or use --cluster local:N") from None
    with client:
        yield client


def _preload_forkserver(distributed: Any, config: dict[str, Any]) -> None:
    """Workers forked by a fresh single-threaded server that has imported spaCy and the pipeline.

    Spawned workers import distributed, spaCy and the pipeline each (~2 s of CPU apiece, as much
    as building some 30 seed corpora); workers forked from this process would start warm but may
    deadlock on a lock one of its threads (the cluster's own) held at the fork. The forkserver
    forks from a process with one thread, so imports are paid once and nothing is held.
    """
    import dask

    with dask.config.set(config):
        context = distributed.utils.get_mp_context()  # distributed sets its own preload list once, first
    context.set_forkserver_preload(["distributed", *FORKSERVER_PRELOAD])


def _local_workers(address: str) -> int:
    count = address[len(LOCAL):]
    if not count.isdigit() or int(count) < 1:
        raise AnnotatorError(f"--cluster local:N takes a number of workers, 1 or more; got {address!r}",
                             fix="e.g. --cluster local:4")
    return int(count)
