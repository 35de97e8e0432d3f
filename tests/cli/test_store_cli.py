"""``offramp ingest``, ``recode``, ``signals``, ``export`` run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import duckdb
import pytest

OFFRAMP = [sys.executable, "-m", "offramp"]


def run(*args, cwd=None, env=None):
    return subprocess.run(
        [*OFFRAMP, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


STORE_COMMANDS = ("ingest", "recode", "signals", "export", "timeline", "shifts", "dyad")


def test_cli_help_lists_the_store_commands():
    out = run("--help").stdout
    for name in STORE_COMMANDS:
        assert name in out


def test_cli_every_store_command_has_a_readme_section():
    from ..conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    for name in STORE_COMMANDS:
        assert f"### `offramp {name}" in readme, name


def test_cli_ingest_without_documents_and_with_a_missing_file(tmp_path):
    db = tmp_path / "s.duckdb"
    r = run("ingest", str(tmp_path / "nope.jsonl"), "--db", str(db))
    assert r.returncode == 1
    assert "no such file or directory" in r.stderr
    assert "0 documents added" in r.stdout


def test_cli_signals_formats(timelines_db):
    db = str(timelines_db)
    table = run("signals", "--db", db, "--actor", "Iran", "--type", "threaten")
    assert table.returncode == 0, table.stderr
    assert "actor: Iran (IRN: government, military and state media)" in table.stderr
    assert "THREATEN" in table.stdout and "tl2-01" in table.stdout
    jl = run("signals", "--db", db, "--issue", "war_aims", "--format", "jsonl")
    records = [json.loads(x) for x in jl.stdout.splitlines()]
    assert records and all(any(s["issue"] == "war_aims" for s in r["stances"]) for r in records)
    assert set(records[0]) >= {"doc_id", "start", "end", "source", "stances", "past"}
    cs = run("signals", "--db", db, "--since", "2026-01-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(cs.stdout)))
    assert rows and all(r["event_date"] >= "2026-01-01" for r in rows)


def test_cli_signals_limit_says_it_truncated(timelines_db):
    r = run("signals", "--db", str(timelines_db), "--limit", "2", "--format", "jsonl")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 2
    assert "Showing the first 2 of" in r.stderr and "--limit 0" in r.stderr


def test_cli_signals_env_var_names_the_store(timelines_db, tmp_path):
    import os

    env = dict(os.environ, OFFRAMP_DB=str(timelines_db))
    r = run("signals", "--text", "Hormuz", "--format", "jsonl", env=env, cwd=tmp_path)
    assert r.returncode == 0 and "tl2-08" in r.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2025-13-01"], "'2025-13-01' is not a date; use the form 2025-11-22"),
        (["--until", "yesterday"], "is not a date"),
        (["--since", "2025-12-01", "--until", "2025-11-01"], "is after --until"),
        (["--actor", "Rusia"], "unknown actor 'Rusia' (did you mean Russia (RUS)"),
        (["--target", "Atlantis"], "unknown actor 'Atlantis'"),
        (["--issue", "peace"], "unknown issue 'peace'; the issues are escalation, negotiation"),
        (["--type", "HUG"], "'HUG' is not one of"),
    ],
)
def test_cli_signals_bad_arguments(timelines_db, args, message):
    r = run("signals", "--db", str(timelines_db), *args)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_missing_or_foreign_store(tmp_path):
    r = run("signals", "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 2
    assert "no Offramp store here; create one with: offramp ingest" in r.stderr
    foreign = tmp_path / "other.duckdb"
    with duckdb.connect(str(foreign)) as con:
        con.execute("CREATE TABLE t (x INT)")
    r = run("shifts", "--db", str(foreign))
    assert r.returncode == 2 and "not an Offramp store" in r.stderr
    r = run("recode", "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 2 and "no Offramp store here" in r.stderr


def test_cli_recode_when_nothing_is_stale(timelines_db, tmp_path):
    import shutil

    db = tmp_path / "copy.duckdb"
    shutil.copy(timelines_db, db)
    r = run("recode", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "every document is already coded by offramp-extract/" in r.stdout


def test_cli_export(timelines_db, tmp_path):
    r = run("export", "--format", "parquet", "--db", str(timelines_db))
    assert r.returncode == 2 and "give a file with --out FILE" in r.stderr
    out = tmp_path / "rus.parquet"
    r = run("export", "--format", "parquet", "--out", str(out), "--actor", "RUS",
            "--db", str(timelines_db))  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Exported" in r.stderr and str(out) in r.stderr
    with duckdb.connect() as con:
        countries = con.execute(
            "SELECT DISTINCT actor_country FROM read_parquet(?)", [str(out)]
        ).fetchall()
    assert countries == [("RUS",)]
    r = run("export", "--format", "csv", "--db", str(timelines_db))
    assert r.stdout.startswith("event_id,event_date,event_type,")
