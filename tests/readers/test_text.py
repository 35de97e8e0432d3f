"""Plain-text files: one document each, id from the file name, date from ``--date``."""

from __future__ import annotations

import pytest

from offramp.readers import decoding

from .helpers import only_problem, where_codes

STATEMENT = "The Ministry of Foreign Affairs said it would not negotiate under pressure.\n"


def test_text_txt_is_one_document_named_after_the_file(write, read):
    write("mfa-statement.txt", STATEMENT)
    (doc,), report = read(["mfa-statement.txt"])
    assert (doc.id, doc.text, doc.published, doc.origin) == (
        "mfa-statement",
        STATEMENT,
        None,
        "mfa-statement.txt",
    )
    assert (doc.title, doc.source, doc.url) == (None, None, None)
    assert report.problems == [] and report.documents == 1


def test_text_markdown_read_as_text(write, read):
    write("notes/brief.md", "# Brief\n\nKyiv *rejected* the plan.\n")
    (doc,), _ = read(["notes/brief.md"])
    assert (doc.id, doc.text) == ("brief", "# Brief\n\nKyiv *rejected* the plan.\n")


def test_text_date_argument_is_the_published_date(write, read):
    write("a.txt", STATEMENT)
    (doc,), _ = read(["a.txt"], date="2025-11-22")
    assert doc.published == "2025-11-22"


def test_text_kept_verbatim_except_a_utf8_bom(write, read):
    body = "  Line one.\r\nLine two — with a dash.\n\n"
    write("a.txt", b"\xef\xbb\xbf" + body.encode())
    (doc,), _ = read(["a.txt"])
    assert doc.text == body


@pytest.mark.parametrize("content", ["", " \n\t\n"], ids=["empty", "whitespace"])
def test_text_empty_file_is_a_problem(write, read, content):
    write("blank.txt", content)
    write("next.txt", STATEMENT)
    docs, report = read(["blank.txt", "next.txt"])
    assert [d.id for d in docs] == ["next"]
    assert where_codes(report) == [("blank.txt", "E105")]


def test_text_latin1_file_reported_with_line_column_and_byte(write, read):
    write("latin.txt", b"First line.\nLe caf" + b"\xe9 est ouvert.\n")
    write("next.txt", STATEMENT)
    docs, report = read(["latin.txt", "next.txt"])
    assert [d.id for d in docs] == ["next"]
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("latin.txt", "E107")
    assert "byte 0xe9 at line 2, column 7, byte 18 of the file" in problem.message


def test_text_binary_file_is_a_problem(write, read):
    write("image.txt", b"GIF89a\x01\x00\x01\x00\x00\xff\x00,")
    docs, report = read(["image.txt"])
    assert docs == []
    assert where_codes(report) == [("image.txt", "E113")]


def test_text_utf16_file_names_its_encoding(write, read):
    write("windows.txt", STATEMENT.encode("utf-16"))
    _, report = read(["windows.txt"])
    problem = only_problem(report)
    assert problem.code == "E118"
    assert problem.message.startswith("UTF-16 text (it starts with a UTF-16 byte-order mark)")


def test_text_over_the_limit_is_a_problem(write, read, monkeypatch):
    monkeypatch.setattr(decoding, "MAX_RECORD_BYTES", 20)
    write("long.txt", STATEMENT)
    _, report = read(["long.txt"])
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("long.txt", "E114")
    assert "split it into one file per article" in problem.message
