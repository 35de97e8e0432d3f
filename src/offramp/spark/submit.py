"""The ``spark-submit`` entry point: code a corpus on a Spark cluster.

Run it with the cluster's own ``spark-submit``, which chooses the master and resources::

    spark-submit --master yarn --num-executors 20 \\
        --archives offramp-env.tar.gz#env --conf spark.pyspark.python=./env/bin/python \\
        "$(python -c 'import offramp.spark.submit as m; print(m.__file__)')" \\
        s3a://bucket/news/2025-11-22/ s3a://bucket/signals/2025-11-22/ --partitions 400

or, without a cluster, as ``python -m offramp.spark.submit INPUT... OUTPUT`` (a local
session on every core). docs/SPARK.md has the whole recipe. The options are those of
``offramp spark-code``, less ``--master``, which belongs to ``spark-submit`` here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from offramp.errors import OfframpError
from offramp.extract.budget import DEFAULT_TIME_BUDGET
from offramp.spark.job import INPUT_FORMATS, run_job


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="offramp.spark.submit",
        description="Code JSONL or Parquet documents into a Parquet table of signal records.",
    )
    parser.add_argument("paths", nargs="+", metavar="INPUT... OUTPUT")
    parser.add_argument("--partitions", type=int, metavar="N", help="tasks that code at once")
    parser.add_argument("--actors", action="append", default=[], metavar="FILE")
    parser.add_argument("--input-format", choices=INPUT_FORMATS)
    parser.add_argument("--date", metavar="YYYY-MM-DD")
    parser.add_argument("--overwrite", action="store_true")
    parser.add_argument("--time-budget", type=float, default=DEFAULT_TIME_BUDGET, metavar="S")
    parser.add_argument("--any-language", action="store_true")
    args = parser.parse_args(argv)
    if len(args.paths) < 2:
        parser.error("give at least one INPUT and the OUTPUT folder")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the job in the session ``spark-submit`` set up; 0 ok, 1 records skipped, 2 error."""
    from pyspark.sql import SparkSession

    args = parse_args(argv)
    # UTC: Parquet timestamps in 'published' are read as UTC dates, as offramp spark-code does
    builder = SparkSession.builder.appName("offramp")
    spark = builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()
    try:
        report = run_job(
            spark,
            args.paths[:-1],
            args.paths[-1],
            partitions=args.partitions,
            actor_files=args.actors,
            input_format=args.input_format,
            date=args.date,
            overwrite=args.overwrite,
            time_budget=args.time_budget or None,
            any_language=args.any_language,
        )
    except OfframpError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    for message in report.messages:
        print(message, file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 1 if report.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
