"""``offramp ingest``, ``recode``, ``signals`` and ``export``: filling and reading the store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from offramp.cli.code import _estimate_documents
from offramp.cli.coding import SkipReporter, coding_options, make_coder
from offramp.cli.context import actor_argument, check_range, note, open_store
from offramp.cli.options import (
    actors_option,
    check_output_path,
    date_option,
    db_option,
    since_until_options,
    stderr_report,
)
from offramp.cli.output import print_table, write_jsonl
from offramp.cli.progress import document_progress
from offramp.readers import ReadReport
from offramp.records import EVENT_TYPES
from offramp.store import DEFAULT_BATCH_SIZE, SignalFilter, Store
from offramp.store.lock import IngestLock

F = TypeVar("F", bound=Callable[..., object])

#: Signals ``offramp signals`` shows unless told otherwise.
DEFAULT_LIMIT = 1000


def _wait_option(f: F) -> F:
    return click.option(
        "--wait",
        is_flag=True,
        help="If another ingest is writing to the store, wait for it instead of stopping.",
    )(f)


def _batch_option(f: F) -> F:
    return click.option(
        "--batch-size",
        type=click.IntRange(min=1),
        default=DEFAULT_BATCH_SIZE,
        show_default=True,
        help="Documents stored per transaction; readers get in between batches.",
    )(f)


def _lock(db: str, wait: bool) -> IngestLock:
    return IngestLock(
        Path(db),
        wait=wait,
        on_wait=lambda holder: note(f"Another ingest is writing to {db} ({holder}); waiting ..."),
        on_stale=lambda holder: note(
            f"The previous ingest of {db} ({holder}) ended without finishing (killed or "
            "crashed). Its unfinished batch was never committed; taking over, and documents "
            "already stored are not coded again."
        ),
    )


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@date_option("Publication date for documents that have none (.txt, .html, standard input).")
@actors_option
@_wait_option
@_batch_option
@coding_options
def ingest_command(
    paths: tuple[str, ...],
    db: str,
    date: str | None,
    actor_files: tuple[str, ...],
    wait: bool,
    batch_size: int,
    time_budget: float,
    any_language: bool,
) -> None:
    """Code documents and keep them, their signals and provenance in the store.

    PATH is what `offramp code` reads: .jsonl, .json, .txt, .md, .html files, folders, or -
    for standard input. Ingesting is idempotent: a document already stored with the same
    id and content is not coded again; one whose content changed has all its signals
    replaced in one transaction. Bad input records are reported, skipped and counted; the
    rest is stored, and the exit status is 1 if anything was skipped. Documents not in
    English (unless --any-language) and documents over --time-budget are skipped, counted
    and not stored, so a later run codes them.

    \b
    Examples:
      offramp ingest statements.jsonl
      offramp ingest article.txt --date 2025-11-22 --db conflict.duckdb
    """
    from offramp.readers import iter_documents

    report = stderr_report()
    skips = SkipReporter()
    with _lock(db, wait):
        # Loading the language pipeline takes seconds: only once the store is ours.
        from offramp.store.ingest import ingest_documents

        store = Store.open(db, read_only=False)
        coder = make_coder(actor_files, time_budget, any_language, skips)
        documents = iter_documents(list(paths), date=date, report=report)
        with document_progress("ingesting", _estimate_documents(paths)) as advance:
            skips.on_document = advance
            result = ingest_documents(
                store, documents, coder, batch_size=batch_size, on_document=advance
            )
    click.echo(f"{db}: {result.summary()}.")
    _finish(report, skips)


@click.command("recode")
@db_option
@actors_option
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Re-code every document, not only those coded by another extractor version.",
)
@_wait_option
@_batch_option
@coding_options
def recode_command(
    db: str,
    actor_files: tuple[str, ...],
    everything: bool,
    wait: bool,
    batch_size: int,
    time_budget: float,
    any_language: bool,
) -> None:
    """Re-code stored documents after an Offramp upgrade.

    Documents whose signals came from another extractor version than this Offramp's are
    coded again from their stored text and their signals replaced, a batch per
    transaction. Give the same --actors files the store was ingested with. A document
    skipped (not in English, or over --time-budget) keeps its earlier signals.
    """
    from offramp.__about__ import EXTRACTOR_VERSION

    if not Path(db).exists():
        Store.open(db)  # raises the "no store here" error
    with _lock(db, wait):
        store = Store.open(db, read_only=False)
        versions = store.stats().extractor_versions
        stale = sum(n for v, n in versions.items() if everything or v != EXTRACTOR_VERSION)
        if not stale:
            click.echo(f"{db}: every document is already coded by {EXTRACTOR_VERSION}.")
            return
        from offramp.store.ingest import recode_documents

        skips = SkipReporter()
        coder = make_coder(actor_files, time_budget, any_language, skips)
        with document_progress("recoding", stale) as advance:
            skips.on_document = advance
            result = recode_documents(
                store, coder, everything=everything, batch_size=batch_size, on_document=advance
            )
    click.echo(
        f"{db}: re-coded {result.replaced} document{'s' if result.replaced != 1 else ''} "
        f"with {EXTRACTOR_VERSION}; {result.signals} signals written."
    )
    if skips.finish():
        sys.exit(1)


def signal_filter_options(f: F) -> F:
    """The filters ``signals`` and ``export`` share."""
    for decorator in reversed(
        [
            click.option("--actor", metavar="ACTOR", help="Who acts: RUS, RUSGOV, Russia, Hamas."),
            click.option("--target", metavar="ACTOR", help="At whom the signal is directed."),
            click.option(
                "--type",
                "event_type",
                type=click.Choice([*EVENT_TYPES, "NONE"], case_sensitive=False),
                help="PLOVER event type; NONE for stances and commentary without an event.",
            ),
            click.option("--issue", metavar="ISSUE", help="Only signals with a stance on it."),
            since_until_options,
            click.option("--text", metavar="WORDS", help="Evidence contains these words."),
            click.option("--doc", "doc_id", metavar="ID", help="Only this document's signals."),
        ]
    ):
        f = decorator(f)
    return f


def build_filter(
    store: Store,
    *,
    actor: str | None,
    target: str | None,
    event_type: str | None,
    issue: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
    doc_id: str | None,
    limit: int | None = None,
) -> SignalFilter:
    """A :class:`SignalFilter` from command-line values, resolving actors and issues."""
    from offramp.cli.context import issue_argument

    check_range(since, until)
    return SignalFilter(
        actor=actor_argument(store, actor).key if actor is not None else None,
        target=actor_argument(store, target, what="target").key if target is not None else None,
        event_type=event_type.upper() if event_type else None,
        issue=issue_argument(store, issue) if issue is not None else None,
        since=since,
        until=until,
        text=text,
        doc_id=doc_id,
        limit=limit,
    )


@click.command("signals")
@signal_filter_options
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many signals (0: all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="table for people; jsonl: SIGNALS.md records; csv: the export columns.",
)
@db_option
def signals_command(
    actor: str | None,
    target: str | None,
    event_type: str | None,
    issue: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
    doc_id: str | None,
    limit: int,
    fmt: str,
    db: str,
) -> None:
    """Show stored signals, filtered, in date order.

    ACTOR can be a country code (RUS: its government, military and state media), an actor
    code (RUSGOV, PSEREB) or a name (Russia, the Kremlin, Hamas).

    \b
    Examples:
      offramp signals --actor Russia --issue war_aims
      offramp signals --type THREATEN --since 2025-11-01 --format jsonl
      offramp signals --text "ceasefire" --format csv > ceasefire.csv
    """
    store = open_store(db)
    filters = build_filter(
        store,
        actor=actor,
        target=target,
        event_type=event_type,
        issue=issue,
        since=since,
        until=until,
        text=text,
        doc_id=doc_id,
        limit=limit or None,
    )
    if fmt == "csv":
        from offramp.report.export import export_signals

        n = export_signals(store, sys.stdout, fmt="csv", filters=filters)
        truncated = bool(limit) and n == limit and store.count_signals(filters) > limit
    else:
        found = store.signals(filters)
        truncated = found.truncated
        n = len(found)
        if fmt == "jsonl":
            write_jsonl(found, sys.stdout)
        else:
            print_table(found, sys.stdout, title=f"{n} signal{'s' if n != 1 else ''}")
    if truncated:
        total = store.count_signals(filters)
        note(
            f"Showing the first {n} of {total} matching signals; "
            "use --limit 0 for all of them, or narrow the filters."
        )
    elif n == 0:
        stats = store.stats()
        note(f"No signals match (the store holds {stats.signals} signals).")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "jsonl"]),
    required=True,
    help="File format; columns are named as in PLOVER/POLECAT (docs/EXPORT.md).",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    callback=check_output_path,
    metavar="FILE",
    help="Write to FILE (required for parquet; csv and jsonl go to standard output without).",
)
@signal_filter_options
@db_option
def export_command(
    fmt: str,
    out: str | None,
    actor: str | None,
    target: str | None,
    event_type: str | None,
    issue: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
    doc_id: str | None,
    db: str,
) -> None:
    """Export stored signals as Parquet, CSV or JSON Lines for other tools.

    Columns follow POLECAT and PLOVER names where they exist (event_id, event_date,
    event_type, actor_*, recipient_*, story_id, ...); see docs/EXPORT.md.

    \b
    Examples:
      offramp export --format parquet --out signals.parquet
      offramp export --format csv --actor RUS --since 2025-11-01 > rus.csv
    """
    from offramp.report.export import export_signals

    if fmt == "parquet" and not out:
        raise click.UsageError("Parquet is a binary format: give a file with --out FILE.")
    store = open_store(db)
    filters = build_filter(
        store,
        actor=actor,
        target=target,
        event_type=event_type,
        issue=issue,
        since=since,
        until=until,
        text=text,
        doc_id=doc_id,
    )
    n = export_signals(store, out, fmt=fmt, filters=filters)
    note(f"Exported {n} signal{'s' if n != 1 else ''}" + (f" to {out}." if out else "."))


def _finish(report: ReadReport, skips: SkipReporter) -> None:
    if report.problems or report.skipped:
        note(report.summary())
    skipped = skips.finish()
    if report.documents == 0 and not report.failed:
        note("No documents found in the given paths.")
    if report.failed or skipped:
        note(
            "Everything else was stored. The exit status is 1 because some input was "
            "skipped (see the messages above)."
        )
        sys.exit(1)


COMMANDS = [ingest_command, recode_command, signals_command, export_command]
