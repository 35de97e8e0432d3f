"""Concurrent use: readers query while an ingest writes, and a second ingest waits.

A reader process opens the store again and again while ``offramp ingest`` commits small
batches. Every snapshot it takes must be whole: each stored document has all the signals
a clean ingest gives it, and no signal is stored without its document. "The store is
busy" (E402, after retrying for 5 s) is the only error a reader may see; with batches this
small it should not happen at all. A second ingest started with ``--wait`` queues behind
the first and then finds everything stored. (The refusal of a second ingest without
``--wait`` is tested in tests/store/test_lock.py.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

OFFRAMP = [sys.executable, "-m", "offramp"]

READER = r"""
import json, os, sys, time
from offramp.errors import StoreError
from offramp.store import Store
db, stop_file = sys.argv[1], sys.argv[2]
busy, store = 0, None
while not os.path.exists(stop_file):
    try:
        store = store or Store.open(db)
        with store.connection() as con:  # one connection: one consistent snapshot
            docs = [r[0] for r in con.execute("SELECT id FROM documents").fetchall()]
            counts = dict(con.execute(
                "SELECT doc_id, count(*) FROM signals GROUP BY doc_id").fetchall())
        print(json.dumps({"docs": docs, "counts": counts}), flush=True)
    except StoreError as err:
        if err.code not in ("E401", "E402", "E404", "E407"):  # not created yet, or busy
            raise
        busy += err.code == "E402"
    time.sleep(0.05)
print(json.dumps({"busy": busy}), flush=True)
"""


def test_concurrency_readers_see_whole_documents_and_a_waiting_ingest_queues(
    tmp_path, corpus, clean
):
    expected = {doc_id: len(signals) for doc_id, signals in clean.items()}
    db = tmp_path / "shared.duckdb"
    stop = tmp_path / "stop"
    ingest = [*OFFRAMP, "ingest", str(corpus), "--db", str(db)]
    writer = subprocess.Popen(
        [*ingest, "--batch-size", "8"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)
    waiting = subprocess.Popen(
        [*ingest, "--wait"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        _, err = writer.communicate(timeout=300)
        wait_out, wait_err = waiting.communicate(timeout=300)
    finally:
        stop.write_text("")
        reader_out, reader_err = reader.communicate(timeout=60)
        for proc in (writer, waiting):
            if proc.poll() is None:
                proc.kill()
    assert writer.returncode == 0, err
    assert reader.returncode == 0, reader_err
    lines = [json.loads(line) for line in reader_out.splitlines()]
    snapshots = [x for x in lines if "docs" in x]
    assert lines[-1] == {"busy": 0}
    partial = [s for s in snapshots if 0 < len(s["docs"]) < len(expected)]
    assert partial, "the reader never got in between two batches"
    for snap in snapshots:
        stored = set(snap["docs"])
        assert set(snap["counts"]) <= stored, "signals without their document"
        for doc_id in stored:
            assert snap["counts"].get(doc_id, 0) == expected[doc_id], doc_id
    # the second ingest waited for the first, then found every document stored
    assert waiting.returncode == 0, wait_err
    assert "Another ingest is writing to" in wait_err and "waiting" in wait_err
    assert f"0 documents added, 0 replaced, {len(expected)} unchanged" in wait_out
