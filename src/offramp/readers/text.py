"""Plain-text reader: a ``.txt`` or ``.md`` file (or text on standard input) is one document.

The file name without its extension is the document's id, and ``--date`` is its date:
a plain file carries no metadata of its own (SIGNALS.md, "Input: a document"). The text is
kept as written (only a UTF-8 byte-order mark is dropped), since signal offsets point into
it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from offramp.readers import decoding
from offramp.readers.decoding import describe_bad_byte, human_size
from offramp.readers.report import ReadReport, problem
from offramp.records import Document

TEXT_SUFFIXES = (".txt", ".md")


def read_text(path: Path, name: str, report: ReadReport, *, date: str | None) -> Iterator[Document]:
    """The document in the text file ``path`` (none, reported, when it cannot be used)."""
    limit = decoding.MAX_RECORD_BYTES
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    document = text_document(data, name, path.stem, report, date=date)
    if document is not None:
        yield document


def text_document(
    data: bytes, where: str, doc_id: str, report: ReadReport, *, date: str | None
) -> Document | None:
    """``data`` as one document with id ``doc_id``, or None (reported) when it is not text.

    ``data`` may be one byte longer than :data:`~offramp.readers.decoding.MAX_RECORD_BYTES`:
    callers read one byte past the limit to tell "exactly at the limit" from "over it".
    """
    limit = decoding.MAX_RECORD_BYTES
    if len(data) > limit:
        hint = "split it into one file per article or statement"
        report.add(problem("E114", where, what="this text", limit=human_size(limit), hint=hint))
        return None
    bad = decoding.head_problem(data, where)
    if bad is not None:
        report.add(bad)
        return None
    data = decoding.strip_bom(data)
    text, err = decoding.decode_utf8(data)
    if err is not None:
        report.add(problem("E107", where, detail=describe_bad_byte(data, err)))
        return None
    assert text is not None
    if not text.strip():
        report.add(problem("E105", where))
        return None
    return Document(id=doc_id, text=text, published=date, origin=where)
