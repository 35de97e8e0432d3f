"""Fixtures for the web tests: a real store, the app in-process, and a live server.

The store is built the way users build it, by ingesting documents with the real coder:
the earlier Russian statements, the bundled sample statements, two hostile documents
(markup, event handlers and ``javascript:`` links in text, title, source and url; SQL in
the text) and the founding article.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'offramp[web]'")

from ..conftest import ROOT, RUSSIA_BEFORE, SEED, SEED_DATE, ingest_paths

HOSTILE = Path(__file__).with_name("hostile.jsonl")
STATEMENTS = ROOT / "src" / "offramp" / "data" / "sample" / "statements.jsonl"
#: The write token of the test servers (long enough for `offramp serve`).
TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, coder):
    """A store with sample, hostile and seed documents. Read-only use: copy it to write."""
    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    ingest_paths(coder, db, [RUSSIA_BEFORE, STATEMENTS, HOSTILE])
    if SEED.exists():
        ingest_paths(coder, db, [SEED], date=SEED_DATE)
    return db


@pytest.fixture
def writable_db(web_db, tmp_path):
    """A private copy of the web store, for tests that write."""
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(web_db, db)
    return db


def make_client(db, *, token=TOKEN, boards_dir=None, **kwargs):
    from fastapi.testclient import TestClient

    from offramp.web import create_app

    app = create_app(db, token=token, boards_dir=boards_dir, **kwargs)
    return TestClient(app, base_url="http://testserver")


@pytest.fixture(scope="module")
def client(web_db, tmp_path_factory):
    with make_client(web_db, boards_dir=tmp_path_factory.mktemp("boards")) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving the app on a free loopback port, in a background thread."""

    def __init__(self, db, *, token=TOKEN, boards_dir=None) -> None:
        import uvicorn

        from offramp.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(db, token=token, boards_dir=boards_dir)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(web_db, tmp_path_factory):
    with LiveServer(web_db, boards_dir=tmp_path_factory.mktemp("live-boards")) as server:
        yield server
