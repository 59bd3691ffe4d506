"""`annotator build --cluster`: corpora built on Dask workers, byte for byte as `--jobs 1` builds them.

A two-worker LocalCluster on 127.0.0.1 stands for a real cluster; the command runs in this
process with every local way of building (the process pool, build_many) made to fail, so the
editions can only have come from the workers. Needs the extra ``annotator[cluster]``.
"""
from __future__ import annotations

import multiprocessing.pool
import shutil
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
from conftest import SEED_CORPUS

distributed = pytest.importorskip("distributed", reason="dask's distributed is missing: pip install 'annotator[cluster]'")

from annotator import batch, cluster as cluster_module  # noqa: E402  (after the skip: it imports distributed)
from annotator.cli import main  # noqa: E402


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two corpora that build (the seed and a shortened copy) and one whose manifest names a missing file."""
    root = tmp_path_factory.mktemp("shelf")
    shutil.copytree(SEED_CORPUS, root / "alpha")
    shutil.copytree(SEED_CORPUS, root / "beta")
    text_file = next((root / "beta").glob("*.txt"))
    lines = text_file.read_text(encoding="utf-8").split("\n")
    text_file.write_text("\n".join(lines[:8] + lines[12:]), encoding="utf-8")
    (root / "broken").mkdir()
    (root / "broken" / "corpus.toml").write_text('title = "broken"\n\n[[documents]]\nfile = "missing.txt"\n'
                                                 'lang = "ja"\nrole = "source"\n', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def local_builds(shelf: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The shelf built with --jobs 1 (in this process)."""
    out = tmp_path_factory.mktemp("jobs1")
    assert main(["build", str(shelf), "--out", str(out), "--jobs", "1"]) == 2
    return {name: _files(out / name) for name in ("alpha", "beta")}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A scheduler and two single-threaded worker processes on 127.0.0.1, and a client to inspect them."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as local, distributed.Client(local) as client:
        yield local, client


def _executed(client: Any) -> dict[str, int]:
    return client.run(lambda dask_worker: dask_worker.state.executed_count)


@pytest.fixture()
def no_local_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any build in this process, through a pool or not, fails the test."""
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a corpus was built in the command's own process")

    monkeypatch.setattr(multiprocessing.pool.Pool, "__init__", refuse)
    monkeypatch.setattr(batch, "build_many", refuse)
    monkeypatch.setattr(batch, "build_one", refuse)
    monkeypatch.setattr(cluster_module, "build_one", refuse)
    monkeypatch.setattr("annotator.build.build", refuse)


@pytest.mark.parametrize("collect", [False, True], ids=["shared-storage", "collect"])
def test_cluster_builds_on_the_workers_as_jobs_1_does(shelf, local_builds, cluster, no_local_builds, collect,
                                                      tmp_path, capsys):
    local, client = cluster
    before = _executed(client)
    args = ["build", str(shelf), "--out", str(tmp_path), "--cluster", local.scheduler_address]
    code = main(args + (["--collect"] if collect else []))
    after = _executed(client)
    assert len(after) == 2
    assert sum(after.values()) - sum(before.values()) == 3  # alpha, beta and broken, each one task on a worker
    assert code == 2  # broken's manifest is a user error; the others were still built
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alpha", "beta"]
    assert {name: _files(tmp_path / name) for name in ("alpha", "beta")} == local_builds
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"wrote {tmp_path / 'alpha'}", f"wrote {tmp_path / 'beta'}"]
    assert f"annotator: broken: error: {shelf / 'broken'}" in captured.err  # the caller's path, not a worker's scratch
    assert "built 2 of 3 corpora; failed: broken" in captured.err
    warmed = client.run(lambda: "fugashi" in sys.modules and "spacy" in sys.modules)
    assert list(warmed.values()) == [True, True]  # the plugin loaded the pipeline on each worker


def test_a_local_cluster_started_by_the_command_builds_the_same(shelf, local_builds, tmp_path, capsys):
    """``--cluster local:2``: the command starts (forks, on Linux) its own workers and stops them."""
    assert main(["build", str(shelf), "--out", str(tmp_path), "--cluster", "local:2", "--collect"]) == 2
    assert {name: _files(tmp_path / name) for name in ("alpha", "beta")} == local_builds
    assert "built 2 of 3 corpora; failed: broken" in capsys.readouterr().err


@pytest.mark.parametrize("options, message", [
    (["--cluster", "local:0"], "--cluster local:N takes a number of workers"),
    (["--cluster", "scheduler-host"], "--cluster takes a scheduler address or local:N"),
    (["--cluster", "local:2", "--jobs", "2"], "--jobs and --cluster both say where to build"),
    (["--collect"], "--collect goes with --cluster"),
])
def test_cluster_options_are_checked(shelf, tmp_path, options, message, capsys):
    assert main(["build", str(shelf), "--out", str(tmp_path)] + options) == 2
    assert message in capsys.readouterr().err
    assert not tmp_path.exists() or not any(tmp_path.iterdir())
