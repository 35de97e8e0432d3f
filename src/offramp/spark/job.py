"""The Spark job: documents in, a Parquet table of signal records out.

Two ``mapInPandas`` stages run the same code as ``offramp code``:

1. :func:`parse_jsonl` / :func:`parse_rows` check each record with the readers' own
   :func:`~offramp.readers.jsonl.document_from_json` (same skips, same messages);
2. the documents are spread over ``partitions`` by id, each partition sorted by id and
   by where the document was read, and :func:`code_partition` drops later documents
   with an id already seen (``offramp code`` keeps the first too) and codes the rest
   with :func:`~offramp.extract.parallel.iter_code_parallel` on one process.

The model is loaded once per Python worker process (one per executor core): the pipeline
is cached per process (``offramp.nlp.pipeline.get_pipeline``) and Spark reuses its Python
workers between tasks (``spark.python.worker.reuse``, on by default), so later tasks and
batches find it loaded. Each batch of 16 documents is coded in a spaCy memory zone, so a
long-lived worker does not grow with the vocabulary of the corpus.

Example:
    >>> spark = local_session("local[2]")  # doctest: +SKIP
    >>> report = run_job(spark, ["corpus.jsonl"], "signals.parquet", partitions=8)  # doctest: +SKIP
    >>> report.signals  # doctest: +SKIP
    1234
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
from pyspark import SparkFiles
from pyspark.accumulators import Accumulator, AccumulatorParam
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from offramp.errors import usage_error
from offramp.extract.budget import DEFAULT_TIME_BUDGET
from offramp.extract.skips import Skipped
from offramp.readers.jsonl import JSONL_SUFFIXES, document_from_json
from offramp.readers.report import Problem, ReadReport, problem
from offramp.records import Document
from offramp.spark.schema import DOCUMENT_COLUMNS, DOCUMENTS, SIGNAL_COLUMNS, SIGNALS, signal_row

#: Documents coded before their records are handed back to Spark as one Arrow batch.
OUTPUT_BATCH_DOCUMENTS = 256
#: Rows per Arrow batch handed to the Python workers (Spark's default is 10,000: some 50 MB
#: of news text at once, and twice that as Python objects).
INPUT_BATCH_ROWS = 512
#: Problem messages brought back to the driver (all problems are counted).
MAX_MESSAGES = 20
INPUT_FORMATS = ("jsonl", "parquet")
_UTF8_BOM = "\ufeff"


@dataclass
class JobReport:
    """What a run did, counted on the executors (a retried task may count twice)."""

    documents: int = 0
    signals: int = 0
    skipped: int = 0
    warnings: int = 0
    duplicates: int = 0
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"coded {self.documents} documents into {self.signals} signal records"
        if self.skipped or self.duplicates:
            n = self.skipped + self.duplicates
            text += f"; skipped {n} (bad records, repeated ids, documents left out by the coder)"
        if self.warnings:
            text += f"; {self.warnings} warnings"
        return text


@dataclass(frozen=True)
class Coding:
    """How the executors code: actor files (by the name they were shipped under) and the
    Coder's options."""

    actor_names: tuple[str, ...] = ()
    time_budget: float | None = DEFAULT_TIME_BUDGET
    any_language: bool = False


class _FirstMessages(AccumulatorParam[list[str]]):
    """An accumulator that keeps the first :data:`MAX_MESSAGES` messages only."""

    def zero(self, value: list[str]) -> list[str]:
        return []

    def addInPlace(self, value1: list[str], value2: list[str]) -> list[str]:
        return (value1 + value2)[:MAX_MESSAGES]


@dataclass
class _Counters:
    """Spark accumulators behind a :class:`JobReport`; shipped to executors with the tasks."""

    documents: Accumulator[int]
    signals: Accumulator[int]
    skipped: Accumulator[int]
    warnings: Accumulator[int]
    duplicates: Accumulator[int]
    messages: Accumulator[list[str]]

    @classmethod
    def create(cls, spark: SparkSession) -> _Counters:
        sc = spark.sparkContext
        return cls(*(sc.accumulator(0) for _ in range(5)), sc.accumulator([], _FirstMessages()))

    def report(self) -> JobReport:
        return JobReport(
            documents=self.documents.value,
            signals=self.signals.value,
            skipped=self.skipped.value,
            warnings=self.warnings.value,
            duplicates=self.duplicates.value,
            messages=list(self.messages.value),
        )

    def on_problem(self, problem: Problem) -> None:
        (self.skipped if problem.skipped else self.warnings).add(1)
        self.messages.add([str(problem)])

    def on_skip(self, skipped: Skipped) -> None:
        """A document the coder left out (not English, over the time budget)."""
        self.skipped.add(1)
        self.messages.add([str(skipped)])


