"""Sharing one DuckDB file between processes.

DuckDB lets one process at a time open a file read-write, and no other process can open
it at all meanwhile. Offramp lives with that in two ways:

* **Short connections with retries.** Readers and writers open the file only for the
  duration of one query or one batch commit, and retry with a short backoff when another
  process holds it (:func:`connect`). An ingest parses documents with the file closed, so
  readers get in between its batches.
* **One ingest at a time.** An advisory lock file next to the store (``<db>.lock``,
  ``fcntl.flock``) is held for the whole of an ingest or recode (:class:`IngestLock`). A
  second ingest stops at once with a message naming the first, or waits with ``wait=True``.
  The lock file records who holds it; it is left in place afterwards (removing it would
  race with a process about to lock it), and an unlocked file means nothing.

A killed ingest cannot leave a stale lock behind: the kernel releases an ``flock`` when
its holder dies, however it dies. What it does leave is its record in the lock file (a
clean exit empties it), so the next ingest knows that the previous one was killed or
crashed, says so through ``on_stale``, and takes over. Nothing else needs repairing:
DuckDB rolls back the batch that was being committed (docs/RELIABILITY.md).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import fcntl
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import duckdb

from offramp.errors import store_error

#: How long a reader keeps retrying while another process holds the file (seconds).
READ_TIMEOUT: float = 5.0
#: How long a writer keeps retrying while readers hold the file (seconds).
WRITE_TIMEOUT: float = 30.0
#: First and largest pause between retries (seconds).
BACKOFF_START: float = 0.02
BACKOFF_MAX: float = 0.25

_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def lock_path(db_path: Path) -> Path:
    """Where the ingest lock of ``db_path`` lives: ``<db>.lock`` beside it."""
    return db_path.with_name(db_path.name + ".lock")


def is_lock_conflict(err: BaseException) -> bool:
    """True when DuckDB refused to open a file because another process holds it."""
    text = str(err)
    return isinstance(err, duckdb.IOException) and (
        "Could not set lock" in text or "Conflicting lock" in text
    )


def describe_holder(err: BaseException) -> str:
    """``process 1234 (python3)`` from DuckDB's lock message, or ``another process``."""
    m = _HOLDER.search(str(err))
    if not m:
        return "another process"
    return f"process {m['pid']} ({os.path.basename(m['program'])})"


@contextlib.contextmanager
def connect(
    path: Path, *, read_only: bool, timeout: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to ``path`` that is closed on exit; retries while another process
    holds the file, then raises :class:`~offramp.errors.StoreError` (E402)."""
    limit = timeout if timeout is not None else (READ_TIMEOUT if read_only else WRITE_TIMEOUT)
    deadline = time.monotonic() + limit
    pause = BACKOFF_START
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.Error as err:
            if not is_lock_conflict(err):
                raise store_error("E406", where=str(path), detail=_first_line(err)) from None
            if time.monotonic() >= deadline:
                raise store_error(
                    "E402", where=str(path), holder=describe_holder(err), seconds=limit
                ) from None
            time.sleep(pause)
            pause = min(BACKOFF_MAX, pause * 2)
    try:
        yield con
    finally:
        con.close()


class IngestLock:
    """The exclusive lock an ingest holds on ``<db>.lock`` for its whole run.

    Args:
        db_path: the store.
        wait: block until the other ingest finishes instead of failing at once.
        on_wait: called once with a description of the holder before blocking.
        on_stale: called with a description of the previous holder when it ended without
            releasing the lock cleanly (killed or crashed) and this one takes over.

    Example:
        >>> with IngestLock(Path("offramp.duckdb")):  # doctest: +SKIP
        ...     store.ingest(pairs)
    """

    def __init__(
        self,
        db_path: Path,
        *,
        wait: bool = False,
        on_wait: Callable[[str], None] | None = None,
        on_stale: Callable[[str], None] | None = None,
    ) -> None:
        self.path = lock_path(db_path)
        self.db_path = db_path
        self.wait = wait
        self.on_wait = on_wait
        self.on_stale = on_stale
        self._file: IO[str] | None = None

    def __enter__(self) -> IngestLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+", encoding="utf-8")  # held until __exit__
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self.holder()
            if not self.wait:
                f.close()
                raise store_error("E403", where=str(self.db_path), holder=holder) from None
            if self.on_wait is not None:
                self.on_wait(holder)
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        except OSError as err:  # a file system without locks (some network mounts)
            f.close()
            detail = (
                f"cannot lock {self.path}: {err.strerror or err}; keep the store on a local disk"
            )
            raise store_error("E408", where=str(self.db_path), detail=detail) from None
        except BaseException:
            f.close()
            raise
        previous = _read_info(self.path)
        if previous and previous.get("pid") != os.getpid() and self.on_stale is not None:
            self.on_stale(_describe(previous))
        f.seek(0)
        f.truncate()
        f.write(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "command": " ".join([os.path.basename(sys.argv[0]), *sys.argv[1:]])[:200],
                    "started": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                }
            )
        )
        f.flush()
        self._file = f
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.seek(0)
                self._file.truncate()
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def holder(self) -> str:
        """Who holds the lock, as written in the lock file (``process 1234: offramp
        ingest ..., started 2025-11-22T10:00:00+00:00``)."""
        info = _read_info(self.path)
        return _describe(info) if info else "another process"


def _read_info(path: Path) -> dict[str, object] | None:
    """The holder record in a lock file, or None when it is empty or unreadable."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) and "pid" in info else None


def _describe(info: dict[str, object]) -> str:
    text = f"process {info['pid']}"
    if info.get("command"):
        text += f": {info['command']}"
    if info.get("started"):
        text += f", started {info['started']}"
    pid = info["pid"]
    if isinstance(pid, int) and pid > 0 and not _alive(pid):
        text += ", no longer running"
    return text


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (it may be another one that reused the id)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
