"""Many corpora in one `annotator build`: same outputs as single builds, failures named, others built."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED_CORPUS

from annotator import batch
from annotator.build import build
from annotator.cli import main
from annotator.errors import AnnotatorError


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _broken(folder: Path) -> Path:
    """A corpus whose manifest names a file that is not there."""
    folder.mkdir(parents=True)
    (folder / "corpus.toml").write_text('title = "broken"\n\n[[documents]]\nfile = "missing.txt"\n'
                                        'lang = "ja"\nrole = "source"\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    """A folder of two corpora: the seed, and the seed with its commentary cut short."""
    root = tmp_path_factory.mktemp("shelf")
    shutil.copytree(SEED_CORPUS, root / "alpha")
    shutil.copytree(SEED_CORPUS, root / "beta")
    text_file = next((root / "beta").glob("*.txt"))
    lines = text_file.read_text(encoding="utf-8").split("\n")
    text_file.write_text("\n".join(lines[:8] + lines[12:]), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def singles(shelf, tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Each corpus of the shelf built on its own, as `annotator build CORPUS --out DIR` does."""
    out = tmp_path_factory.mktemp("singles")
    return {name: _files(build(shelf / name, out / name)) for name in ("alpha", "beta")}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_several_corpora_match_single_builds(shelf, singles, tmp_path, jobs, capsys):
    code = main(["build", str(shelf / "alpha"), str(shelf / "beta"), "--out", str(tmp_path), "--jobs", jobs])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alpha", "beta"]
    for name, files in singles.items():
        assert _files(tmp_path / name) == files
    assert capsys.readouterr().out.splitlines() == [f"wrote {tmp_path / 'alpha'}", f"wrote {tmp_path / 'beta'}"]


def test_folder_of_corpora_builds_each(shelf, singles, tmp_path):
    assert main(["build", str(shelf), "--out", str(tmp_path), "--jobs", "2"]) == 0
    assert {name: _files(tmp_path / name) for name in ("alpha", "beta")} == singles


def test_one_corpus_writes_out_itself(shelf, singles, tmp_path):
    assert main(["build", str(shelf / "alpha"), "--out", str(tmp_path / "site")]) == 0
    assert _files(tmp_path / "site") == singles["alpha"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failing_corpus_is_named_and_the_others_built(shelf, singles, tmp_path, jobs, capsys):
    bad = _broken(tmp_path / "input" / "gamma")
    out = tmp_path / "out"
    code = main(["build", str(shelf / "alpha"), str(bad), str(shelf / "beta"), "--out", str(out), "--jobs", jobs])
    assert code == 2
    err = capsys.readouterr().err
    assert "annotator: gamma: error:" in err and "missing.txt" in err
    assert "built 2 of 3 corpora; failed: gamma" in err
    assert sorted(p.name for p in out.iterdir()) == ["alpha", "beta"]
    assert _files(out / "beta") == singles["beta"]


def test_an_internal_error_names_its_corpus_and_exits_1(shelf, tmp_path, monkeypatch, capsys):
    import annotator.build

    real_build = annotator.build.build

    def flaky(corpus, out, pdf=False, semantic=False, **handout):
        if Path(corpus).name == "alpha":
            raise RuntimeError("boom")
        return real_build(corpus, out, pdf=pdf, semantic=semantic, **handout)

    monkeypatch.setattr(annotator.build, "build", flaky)
    code = main(["build", str(shelf / "alpha"), str(shelf / "beta"), "--out", str(tmp_path), "--jobs", "1"])
    assert code == 1
    assert "annotator: alpha: internal error: RuntimeError: boom" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["beta"]


def test_same_folder_names_are_refused_before_building(shelf, tmp_path, capsys):
    other = tmp_path / "elsewhere" / "alpha"
    shutil.copytree(shelf / "alpha", other)
    out = tmp_path / "out"
    assert main(["build", str(shelf / "alpha"), str(other), "--out", str(out)]) == 2
    assert "two corpora would both be written to" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("jobs", ["0", "-3"])
def test_jobs_must_be_positive(shelf, tmp_path, jobs, capsys):
    assert main(["build", str(shelf / "alpha"), str(shelf / "beta"), "--out", str(tmp_path), "--jobs", jobs]) == 2
    assert "--jobs takes a number of processes" in capsys.readouterr().err


@pytest.mark.parametrize("layout, several, names", [
    (["alpha"], False, ["alpha"]),
    (["alpha", "beta"], True, ["alpha", "beta"]),
    (["."], True, ["alpha", "beta"]),          # a folder of corpora
    (["missing"], False, ["missing"]),        # not there: the single build reports it as before
])
def test_plan(shelf, layout, several, names):
    plan = batch.plan_builds([shelf / p for p in layout], Path("out"))
    assert plan.several is several
    assert [t.name for t in plan.tasks] == names
    assert [t.out for t in plan.tasks] == ([Path("out") / n for n in names] if several else [Path("out")])


@pytest.mark.parametrize("codes, expected", [
    ([0, 0], 0),
    ([0, 2], 2),
    ([2, 1, 0], 1),
])
def test_exit_code(codes, expected):
    task = batch.Task("x", Path("x"), Path("y"))
    results = [batch.Result(task, "error" if code else None, code) for code in codes]
    assert batch.exit_code(results) == expected


def test_describe_errors():
    assert batch.describe(AnnotatorError("bad input", fix="fix it"))[1] == 2
    message, code = batch.describe(FileNotFoundError(2, "No such file or directory", "x.txt"))
    assert (message, code) == ("error: x.txt: No such file or directory", 2)
