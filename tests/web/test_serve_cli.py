"""``offramp serve`` as a user runs it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

from ..conftest import ROOT
from .conftest import free_port

OFFRAMP = [sys.executable, "-m", "offramp"]


def test_serve_is_listed_and_documented():
    out = subprocess.run([*OFFRAMP, "--help"], capture_output=True, text=True).stdout
    assert "serve" in out
    readme = (ROOT / "README.md").read_text()
    assert "### `offramp serve" in readme and "## Web dashboard" in readme
    help_text = subprocess.run([*OFFRAMP, "serve", "--help"], capture_output=True, text=True).stdout
    for option in ("--db", "--host", "--port", "--max-upload", "--boards-dir"):
        assert option in help_text and option in readme


def test_serve_refuses_a_short_token(tmp_path):
    env = {**os.environ, "OFFRAMP_TOKEN": "short"}
    r = subprocess.run(
        [*OFFRAMP, "serve", "--db", str(tmp_path / "x.duckdb")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 2
    assert "OFFRAMP_TOKEN is too short (5 characters)" in r.stderr


def test_serve_without_the_web_extra_prints_the_install_command(tmp_path):
    code = (
        "import sys; sys.modules['uvicorn'] = None\n"
        "from offramp.cli import main\n"
        f"main(['serve', '--db', {str(tmp_path / 'x.duckdb')!r}])\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "pip install 'offramp[web]'" in r.stderr


def test_serve_starts_read_only_on_loopback_and_answers(web_db):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "OFFRAMP_TOKEN"}
    proc = subprocess.Popen(
        [*OFFRAMP, "serve", "--db", str(web_db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "offramp serve did not start"
                time.sleep(0.2)
        assert health["status"] == "ok" and health["writable"] is False
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/documents",
            json={"text": "x"},
            headers={"Authorization": "Bearer whatever-token-123"},
        )
        assert r.status_code == 403
        assert "server" not in {k.lower() for k in r.headers}  # no server banner
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert "read-only" in err and "writes: off" in err
    assert f"http://127.0.0.1:{port}/" in err
