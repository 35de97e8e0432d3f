"""``offramp code`` as a user runs it: real files, real process, real exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

OFFRAMP = [sys.executable, "-m", "offramp"]


def run(*args, input_text=None, cwd=None):
    return subprocess.run(
        [*OFFRAMP, *args], input=input_text, capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    (d / "a.jsonl").write_text(
        json.dumps(
            {
                "id": "a1",
                "text": "Moscow rejected the peace plan put forward by Washington.",
                "published": "2025-05-01",
            }
        )
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2"})
        + "\n"
        + json.dumps({"id": "a3", "text": "   "})
        + "\n"
        + json.dumps({"id": "a1", "text": "A duplicate id."})
        + "\n"
        + json.dumps(
            {
                "id": "a4",
                "text": "Kyiv accused Moscow of shelling Kharkiv.",
                "published": "2025-05-02",
            }
        )
        + "\n"
    )
    (d / "b.txt").write_text("Israel said it was ready to resume talks with Hamas.")
    (d / "bad.txt").write_bytes(b"Caf\xe9 \xff\xfe broken bytes")
    return d


def test_code_jsonl_output_follows_signals_md(corpus):
    r = run("code", str(corpus / "a.jsonl"))
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert {x["doc_id"] for x in records} == {"a1", "a4"}
    assert all({"source", "event_type", "stances", "start", "end"} <= set(x) for x in records)


def test_code_bad_records_are_reported_with_file_and_line_and_skipped(corpus):
    r = run("code", str(corpus / "a.jsonl"))
    assert r.returncode == 1
    err = r.stderr
    assert "a.jsonl:2" in err and "invalid JSON" in err
    assert "a.jsonl:3" in err and "'text'" in err
    assert "a.jsonl:4" in err and "empty" in err
    assert "a.jsonl:5" in err and "duplicate" in err
    assert "Traceback" not in err


def test_code_directory_recursive_and_undecodable_file(corpus):
    r = run("code", str(corpus), "--date", "2025-06-01")
    assert r.returncode == 1
    assert "bad.txt" in r.stderr and "UTF-8" in r.stderr
    ids = {json.loads(line)["doc_id"] for line in r.stdout.splitlines()}
    assert {"a1", "a4", "b"} <= ids


def test_code_table_format_and_output_file(corpus, tmp_path):
    out = tmp_path / "signals.txt"
    r = run(
        "code",
        str(corpus / "b.txt"),
        "--format",
        "table",
        "--output",
        str(out),
        "--date",
        "2025-06-01",
    )
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    assert "ISRGOV" in text and "AGREE" in text


def test_code_reads_standard_input(corpus):
    r = run(
        "code", "-", "--date", "2025-06-01", input_text="Hezbollah denied firing rockets at Israel."
    )
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout.splitlines()[0])
    assert rec["doc_id"] == "stdin" and rec["negated"] is True


def test_code_bad_date_is_a_clear_usage_error(corpus):
    r = run("code", str(corpus / "b.txt"), "--date", "22/11/2025")
    assert r.returncode == 2
    assert "2025-11-22" in r.stderr and "Traceback" not in r.stderr


def test_code_missing_path_is_reported(tmp_path):
    r = run("code", str(tmp_path / "nope.jsonl"))
    assert r.returncode == 1
    assert "nope.jsonl" in r.stderr and "Traceback" not in r.stderr


def test_code_invalid_actor_file_is_a_clear_error(corpus, tmp_path):
    bad = tmp_path / "actors.jsonl"
    bad.write_text('{"name": "X", "code": "ZZZQQQ"}\n')
    r = run("code", str(corpus / "b.txt"), "--actors", str(bad))
    assert r.returncode == 2
    assert "actors.jsonl:1" in r.stderr and "Traceback" not in r.stderr


def test_code_workers_give_the_same_output_as_one_process(voa_slice_path, corpus, tmp_path):
    # a few stories are enough here: tests/extract/test_parallel.py compares all 20
    stories = tmp_path / "voa.jsonl"
    stories.write_text("".join(voa_slice_path.read_text().splitlines(keepends=True)[:6]))
    inputs = [str(stories), str(corpus / "a.jsonl"), str(corpus / "b.txt")]
    one = run("code", *inputs, "--date", "2025-06-01")
    two = run("code", *inputs, "--date", "2025-06-01", "--workers", "2", "-o", str(tmp_path / "o"))
    assert one.returncode == two.returncode == 1  # a.jsonl has bad records: same report
    assert (tmp_path / "o").read_text() == one.stdout
    assert len(one.stdout.splitlines()) > 20
    assert one.stderr == two.stderr


def test_code_workers_must_be_a_positive_number(corpus):
    r = run("code", str(corpus / "b.txt"), "--workers", "0")
    assert r.returncode == 2 and "--workers" in r.stderr and "Traceback" not in r.stderr