# ---------------------------------------------------------------------- the driver side


def local_session(master: str = "local[2]", *, app_name: str = "offramp") -> SparkSession:
    """A Spark session for ``master`` whose Python workers run this Python (and Offramp).

    Quiet (errors only) and without the web UI, for a command-line run.
    """
    # Python workers start with PYSPARK_PYTHON, or "python3" from PATH: that may be a
    # Python without Offramp, so point it at this one unless the user chose one.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    log_config = Path(__file__).with_name("log4j2.properties").as_uri()
    spark = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log_config}")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    partitions: int | None = None,
    actor_files: Sequence[str] = (),
    input_format: str | None = None,
    date: str | None = None,
    overwrite: bool = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    any_language: bool = False,
) -> JobReport:
    """Code the documents in ``inputs`` and write their signal records to ``output`` (Parquet).

    Args:
        inputs: JSONL files, Parquet files, or folders of either (read recursively).
        output: the Parquet folder to write (Spark writes one file per partition).
        partitions: how many tasks code in parallel (default: Spark's default parallelism,
            i.e. the cores of the cluster; use a few times that for even load).
        actor_files: extra actor dictionaries; checked here, then shipped to the executors.
        input_format: ``jsonl`` or ``parquet`` (default: from the first input's name).
        date: ``YYYY-MM-DD`` for documents with no date, as ``offramp code --date``.
        overwrite: replace ``output`` if it exists.
        time_budget, any_language: as for :class:`~offramp.extract.coder.Coder` (and
            ``offramp code``); documents left out are counted and reported as skipped.

    Raises:
        UsageError: an input format cannot be told, or ``output`` exists.
        ConfigError: an actor file is invalid.
    """
    if not inputs:
        raise ValueError("run_job needs at least one input")
    fmt = input_format or guess_format(inputs[0])
    names = _ship_actor_files(spark, actor_files)
    if not overwrite and _exists(spark, output):
        raise usage_error("E332", path=output)
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(INPUT_BATCH_ROWS))
    counters = _Counters.create(spark)
    documents = load_documents(spark, inputs, fmt=fmt, date=date, counters=counters)
    n = partitions or spark.sparkContext.defaultParallelism
    coding = Coding(tuple(names), time_budget, any_language)
    signals = code_documents(documents, partitions=n, coding=coding, counters=counters)
    signals.write.mode("overwrite" if overwrite else "errorifexists").parquet(output)
    return counters.report()


def guess_format(path: str) -> str:
    """``jsonl`` or ``parquet`` from a path's name, or from the files of a local folder."""
    name = PurePosixPath(path.rstrip("/")).name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    local = Path(path)
    if local.is_dir():
        suffixes = {p.suffix.lower() for p in local.rglob("*") if p.is_file()}
        if suffixes & set(JSONL_SUFFIXES):
            return "jsonl"
        if ".parquet" in suffixes:
            return "parquet"
    raise usage_error("E331", path=path)


def load_documents(
    spark: SparkSession,
    inputs: Sequence[str],
    *,
    fmt: str,
    date: str | None,
    counters: _Counters,
) -> DataFrame:
    """The checked documents of ``inputs`` (schema :data:`DOCUMENTS`), one row each."""
    where = [F.col("_metadata.file_path").alias("_file"), F.col("_metadata.file_block_start")]
    if fmt == "jsonl":
        raw = (
            spark.read.option("recursiveFileLookup", "true")
            .option("pathGlobFilter", "*.{jsonl,ndjson}")
            .text(list(inputs))
            .select("value", *where)
        )
        return raw.mapInPandas(parse_jsonl(date, counters), DOCUMENTS)
    if fmt == "parquet":
        raw = spark.read.option("recursiveFileLookup", "true").parquet(*inputs)
        present = set(raw.columns)
        columns = [
            (F.col(c).cast("string") if c in present else F.lit(None).cast("string")).alias(c)
            for c in DOCUMENT_COLUMNS
        ]
        return raw.select(*columns, *where).mapInPandas(parse_rows(date, counters), DOCUMENTS)
    raise usage_error("E302", option="--input-format", valid=", ".join(INPUT_FORMATS), value=fmt)


def code_documents(
    documents: DataFrame, *, partitions: int, coding: Coding, counters: _Counters
) -> DataFrame:
    """The signal records of ``documents`` (schema :data:`SIGNALS`), over ``partitions`` tasks.

    Repartitioning by id brings every copy of an id into one partition, and sorting by
    where each was read puts the first copy first, so :func:`code_partition` can keep
    the first and drop the rest, as ``offramp code`` does, with no further shuffle.
    """
    ordered = documents.repartition(partitions, "id").sortWithinPartitions(
        "id", "_file", "_block", "_row"
    )
    return ordered.mapInPandas(code_partition(coding, counters), SIGNALS)


