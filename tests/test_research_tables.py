"""The research tables: Edition.to_pandas() and the jsonl / parquet exports hold the same rows, raw."""
from __future__ import annotations

import copy
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main
from annotator.edition.tables import COLUMNS, TABLES, MissingExtraError, tables
from annotator.exports import export_files
from annotator.exports.tables import csv_files

pandas = pytest.importorskip("pandas", reason="the pandas extra is not installed: pip install 'annotator[pandas]'")
pyarrow_parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow (the pandas extra) is not installed")


def hostile(seed_json: dict[str, Any]) -> dict[str, Any]:
    """The seed edition with texts a spreadsheet would run as formulas, and a control character."""
    data = copy.deepcopy(seed_json)
    claim = data["links"][0]["from"]
    for unit in data["units"]:
        if unit["id"] == claim:
            unit["text"] = "=HYPERLINK(\"http://x\")\x01" + unit["text"]
    data["tags"].append({"unit": claim, "kind": "-minus", "cue": "@cue"})
    return data


def plain(value: Any) -> Any:
    """A DataFrame cell as plain Python (pandas.NA → None, arrays → lists)."""
    if value is pandas.NA:
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def test_to_pandas_frames_hold_the_tables_rows(seed_edition, seed_json) -> None:
    frames = seed_edition.to_pandas()
    assert list(frames) == list(TABLES)
    built = tables(seed_json)
    for name, frame in frames.items():
        assert list(frame.columns) == [column for column, _ in COLUMNS[name]]
        assert [[plain(v) for v in row] for row in frame.itertuples(index=False)] == built[name], name
    assert len(frames["units"]) == len(seed_json["units"]) and len(frames["links"]) == len(seed_json["links"])
    assert str(frames["links"]["rank"].dtype) == "Int64" and frames["units"]["body_start"].isna().any()


def test_rows_are_joined_with_their_texts(seed_edition, seed_json) -> None:
    frames = seed_edition.to_pandas()
    units = frames["units"].set_index("id")
    links = frames["links"]
    assert (links["from_text"] == units.loc[links["from"], "text"].to_numpy()).all()
    assert (links["to_text"] == units.loc[links["to"], "text"].to_numpy()).all()
    assert (links["to_section"] == units.loc[links["to"], "section"].to_numpy()).all()
    headings = {s["id"]: s["heading"] for s in seed_json["sections"]}
    cited = frames["citations"].dropna(subset=["section"])
    assert len(cited) > 0 and list(cited["section_heading"]) == [headings[s] for s in cited["section"]]
    claims = links.merge(frames["tags"], left_on="from", right_on="unit")
    assert set(claims["kind"]) == {t["kind"] for t in seed_json["tags"] if t["unit"] in set(links["from"])}
    roles = {d["id"]: d["role"] for d in seed_json["documents"]}
    assert list(frames["units"]["role"]) == [roles[u["doc"]] for u in seed_json["units"]]


def test_jsonl_and_parquet_are_lossless_where_csv_is_neutralised(seed_json) -> None:
    data = hostile(seed_json)
    files = export_files(data, ["jsonl", "parquet"])
    assert sorted(files) == sorted([f"{t}.jsonl" for t in TABLES] + [f"{t}.parquet" for t in TABLES])
    built = tables(data)
    for name in TABLES:
        columns = [column for column, _ in COLUMNS[name]]
        lines = [json.loads(line) for line in files[f"{name}.jsonl"].splitlines()]
        assert lines == [dict(zip(columns, row)) for row in built[name]], name
        table = pyarrow_parquet.read_table(io.BytesIO(files[f"{name}.parquet"]))
        assert table.column_names == columns and table.to_pylist() == lines, name
    link = json.loads(files["links.jsonl"].splitlines()[0])
    assert link["from_text"].startswith("=HYPERLINK(\"http://x\")\x01")
    tag = json.loads(files["tags.jsonl"].splitlines()[-1])
    assert (tag["kind"], tag["cue"]) == ("-minus", "@cue")
    spreadsheet = csv_files(data)["links.csv"].decode("utf-8")
    assert "'=HYPERLINK" in spreadsheet and "\x01" not in spreadsheet


def test_the_exports_are_deterministic(seed_json) -> None:
    assert export_files(seed_json, ["jsonl", "parquet"]) == export_files(copy.deepcopy(seed_json), ["jsonl", "parquet"])


def test_export_command_writes_the_tables(tmp_path: Path, seed_json) -> None:
    edition = tmp_path / "edition.json"
    edition.write_text(json.dumps(seed_json, ensure_ascii=False), encoding="utf-8")
    assert main(["export", str(edition), "--format", "jsonl", "--format", "parquet", "--out", str(tmp_path / "t")]) == 0
    units = pandas.read_parquet(tmp_path / "t" / "units.parquet")
    assert list(units["id"]) == [u["id"] for u in seed_json["units"]]
    assert len((tmp_path / "t" / "links.jsonl").read_text(encoding="utf-8").splitlines()) == len(seed_json["links"])


def test_without_pandas_the_error_names_the_extra(seed_edition, seed_json, monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"needs pandas.*pip install 'annotator\[pandas\]'"):
        seed_edition.to_pandas()
    edition = tmp_path / "edition.json"
    edition.write_text(json.dumps(seed_json), encoding="utf-8")
    assert main(["export", str(edition), "--format", "parquet", "--out", str(tmp_path / "t")]) == 2
    assert "pip install 'annotator[pandas]'" in capsys.readouterr().err
