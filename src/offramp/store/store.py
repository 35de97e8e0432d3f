"""The evidence store: documents, their signals and provenance in one DuckDB file.

A :class:`Store` is read-only unless opened with ``read_only=False``. It never keeps the
file open between calls: each read opens a short read-only connection, and each ingest
batch one read-write transaction (see :mod:`.lock` for why), so a dashboard can read
while an ingest in another process writes.

Example:
    >>> store = Store.open("offramp.duckdb", read_only=False)  # doctest: +SKIP
    >>> store.ingest(Coder().iter_code(documents))  # doctest: +SKIP
    IngestResult(added=12, replaced=0, unchanged=0, signals=57)
    >>> Store.open("offramp.duckdb").signals(SignalFilter(actor="RUS", limit=10))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb

from offramp.__about__ import EXTRACTOR_VERSION
from offramp.errors import store_error
from offramp.records import Document, Signal
from offramp.store import queries as q
from offramp.store.lock import connect
from offramp.store.models import (
    IngestResult,
    SignalFilter,
    SignalList,
    StancePoint,
    StoredDocument,
    StoreStats,
)
from offramp.store.rows import (
    DOCUMENT_COLUMNS,
    SIGNAL_COLUMNS,
    content_hash,
    document_row,
    row_to_signal,
    signal_ids,
    signal_row,
    stance_rows,
)
from offramp.store.schema import SCHEMA_VERSION, applied_version, check_version, migrate, utc_now

#: Documents committed per transaction by :meth:`Store.ingest`.
DEFAULT_BATCH_SIZE = 64
#: Rows fetched per connection by the iterator forms.
PAGE_SIZE = 1000
#: The store used when neither ``--db`` nor ``OFFRAMP_DB`` is given.
DEFAULT_DB = "offramp.duckdb"


def default_db_path() -> Path:
    """``$OFFRAMP_DB`` or ``./offramp.duckdb``."""
    return Path(os.environ.get("OFFRAMP_DB") or DEFAULT_DB)


class Store:
    """Documents, signals and stances in a DuckDB file. Build one with :meth:`open`."""

    def __init__(self, path: Path, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({str(self.path)!r}, {mode})"

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = True) -> Store:
        """Open the store at ``path``.

        Read-only (the default) needs an existing, up-to-date store. Read-write creates the
        file if needed and applies any missing migrations.

        Raises:
            StoreError: no store at ``path`` (read-only), not an Offramp store, written by
                a newer Offramp, or busy for longer than the retry window.
        """
        p = Path(path)
        where = str(p)
        if read_only:
            if not p.exists():
                raise store_error("E401", where=where, path=where)
            with connect(p, read_only=True) as con:
                version = applied_version(con)
            if version is None:
                raise store_error("E404", where=where)
            check_version(version, where=where)
            if version < SCHEMA_VERSION:
                raise store_error("E407", where=where, version=version, path=where)
        else:
            if p.parent and not p.parent.exists():
                p.parent.mkdir(parents=True, exist_ok=True)
            with connect(p, read_only=False) as con:
                migrate(con, where=where)
        return cls(p, read_only=read_only)

    def _read(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        return connect(self.path, read_only=True)

    def _write(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        if self.read_only:
            raise store_error("E408", where=str(self.path), detail="it was opened read-only")
        return connect(self.path, read_only=False)

    # -- writing -------------------------------------------------------------------------------

    def ingest(
        self,
        pairs: Iterable[tuple[Document, list[Signal]]],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        force: bool = False,
        extractor_version: str = EXTRACTOR_VERSION,
    ) -> IngestResult:
        """Store coded documents, ``batch_size`` documents per transaction.

        A document whose id and content hash are already stored is left as it is (unless
        ``force``, used by recoding); a document whose content changed has its row and all
        its signals replaced in the same transaction. ``pairs`` is consumed lazily, so the
        file is open only while a batch commits.
        """
        total = IngestResult()
        it = iter(pairs)
        while batch := list(islice(it, max(1, batch_size))):
            total += self._commit_batch(batch, force=force, extractor_version=extractor_version)
        return total

    def _commit_batch(
        self,
        batch: list[tuple[Document, list[Signal]]],
        *,
        force: bool,
        extractor_version: str,
    ) -> IngestResult:
        result = IngestResult()
        now = utc_now()
        with self._write() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                known = dict(con.execute(q.CONTENT_HASHES, [[d.id for d, _ in batch]]).fetchall())
                for document, signals in batch:
                    digest = content_hash(document)
                    old = known.get(document.id)
                    if old == digest and not force:
                        result.unchanged += 1
                        continue
                    if old is not None:
                        con.execute(q.DELETE_STANCES_OF_DOCUMENT, [document.id])
                        con.execute(q.DELETE_SIGNALS_OF_DOCUMENT, [document.id])
                        con.execute(q.DELETE_DOCUMENT, [document.id])
                        result.replaced += 1
                    else:
                        result.added += 1
                    known[document.id] = digest
                    con.execute(
                        q.INSERT_DOCUMENT, document_row(document, digest, extractor_version, now)
                    )
                    result.signals += _insert_signals(con, signals, extractor_version, now)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return result

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The stored content hash of each of ``ids`` that is in the store."""
        id_list = list(ids)
        if not id_list:
            return {}
        with self._read() as con:
            return dict(con.execute(q.CONTENT_HASHES, [id_list]).fetchall())

    def documents_to_recode(
        self, extractor_version: str = EXTRACTOR_VERSION, *, everything: bool = False
    ) -> Iterator[Document]:
        """Stored documents coded by another extractor version (all with ``everything``).

        Read in pages by id, each on its own connection, so recoding can write between
        pages; documents recoded meanwhile drop out of later pages by themselves.
        """
        after = ""
        while True:
            with self._read() as con:
                rows = con.execute(
                    q.DOCUMENTS_TO_RECODE, [everything, extractor_version, after, PAGE_SIZE]
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _document(dict(zip(DOCUMENT_COLUMNS, row, strict=True)))
            after = rows[-1][0]

    # -- reading -------------------------------------------------------------------------------

    def document(self, doc_id: str) -> StoredDocument | None:
        """A stored document with its provenance, or None."""
        with self._read() as con:
            row = con.execute(q.DOCUMENT, [doc_id]).fetchone()
        if row is None:
            return None
        data = dict(zip((*DOCUMENT_COLUMNS, "signal_count"), row, strict=True))
        return StoredDocument(
            document=_document(data),
            content_hash=data["content_hash"],
            extractor_version=data["extractor_version"],
            ingested_at=data["ingested_at"],
            signals=int(data["signal_count"]),
        )

    def signals(self, filters: SignalFilter | None = None) -> SignalList:
        """Signals matching ``filters`` in date order, at most ``filters.limit`` of them;
        the result's ``truncated`` is True when more matched."""
        f = filters or SignalFilter()
        limit = f.limit
        want = None if limit is None else limit + 1
        out = list(self._signal_pages(f, stop_after=want))
        truncated = limit is not None and len(out) > limit
        return SignalList(out[:limit] if limit is not None else out, truncated=truncated)

    def iter_signals(self, filters: SignalFilter | None = None) -> Iterator[Signal]:
        """The signals of :meth:`signals` one page at a time (``limit`` still applies).

        Each page is read on its own connection so writers are not blocked while the
        caller works; a concurrent ingest may shift the pages.
        """
        f = filters or SignalFilter()
        yield from self._signal_pages(f, stop_after=f.limit)

    def count_signals(self, filters: SignalFilter | None = None) -> int:
        """How many signals match ``filters`` (``limit`` is ignored)."""
        where, params = q.signal_where(filters or SignalFilter())
        with self._read() as con:
            row = con.execute(q.COUNT_SIGNALS.format(where=where), params).fetchone()
        return int(row[0]) if row else 0

    def iter_rows(self, filters: SignalFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stored signal rows as dicts: every ``signals`` column, the document's
        ``published``, ``title``, ``doc_source`` and ``url``, and ``stances`` as a list of
        (issue, value) pairs. For exports; most callers want :meth:`iter_signals`."""
        f = filters or SignalFilter()
        yield from self._row_pages(f, stop_after=f.limit)

    def _signal_pages(self, f: SignalFilter, *, stop_after: int | None) -> Iterator[Signal]:
        for row in self._row_pages(f, stop_after=stop_after):
            yield row_to_signal(row, row["stances"])

    def _row_pages(self, f: SignalFilter, *, stop_after: int | None) -> Iterator[dict[str, Any]]:
        where, params = q.signal_where(f)
        sql = q.SELECT_SIGNALS.format(where=where)
        names = (*SIGNAL_COLUMNS, *q.SIGNAL_DOCUMENT_COLUMNS)
        offset = 0
        left = stop_after
        while left is None or left > 0:
            size = PAGE_SIZE if left is None else min(PAGE_SIZE, left)
            with self._read() as con:
                rows = con.execute(sql, [*params, size, offset]).fetchall()
                ids = [r[0] for r in rows]
                stances: dict[str, list[tuple[str, float]]] = {}
                if ids:
                    for sid, issue, value in con.execute(q.STANCES_OF_SIGNALS, [ids]).fetchall():
                        stances.setdefault(sid, []).append((issue, value))
            for row in rows:
                data = dict(zip(names, row, strict=True))
                data["stances"] = stances.get(data["id"], [])
                yield data
            if len(rows) < size:
                return
            offset += len(rows)
            if left is not None:
                left -= len(rows)

    def stance_series(
        self, actor: str | None = None, issue: str | None = None
    ) -> list[StancePoint]:
        """Every stored stance of series ``actor`` on ``issue`` (None: all actors or all
        issues), in date order, with what the analysis needs to decide which to use:
        commentary, speakers and past flags are all included here."""
        with self._read() as con:
            rows = con.execute(q.STANCE_POINTS, [actor, actor, issue, issue]).fetchall()
        return [
            StancePoint(
                signal_id=r[0],
                doc_id=r[1],
                start=int(r[2]),
                end=int(r[3]),
                text=r[4],
                issue=r[5],
                value=float(r[6]),
                date=r[7],
                doc_date=r[8],
                past=bool(r[9]),
                source_code=r[10],
                source_key=r[11],
                speaker_key=r[12],
                attributed_by=r[13],
                event_type=r[14],
            )
            for r in rows
        ]

    def actor_keys(self) -> dict[str, int]:
        """Series keys that occur as source or target, with how many signals name each."""
        with self._read() as con:
            return dict(con.execute(q.ACTOR_KEYS).fetchall())

    def issues(self) -> list[str]:
        """Issues with at least one stored stance."""
        with self._read() as con:
            return [r[0] for r in con.execute(q.ISSUES).fetchall()]

    def stats(self) -> StoreStats:
        """Counts of documents and signals, extractor versions, and the date range."""
        with self._read() as con:
            docs, sigs, first, last = con.execute(q.STATS).fetchone() or (0, 0, None, None)
            versions = dict(con.execute(q.EXTRACTOR_VERSIONS).fetchall())
        return StoreStats(
            documents=int(docs),
            signals=int(sigs),
            extractor_versions={str(k): int(v) for k, v in versions.items()},
            first_date=first,
            last_date=last,
        )

    def connection(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A read-only DuckDB connection for queries of your own, as a context manager
        (close it soon: while it is open, no ingest can commit)."""
        return self._read()


def _insert_signals(
    con: duckdb.DuckDBPyConnection,
    signals: list[Signal],
    extractor_version: str,
    now: _dt.datetime,
) -> int:
    if not signals:
        return 0
    ids = signal_ids(signals)
    con.executemany(
        q.INSERT_SIGNAL,
        [
            signal_row(s, sid, seq, extractor_version, now)
            for seq, (s, sid) in enumerate(zip(signals, ids, strict=True))
        ],
    )
    stance_params = [
        row for s, sid in zip(signals, ids, strict=True) for row in stance_rows(s, sid)
    ]
    if stance_params:
        con.executemany(q.INSERT_STANCE, stance_params)
    return len(signals)


def _document(data: dict[str, Any]) -> Document:
    return Document(
        id=data["id"],
        text=data["text"],
        published=data["published"],
        source=data["source"],
        title=data["title"],
        url=data["url"],
    )