def _ship_actor_files(spark: SparkSession, actor_files: Sequence[str]) -> list[str]:
    """Check the actor files here, where errors are readable, and send them to executors."""
    if not actor_files:
        return []
    from offramp.nlp.actor_table import ActorTable

    ActorTable.load(list(actor_files))  # raises ConfigError naming file:line
    names = [Path(p).name for p in actor_files]
    for name in names:
        if names.count(name) > 1:
            raise usage_error("E333", name=name)
    for path in actor_files:
        spark.sparkContext.addFile(str(Path(path).resolve()))
    return names


def _exists(spark: SparkSession, path: str) -> bool:
    jvm = spark.sparkContext._jvm  # no Python API for this; the Hadoop FS reads any scheme
    assert jvm is not None
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    conf = spark.sparkContext._jsc.hadoopConfiguration()  # type: ignore[union-attr]
    return bool(hadoop_path.getFileSystem(conf).exists(hadoop_path))


# ---------------------------------------------------------------------- the executor side

PandasMap = Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]


def parse_jsonl(date: str | None, counters: _Counters) -> PandasMap:
    """The ``mapInPandas`` function that turns JSONL lines into checked documents."""

    def parse(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        report = ReadReport(on_problem=counters.on_problem)
        row = 0
        for batch in batches:
            out = []
            for line, file, block in zip(
                batch["value"], batch["_file"], batch["file_block_start"], strict=True
            ):
                row += 1
                line = line.removeprefix(_UTF8_BOM)  # as the readers do, at a file's start
                if not line.strip():
                    continue
                where = PurePosixPath(file).name  # Spark does not know line numbers
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as err:
                    report.add(problem("E101", where, detail=f"{err.msg} at column {err.colno}"))
                    continue
                except RecursionError:
                    report.add(problem("E101", where, detail="nested too deeply"))
                    continue
                document = document_from_json(value, where, report, date=date)
                if document is not None:
                    out.append(_document_row(document, file, block, row))
            yield pd.DataFrame(out, columns=DOCUMENTS.fieldNames())

    return parse


def parse_rows(date: str | None, counters: _Counters) -> PandasMap:
    """The ``mapInPandas`` function that turns Parquet rows into checked documents."""

    def parse(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        report = ReadReport(on_problem=counters.on_problem)
        row = 0
        for batch in batches:
            out = []
            for record in batch.to_dict("records"):
                row += 1
                file, block = record.pop("_file"), record.pop("file_block_start")
                value = {k: v for k, v in record.items() if v is not None}
                where = PurePosixPath(file).name
                document = document_from_json(value, where, report, date=date)
                if document is not None:
                    out.append(_document_row(document, file, block, row))
            yield pd.DataFrame(out, columns=DOCUMENTS.fieldNames())

    return parse


def code_partition(coding: Coding, counters: _Counters) -> PandasMap:
    """The ``mapInPandas`` function that codes one partition of documents sorted by id."""

    def code(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from offramp.extract.parallel import iter_code_parallel

        files = [SparkFiles.get(name) for name in coding.actor_names]
        rows: list[dict[str, Any]] = []
        pending = 0
        coded = iter_code_parallel(
            _first_of_each_id(batches, counters),
            workers=1,
            actor_files=files,
            time_budget=coding.time_budget,
            any_language=coding.any_language,
            on_skip=counters.on_skip,
        )
        for _, signals in coded:
            rows.extend(signal_row(s) for s in signals)
            counters.documents.add(1)
            counters.signals.add(len(signals))
            pending += 1
            if pending >= OUTPUT_BATCH_DOCUMENTS:
                yield pd.DataFrame(rows, columns=list(SIGNAL_COLUMNS))
                rows, pending = [], 0
        if rows:
            yield pd.DataFrame(rows, columns=list(SIGNAL_COLUMNS))

    return code


def _first_of_each_id(batches: Iterator[pd.DataFrame], counters: _Counters) -> Iterator[Document]:
    """The documents of a partition sorted by id, each id once (its first reading)."""
    last_id: str | None = None
    for batch in batches:
        for record in batch.to_dict("records"):
            if record["id"] == last_id:
                counters.duplicates.add(1)
                continue
            last_id = record["id"]
            yield Document(
                id=record["id"],
                text=record["text"],
                published=record["published"],
                source=record["source"],
                title=record["title"],
                url=record["url"],
                origin=record["origin"],
            )


def _document_row(document: Document, file: str, block: int, row: int) -> dict[str, Any]:
    row_ = {column: getattr(document, column) for column in DOCUMENT_COLUMNS}
    return {**row_, "origin": document.origin, "_file": file, "_block": block, "_row": row}
