"""Load test of the HTTP API on loopback: requests per second and p50/p99 latency.

Builds a store from the VOA corpus (../shared/data/ngec_voa_benchmark/voa_stories.jsonl)
unless ``--db`` names one, starts ``offramp serve`` on a free loopback port in its own
process, sends a bounded number of requests to each endpoint from a pool of client
threads, and prints a Markdown table. ``--write docs/BENCHMARKS.md`` puts the table and
the command under the heading "## HTTP API load test" of that file (replacing an earlier
run's section, leaving the rest of the file alone).

Bounded in count and time: at most ``--requests`` per endpoint, and each endpoint gets at
most ``--seconds`` divided by the number of endpoints.

Example:
    python bench/load_api.py --requests 400 --concurrency 8 --write docs/BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "data" / "ngec_voa_benchmark" / "voa_stories.jsonl"
HEADING = "## HTTP API load test"


@dataclass
class Result:
    name: str
    path: str
    done: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
        return ordered[k] * 1000


def build_store(path: Path) -> None:
    """Ingest the VOA corpus into ``path`` with the library, as ``offramp ingest`` does."""
    from offramp import Coder
    from offramp.readers import read_documents
    from offramp.store import Store
    from offramp.store.ingest import ingest_documents

    started = time.monotonic()
    result = ingest_documents(
        Store.open(path, read_only=False), read_documents([str(VOA)]), Coder()
    )
    print(f"store: {result.summary()} in {time.monotonic() - started:.1f} s", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "OFFRAMP_TOKEN"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "offramp", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(
                f"offramp serve did not start: {proc.stderr.read() if proc.stderr else ''}"
            )
        time.sleep(0.2)


def endpoints(base: str) -> list[tuple[str, str]]:
    """The requests to time; actors and the dyad are the store's most active ones."""
    overview = httpx.get(f"{base}/api/overview", timeout=30).json()
    actor = overview["active_actors"][0]["key"]
    pair = overview["active_dyads"][0]
    return [
        ("health", "/api/health"),
        ("signals, first page", "/api/signals?limit=50"),
        ("signals, actor filter", f"/api/signals?actor={actor}&limit=50"),
        ("signals, text search", "/api/signals?text=attack&limit=50"),
        ("signals, page 3", "/api/signals?limit=50&offset=100"),
        ("shifts", "/api/shifts"),
        ("actor timeline", f"/api/actors/{actor}/timeline"),
        ("dyad", f"/api/dyads/{pair['a']}/{pair['b']}"),
        ("overview (JSON)", "/api/overview"),
        ("overview page (HTML)", "/"),
        ("explorer page (HTML)", "/signals"),
    ]


def hammer(base: str, name: str, path: str, requests: int, workers: int, budget: float) -> Result:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + budget

    def worker() -> None:
        nonlocal issued, errors
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    if issued >= requests or time.monotonic() > deadline:
                        return
                    issued += 1
                started = time.perf_counter()
                try:
                    ok = client.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = time.perf_counter() - started
                with lock:
                    if ok:
                        latencies.append(took)
                    else:
                        errors += 1

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(name, path, len(latencies), errors, time.monotonic() - started, latencies)


def table(results: list[Result]) -> str:
    lines = [
        "| endpoint | request | done | errors | requests/s | p50 ms | p99 ms |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | `{r.path}` | {r.done} | {r.errors} | {r.rate:.0f} | "
            f"{r.percentile(50):.1f} | {r.percentile(99):.1f} |"
        )
    return "\n".join(lines)


def section(results: list[Result], args: argparse.Namespace, docs: int, signals: int) -> str:
    command = "python bench/load_api.py " + " ".join(
        [f"--requests {args.requests}", f"--concurrency {args.concurrency}",
         f"--seconds {args.seconds:g}", "--write docs/BENCHMARKS.md"]
    )  # fmt: skip
    total = sum(r.done for r in results)
    median = statistics.median(r.rate for r in results)
    return "\n".join(
        [
            HEADING,
            "",
            f"`offramp serve` on 127.0.0.1 (one uvicorn worker process), loaded from "
            f"{args.concurrency} client threads in another process on the same machine, over a "
            f"store of the VOA corpus ({docs} documents, {signals} signals). Each endpoint gets "
            f"at most {args.requests} requests; latency is per request, measured by the client. "
            f"Run on {_dt.date.today().isoformat()}, {platform.machine()} with "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}.",
            "",
            "```sh",
            command,
            "```",
            "",
            table(results),
            "",
            f"{total} requests in all, none failing unless the errors column says otherwise; "
            f"median throughput across endpoints {median:.0f} requests/s. The pages that "
            "analyse the whole store (shifts, overview, actor timeline) recompute on every "
            "request; there is no cache.",
            "",
        ]
    )


def write_section(path: Path, text: str) -> None:
    """Put ``text`` under HEADING in ``path``, replacing that section if present."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if HEADING in old:
        head, _, rest = old.partition(HEADING)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1 :] if nxt >= 0 else ""
        new = head + text + ("\n" + tail if tail else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one from VOA)")
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--seconds", type=float, default=120.0, help="time budget in all")
    parser.add_argument("--write", type=Path, help="put the results into this Markdown file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="offramp-bench-") as tmp:
        db = args.db
        if db is None:
            if not VOA.exists():
                raise SystemExit(f"the VOA corpus is not at {VOA}; give --db STORE")
            db = Path(tmp) / "voa.duckdb"
            build_store(db)
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            health = httpx.get(f"{base}/api/health", timeout=10).json()
            plan = endpoints(base)
            budget = args.seconds / len(plan)
            for _, path in plan:  # warm up: first requests open the store and load tables
                httpx.get(base + path, timeout=60)
            results = [
                hammer(base, name, path, args.requests, args.concurrency, budget)
                for name, path in plan
            ]
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    text = section(results, args, health["documents"], health["signals"])
    print(text)
    if args.write:
        write_section(args.write, text)
        print(f"written to {args.write}", file=sys.stderr)
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
