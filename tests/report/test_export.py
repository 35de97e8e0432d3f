"""Exports: PLOVER/POLECAT column names, three formats, same rows."""

from __future__ import annotations

import csv
import io
import json

import duckdb

from offramp.report.export import COLUMN_NAMES, columns_markdown, export_signals
from offramp.store import SignalFilter, Store

from ..conftest import ROOT


def test_export_formats_agree(timelines_db, tmp_path):
    store = Store.open(timelines_db)
    n = store.count_signals()
    paths = {fmt: tmp_path / f"signals.{fmt}" for fmt in ("parquet", "csv", "jsonl")}
    for fmt, path in paths.items():
        assert export_signals(store, path, fmt=fmt) == n
    with duckdb.connect() as con:
        rel = con.execute("SELECT * FROM read_parquet(?)", [str(paths["parquet"])])
        cols = [d[0] for d in rel.description]
        pq = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
    rows = list(csv.DictReader(paths["csv"].open()))
    lines = [json.loads(x) for x in paths["jsonl"].read_text().splitlines()]
    assert cols == list(COLUMN_NAMES) == list(rows[0]) == list(lines[0])
    assert (
        [r["event_id"] for r in pq]
        == [r["event_id"] for r in rows]
        == [r["event_id"] for r in lines]
    )
    first = lines[0]
    assert first["story_id"] == "tl3-01" and first["event_date"] == "2025-05-05"
    assert {"actor_code", "recipient_code", "event_type", "quad_code", "coder"} <= set(first)
    assert isinstance(first["stances"], list)
    threat = next(r for r in lines if r["event_type"] == "THREATEN")
    assert threat["quad_code"] == 3 and threat["stance_escalation"] == 1.0
    assert next(r for r in rows if r["event_type"] == "THREATEN")["negated"] == "false"


def test_export_filters_and_stdout(timelines_db):
    store = Store.open(timelines_db)
    out = io.StringIO()
    n = export_signals(store, out, fmt="jsonl", filters=SignalFilter(actor="IRN"))
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == len(rows) > 0 and {r["actor_country"] for r in rows} == {"IRN"}


def test_export_columns_are_documented():
    doc = (ROOT / "docs" / "EXPORT.md").read_text()
    assert columns_markdown() in doc, "regenerate the table in docs/EXPORT.md"
