"""iter_documents / read_documents: the public entry points, across all inputs of a run."""

from __future__ import annotations

import io
import logging

import pytest

import offramp.readers
from offramp.errors import UsageError
from offramp.readers import Problem, ReadReport, iter_documents, read_documents

from .helpers import jsonl, where_codes


def test_readers_exported_members():
    assert sorted(offramp.readers.__all__) == sorted(
        ["Problem", "ReadReport", "iter_documents", "read_documents"]
    )
    for name in offramp.readers.__all__:
        assert getattr(offramp.readers, name) is not None


def test_readers_duplicate_ids_across_inputs_keep_the_first(write, read):
    write("a.jsonl", jsonl({"id": "x", "text": "first"}, {"id": "y", "text": "other"}))
    write("b.jsonl", jsonl({"id": "y", "text": "again"}, {"id": "x", "text": "second"}))
    write("x.txt", "third")
    docs, report = read(["a.jsonl", "b.jsonl", "x.txt"])
    assert [(d.id, d.text) for d in docs] == [("x", "first"), ("y", "other")]
    assert where_codes(report) == [("b.jsonl:1", "E106"), ("b.jsonl:2", "E106"), ("x.txt", "E106")]
    assert str(report.problems[2]) == (
        "x.txt: duplicate document id 'x' (first seen at a.jsonl:1); keeping the first [E106]"
    )
    assert report.skipped == 3 and report.documents == 2


def test_readers_skipped_record_does_not_claim_its_id(write, read):
    write("a.jsonl", jsonl({"id": "x", "text": ""}, {"id": "x", "text": "kept"}))
    docs, report = read(["a.jsonl"])
    assert [(d.id, d.origin) for d in docs] == [("x", "a.jsonl:2")]
    assert where_codes(report) == [("a.jsonl:1", "E105")]


def test_readers_read_documents_is_the_eager_twin(write):
    write("a.jsonl", jsonl({"id": "a1", "text": "x"}, {"id": "a2", "text": "y"}))
    write("b.txt", "z")
    eager = read_documents(["a.jsonl", "b.txt"], date="2025-01-02")
    lazy = iter_documents(["a.jsonl", "b.txt"], date="2025-01-02")
    assert isinstance(eager, list)
    assert not isinstance(lazy, list)
    assert eager == list(lazy)


@pytest.mark.parametrize("date", ["14/03/2025", "2025-02-30", "yesterday", ""])
def test_readers_invalid_date_argument_raises_at_call_time(date):
    with pytest.raises(UsageError) as raised:
        iter_documents(["does-not-matter.jsonl"], date=date)
    assert raised.value.code == "E301"


def test_readers_date_argument_fills_every_kind_of_undated_document(write, read):
    write(
        "a.jsonl",
        jsonl({"id": "a1", "text": "x"}, {"id": "a2", "text": "y", "published": "2024-01-01"}),
    )
    write("b.txt", "statement")
    write("c.html", "<html><body><article><p>Kyiv rejected the plan.</p></article></body></html>")
    stdin = io.BytesIO(b"from stdin")
    docs, _ = read(["a.jsonl", "b.txt", "c.html", "-"], date="2025-03-14", stdin=stdin)
    assert [(d.id, d.published) for d in docs] == [
        ("a1", "2025-03-14"),
        ("a2", "2024-01-01"),
        ("b", "2025-03-14"),
        ("c", "2025-03-14"),
        ("stdin", "2025-03-14"),
    ]


def test_readers_without_a_report_problems_are_logged(write, caplog):
    write("a.jsonl", jsonl({"id": "a1", "text": "x"}, "oops"))
    with caplog.at_level(logging.WARNING, logger="offramp.readers"):
        docs = read_documents(["a.jsonl"])
    assert [d.id for d in docs] == ["a1"]
    assert "a.jsonl:2: invalid JSON" in caplog.text


def test_readers_mixed_bad_corpus_never_raises(write):
    write("corpus/ok.jsonl", jsonl({"id": "ok", "text": "fine"}, "{", "[]", '{"id": 1}'))
    write("corpus/bin.txt", b"\x00\x01\x02")
    write("corpus/latin.md", b"caf\xe9")
    write("corpus/empty.html", "<html><body></body></html>")
    write("corpus/broken.json", "[{")
    write("corpus/u16.jsonl", "x".encode("utf-16"))
    seen: list[Problem] = []
    report = ReadReport(on_problem=seen.append)
    docs = read_documents(["corpus", "missing.txt", "corpus/ok.jsonl"], report=report)
    assert [d.id for d in docs] == ["ok"]
    assert [p.code for p in seen] == [
        "E113", "E115", "E111", "E107", "E101", "E102", "E103", "E118", "E109", "E120",
    ]  # fmt: skip
    assert report.skipped == 9 and report.warnings == 1 and report.failed
    assert "skipped 9 bad records or files; 1 warning" in report.summary()


def test_readers_each_document_records_its_origin(write, read):
    write("a.jsonl", "\n" + jsonl({"id": "a1", "text": "x"}))
    (doc,), _ = read(["a.jsonl"])
    assert doc.origin == "a.jsonl:2"
