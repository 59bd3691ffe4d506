"""annotator serve: every action written to links.toml and applied as `annotator build` applies it;
refused requests change nothing; concurrent writers lose nothing; a failed write keeps the file."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest
from conftest import ROOT, SEED_CORPUS

pytest.importorskip("uvicorn", reason="annotator serve needs: pip install 'annotator[serve]'")
pytest.importorskip("starlette", reason="annotator serve needs: pip install 'annotator[serve]'")

from serving import Served, serving  # noqa: E402

from annotator.build import render_site  # noqa: E402
from annotator.link import corrections_file  # noqa: E402
from annotator.link.corrections_file import entry_text, toml_string  # noqa: E402
from annotator.pipeline import build_edition  # noqa: E402


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "c"
    shutil.copytree(SEED_CORPUS, target)
    return target


@pytest.fixture()
def served(corpus: Path) -> Iterator[Served]:
    with serving(corpus) as server:
        yield server


def links_toml(corpus: Path) -> str:
    path = corpus / "links.toml"
    return path.read_text(encoding="utf-8") if path.exists() else "<none>"


def first_link(state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    claim = next(c for c in state["claims"] if len(c["links"]) > 1)
    return claim["unit"], claim["links"][0]


def test_each_action_lands_in_the_file_and_build_applies_the_same(served: Served, corpus: Path) -> None:
    state = served.session.state()
    unit, link = first_link(state)
    second = next(c for c in state["claims"] if len(c["links"]) > 1 and c["unit"] != unit)
    cited = next(c for c in state["claims"] if c["citations"])
    other_section = next(s["id"] for s in state["sections"] if s["id"] != cited["citations"][0]["section"])
    finding = next(c for c in state["claims"] if any(f["kind"] != "quote" for f in c["findings"]))
    flag = next(f for f in finding["findings"] if f["kind"] != "quote")
    tagged = next(c for c in state["claims"] if c["tags"] and c["taggable"])
    old_tag = tagged["tags"][0]["kind"]
    new_tag = next(k["id"] for k in state["tag_kinds"] if k["id"] not in {t["kind"] for t in tagged["tags"]})
    target = next(t for t in state["targets"] if t not in {l["to"] for l in second["links"]})
    actions = [
        {"action": "reject", "from": unit, "to": link["to"]},
        {"action": "confirm", "from": second["unit"], "to": second["links"][1]["to"]},
        {"action": "relation", "from": second["unit"], "to": second["links"][0]["to"],
         "relation": "supports" if second["links"][0]["relation"] == "rebuts" else "rebuts"},
        {"action": "add", "from": second["unit"], "to": target},
        {"action": "pin", "unit": cited["unit"], "section": other_section},
        {"action": "dismiss", "unit": finding["unit"], "kind": flag["kind"], "target": flag["target"],
         "note": 'checked: "per year" \\ not per month\nsecond line'},
        {"action": "tag", "unit": tagged["unit"], "remove": old_tag, "add": new_tag},
    ]
    for body in actions:
        status, answer = served.write("/api/action", body)
        assert status == 200, answer
    text = links_toml(corpus)
    assert [line.split("]]")[0] + "]]" for line in text.splitlines() if line.startswith("[[")] == [
        "[[remove]]", "[[confirm]]", "[[relation]]", "[[add]]", "[[pin]]", "[[dismiss]]", "[[tag]]"]
    assert f'from = "{unit}"  # ' in text  # ids carry the number the page shows
    edition = served.session.built.edition
    assert link["to"] not in {l.target for l in edition.links if l.source == unit}
    new_first = next(l for l in edition.links if l.source == second["unit"] and l.rank == 1)
    assert (new_first.target, new_first.evidence) == (target, ("manual",))
    assert all("manual" in l.evidence for l in edition.links
               if l.source == second["unit"] and l.target in (second["links"][0]["to"], second["links"][1]["to"]))
    assert {c.section for c in edition.citations if c.unit == cited["unit"]} == {other_section}
    assert not [f for f in edition.flags if f.unit == finding["unit"] and f.kind == flag["kind"]]
    assert edition.dismissed[0].note == 'checked: "per year" \\ not per month second line'
    assert {(t.kind, t.cue) for t in edition.tags if t.unit == tagged["unit"] and t.kind in (old_tag, new_tag)} == {
        (new_tag, "manual")}
    rebuilt = render_site(build_edition(corpus))
    assert rebuilt["edition.json"] == served.session.built.json
    assert json.loads(rebuilt["edition.json"])["dismissed"][0]["kind"] == flag["kind"]
    exported = {name: (v.decode("utf-8") if isinstance(v, bytes) else v) for name, v in rebuilt.items()}
    assert ";manual" in exported["links.csv"] or ",manual" in exported["links.csv"]
    assert "\ndismissed," in exported["findings.csv"].replace("\r\n", "\n") and ",manual," in exported["findings.csv"]
    assert '"value": "manual", "format": "text/plain", "purpose": "editing"' in exported["annotations.jsonld"]
    assert 'type="manual"' in exported["edition.tei.xml"] or 'subtype="manual"' in exported["edition.tei.xml"]
    assert '"manual": true' in exported["edition.aif.json"]


def test_undo_and_redo_several_steps(served: Served, corpus: Path) -> None:
    state = served.session.state()
    before_json = served.session.built.json
    claims = [c for c in state["claims"] if c["links"]][:3]
    for claim in claims:
        assert served.write("/api/action", {"action": "reject", "from": claim["unit"], "to": claim["links"][0]["to"]})[0] == 200
    after_three = links_toml(corpus)
    for _ in claims:
        status, answer = served.write("/api/undo", {})
        assert status == 200, answer
    assert "[[remove]]" not in links_toml(corpus)
    assert served.session.built.json == before_json
    assert served.write("/api/undo", {}) == (400, {"error": "nothing to undo"})
    for _ in claims:
        assert served.write("/api/redo", {})[0] == 200
    assert links_toml(corpus) == after_three
    assert served.session.state()["history"] == {"undo": 3, "redo": 0}


@pytest.mark.parametrize("name, body, token, headers, status", [
    ("no token", {"action": "reject"}, None, {}, 403),
    ("wrong token", {"action": "reject"}, "0" * 32, {}, 403),
    ("foreign Host", {"action": "reject"}, "", {"Host": "evil.example:80"}, 400),
    ("foreign Origin", {"action": "reject"}, "", {"Origin": "http://evil.example"}, 403),
    ("form post", b"action=reject", "", {"Content-Type": "application/x-www-form-urlencoded"}, 403),
    ("unknown unit", {"action": "reject", "from": "commentary-99", "to": "source-p1-s1"}, "", {}, 400),
    ("path as an id", {"action": "pin", "unit": "../../etc/passwd", "section": "x"}, "", {}, 400),
    ("path as a section", {"action": "pin", "unit": "UNIT", "section": "/etc/passwd"}, "", {}, 400),
    ("template as a kind", {"action": "dismiss", "unit": "UNIT", "kind": "{{ 7*7 }}"}, "", {}, 400),
    ("path as an action", {"action": "../links.toml"}, "", {}, 400),
    ("extra field", {"action": "reject", "from": "a", "to": "b", "file": "/tmp/x"}, "", {}, 400),
    ("not a string", {"action": "tag", "unit": ["x"], "add": "motive"}, "", {}, 400),
    ("not JSON", b"{action: reject", "", {}, 400),
    ("a list", b"[1, 2]", "", {}, 400),
    ("unknown tag", {"action": "tag", "unit": "UNIT", "add": "insult"}, "", {}, 400),
])
def test_refused_requests_change_nothing(served: Served, corpus: Path, name: str, body: Any, token: Any,
                                         headers: dict[str, str], status: int) -> None:
    unit = next(c["unit"] for c in served.session.state()["claims"] if c["citations"] and c["taggable"] is False)
    if isinstance(body, dict):
        body = {k: (unit if v == "UNIT" else v) for k, v in body.items()}
    before = served.session.built.json
    got, answer = served.write("/api/action", body, token=token, headers=headers)
    assert got == status, (name, answer)
    if isinstance(answer, dict):
        assert "\n" not in answer["error"]
    assert links_toml(corpus) == "<none>"
    assert served.session.built.json == before


def test_a_foreign_host_cannot_read_either(served: Served) -> None:
    assert served.request("GET", "/", headers={"Host": "attacker.example:8765"})[0] == 400
    status, page = served.request("GET", "/")
    assert status == 200 and "connect-src &#39;self&#39;" in page and served.session.token in page


def test_two_concurrent_writers_lose_nothing(served: Served, corpus: Path) -> None:
    state = served.session.state()
    tagged = [c for c in state["claims"] if c["taggable"]]
    kinds = [k["id"] for k in state["tag_kinds"]]
    jobs = []
    for claim in tagged[:8]:
        kind = next(k for k in kinds if k not in {t["kind"] for t in claim["tags"]})
        jobs.append({"action": "tag", "unit": claim["unit"], "add": kind})
    answers: list[int] = []
    threads = [threading.Thread(target=lambda b=body: answers.append(served.write("/api/action", b)[0])) for body in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * len(jobs)
    text = links_toml(corpus)
    assert text.count("[[tag]]") == len(jobs)
    tags = {(t.unit, t.kind) for t in build_edition(corpus).tags}
    assert {(j["unit"], j["add"]) for j in jobs} <= tags


def test_a_failed_write_keeps_the_previous_file(served: Served, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unit, link = first_link(served.session.state())
    assert served.write("/api/action", {"action": "confirm", "from": unit, "to": link["to"]})[0] == 200
    before = links_toml(corpus)

    def killed(src: str, dst: str) -> None:
        raise OSError("killed mid-write")

    monkeypatch.setattr(corrections_file.os, "replace", killed)
    with pytest.raises(OSError):
        served.session.act({"action": "reject", "from": unit, "to": link["to"]})
    assert links_toml(corpus) == before
    assert sorted(p.name for p in corpus.iterdir() if p.name.startswith(".links")) == []


def test_a_correction_whose_unit_is_gone_is_shown_not_dropped(corpus: Path) -> None:
    (corpus / "links.toml").write_text('[[remove]]\nfrom = "summary-99"\nto = "source-p1-s1"\n', encoding="utf-8")
    with serving(corpus) as server:
        stale = server.request("GET", "/api/state")[1]["stale"]
    assert len(stale) == 1 and "summary-99" in stale[0] and "not applied" in stale[0]


@pytest.mark.parametrize("value", ['plain', 'a "quote" and \\ backslash', "tab\tnew\nline\x7f", "日本語 ①"])
def test_entries_read_back_as_written(value: str) -> None:
    import tomllib

    assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value
    text = entry_text("dismiss", {"unit": "u", "kind": "k", "note": value}, {"unit": "¶1\n# [[x]]"}, "h\nx")
    assert tomllib.loads(text) == {"dismiss": [{"unit": "u", "kind": "k", "note": value}]}


def test_build_never_imports_the_server(corpus: Path, tmp_path: Path) -> None:
    code = ("import sys; from annotator.cli import main; main(['build', sys.argv[1], '--out', sys.argv[2]]);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'annotator.serve')))")
    out = subprocess.run([sys.executable, "-c", code, str(corpus), str(tmp_path / "site")], capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert out.strip().splitlines()[-1] == "[]"


def start_cli(corpus: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """``annotator serve`` in a process of its own; the process and the URL it printed."""
    process = subprocess.Popen([sys.executable, "-m", "annotator", "serve", str(corpus), "--port", "0", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    line = process.stdout.readline() if process.stdout else ""
    return process, line


def test_the_command_prints_its_address_and_answers_there_only(corpus: Path) -> None:
    import http.client
    import re

    process, line = start_cli(corpus)
    try:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        port = int(found.group(1))
        for host, status in ((f"127.0.0.1:{port}", 200), (f"localhost:{port}", 200), (f"rebound.example:{port}", 400)):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/", headers={"Host": host})
            assert conn.getresponse().status == status, host
            conn.close()
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_another_address_warns_and_a_bad_one_is_one_line(corpus: Path) -> None:
    process, line = start_cli(corpus, "--host", "0.0.0.0")
    try:
        assert line.startswith("serving ")
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    assert "warning: serving on 0.0.0.0" in err
    done = subprocess.run([sys.executable, "-m", "annotator", "serve", str(corpus), "--host", "my.example"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--host takes an IP address" in done.stderr


def test_undo_of_an_entry_edited_by_hand_says_so_and_keeps_the_file(served: Served, corpus: Path) -> None:
    unit, link = first_link(served.session.state())
    assert served.write("/api/action", {"action": "reject", "from": unit, "to": link["to"]})[0] == 200
    edited = links_toml(corpus).replace("[[remove]]", "[[remove]]  # mine")
    (corpus / "links.toml").write_text(edited, encoding="utf-8")
    status, answer = served.write("/api/undo", {})
    assert status == 400 and "edited by hand" in answer["error"]
    assert links_toml(corpus) == edited


def test_a_hand_edit_while_serving_shows_on_reload(served: Served, corpus: Path) -> None:
    unit, link = first_link(served.session.state())
    (corpus / "links.toml").write_text(f'[[remove]]\nfrom = "{unit}"\nto = "{link["to"]}"\n', encoding="utf-8")
    state = served.request("GET", "/api/state")[1]
    assert link["to"] not in {l["to"] for c in state["claims"] if c["unit"] == unit for l in c["links"]}
    (corpus / "links.toml").write_text('[[remove]]\nfrom = "x"\nweight = 1\n', encoding="utf-8")
    state = served.request("GET", "/api/state")[1]
    assert "do not build" in state["stale"][0] and "links.toml:3" in state["stale"][0]
    assert served.request("GET", "/")[0] == 200
