"""Exporting stored signals as Parquet, CSV or JSON Lines, named the way event data is.

Columns follow POLECAT's data dictionary and PLOVER's JSON field names where those have
a field for the same thing (``event_id``, ``event_date``, ``event_type``, ``quad_code``,
``event_intensity``, ``event_text``, ``actor_*``, ``recipient_*``, ``story_id``,
``publication_date``, ``headline``, ``source`` = the publisher, ``coder``); Offramp's own
fields keep their SIGNALS.md names. :data:`COLUMNS` lists every column with its type and
origin, and docs/EXPORT.md is generated from the same table.

Example:
    >>> export_signals(store, "signals.parquet", fmt="parquet")  # doctest: +SKIP
    57
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import duckdb

from offramp.records import QUAD_CLASS, TRACKED_ISSUES, parse_date
from offramp.store import SignalFilter, Store

#: Formats :func:`export_signals` writes.
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")

#: PLOVER's numeric quad codes.
QUAD_CODES: dict[str, int] = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql_type: str
    origin: str  # where the name comes from: "POLECAT", "PLOVER", "Offramp"
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("event_id", "VARCHAR", "POLECAT", "stable id of the signal (store id)"),
    Column("event_date", "DATE", "POLECAT", "when the act or statement happened (SIGNALS.md date)"),
    Column("event_type", "VARCHAR", "POLECAT", "PLOVER event type; empty for a pure stance"),
    Column("quad_code", "INTEGER", "PLOVER", "1 verbal coop., 2 material coop., 3 verbal "
           "conflict, 4 material conflict"),
    Column("event_intensity", "DOUBLE", "POLECAT", "-10 conflict .. +10 cooperation"),
    Column("event_text", "VARCHAR", "PLOVER", "the evidence span (SIGNALS.md text)"),
    Column("actor_name", "VARCHAR", "POLECAT", "who acts (SIGNALS.md source), as written"),
    Column("actor_code", "VARCHAR", "PLOVER", "its code, e.g. RUSGOV"),
    Column("actor_country", "VARCHAR", "POLECAT", "its ISO3 country"),
    Column("actor_sector", "VARCHAR", "PLOVER", "its sector (GOV, MIL, REB, ...)"),
    Column("recipient_name", "VARCHAR", "POLECAT", "at whom (SIGNALS.md target), as written"),
    Column("recipient_code", "VARCHAR", "PLOVER", "its code"),
    Column("recipient_country", "VARCHAR", "POLECAT", "its ISO3 country"),
    Column("recipient_sector", "VARCHAR", "PLOVER", "its sector"),
    Column("story_id", "VARCHAR", "POLECAT", "the document id (SIGNALS.md doc_id)"),
    Column("publication_date", "DATE", "POLECAT", "the document's publication date"),
    Column("headline", "VARCHAR", "POLECAT", "the document's title"),
    Column("source", "VARCHAR", "POLECAT", "the document's publisher (not the acting actor)"),
    Column("url", "VARCHAR", "PLOVER", "the document's URL"),
    Column("start", "INTEGER", "PLOVER", "character offset of the evidence in the document"),
    Column("end", "INTEGER", "PLOVER", "end offset of the evidence"),
    Column("speaker_name", "VARCHAR", "Offramp", "who made the statement, for reported speech"),
    Column("speaker_code", "VARCHAR", "Offramp", "its code"),
    Column("speaker_country", "VARCHAR", "Offramp", "its country"),
    Column("speaker_sector", "VARCHAR", "Offramp", "its sector"),
    Column("negated", "BOOLEAN", "Offramp", "the act is reported as not done or denied"),
    Column("hypothetical", "BOOLEAN", "Offramp", "the act is stated as possible only"),
    Column("condition_text", "VARCHAR", "Offramp", "what must happen first"),
    Column("condition_actor_code", "VARCHAR", "Offramp", "who must do it"),
    Column("alternative_text", "VARCHAR", "Offramp", "what the actor will do otherwise"),
    Column("alternative_event_type", "VARCHAR", "Offramp", "its PLOVER type"),
    *(
        Column(f"stance_{issue}", "DOUBLE", "Offramp", f"stance on {issue}, -1..1 (empty: none)")
        for issue in TRACKED_ISSUES
    ),
    Column("stances", "VARCHAR", "Offramp", "all stances as JSON [{issue, value}] (user issues "
           "too)"),
    Column("past", "BOOLEAN", "Offramp", "reports an earlier position"),
    Column("attributed_by", "VARCHAR", "Offramp", "who interprets the actor (commentary)"),
    Column("confidence", "DOUBLE", "Offramp", "the extractor's confidence, 0..1"),
    Column("coder", "VARCHAR", "PLOVER", "the extractor version that coded the signal"),
    Column("coded_date", "DATE", "PLOVER", "when it was stored (UTC)"),
    Column("coded_time", "VARCHAR", "PLOVER", "time of day it was stored (UTC, ISO 8601)"),
)  # fmt: skip

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)


def export_row(row: dict[str, Any]) -> dict[str, Any]:
    """One stored row (``Store.iter_rows``) under the export's column names."""
    stances = [(str(issue), float(value)) for issue, value in row["stances"]]
    by_issue = dict(stances)
    event_type = row["event_type"]
    ingested = row["ingested_at"]
    out = {
        "event_id": row["id"],
        "event_date": row["date"],
        "event_type": event_type,
        "quad_code": QUAD_CODES.get(QUAD_CLASS.get(event_type or "", "")),
        "event_intensity": row["intensity"],
        "event_text": row["text"],
        "actor_name": row["source_name"],
        "actor_code": row["source_code"],
        "actor_country": row["source_country"],
        "actor_sector": row["source_sector"],
        "recipient_name": row["target_name"],
        "recipient_code": row["target_code"],
        "recipient_country": row["target_country"],
        "recipient_sector": row["target_sector"],
        "story_id": row["doc_id"],
        "publication_date": parse_date(row["published"]),
        "headline": row["title"],
        "source": row["doc_source"],
        "url": row["url"],
        "start": row["start"],
        "end": row["end"],
        "speaker_name": row["speaker_name"],
        "speaker_code": row["speaker_code"],
        "speaker_country": row["speaker_country"],
        "speaker_sector": row["speaker_sector"],
        "negated": row["negated"],
        "hypothetical": row["hypothetical"],
        "condition_text": row["condition_text"],
        "condition_actor_code": row["condition_actor_code"],
        "alternative_text": row["alternative_text"],
        "alternative_event_type": row["alternative_event_type"],
        **{f"stance_{issue}": by_issue.get(issue) for issue in TRACKED_ISSUES},
        "stances": json.dumps([{"issue": i, "value": v} for i, v in stances]),
        "past": row["past"],
        "attributed_by": row["attributed_by"],
        "confidence": row["confidence"],
        "coder": row["extractor_version"],
        "coded_date": ingested.date() if isinstance(ingested, _dt.datetime) else None,
        "coded_time": ingested.time().isoformat() if isinstance(ingested, _dt.datetime) else None,
    }
    return out


