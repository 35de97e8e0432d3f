"""Reading the store from a web server without shutting out the ingest.

DuckDB lets one process write a file, and nobody else open it meanwhile. The store already
lives with that: each of its reads opens a short read-only connection. But opening a
DuckDB database costs about 25 ms, far more than most of our queries, so a server that
opened the file afresh for every query would spend its time opening files.

:class:`StoreReader` keeps one read-only connection (a *keeper*) open while requests come
in, so the store's own short connections reuse the open database and cost microseconds.
It lets go of the file:

* when the server has been idle for ``keep_open_seconds``, and
* as soon as an ingest is running (its ``<db>.lock`` names a live process): from then on
  no keeper is held, every read opens and closes the file as the store does by default,
  and the ingest gets in between requests to commit its batches. So that a busy server
  cannot keep the file open all the time (requests overlapping back to back), new reads
  also pause for ``QUIET_FOR`` seconds every ``QUIET_EVERY`` seconds while the ingest runs:
  the ingest retries at least every 0.25 s, so each pause gives it a turn.

The server never opens the store read-write; uploads are ingested by a separate process
(:mod:`offramp.web.uploads`).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from offramp.errors import StoreError
from offramp.store import Store
from offramp.store.lock import connect, lock_path

#: How often the housekeeping thread looks at the idle timer and the ingest lock (seconds).
CHECK_INTERVAL = 0.25
#: While an ingest runs, new reads wait this long (seconds) ...
QUIET_FOR = 0.3
#: ... once in this many seconds.
QUIET_EVERY = 1.0


def ingest_running(db_path: Path) -> bool:
    """Whether an ingest holds ``<db>.lock``, judged from what the lock file says.

    :class:`~offramp.store.lock.IngestLock` writes its holder's pid into the file while it
    holds the lock and empties it before letting go. Reading the file never takes the
    lock, so this check can never make a starting ingest fail.
    """
    try:
        raw = lock_path(db_path).read_text(encoding="utf-8")
    except OSError:
        return False
    if not raw.strip():
        return False
    try:
        pid = int(json.loads(raw).get("pid"))
    except (ValueError, TypeError, AttributeError):
        return True  # being written right now, or unreadable: assume busy, it costs little
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # a crashed ingest left its note behind
    except PermissionError:
        return True
    return True


class StoreReader:
    """Read access to one store for many request threads.

    Example:
        >>> reader = StoreReader(Path("offramp.duckdb"))  # doctest: +SKIP
        >>> with reader.reading() as store:  # doctest: +SKIP
        ...     store.stats()
    """

    def __init__(self, db_path: Path, *, keep_open_seconds: float = 2.0) -> None:
        self.db_path = db_path
        self.keep_open_seconds = keep_open_seconds
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._keeper: contextlib.ExitStack | None = None
        self._active = 0
        self._last_used = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._quiet_until = 0.0

    # -- request side --------------------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[Store]:
        """The store, read-only, for the length of one request.

        Raises:
            StoreError: no store at the path (E401), not an Offramp store, or busy.
        """
        self._ensure_thread()
        while (pause := self._quiet_until - time.monotonic()) > 0:
            time.sleep(pause)  # an ingest's turn to commit
        store = self._open_store()
        with self._lock:
            self._active += 1
        try:
            self._hold_keeper()
            yield store
        finally:
            with self._lock:
                self._active -= 1
                self._last_used = time.monotonic()

    def _open_store(self) -> Store:
        # Store.open checks the schema version, which needs a connection of its own: do it
        # once, and again only if the file was replaced or removed.
        store = self._store
        if store is not None and self.db_path.exists():
            return store
        self._store = None
        store = Store.open(self.db_path, read_only=True)
        self._store = store
        return store

    def _hold_keeper(self) -> None:
        if self._keeper is not None:
            return
        if ingest_running(self.db_path):
            return
        with self._lock:
            if self._keeper is not None:
                return
            stack = contextlib.ExitStack()
            try:
                stack.enter_context(connect(self.db_path, read_only=True))
            except (StoreError, duckdb.Error):
                stack.close()
                return  # the store's own connections will retry and report
            self._keeper = stack
        self._ensure_thread()

    # -- housekeeping --------------------------------------------------------------------------

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._housekeeping, name="offramp-store-reader", daemon=True
        )
        self._thread.start()

    def _housekeeping(self) -> None:
        last_quiet = 0.0
        while not self._stop.wait(CHECK_INTERVAL):
            busy = ingest_running(self.db_path)
            now = time.monotonic()
            if busy and now - last_quiet >= QUIET_EVERY:
                self._quiet_until = now + QUIET_FOR
                last_quiet = now
            if self._keeper is None:
                continue
            idle = self._active == 0 and now - self._last_used >= self.keep_open_seconds
            if idle or busy:
                self.release()

    def release(self) -> None:
        """Close the kept connection (requests in flight keep their own)."""
        with self._lock:
            keeper, self._keeper = self._keeper, None
        if keeper is not None:
            keeper.close()

    @property
    def holding(self) -> bool:
        """Whether the server keeps the file open right now."""
        return self._keeper is not None

    def close(self) -> None:
        """Stop the housekeeping thread and let go of the file (at server shutdown)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self.release()
        self._store = None
