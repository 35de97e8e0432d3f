"""JSON Lines: good records, every kind of bad record, streaming and bounded memory."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from offramp.readers import ReadReport, decoding, iter_documents

from .helpers import jsonl, only_problem, where_codes

GOOD_1 = {"id": "a1", "text": "Russia is willing to discuss the mediation proposal."}
GOOD_3 = {"id": "a3", "text": "Kyiv rejected the demand."}


def test_jsonl_reads_all_fields_and_ignores_extras(write, read):
    record = {
        "id": "tass-2025-03-14",
        "text": "The Kremlin said it was ready for talks.",
        "published": "2025-03-14",
        "source": "TASS",
        "title": "Kremlin ready for talks",
        "url": "https://example.com/a",
        "lang": "en",
        "tags": ["x"],
    }
    write("corpus.jsonl", jsonl(record))
    (doc,), report = read(["corpus.jsonl"])
    assert doc.id == "tass-2025-03-14"
    assert doc.text == "The Kremlin said it was ready for talks."
    assert (doc.published, doc.source, doc.title, doc.url) == (
        "2025-03-14",
        "TASS",
        "Kremlin ready for talks",
        "https://example.com/a",
    )
    assert doc.origin == "corpus.jsonl:1"
    assert report.problems == [] and report.documents == 1


def test_jsonl_ndjson_suffix_read_as_jsonl(write, read):
    write("feed.ndjson", jsonl(GOOD_1, GOOD_3))
    docs, _ = read(["feed.ndjson"])
    assert [d.id for d in docs] == ["a1", "a3"]


def test_jsonl_integer_id_becomes_string(write, read):
    write("corpus.jsonl", jsonl({"id": 42, "text": "Talks resumed."}))
    (doc,), report = read(["corpus.jsonl"])
    assert doc.id == "42"
    assert report.problems == []


def test_jsonl_blank_lines_ignored_and_line_numbers_kept(write, read):
    write("corpus.jsonl", "\n   \n" + jsonl(GOOD_1) + "\n\t\n" + jsonl("{not json}"))
    docs, report = read(["corpus.jsonl"])
    assert [d.origin for d in docs] == ["corpus.jsonl:3"]
    assert where_codes(report) == [("corpus.jsonl:6", "E101")]


def test_jsonl_utf8_bom_and_crlf_are_fine(write, read):
    data = b"\xef\xbb\xbf" + jsonl(GOOD_1, GOOD_3).replace("\n", "\r\n").encode()
    write("corpus.jsonl", data)
    docs, report = read(["corpus.jsonl"])
    assert [d.id for d in docs] == ["a1", "a3"]
    assert report.problems == []


def test_jsonl_lone_carriage_return_does_not_split_a_line(write, read):
    # A bare \r between JSON tokens is valid whitespace; text-mode reading would split on it
    # and shift every line number after it.
    write("corpus.jsonl", '{"id": "a1",\r"text": "x"}\n' + jsonl("oops"))
    docs, report = read(["corpus.jsonl"])
    assert [d.id for d in docs] == ["a1"]
    assert where_codes(report) == [("corpus.jsonl:2", "E101")]


BAD_RECORDS = [
    pytest.param(
        '{"id": "a2" "text": "x"}', "E101", "Expecting ',' delimiter at column 13", id="json"
    ),
    pytest.param('{"id": "a2", "text": "x"', "E101", "at column 25", id="truncated"),
    pytest.param("[1, 2]", "E102", "got an array", id="array"),
    pytest.param('"just a string"', "E102", "got a string", id="string"),
    pytest.param("null", "E102", "got null", id="null"),
    pytest.param('{"text": "x"}', "E103", "missing 'id'", id="no-id"),
    pytest.param('{"id": "", "text": "x"}', "E103", "missing 'id'", id="empty-id"),
    pytest.param('{"id": "  ", "text": "x"}', "E103", "missing 'id'", id="blank-id"),
    pytest.param(
        '{"id": 1.5, "text": "x"}', "E104", "'id' must be a string, got a number", id="float-id"
    ),
    pytest.param('{"id": true, "text": "x"}', "E104", "got true/false", id="bool-id"),
    pytest.param('{"id": "a2"}', "E103", "missing 'text'", id="no-text"),
    pytest.param('{"id": "a2", "text": null}', "E103", "missing 'text'", id="null-text"),
    pytest.param(
        '{"id": "a2", "text": 7}', "E104", "'text' must be a string, got a number", id="int-text"
    ),
    pytest.param('{"id": "a2", "text": ["x"]}', "E104", "got an array", id="list-text"),
    pytest.param('{"id": "a2", "text": ""}', "E105", "empty text", id="empty-text"),
    pytest.param('{"id": "a2", "text": " \\n\\t "}', "E105", "empty text", id="blank-text"),
]


@pytest.mark.parametrize(("line", "code", "fragment"), BAD_RECORDS)
def test_jsonl_bad_record_reported_at_its_line_and_reading_continues(
    write, read, line, code, fragment
):
    write("corpus.jsonl", jsonl(GOOD_1, line, GOOD_3))
    docs, report = read(["corpus.jsonl"])
    assert [d.id for d in docs] == ["a1", "a3"]
    problem = only_problem(report)
    assert (problem.where, problem.code, problem.skipped) == ("corpus.jsonl:2", code, True)
    assert fragment in problem.message
    assert str(problem).startswith("corpus.jsonl:2: ")
    assert str(problem).endswith(f" [{code}]")
    assert report.skipped == 1 and report.documents == 2 and report.failed


def test_jsonl_missing_text_message_says_how_to_fix(write, read):
    write("corpus.jsonl", jsonl(GOOD_1, {"id": "a2", "body": "x"}))
    _, report = read(["corpus.jsonl"])
    assert str(only_problem(report)) == (
        "corpus.jsonl:2: missing 'text' (each document needs a non-empty string 'id' and "
        "'text') [E103]"
    )


def test_jsonl_pretty_printed_file_gets_a_hint(write, read):
    write("corpus.jsonl", json.dumps(GOOD_1, indent=2) + "\n")
    _, report = read(["corpus.jsonl"])
    first = report.problems[0]
    assert (first.where, first.code) == ("corpus.jsonl:1", "E101")
    assert "name it .json" in first.message


@pytest.mark.parametrize(
    "published",
    ["2025-03-14", "2025-03-14 20:30:26Z", "2025-03-14T20:30:26+00:00", "2025-03-14T20:30:26.5"],
)
def test_jsonl_published_date_or_timestamp_accepted(write, read, published):
    write("corpus.jsonl", jsonl({**GOOD_1, "published": published}))
    (doc,), report = read(["corpus.jsonl"])
    assert doc.published == published
    assert report.problems == []


@pytest.mark.parametrize(
    ("published", "shown"),
    [
        ("2025-13-01", "'2025-13-01'"),
        ("14/03/2025", "'14/03/2025'"),
        ("2025-03-14garbage", "'2025-03-14garbage'"),
        (20250314, "20250314"),
        (["2025-03-14"], '["2025-03-14"]'),
    ],
)
def test_jsonl_invalid_published_keeps_document_with_warning(write, read, published, shown):
    write("corpus.jsonl", jsonl(GOOD_1, {**GOOD_3, "published": published}))
    docs, report = read(["corpus.jsonl"], date="2025-01-01")
    assert [d.id for d in docs] == ["a1", "a3"]
    assert docs[1].published is None
    problem = only_problem(report)
    assert (problem.where, problem.code, problem.skipped) == ("corpus.jsonl:2", "E112", False)
    assert f"got {shown};" in problem.message
    assert report.skipped == 0 and report.warnings == 1 and not report.failed


def test_jsonl_null_or_empty_published_counts_as_absent(write, read):
    write("corpus.jsonl", jsonl({**GOOD_1, "published": None}, {**GOOD_3, "published": ""}))
    docs, report = read(["corpus.jsonl"], date="2025-02-01")
    assert [d.published for d in docs] == ["2025-02-01", "2025-02-01"]
    assert report.problems == []


def test_jsonl_date_argument_only_fills_records_without_published(write, read):
    write("corpus.jsonl", jsonl({**GOOD_1, "published": "2025-03-14"}, GOOD_3))
    docs, _ = read(["corpus.jsonl"], date="2025-11-22")
    assert [d.published for d in docs] == ["2025-03-14", "2025-11-22"]


def test_jsonl_optional_field_not_a_string_is_a_warning(write, read):
    write("corpus.jsonl", jsonl({**GOOD_1, "title": 12, "source": None}))
    (doc,), report = read(["corpus.jsonl"])
    assert doc.title is None and doc.source is None
    problem = only_problem(report)
    assert (problem.code, problem.skipped) == ("E116", False)
    assert "'title' should be a string, got a number" in problem.message


def test_jsonl_non_utf8_byte_reported_with_column_and_file_offset(write, read):
    line1 = jsonl(GOOD_1).encode()
    line2 = b'{"id": "a2", "text": "caf\xe9"}\n'
    write("corpus.jsonl", line1 + line2 + jsonl(GOOD_3).encode())
    docs, report = read(["corpus.jsonl"])
    assert [d.id for d in docs] == ["a1", "a3"]
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("corpus.jsonl:2", "E107")
    offset = len(line1) + line2.index(b"\xe9")
    assert f"byte 0xe9 at column 26, byte {offset} of the file" in problem.message
    assert "iconv" in problem.message


def test_jsonl_binary_file_is_one_problem(write, read):
    write("corpus.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\n" * 500)
    docs, report = read(["corpus.jsonl"])
    assert docs == []
    assert where_codes(report) == [("corpus.jsonl", "E113")]


def test_jsonl_utf16_file_is_one_problem_naming_the_encoding(write, read):
    write("corpus.jsonl", jsonl(GOOD_1).encode("utf-16"))
    docs, report = read(["corpus.jsonl"])
    assert docs == []
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("corpus.jsonl", "E118")
    assert "iconv -f UTF-16 -t UTF-8" in problem.message


def test_jsonl_over_long_line_skipped_without_losing_the_next(write, read, monkeypatch):
    monkeypatch.setattr(decoding, "MAX_RECORD_BYTES", 200)
    long_record = {"id": "long", "text": "word " * 500}
    write("corpus.jsonl", jsonl(GOOD_1, long_record, GOOD_3))
    docs, report = read(["corpus.jsonl"])
    assert [d.origin for d in docs] == ["corpus.jsonl:1", "corpus.jsonl:3"]
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("corpus.jsonl:2", "E114")
    assert "over the 200 bytes limit" in problem.message


def test_jsonl_line_exactly_at_the_limit_is_read(write, read, monkeypatch):
    line = json.dumps(GOOD_1).encode()
    monkeypatch.setattr(decoding, "MAX_RECORD_BYTES", len(line))
    write("corpus.jsonl", line + b"\n" + jsonl(GOOD_3).encode())
    docs, report = read(["corpus.jsonl"])
    assert [d.id for d in docs] == ["a1", "a3"]
    assert report.problems == []


def test_jsonl_first_document_yielded_before_the_rest_is_written(write):
    # The iterator must hand out a document as soon as its line is read: lines appended
    # after the first document was yielded are still read by the same iterator.
    path = write("growing.jsonl", jsonl(GOOD_1))
    documents = iter_documents([path])
    assert next(documents).id == "a1"
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(jsonl(GOOD_3))
    assert next(documents).id == "a3"
    assert next(documents, None) is None


def test_jsonl_memory_stays_bounded_on_a_large_file(write):
    text = "The ministry said talks would continue next week. " * 200  # about 10 KB
    with open(write("big.jsonl", ""), "w", encoding="utf-8") as stream:
        for i in range(2000):  # about 20 MB in all
            stream.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    report = ReadReport()
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_documents(["big.jsonl"], report=report))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000 and report.problems == []
    assert peak < 2 * 1024 * 1024, f"peak {peak} bytes while streaming a 20 MB file"
