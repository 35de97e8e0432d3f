"""Which inputs are read: named files, walked directories, standard input."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from offramp.readers import ReadReport, iter_documents
from offramp.readers.paths import STDIN_NAME, Source, reader_for
from offramp.readers.text import read_text

from .helpers import jsonl, only_problem, where_codes

TEXT = "Kyiv rejected the plan."


def test_paths_directory_walked_recursively_in_sorted_order(write, read):
    write("corpus/b.txt", TEXT)
    write("corpus/a/z.md", TEXT)
    write("corpus/a/y.html", f"<html><body><article><p>{TEXT}</p></article></body></html>")
    write("corpus/c.jsonl", jsonl({"id": "c1", "text": TEXT}, {"id": "c2", "text": TEXT}))
    write("corpus/A.json", '[{"id": "A1", "text": "x"}]')
    docs, report = read(["corpus"])
    assert [d.origin for d in docs] == [
        "corpus/A.json:1",
        "corpus/a/y.html",
        "corpus/a/z.md",
        "corpus/b.txt",
        "corpus/c.jsonl:1",
        "corpus/c.jsonl:2",
    ]
    assert report.problems == []


def test_paths_hidden_files_and_directories_skipped(write, read):
    write("corpus/.draft.txt", TEXT)
    write("corpus/.git/notes.txt", TEXT)
    write("corpus/kept.txt", TEXT)
    docs, _ = read(["corpus"])
    assert [d.id for d in docs] == ["kept"]


def test_paths_hidden_file_named_explicitly_is_read(write, read):
    write(".draft.txt", TEXT)
    (doc,), _ = read([".draft.txt"])
    assert doc.id == ".draft"


def test_paths_other_suffixes_in_a_directory_ignored_silently(write, read):
    write("corpus/README", "notes")
    write("corpus/sheet.csv", "a,b")
    write("corpus/scan.pdf", b"%PDF-1.4")
    write("corpus/kept.txt", TEXT)
    docs, report = read(["corpus"])
    assert [d.id for d in docs] == ["kept"]
    assert report.problems == []


def test_paths_suffix_case_does_not_matter(write, read):
    write("LOUD.TXT", TEXT)
    write("feed.JSONL", jsonl({"id": "f1", "text": TEXT}))
    docs, _ = read(["LOUD.TXT", "feed.JSONL"])
    assert [d.id for d in docs] == ["LOUD", "f1"]


def test_paths_unsupported_file_named_explicitly_is_a_problem(write, read):
    write("report.pdf", b"%PDF-1.4")
    write("next.txt", TEXT)
    docs, report = read(["report.pdf", "next.txt"])
    assert [d.id for d in docs] == ["next"]
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("report.pdf", "E110")
    assert "'.pdf'" in problem.message and ".jsonl" in problem.message


def test_paths_missing_path_is_a_problem_and_reading_goes_on(write, read):
    write("next.txt", TEXT)
    docs, report = read(["nope.jsonl", "missing-dir", "next.txt"])
    assert [d.id for d in docs] == ["next"]
    assert where_codes(report) == [("nope.jsonl", "E109"), ("missing-dir", "E109")]
    assert report.skipped == 2


def test_paths_path_through_a_file_is_a_problem(write, read):
    write("notes.txt", TEXT)
    _, report = read(["notes.txt/more.txt"])
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("notes.txt/more.txt", "E108")
    assert "part of the path is a file" in problem.message


def test_paths_file_that_disappears_during_the_walk_is_a_problem(write):
    write("corpus/a.txt", TEXT)
    write("corpus/b.txt", TEXT)
    write("corpus/c.txt", TEXT)
    report = ReadReport()
    documents = iter_documents(["corpus"], report=report)
    assert next(documents).id == "a"
    os.remove("corpus/b.txt")  # after the directory was listed, before b was read
    assert [d.id for d in documents] == ["c"]
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("corpus/b.txt", "E108")
    assert "no longer exists" in problem.message


def test_paths_directory_where_a_file_was_expected_is_a_problem(tmp_path):
    # Reachable only by a race (the path became a directory after it was listed), so the
    # read step is driven directly with a source that names a directory.
    from offramp.readers import _read_source

    (tmp_path / "x.txt").mkdir()
    report = ReadReport()
    source = Source("x.txt", tmp_path / "x.txt", read_text)
    assert list(_read_source(source, None, report, None)) == []
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("x.txt", "E108")
    assert "it is a directory, where a file was expected" in problem.message


def test_paths_unreadable_file_is_a_problem(write, read):
    path = write("secret.txt", TEXT)
    write("next.txt", TEXT)
    path.chmod(0)
    try:
        if _can_open(path):
            pytest.skip("this user can read files without permission (root)")
        docs, report = read(["secret.txt", "next.txt"])
    finally:
        path.chmod(0o644)
    assert [d.id for d in docs] == ["next"]
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("secret.txt", "E108")
    assert "permission denied" in problem.message


def _can_open(path: Path) -> bool:
    try:
        path.open("rb").close()
    except PermissionError:
        return False
    return True


def test_paths_symlink_loop_is_walked_once(write, read):
    write("corpus/sub/a.txt", TEXT)
    os.symlink("..", "corpus/sub/up")
    docs, report = read(["corpus"])
    assert [d.origin for d in docs] == ["corpus/sub/a.txt"]
    assert report.problems == []


def test_paths_same_file_named_twice_read_once(write, read):
    write("corpus/a.jsonl", jsonl({"id": "a1", "text": TEXT}))
    docs, report = read(["corpus/a.jsonl", "corpus"])
    assert [d.id for d in docs] == ["a1"]
    problem = only_problem(report)
    assert (problem.where, problem.code, problem.skipped) == ("corpus/a.jsonl", "E120", False)
    assert "already read as corpus/a.jsonl" in problem.message
    assert not report.failed


def test_paths_pathlike_and_single_path_accepted(write, read):
    write("a.txt", TEXT)
    docs_list, _ = read([Path("a.txt")])
    docs_single, _ = read("a.txt")
    assert [d.id for d in docs_list] == [d.id for d in docs_single] == ["a"]


def test_paths_reader_for_knows_every_documented_suffix():
    for name in ["a.jsonl", "a.ndjson", "a.json", "a.txt", "a.md", "a.html", "a.htm"]:
        assert reader_for(name) is not None, name
    assert reader_for("a.csv") is None and reader_for("README") is None


# Standard input ---------------------------------------------------------------------------


def test_paths_stdin_jsonl_where_strings_count_leading_blank_lines(read):
    stdin = io.BytesIO(("\n  \n" + jsonl({"id": "s1", "text": TEXT}, "[]")).encode())
    docs, report = read(["-"], stdin=stdin)
    assert [(d.id, d.origin) for d in docs] == [("s1", "<stdin>:3")]
    assert where_codes(report) == [("<stdin>:4", "E102")]


def test_paths_stdin_text_is_one_document_with_the_date(read):
    stdin = io.BytesIO(b"\xef\xbb\xbf  The Kremlin said talks could resume.\n")
    (doc,), report = read(["-"], stdin=stdin, date="2025-03-14")
    assert (doc.id, doc.origin, doc.published) == ("stdin", STDIN_NAME, "2025-03-14")
    assert doc.text == "  The Kremlin said talks could resume.\n"
    assert report.problems == []


def test_paths_stdin_text_stream_accepted(read):
    (doc,), _ = read(["-"], stdin=io.StringIO('{"id": "s1", "text": "Talks."}\n'))
    assert (doc.id, doc.origin) == ("s1", "<stdin>:1")


@pytest.mark.parametrize("data", [b"", b" \n\n\t"], ids=["empty", "whitespace"])
def test_paths_stdin_empty_is_a_problem(read, data):
    _, report = read(["-"], stdin=io.BytesIO(data))
    assert where_codes(report) == [("<stdin>", "E105")]


def test_paths_stdin_binary_and_non_utf8_are_problems(read):
    _, report = read(["-"], stdin=io.BytesIO(b"\x7fELF\x02\x01\x01\x00\x00"))
    assert where_codes(report) == [("<stdin>", "E113")]
    _, report = read(["-"], stdin=io.BytesIO(b'{"id": "a", "text": "caf\xe9"}\n'))
    assert where_codes(report) == [("<stdin>:1", "E107")]


def test_paths_stdin_named_twice_read_once(read):
    stdin = io.BytesIO(jsonl({"id": "s1", "text": TEXT}).encode())
    docs, report = read(["-", "-"], stdin=stdin)
    assert [d.id for d in docs] == ["s1"]
    assert where_codes(report) == [("<stdin>", "E120")]


class _CountingStream(io.RawIOBase):
    """A pipe-like input that records how much of it has been read."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data.read(min(len(buffer), 4096))  # a pipe gives at most a page
        buffer[: len(chunk)] = chunk
        self.consumed += len(chunk)
        return len(chunk)


def test_paths_stdin_jsonl_streams_line_by_line():
    lines = [{"id": f"s{i}", "text": "x" * 1000} for i in range(1000)]
    raw = _CountingStream(jsonl(*lines).encode())
    documents = iter_documents(["-"], stdin=io.BufferedReader(raw), report=ReadReport())
    assert next(documents).id == "s0"
    assert raw.consumed < 64 * 1024  # of about 1 MB
    assert sum(1 for _ in documents) == 999