def export_rows(store: Store, filters: SignalFilter | None = None) -> Iterator[dict[str, Any]]:
    """Export rows of the stored signals matching ``filters``, in date order."""
    for row in store.iter_rows(filters):
        yield export_row(row)


def export_signals(
    store: Store,
    out: str | Path | IO[str] | None,
    *,
    fmt: str,
    filters: SignalFilter | None = None,
) -> int:
    """Write the stored signals to ``out`` (a path, a text stream, or None for standard
    output; Parquet needs a path) and return how many were written.

    Files are written to a temporary name and moved into place at the end, so a failed
    export never leaves half a file under the requested name.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, got {fmt!r}")
    rows = export_rows(store, filters)
    if fmt == "parquet":
        if out is None or not isinstance(out, str | Path):
            raise ValueError("Parquet is binary: give a file name to write to")
        return _write_parquet(rows, Path(out))
    writer = _write_csv if fmt == "csv" else _write_jsonl
    if out is None:
        return writer(rows, sys.stdout)
    if not isinstance(out, str | Path):
        return writer(rows, out)
    target = Path(out)
    tmp = target.with_name(f".{target.name}.part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            n = writer(rows, f)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return n


def _write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        row = dict(row, stances=json.loads(row["stances"]))
        out.write(json.dumps(row, ensure_ascii=False, default=_json_default))
        out.write("\n")
        n += 1
    return n


def _write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        n += 1
    return n


def _write_parquet(rows: Iterable[dict[str, Any]], target: Path) -> int:
    """Load the rows into an in-memory DuckDB table and let DuckDB write the Parquet file
    (to a temporary directory of our own, then moved: no user text enters the SQL)."""
    con = duckdb.connect()
    try:
        con.execute(
            "CREATE TABLE export (" + ", ".join(f'"{c.name}" {c.sql_type}' for c in COLUMNS) + ")"
        )
        insert = f"INSERT INTO export VALUES ({', '.join('?' * len(COLUMNS))})"
        n = 0
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(tuple(row[c] for c in COLUMN_NAMES))
            if len(batch) >= 1000:
                con.executemany(insert, batch)
                n += len(batch)
                batch = []
        if batch:
            con.executemany(insert, batch)
            n += len(batch)
        with tempfile.TemporaryDirectory(prefix="offramp-export-") as tmpdir:
            tmp = Path(tmpdir) / "export.parquet"
            con.execute(f"COPY export TO '{_safe_literal(tmp)}' (FORMAT parquet)")
            part = target.with_name(f".{target.name}.part")
            shutil.move(str(tmp), part)
            part.replace(target)
        return n
    finally:
        con.close()


def _safe_literal(path: Path) -> str:
    """A path made by :mod:`tempfile` as a SQL string literal (quotes doubled)."""
    return str(path).replace("'", "''")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.date | _dt.datetime | _dt.time):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def columns_markdown() -> str:
    """The column table of docs/EXPORT.md."""
    lines = ["| column | type | name from | meaning |", "|---|---|---|---|"]
    for c in COLUMNS:
        lines.append(f"| `{c.name}` | {c.sql_type} | {c.origin} | {c.meaning} |")
    return "\n".join(lines)
