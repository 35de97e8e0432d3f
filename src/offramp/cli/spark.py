"""``offramp spark-code``: code a corpus with Apache Spark into a Parquet table."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from offramp.cli.coding import coding_options
from offramp.cli.options import actors_option, date_option
from offramp.errors import coding_error, input_error, usage_error


@click.command("spark-code")
@click.argument("paths", nargs=-1, required=True, metavar="INPUT... OUTPUT")
@click.option(
    "--master",
    default="local[*]",
    show_default=True,
    help="Where Spark runs: local[N] for N cores of this machine, or a cluster URL "
    "(spark://host:7077). For YARN or Kubernetes use spark-submit (docs/SPARK.md).",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    metavar="N",
    help="Tasks that code at once; default: the cores Spark has. A few times the cores "
    "evens out long and short documents.",
)
@click.option(
    "--input-format",
    type=click.Choice(["jsonl", "parquet"]),
    help="The format of INPUT; default: from the file names (.jsonl, .ndjson, .parquet).",
)
@date_option("Publication date for documents that have none.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@actors_option
@coding_options
def spark_code_command(
    paths: tuple[str, ...],
    master: str,
    partitions: int | None,
    input_format: str | None,
    date: str | None,
    overwrite: bool,
    actor_files: tuple[str, ...],
    time_budget: float,
    any_language: bool,
) -> None:
    """Code documents with Apache Spark into a Parquet table of signal records.

    INPUT is a JSON Lines file (one {"id", "text", "published"?} object per line), a
    Parquet file with those columns, or a folder of either; OUTPUT is the Parquet folder
    to write. Its rows are the records `offramp code` writes for the same input (the
    SIGNALS.md fields, with actors as structs and stances as a list), in no set order.

    Needs PySpark (pip install 'offramp[spark]') and Java 17 or newer. The model is
    loaded once per Spark worker process; see docs/SPARK.md for clusters.

    \b
    Examples:
      offramp spark-code corpus.jsonl signals.parquet
      offramp spark-code news/ signals.parquet --master local[8] --partitions 32
      python -c "import pyarrow.parquet as pq; print(pq.read_table('signals.parquet'))"
    """
    from offramp.spark import require_pyspark

    require_pyspark()
    if len(paths) < 2:
        raise click.UsageError("give at least one INPUT and the OUTPUT folder")
    # Checked here, before Spark takes seconds to start (local paths only).
    for path in paths[:-1]:
        if "://" not in path and not Path(path).exists():
            raise input_error("E109", where=path)
    if not overwrite and "://" not in paths[-1] and Path(paths[-1]).exists():
        raise usage_error("E332", path=paths[-1])
    from pyspark.sql import SparkSession

    from offramp.spark.job import run_job

    # Inside a program that already runs Spark, use its session and leave it running.
    active = SparkSession.getActiveSession()
    spark = active or _start(master)
    try:
        report = run_job(
            spark,
            list(paths[:-1]),
            paths[-1],
            partitions=partitions,
            actor_files=actor_files,
            input_format=input_format,
            date=date,
            overwrite=overwrite,
            time_budget=time_budget or None,
            any_language=any_language,
        )
    except Exception as err:
        _reraise_spark_failure(err)
        raise
    finally:
        if active is None:
            spark.stop()
    for message in report.messages:
        click.echo(f"skipped or warned: {message}", err=True)
    if len(report.messages) < report.skipped + report.warnings:
        click.echo("(only the first messages are shown)", err=True)
    click.echo(f"{report.summary()}; wrote {paths[-1]}", err=True)
    if report.skipped:
        sys.exit(1)


def _start(master: str):  # -> SparkSession, kept untyped so pyspark stays optional
    from offramp.spark.job import local_session

    try:
        return local_session(master)
    except Exception as err:  # Java missing or broken: PySpark says so in its own words
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise usage_error("E334", detail=first) from err


#: An Offramp error raised on an executor, as it appears inside Spark's error text.
_REMOTE_ERROR = re.compile(r"offramp\.errors\.\w+: (.+)")


def _reraise_spark_failure(err: Exception) -> None:
    """Turn a failed Spark job into one readable line (Spark wraps Python errors in Java's)."""
    from offramp.errors import OfframpError

    if isinstance(err, OfframpError):
        return
    text = str(err)
    found = _REMOTE_ERROR.search(text)
    detail = found.group(1) if found else (text.strip().splitlines() or [type(err).__name__])[0]
    raise coding_error("E504", detail=detail[:500]) from err


COMMANDS = [spark_code_command]
