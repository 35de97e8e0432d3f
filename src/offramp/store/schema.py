"""The store's tables, built by numbered migrations.

Each migration has a number, a name and its statements. :func:`migrate` applies the
missing ones in order, each in its own transaction together with its row in
``schema_migrations``, so a store is always at one recorded version: a failed migration
leaves the previous version intact. Never edit a released migration; add the next one.

Tables (version 1):

* ``documents`` - one row per document id: text and provenance, the hash of its
  content, the extractor version that coded it and when.
* ``signals`` - one row per signal record, every SIGNALS.md field flattened (actors as
  name/code/country/sector columns), plus provenance (doc_id, start, end), a stable id,
  the series keys of source and target, the extractor version and ingestion time.
* ``signal_stances`` - the stances of a signal, one row per (signal, issue), in the
  record's order (``seq``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import duckdb

from offramp.errors import store_error


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def _actor_columns(prefix: str, *, required: bool = False) -> str:
    code = "VARCHAR NOT NULL" if required else "VARCHAR"
    return (
        f"{prefix}_name VARCHAR, {prefix}_code {code}, "
        f"{prefix}_country VARCHAR, {prefix}_sector VARCHAR"
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial: documents, signals, signal_stances",
        (
            """
            CREATE TABLE documents (
                id VARCHAR PRIMARY KEY,
                text VARCHAR NOT NULL,
                published VARCHAR,
                published_date DATE,
                source VARCHAR,
                title VARCHAR,
                url VARCHAR,
                content_hash VARCHAR NOT NULL,
                extractor_version VARCHAR NOT NULL,
                ingested_at TIMESTAMP NOT NULL
            )
            """,
            f"""
            CREATE TABLE signals (
                id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                seq INTEGER NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                date DATE,
                {_actor_columns("speaker")},
                speaker_key VARCHAR,
                {_actor_columns("source", required=True)},
                source_key VARCHAR NOT NULL,
                {_actor_columns("target")},
                target_key VARCHAR,
                event_type VARCHAR,
                negated BOOLEAN NOT NULL,
                hypothetical BOOLEAN NOT NULL,
                condition_text VARCHAR,
                {_actor_columns("condition_actor")},
                alternative_text VARCHAR,
                alternative_event_type VARCHAR,
                intensity DOUBLE NOT NULL,
                past BOOLEAN NOT NULL,
                attributed_by VARCHAR,
                confidence DOUBLE NOT NULL,
                extractor_version VARCHAR NOT NULL,
                ingested_at TIMESTAMP NOT NULL
            )
            """,
            """
            CREATE TABLE signal_stances (
                signal_id VARCHAR NOT NULL,
                issue VARCHAR NOT NULL,
                value DOUBLE NOT NULL,
                seq INTEGER NOT NULL,
                PRIMARY KEY (signal_id, issue)
            )
            """,
            "CREATE INDEX signals_doc ON signals (doc_id)",
            "CREATE INDEX signals_source_key ON signals (source_key)",
            "CREATE INDEX signals_date ON signals (date)",
            "CREATE INDEX stances_issue ON signal_stances (issue)",
        ),
    ),
)

#: The schema version this Offramp writes and reads.
SCHEMA_VERSION: int = MIGRATIONS[-1].version

_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""


def applied_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The highest applied migration, 0 for an empty database, None for a database that
    has tables but is not an Offramp store."""
    tables = {
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }
    if "schema_migrations" not in tables:
        return 0 if not tables else None
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, *, where: str) -> list[Migration]:
    """Apply the missing migrations in order, one transaction each; return those applied.

    Raises :class:`StoreError` when the file is not an Offramp store or was written by a
    newer Offramp.
    """
    current = applied_version(con)
    if current is None:
        raise store_error("E404", where=where)
    check_version(current, where=where)
    con.execute(_MIGRATIONS_TABLE)
    done: list[Migration] = []
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [migration.version, migration.name, utc_now()],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        done.append(migration)
    return done


def utc_now() -> _dt.datetime:
    """Now in UTC, without tzinfo (DuckDB TIMESTAMP columns hold naive UTC times)."""
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None)


def check_version(version: int, *, where: str) -> None:
    """Refuse a store written by a newer Offramp (its tables may mean something else)."""
    if version > SCHEMA_VERSION:
        raise store_error("E405", where=where, version=version, supported=SCHEMA_VERSION)
