"""JSON Lines and JSON readers: one document per object, each bad record skipped and named.

``.jsonl``/``.ndjson`` is the corpus format (SIGNALS.md, "Input: a document"), so it is read
line by line and never held in memory whole: a multi-gigabyte file streams with memory
bounded by its longest line. ``.json`` (an array of such objects, or one object) cannot be
streamed with the standard library; it is read whole, up to
:data:`~offramp.readers.decoding.MAX_JSON_BYTES`, but still yields documents one by one and
names the line of each bad element.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from offramp.readers import decoding
from offramp.readers.decoding import PeekableReader, describe_bad_byte, human_size, shorten
from offramp.readers.report import ReadReport, problem
from offramp.records import Document, parse_date

JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)

#: Optional string fields carried through from the input (SIGNALS.md).
OPTIONAL_FIELDS = ("source", "title", "url")

#: Bytes read at a time while skipping the rest of an over-long line.
_SKIP_CHUNK = 1024 * 1024

_NOT_WHITESPACE = re.compile(r"[^ \t\n\r]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DECODER = json.JSONDecoder()


def read_jsonl(
    path: Path, name: str, report: ReadReport, *, date: str | None
) -> Iterator[Document]:
    """Documents from the JSON Lines file ``path``, reported as ``name:LINE``."""
    with open(path, "rb") as stream:
        reader = PeekableReader(stream)
        bad = decoding.head_problem(reader.peek(), name)
        if bad is not None:
            report.add(bad)
            return
        yield from iter_jsonl(reader, name, report, date=date)


def iter_jsonl(
    stream: PeekableReader, name: str, report: ReadReport, *, date: str | None
) -> Iterator[Document]:
    """Documents from a JSON Lines stream, one line at a time; blank lines are ignored.

    ``name`` prefixes the line number in problems (``corpus.jsonl:12``, ``<stdin>:3``).
    """
    limit = decoding.MAX_RECORD_BYTES
    lineno = 0
    offset = 0  # of the current line in the stream, for byte positions in messages
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        where = f"{name}:{lineno}"
        start = offset
        offset += len(raw)
        if len(raw) > limit and not raw.endswith(b"\n"):
            offset += _skip_rest_of_line(stream)
            hint = "each line must be one document; is this really a JSON Lines file?"
            report.add(problem("E114", where, what="this line", limit=human_size(limit), hint=hint))
            continue
        if lineno == 1 and raw.startswith(decoding.UTF8_BOM):
            raw = raw[len(decoding.UTF8_BOM) :]
            start += len(decoding.UTF8_BOM)
        if not raw.strip():
            continue
        text, err = decoding.decode_utf8(raw)
        if err is not None:
            report.add(problem("E107", where, detail=describe_bad_byte(raw, err, offset=start)))
            continue
        assert text is not None
        try:
            # Without the line break, so an error at the end of the line gets its column.
            value = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as err:
            detail = f"{err.msg} at column {err.colno}"
            if text.strip() in ("{", "["):
                detail += "; if the file is one JSON document over many lines, name it .json"
            report.add(problem("E101", where, detail=detail))
            continue
        except RecursionError:
            report.add(problem("E101", where, detail="nested too deeply"))
            continue
        document = document_from_json(value, where, report, date=date)
        if document is not None:
            yield document


def _skip_rest_of_line(stream: PeekableReader) -> int:
    """Read and drop bytes up to the next newline; how many were dropped."""
    skipped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def read_json(path: Path, name: str, report: ReadReport, *, date: str | None) -> Iterator[Document]:
    """Documents from the ``.json`` file ``path``: an array of objects, or one object."""
    limit = decoding.MAX_JSON_BYTES
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        hint = "convert it to JSON Lines, which is streamed: jq -c '.[]' FILE.json > FILE.jsonl"
        report.add(
            problem("E114", name, what="this .json file", limit=human_size(limit), hint=hint)
        )
        return
    bad = decoding.head_problem(data, name)
    if bad is not None:
        report.add(bad)
        return
    data = decoding.strip_bom(data)
    text, err = decoding.decode_utf8(data)
    if err is not None:
        report.add(problem("E107", name, detail=describe_bad_byte(data, err)))
        return
    assert text is not None
    del data  # the decoded text is enough; do not hold the file twice while yielding
    yield from _iter_json_values(text, name, report, date=date)


def _iter_json_values(
    text: str, name: str, report: ReadReport, *, date: str | None
) -> Iterator[Document]:
    """Documents from the JSON in ``text``, each bad element reported at its own line.

    ``json.loads`` would give one list and no positions, so the array is walked with
    ``raw_decode``, one element at a time.
    """
    lines = _LineCounter(text)
    pos = _skip_whitespace(text, 0)
    if pos == len(text):
        report.add(problem("E115", name, detail="the file is empty"))
        return
    try:
        if text.startswith("[", pos):
            pos = _skip_whitespace(text, pos + 1)
            closed = text.startswith("]", pos)
            if closed:
                pos += 1
            while not closed:
                start = pos
                value, pos = _DECODER.raw_decode(text, pos)
                document = document_from_json(value, f"{name}:{lines.at(start)}", report, date=date)
                if document is not None:
                    yield document
                pos = _skip_whitespace(text, pos)
                if text.startswith(",", pos):
                    pos = _skip_whitespace(text, pos + 1)
                elif text.startswith("]", pos):
                    pos += 1
                    closed = True
                else:
                    raise json.JSONDecodeError(
                        "Expecting ',' or ']' after an array element", text, pos
                    )
            _check_nothing_after(text, pos)
        else:
            start = pos
            value, pos = _DECODER.raw_decode(text, pos)
            _check_nothing_after(text, pos)
            document = document_from_json(value, f"{name}:{lines.at(start)}", report, date=date)
            if document is not None:
                yield document
    except json.JSONDecodeError as err:
        detail = f"{err.msg} at column {err.colno}"
        if err.msg == "Extra data" and text.startswith("{", err.pos):
            detail += "; one object per line is JSON Lines: name the file .jsonl"
        report.add(problem("E115", f"{name}:{err.lineno}", detail=detail))
    except RecursionError:
        report.add(problem("E115", name, detail="nested too deeply"))


def _skip_whitespace(text: str, pos: int) -> int:
    match = _NOT_WHITESPACE.search(text, pos)
    return match.start() if match else len(text)


def _check_nothing_after(text: str, pos: int) -> None:
    pos = _skip_whitespace(text, pos)
    if pos < len(text):
        raise json.JSONDecodeError("Extra data", text, pos)


class _LineCounter:
    """Line numbers of increasing positions in ``text``, counting each newline once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._line = 1

    def at(self, pos: int) -> int:
        self._line += self._text.count("\n", self._pos, pos)
        self._pos = pos
        return self._line


