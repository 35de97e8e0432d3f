"""The Spark path: the same records as ``offramp code`` on the same input, in a real local[2]
session (one per test session), on real VOA stories."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from offramp.cli import main
from offramp.records import Signal

BAD_AND_REPEATED = [
    {
        "id": "d1",
        "text": "Moscow rejected the peace plan put forward by Washington.",
        "published": "2025-05-01",
    },
    {"id": "d2"},
    {"id": "d1", "text": "Kyiv accused Moscow of shelling Kharkiv."},
    {
        "id": "d3",
        "text": "Israel said it was ready to resume talks with Hamas.",
        "published": "not a date",
    },
    {
        "id": "d4",
        "text": "Die Regierung in Berlin hat am Montag erklärt, dass sie die Gespräche mit "
        "Moskau fortsetzen wolle, sobald die Kämpfe aufhören. Der Kanzler sagte, es gebe "
        "keine Alternative zu Verhandlungen.",
    },
]
TRUMP_IN_OPPOSITION = (
    '{"type": "person", "name": "Donald Trump", "aliases": ["Trump"], "code": "USAOPP"}\n'
)


def canonical(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def offramp_code(*args: str) -> list[str]:
    """The records ``offramp code`` writes (run in this process: the model is already loaded)."""
    result = CliRunner().invoke(main, ["code", *args])
    assert result.exit_code in (0, 1), result.output
    return sorted(canonical(json.loads(line)) for line in result.stdout.splitlines())


def spark_records(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    return sorted(canonical(row) for row in pq.read_table(path).to_pylist())


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "bad.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in BAD_AND_REPEATED) + "{broken\n")
    return path


def test_spark_code_writes_the_records_of_offramp_code(spark, voa_slice_path, bad_corpus, tmp_path):
    # The command runs in this process and uses the session the tests share (a new one would
    # take seconds to start); the job, the checks and the report are the same.
    out = tmp_path / "signals.parquet"
    inputs = [str(voa_slice_path), str(bad_corpus)]
    result = CliRunner().invoke(main, ["spark-code", *inputs, str(out), "--partitions", "3"])
    expected = offramp_code(*inputs)
    assert len(expected) > 50
    assert spark_records(out) == expected
    # d1 twice (the first kept, as offramp code does), d2 without text, one broken line,
    # d4 not in English (left out by the coder, as offramp code does)
    assert result.exit_code == 1, result.output
    assert "coded 22 documents" in result.stderr and "skipped 4 (" in result.stderr
    assert "not a date" in result.stderr and "1 warnings" in result.stderr
    assert "[E130]" in result.stderr  # the coder's own skip message


def test_spark_reads_parquet_and_ships_actor_files(spark, voa_slice, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from offramp.spark.job import run_job

    docs = voa_slice[:8]
    pq.write_table(pa.Table.from_pylist([d.to_dict() for d in docs]), tmp_path / "docs.parquet")
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in docs))
    actors = tmp_path / "actors.jsonl"
    actors.write_text(TRUMP_IN_OPPOSITION)
    out = tmp_path / "signals.parquet"
    run_job(spark, [str(tmp_path / "docs.parquet")], str(out), actor_files=[str(actors)])
    got = spark_records(out)
    assert got == offramp_code(str(jsonl), "--actors", str(actors))
    assert any('"USAOPP"' in r for r in got)  # the shipped file was used


def test_spark_schema_is_the_signals_md_record():
    from offramp.spark.schema import SIGNAL_COLUMNS

    record = Signal.from_dict({"doc_id": "x", "start": 0, "end": 1, "source": {"code": "RUSGOV"}})
    assert list(SIGNAL_COLUMNS) == list(record.to_dict())


def test_spark_code_checks_its_paths_before_starting_spark(bad_corpus, tmp_path):
    (tmp_path / "out").mkdir()
    exists = CliRunner().invoke(main, ["spark-code", str(bad_corpus), str(tmp_path / "out")])
    assert exists.exit_code == 2 and "--overwrite" in exists.stderr
    missing = CliRunner().invoke(main, ["spark-code", "nope.jsonl", str(tmp_path / "new")])
    assert missing.exit_code == 2 and "nope.jsonl: no such file" in missing.stderr


def test_spark_code_without_pyspark_says_how_to_install_it(tmp_path):
    # A Python in which importing pyspark fails, as it does when the extra is not installed.
    code = "import sys; sys.modules['pyspark'] = None; from offramp.cli import main; main()"
    r = subprocess.run(
        [sys.executable, "-c", code, "spark-code", "in.jsonl", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert "pip install 'offramp[spark]'" in r.stderr and "Traceback" not in r.stderr
