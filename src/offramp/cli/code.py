"""``offramp code``: documents in, signal records out."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from offramp.cli.coding import SkipReporter, coding_options
from offramp.cli.options import (
    actors_option,
    check_output_path,
    date_option,
    stderr_is_terminal,
    stderr_report,
    workers_option,
)
from offramp.cli.output import print_table, write_jsonl


@click.command("code")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@date_option("Publication date for documents that have none (.txt, .html, standard input).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one SIGNALS.md record per line; table: a readable table.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    callback=check_output_path,
    metavar="FILE",
    help="Write to FILE instead of standard output.",
)
@actors_option
@coding_options
@workers_option
def code_command(
    paths: tuple[str, ...],
    date: str | None,
    fmt: str,
    output: str | None,
    actor_files: tuple[str, ...],
    time_budget: float,
    any_language: bool,
    workers: int,
) -> None:
    """Code documents into signal records.

    PATH is a .jsonl file (one {"id", "text", "published"?} object per line), a .txt, .md
    or .html file, a folder (read recursively), or - for standard input. Bad records are
    reported on standard error with file and line, skipped, and counted; the exit status
    is 1 if any were skipped. Documents not in English, and documents that take longer
    than --time-budget, are skipped and counted the same way.

    Records are written as each document is coded, in input order, so memory stays the
    same however large the input (--format table is the exception: it collects all
    records to lay out one table; use it for small inputs). The output is the same for
    any --workers.

    \b
    Examples:
      offramp code statements.jsonl > signals.jsonl
      offramp code corpus.jsonl --workers 4 -o signals.jsonl
      offramp code article.txt --date 2025-11-22 --format table
      cat story.txt | offramp code - --date 2025-11-22
    """
    from offramp.extract.parallel import iter_code_parallel
    from offramp.readers import iter_documents

    report = stderr_report()
    skips = SkipReporter()
    documents = iter_documents(list(paths), date=date, report=report)
    # One code path for any --workers (1: in this process), so the output is the same.
    coded = iter_code_parallel(
        documents,
        workers=workers,
        actor_files=actor_files,
        time_budget=time_budget or None,
        any_language=any_language,
        on_skip=skips,
    )
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    collected = []
    total = _estimate_documents(paths) if stderr_is_terminal() else None
    try:
        progress = None
        if total is not None and total > 1:
            progress = Progress(
                TextColumn("coding"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                transient=True,
                console=None,
            )
            progress.start()
            task = progress.add_task("coding", total=total, rate="")
        import time

        t0 = time.perf_counter()
        for done, (_, signals) in enumerate(coded, start=1):
            if fmt == "jsonl":
                write_jsonl(signals, out)
            else:
                collected.extend(signals)
            if progress is not None:
                rate = done / max(1e-9, time.perf_counter() - t0)
                progress.update(task, advance=1, rate=f"{rate:.1f} docs/s")
        if progress is not None:
            progress.stop()
        if fmt == "table":
            print_table(collected, out)
    finally:
        if output:
            out.close()
    if report.problems or report.skipped:
        click.echo(report.summary(), err=True)
    skipped = skips.finish()
    if report.documents == 0 and not report.failed:
        click.echo("No documents found in the given paths.", err=True)
    if report.failed or skipped:
        sys.exit(1)


def _estimate_documents(paths: tuple[str, ...]) -> int | None:
    """A quick count of the documents to code, for the progress bar (None if unknown)."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = (
            [path]
            if path.is_file()
            else sorted(x for x in path.rglob("*") if x.is_file())
            if path.is_dir()
            else []
        )
        for f in files:
            suffix = f.suffix.lower()
            if suffix in (".jsonl", ".ndjson"):
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    continue
            elif suffix in (".txt", ".md", ".html", ".htm"):
                total += 1
    return total


COMMANDS = [code_command]