def document_from_json(
    value: Any, where: str, report: ReadReport, *, date: str | None
) -> Document | None:
    """The :class:`Document` in one parsed JSON value, or None (reported) when it is not one.

    ``date`` fills ``published`` when the record has none. An invalid ``published`` is a
    warning: the text is still worth coding, only its date is unknown.
    """
    if not isinstance(value, dict):
        report.add(problem("E102", where, kind=json_kind(value)))
        return None
    doc_id = value.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
        report.add(problem("E103", where, field="id"))
        return None
    if not isinstance(doc_id, str):
        report.add(problem("E104", where, field="id", kind=json_kind(doc_id)))
        return None
    text = value.get("text")
    if text is None:
        report.add(problem("E103", where, field="text"))
        return None
    if not isinstance(text, str):
        report.add(problem("E104", where, field="text", kind=json_kind(text)))
        return None
    if not text.strip():
        report.add(problem("E105", where))
        return None
    optional: dict[str, str | None] = {}
    for field in OPTIONAL_FIELDS:
        optional[field] = _optional_string(value.get(field), field, where, report)
    document = Document(
        id=doc_id,
        text=text,
        published=_published(value.get("published"), where, report, date=date),
        origin=where,
        **optional,
    )
    _repair_surrogates(document, where, report)
    return document


def _repair_surrogates(document: Document, where: str, report: ReadReport) -> None:
    """Replace lone UTF-16 surrogates in the document's strings with U+FFFD, with a warning.

    JSON may escape half of a surrogate pair (``"\\ud83d"`` without its partner: an emoji
    cut in two by a scraper). ``json.loads`` accepts it, but such a string is not valid
    Unicode text: it cannot be written as UTF-8, so the tokenizer, the store and the
    output would all fail on it. One replacement character keeps every offset in place.
    """
    for field in ("id", "text", *OPTIONAL_FIELDS):
        value = getattr(document, field)
        if value and not value.isascii() and _SURROGATE.search(value):
            setattr(document, field, _SURROGATE.sub("\ufffd", value))
            report.add(problem("E121", where, skipped=False, field=field))


def _published(raw: Any, where: str, report: ReadReport, *, date: str | None) -> str | None:
    if raw is None or raw == "":
        return date
    if isinstance(raw, str) and is_date(raw):
        return raw.strip()
    shown = repr(shorten(raw)) if isinstance(raw, str) else shorten(json.dumps(raw))
    report.add(problem("E112", where, skipped=False, value=shown))
    return None


def _optional_string(raw: Any, field: str, where: str, report: ReadReport) -> str | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        return raw
    report.add(problem("E116", where, skipped=False, field=field, kind=json_kind(raw)))
    return None


def is_date(value: str) -> bool:
    """True for ``YYYY-MM-DD`` or an ISO timestamp (``2025-03-14 20:30:26Z``).

    Stricter than :func:`offramp.records.parse_date`, which only looks at the first ten
    characters: ``2025-03-14garbage`` is a typo worth reporting, not a date.
    """
    value = value.strip()
    if parse_date(value) is None:
        return False
    try:
        if len(value) == 10:
            _dt.date.fromisoformat(value)
        else:
            _dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def json_kind(value: Any) -> str:
    """How a JSON value is named in messages: ``a string``, ``an array``, ``null``, ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
