"""Fuzzing the readers: any bytes in any file type give documents or counted problems.

Properties, for every input: reading never raises; every document has a non-empty id and
text that is valid Unicode (it can be written as UTF-8); every problem names its file (and
line, for JSON Lines) and carries a known message code; the counts add up. Each property
runs a few examples in the normal suite, 1,000 with ``OFFRAMP_FUZZ=1``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from offramp.errors import MESSAGES
from offramp.readers import ReadReport, read_documents

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=10,
)
documents = st.fixed_dictionaries(
    {"id": st.text(min_size=1), "text": st.text()},
    optional={
        "published": st.one_of(st.text(), st.sampled_from(["2025-06-01", "2025-06-01T10:00Z"])),
        "title": json_values,
        "source": json_values,
        "url": st.text(),
    },
)
escapes = st.sampled_from(
    [
        '{"id": "s", "text": "half an emoji \\ud83d here"}',
        '{"id": "\\udfff", "text": "Russia said \\ud800"}',
        '{"id": "c", "text": "\\u0000\\u0007\\u001b[31m control"}',
        "[" * 5000 + "]" * 5000,
        '{"id": "deep", "text": "x", "title": ' + "[" * 3000 + "]" * 3000 + "}",
    ]
)
lines = st.one_of(
    documents.map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    documents.map(lambda d: json.dumps(d).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    escapes.map(str.encode),
    st.binary(max_size=200),
    st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=50).map(lambda t: t.encode("latin-1", "replace")),
)
CODE = re.compile(r"^E1\d\d$")


def _read(path: Path) -> tuple[list, ReadReport]:
    report = ReadReport()
    docs = read_documents([str(path)], report=report)
    return docs, report


def _check(docs, report: ReadReport, name: str) -> None:
    assert report.documents == len(docs)
    for doc in docs:
        assert doc.id.strip() and doc.text.strip()
        for value in (doc.id, doc.text, doc.title, doc.source, doc.url):
            if value is not None:
                value.encode("utf-8")  # valid Unicode: no lone surrogates
    for problem in report.problems:
        assert problem.where.startswith(name), problem
        assert CODE.match(problem.code) and problem.code in MESSAGES, problem
    assert report.skipped + report.warnings == len(report.problems) + report.unlisted


@given(body=st.lists(lines, max_size=20), newline=st.sampled_from([b"\n", b"\r\n"]))
def test_fuzz_readers_jsonl_lines(tmp_path_factory, body, newline):
    path = tmp_path_factory.mktemp("jsonl") / "corpus.jsonl"
    data = newline.join(body)
    path.write_bytes(data)
    docs, report = _read(path)
    _check(docs, report, str(path))
    for problem in report.problems:  # each names a line of the file, or the whole file
        tail = problem.where[len(str(path)) :]
        assert tail == "" or 1 <= int(tail[1:]) <= data.count(b"\n") + 1, problem


@given(
    data=st.binary(max_size=4000),
    suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html"]),
)
def test_fuzz_readers_any_bytes_in_any_file_type(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    docs, report = _read(path)
    _check(docs, report, str(path))
    # read, or said why not (a JSON Lines file of blank lines holds no documents, and the
    # command line says "No documents found")
    assert docs or report.problems or (suffix == ".jsonl" and not data.strip())


@given(
    text=st.text(min_size=1, max_size=300),
    encoding=st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "utf-8-sig"]),
    suffix=st.sampled_from([".txt", ".jsonl", ".html"]),
)
def test_fuzz_readers_other_encodings(tmp_path_factory, text, encoding, suffix):
    path = tmp_path_factory.mktemp("enc") / f"input{suffix}"
    body = json.dumps({"id": "a", "text": text}) if suffix == ".jsonl" else text
    path.write_bytes(body.encode(encoding, "replace"))
    docs, report = _read(path)
    _check(docs, report, str(path))


@given(
    tags=st.lists(
        st.sampled_from(["div", "p", "span", "article", "b", "table", "td"]), max_size=50
    ),
    text=st.text(max_size=200),
)
def test_fuzz_readers_nested_html(tmp_path_factory, tags, text):
    path = tmp_path_factory.mktemp("html") / "page.html"
    body = "".join(f"<{t}>" for t in tags) + text + "".join(f"</{t}>" for t in reversed(tags))
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    docs, report = _read(path)
    _check(docs, report, str(path))


def test_fuzz_readers_html_nested_10000_levels(tmp_path):
    path = tmp_path / "deep.html"
    story = "<p>Russia said it was ready to resume talks with Ukraine.</p>"
    path.write_text(
        "<html><body>" + "<div>" * 10_000 + story + "</div>" * 10_000 + "</body></html>"
    )
    docs, report = _read(path)
    _check(docs, report, str(path))
    assert docs or report.problems[0].code in ("E111", "E119")


def test_fuzz_readers_lone_surrogates_are_repaired_with_a_warning(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s", "text": "half an emoji \\ud83d here"}\n')
    docs, report = _read(path)
    assert docs[0].text == "half an emoji \ufffd here"
    assert [p.code for p in report.problems] == ["E121"] and report.warnings == 1
