"""Problem and ReadReport: what the user sees, and what the CLI decides from."""

from __future__ import annotations

import io

import pytest

from offramp.errors import InputError
from offramp.readers import Problem, ReadReport, iter_documents
from offramp.readers.report import problem

from .helpers import jsonl


def test_report_problem_str_names_where_message_and_code():
    bad = Problem("corpus.jsonl:12", "E101", "invalid JSON (Expecting value at column 1)")
    assert str(bad) == "corpus.jsonl:12: invalid JSON (Expecting value at column 1) [E101]"
    assert bad.skipped is True


def test_report_problem_fills_the_coded_template():
    bad = problem("E106", "b.jsonl:3", doc_id="a1", first="a.jsonl:1")
    assert str(bad) == (
        "b.jsonl:3: duplicate document id 'a1' (first seen at a.jsonl:1); keeping the first [E106]"
    )


def test_report_problem_to_error_for_callers_that_must_stop():
    error = problem("E109", "nope.txt").to_error()
    assert isinstance(error, InputError)
    assert (error.where, error.code) == ("nope.txt", "E109")
    assert str(error) == str(problem("E109", "nope.txt"))


def test_report_counts_skips_and_warnings_separately():
    report = ReadReport()
    report.add(problem("E105", "a.txt"))
    report.add(problem("E112", "b.jsonl:2", skipped=False, value="'x'"))
    assert (report.skipped, report.warnings, len(report.problems)) == (1, 1, 2)


def test_report_failed_only_when_something_was_skipped():
    report = ReadReport()
    assert not report.failed
    report.add(problem("E112", "b.jsonl:2", skipped=False, value="'x'"))
    assert not report.failed
    report.add(problem("E105", "a.txt"))
    assert report.failed


@pytest.mark.parametrize(
    ("documents", "skipped", "warnings", "expected"),
    [
        (0, 0, 0, "read 0 documents"),
        (1, 0, 0, "read 1 document"),
        (12, 3, 0, "read 12 documents; skipped 3 bad records or files (see messages above)"),
        (12, 1, 0, "read 12 documents; skipped 1 bad record or file (see messages above)"),
        (5, 0, 1, "read 5 documents; 1 warning (see messages above)"),
        (
            5,
            2,
            2,
            "read 5 documents; skipped 2 bad records or files; 2 warnings (see messages above)",
        ),
    ],
)
def test_report_summary_wording(documents, skipped, warnings, expected):
    report = ReadReport()
    report.documents = documents
    for _ in range(skipped):
        report.add(problem("E105", "a.txt"))
    for _ in range(warnings):
        report.add(problem("E112", "b.jsonl:2", skipped=False, value="'x'"))
    assert report.summary() == expected


def test_report_on_problem_called_as_soon_as_the_problem_is_found(write):
    write("corpus.jsonl", jsonl({"id": "a1", "text": "x"}, "oops", {"id": "a3", "text": "y"}))
    events: list[str] = []
    report = ReadReport(on_problem=lambda p: events.append(f"problem {p.where}"))
    for document in iter_documents(["corpus.jsonl"], report=report):
        events.append(f"document {document.origin}")
    assert events == [
        "document corpus.jsonl:1",
        "problem corpus.jsonl:2",
        "document corpus.jsonl:3",
    ]
    assert report.documents == 2


def test_report_keeps_a_bounded_list_but_counts_everything(write):
    write("corpus.jsonl", "oops\n" * 50)
    seen: list[Problem] = []
    report = ReadReport(on_problem=seen.append, max_kept=10)
    assert list(iter_documents(["corpus.jsonl"], report=report)) == []
    assert len(report.problems) == 10 and report.unlisted == 40
    assert report.skipped == 50 and len(seen) == 50


def test_report_can_print_problems_immediately():
    err = io.StringIO()
    report = ReadReport(on_problem=lambda p: print(p, file=err))
    report.add(problem("E109", "nope.txt"))
    assert err.getvalue().startswith("nope.txt: no such file or directory")
