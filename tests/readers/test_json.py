""".json files: an array of documents or one document, bad elements named by line."""

from __future__ import annotations

import json

from offramp.readers import decoding

from .helpers import only_problem, where_codes

A1 = {"id": "a1", "text": "Moscow offered talks."}
A2 = {"id": "a2", "text": "Kyiv refused.", "published": "2025-03-15"}


def test_json_array_of_objects(write, read):
    write("corpus.json", json.dumps([A1, A2], indent=2))
    docs, report = read(["corpus.json"])
    assert [(d.id, d.published) for d in docs] == [("a1", None), ("a2", "2025-03-15")]
    assert [d.origin for d in docs] == ["corpus.json:2", "corpus.json:6"]
    assert report.problems == []


def test_json_single_object(write, read):
    write("one.json", "\n" + json.dumps(A1))
    (doc,), report = read(["one.json"])
    assert (doc.id, doc.origin) == ("a1", "one.json:2")
    assert report.problems == []


def test_json_empty_array_gives_nothing_and_no_problem(write, read):
    write("none.json", " [ ] ")
    docs, report = read(["none.json"])
    assert docs == [] and report.problems == []


def test_json_bad_element_reported_at_its_line(write, read):
    write(
        "corpus.json",
        '[\n  {"id": "a1", "text": "x"},\n  {"id": "a2"},\n  "text",\n'
        '  {"id": "a3", "text": "y"}\n]\n',
    )
    docs, report = read(["corpus.json"])
    assert [d.id for d in docs] == ["a1", "a3"]
    assert where_codes(report) == [("corpus.json:3", "E103"), ("corpus.json:4", "E102")]


def test_json_syntax_error_keeps_documents_before_it(write, read):
    write(
        "corpus.json",
        '[\n  {"id": "a1", "text": "x"},\n  {"id": "a2", "text": "y"}\n'
        '  {"id": "a3", "text": "z"}\n]\n',
    )
    docs, report = read(["corpus.json"])
    assert [d.id for d in docs] == ["a1", "a2"]
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("corpus.json:4", "E115")
    assert "at column 3" in problem.message
    assert "nothing after this point was read" in problem.message


def test_json_lines_content_in_a_json_file_gets_a_hint(write, read):
    write("corpus.json", json.dumps(A1) + "\n" + json.dumps(A2) + "\n")
    docs, report = read(["corpus.json"])
    assert docs == []
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("corpus.json:2", "E115")
    assert "name the file .jsonl" in problem.message


def test_json_top_level_not_an_object(write, read):
    write("corpus.json", '"hello"')
    docs, report = read(["corpus.json"])
    assert docs == []
    assert where_codes(report) == [("corpus.json:1", "E102")]


def test_json_empty_file(write, read):
    write("empty.json", "  \n")
    _, report = read(["empty.json"])
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("empty.json", "E115")
    assert "the file is empty" in problem.message


def test_json_non_utf8_reported_with_line_and_column(write, read):
    write("corpus.json", b'[\n  {"id": "a1", "text": "caf\xe9"}\n]')
    _, report = read(["corpus.json"])
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("corpus.json", "E107")
    assert "byte 0xe9 at line 2, column 28, byte 29 of the file" in problem.message


def test_json_file_over_the_limit_points_to_jsonl(write, read, monkeypatch):
    monkeypatch.setattr(decoding, "MAX_JSON_BYTES", 10)
    write("corpus.json", json.dumps([A1]))
    docs, report = read(["corpus.json"])
    assert docs == []
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("corpus.json", "E114")
    assert "jq -c" in problem.message
