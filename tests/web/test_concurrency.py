"""The dashboard reads while an ingest in another process writes the same store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time

import httpx

from .conftest import LiveServer

NEW_DOCUMENTS = [
    {"id": f"concurrent-{n}", "published": f"2025-12-{n + 10:02d}", "text": text}
    for n, text in enumerate(
        [
            "The Kremlin rejected the European peace plan on Wednesday.",
            "Kyiv said it was ready to resume talks with Moscow if the shelling stopped.",
            "Russia threatened to strike Ukrainian ports unless the grain deal was renewed.",
            "Hamas said it would release two hostages if Israel paused its strikes.",
        ]
    )
]


def test_concurrency_ingest_writes_while_the_server_reads(web_db, tmp_path):
    db = tmp_path / "busy.duckdb"
    shutil.copyfile(web_db, db)
    source = tmp_path / "new.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in NEW_DOCUMENTS) + "\n")
    with LiveServer(db, boards_dir=tmp_path / "boards") as server:
        before = httpx.get(f"{server.url}/api/signals?limit=1").json()["total"]
        statuses: list[int] = []
        stop = threading.Event()

        def read() -> None:
            with httpx.Client(base_url=server.url, timeout=30) as c:
                while not stop.is_set():
                    statuses.append(c.get("/api/signals?limit=5").status_code)

        readers = [threading.Thread(target=read) for _ in range(8)]
        for t in readers:
            t.start()
        try:
            started = time.monotonic()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "offramp",
                    "ingest",
                    str(source),
                    "--db",
                    str(db),
                    "--batch-size",
                    "1",
                ],
                capture_output=True,
                text=True,
                timeout=240,
            )
            took = time.monotonic() - started
        finally:
            stop.set()
            for t in readers:
                t.join(timeout=30)
        assert done.returncode == 0, done.stderr
        assert "4 documents added" in done.stdout
        assert statuses and set(statuses) == {200}, sorted(set(statuses))
        after = httpx.get(f"{server.url}/api/signals?limit=1").json()["total"]
        assert after > before
        assert httpx.get(f"{server.url}/api/documents/concurrent-0").status_code == 200
        print(f"ingest took {took:.1f} s while {len(statuses)} reads were served")
