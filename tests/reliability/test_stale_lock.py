"""A killed ingest leaves its record in ``<db>.lock`` but no lock: the next ingest says
so and takes over at once, instead of waiting for a process that is gone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from offramp.store.lock import IngestLock, lock_path

HOLD = (
    "import sys, time; from pathlib import Path; from offramp.store.lock import IngestLock\n"
    "with IngestLock(Path(sys.argv[1])):\n print('locked', flush=True)\n time.sleep(60)"
)


def test_stale_lock_of_a_killed_process_is_reported_and_taken_over(tmp_path):
    db = tmp_path / "x.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert json.loads(lock_path(db).read_text())["pid"] == holder.pid  # the record stays
    stale: list[str] = []
    t0 = time.monotonic()
    with IngestLock(db, on_stale=stale.append):
        assert time.monotonic() - t0 < 1.0  # taken at once, not after a timeout
        assert json.loads(lock_path(db).read_text())["pid"] == os.getpid()
    assert len(stale) == 1
    assert f"process {holder.pid}" in stale[0] and "no longer running" in stale[0]
    assert lock_path(db).read_text() == ""  # a clean exit leaves no record
    with IngestLock(db, on_stale=stale.append):
        pass
    assert len(stale) == 1  # nothing stale after a clean exit


def test_stale_lock_message_on_the_command_line(tmp_path):
    db = tmp_path / "x.duckdb"
    lock_path(db).write_text(
        json.dumps({"pid": 2**22 + 12345, "command": "offramp ingest big.jsonl", "started": "x"})
    )
    doc = tmp_path / "a.txt"
    doc.write_text("Russia said it was ready to resume talks with Ukraine.")
    r = subprocess.run(
        [sys.executable, "-m", "offramp", "ingest", str(doc), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "offramp ingest big.jsonl, started x, no longer running) ended without" in r.stderr
    assert "1 document added" in r.stdout
