"""Sharing a store between processes: readers during an ingest, one ingest at a time.

These start real processes: an ``offramp ingest`` that commits one document per batch,
a second ingest that must be turned away, and reader processes (the library and
``offramp signals``) that query the file while the first one writes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from offramp import StoreError
from offramp.store import Store
from offramp.store.lock import IngestLock, connect, lock_path

from ..conftest import TIMELINES

OFFRAMP = [sys.executable, "-m", "offramp"]

READER = r"""
import json, sys, time
from offramp.store import Store
db, seconds = sys.argv[1], float(sys.argv[2])
seen, deadline = [], time.monotonic() + seconds
while time.monotonic() < deadline:
    seen.append(Store.open(db).stats().documents)
    time.sleep(0.05)
print(json.dumps(seen))
"""


def _corpus(tmp_path: Path) -> Path:
    """The 46 dev timeline documents, plus one line that is not a document."""
    docs = [x for x in TIMELINES.read_text().splitlines() if '"text"' in x]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([*docs, '{"gold_shift": {"actor": "RUS"}}']) + "\n")
    return path


def test_lock_reader_queries_while_an_ingest_writes_and_second_ingest_is_refused(tmp_path):
    if not TIMELINES.exists():
        pytest.skip(f"the dev timelines are not at {TIMELINES} (../shared is absent)")
    corpus = _corpus(tmp_path)
    total = 46
    db = tmp_path / "busy.duckdb"
    writer = subprocess.Popen(
        [*OFFRAMP, "ingest", str(corpus), "--db", str(db), "--batch-size", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # wait until the first batch is committed
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if db.exists() and _documents(db) > 0:
                break
            assert writer.poll() is None, writer.communicate()
            time.sleep(0.05)
        second = subprocess.Popen(
            [*OFFRAMP, "ingest", str(corpus), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _, second_err = second.communicate(timeout=60)
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(db), "0.8"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        cli_reader = subprocess.Popen(
            [*OFFRAMP, "signals", "--db", str(db), "--format", "jsonl", "--limit", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        reader_out, reader_err = reader.communicate(timeout=60)
        cli_out, cli_err = cli_reader.communicate(timeout=60)
        still_writing = writer.poll() is None
        out, err = writer.communicate(timeout=180)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert second.returncode == 2
    assert "another ingest is writing to this store" in second_err
    assert f"process {writer.pid}" in second_err and "--wait" in second_err
    assert cli_reader.returncode == 0, cli_err
    assert all(json.loads(line)["doc_id"] for line in cli_out.splitlines())
    assert reader.returncode == 0, reader_err
    seen = json.loads(reader_out)
    assert seen == sorted(seen)  # the reader sees the store grow, batch by batch
    assert still_writing and any(0 < n < total for n in seen), (still_writing, seen)
    # the ingest finished, stored everything, and exits 1 only for the skipped bad line
    assert writer.returncode == 1, err
    assert f"{total} documents added" in out
    assert "Everything else was stored" in err
    assert Store.open(db).stats().documents == total


def _documents(db: Path) -> int:
    try:
        return Store.open(db).stats().documents
    except StoreError:
        return 0


def test_lock_second_ingest_lock_names_the_holder(tmp_path):
    db = tmp_path / "x.duckdb"
    with IngestLock(db):
        info = json.loads(lock_path(db).read_text())
        assert info["pid"] == os.getpid()
        with (
            pytest.raises(StoreError, match=rf"process {os.getpid()}.*--wait") as err,
            IngestLock(db),
        ):
            pass
        assert err.value.code == "E403"
    with IngestLock(db):  # released: the next ingest gets it
        pass


def test_lock_wait_queues_behind_the_holder(tmp_path):
    db = tmp_path / "x.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from offramp.store.lock import "
            "IngestLock\nwith IngestLock(Path(sys.argv[1])):\n print('locked', flush=True)\n "
            "time.sleep(0.8)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    waited = []
    t0 = time.monotonic()
    with IngestLock(db, wait=True, on_wait=waited.append):
        elapsed = time.monotonic() - t0
    holder.wait(timeout=10)
    assert waited and f"process {holder.pid}" in waited[0]
    assert elapsed > 0.3


def test_lock_reader_gives_up_with_a_clear_message(tmp_path, monkeypatch):
    db = tmp_path / "held.duckdb"
    Store.open(db, read_only=False)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', "
            "flush=True); time.sleep(3)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        t0 = time.monotonic()
        with (
            pytest.raises(StoreError, match=rf"busy: process {holder.pid}.*0.3 s") as err,
            connect(db, read_only=True, timeout=0.3),
        ):
            pass
        assert 0.3 <= time.monotonic() - t0 < 2.5
        assert err.value.code == "E402"
    finally:
        holder.kill()
        holder.wait()
    with connect(db, read_only=True) as con:  # free again
        assert con.execute("SELECT 1").fetchone() == (1,)
    assert isinstance(con, duckdb.DuckDBPyConnection)
