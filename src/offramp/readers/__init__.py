"""Document readers: files, folders and standard input in, :class:`Document` objects out.

:func:`iter_documents` is lazy and streams (a JSON Lines file is read one line at a time);
:func:`read_documents` is its eager twin and returns a list. Both read ``.jsonl``/``.ndjson``,
``.json``, ``.txt``/``.md`` and ``.html``/``.htm`` files, walk directories, and take ``-``
for standard input.

Bad input never raises: each bad record or file becomes a :class:`Problem` in the caller's
:class:`ReadReport` (file and line, a coded message that says how to fix it), is skipped
and counted, and reading goes on. Without a report, problems are logged as warnings to
the ``offramp.readers`` logger.

Example:
    >>> report = ReadReport(on_problem=print)
    >>> for doc in iter_documents(["corpus.jsonl"], date="2025-03-14", report=report):
    ...     ...  # doctest: +SKIP
    >>> print(report.summary())  # doctest: +SKIP
    read 12 documents; skipped 3 bad records or files (see messages above)
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from offramp.errors import usage_error
from offramp.readers.decoding import shorten
from offramp.readers.jsonl import is_date
from offramp.readers.paths import STDIN_NAME, Source, describe_os_error, iter_sources, read_stdin
from offramp.readers.report import Problem, ReadReport, problem
from offramp.records import Document

__all__ = ["Problem", "ReadReport", "iter_documents", "read_documents"]

_LOG = logging.getLogger("offramp.readers")

PathArg = str | os.PathLike[str]


def iter_documents(
    paths: Iterable[PathArg] | PathArg,
    *,
    date: str | None = None,
    report: ReadReport | None = None,
    stdin: IO[bytes] | IO[str] | None = None,
) -> Iterator[Document]:
    """Yield the documents in ``paths`` as they are read (the lazy twin of :func:`read_documents`).

    Args:
        paths: files, directories (walked recursively, sorted, hidden entries skipped)
            and ``-`` for standard input. A single path is accepted too.
        date: ``YYYY-MM-DD`` for documents with no date of their own (the CLI's
            ``--date``): text files, standard input text, HTML pages whose markup has
            no date, and JSON records without ``published``.
        report: collects problems and counts; see :class:`ReadReport`.
        stdin: the stream ``-`` reads, bytes preferred (default: ``sys.stdin.buffer``).

    Each document's ``origin`` is where it was read (``corpus.jsonl:12``). Ids must be
    unique across all inputs of one call: a repeated id is reported and skipped, and the
    first document with it kept.

    Raises:
        UsageError: ``date`` is not a date. Bad input is reported, never raised.
    """
    if date is not None and not is_date(date):
        raise usage_error("E301", option="date", value=date)
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if report is None:
        report = ReadReport(on_problem=_log_problem)
    return _iter_documents(paths, date, report, stdin)


def read_documents(
    paths: Iterable[PathArg] | PathArg,
    *,
    date: str | None = None,
    report: ReadReport | None = None,
    stdin: IO[bytes] | IO[str] | None = None,
) -> list[Document]:
    """All documents in ``paths`` as a list (the eager twin of :func:`iter_documents`).

    Takes the same arguments; prefer :func:`iter_documents` for large corpora.
    """
    return list(iter_documents(paths, date=date, report=report, stdin=stdin))


def _iter_documents(
    paths: Iterable[PathArg],
    date: str | None,
    report: ReadReport,
    stdin: IO[bytes] | IO[str] | None,
) -> Iterator[Document]:
    first_seen: dict[str, str] = {}  # document id -> where it was first read
    files_read: dict[tuple[int, int] | str, str] = {}  # file identity -> its name
    for source in iter_sources(paths, report):
        identity = source.key if source.path is not None else STDIN_NAME
        if identity is not None and identity in files_read:
            warning = problem("E120", source.name, skipped=False, first=files_read[identity])
            report.add(warning)
            continue
        if identity is not None:
            files_read[identity] = source.name
        for document in _read_source(source, date, report, stdin):
            where = document.origin or source.name
            first = first_seen.get(document.id)
            if first is not None:
                report.add(problem("E106", where, doc_id=shorten(document.id), first=first))
                continue
            first_seen[document.id] = where
            report.documents += 1
            yield document


def _read_source(
    source: Source, date: str | None, report: ReadReport, stdin: IO[bytes] | IO[str] | None
) -> Iterator[Document]:
    """The documents of one input; an OS error part-way ends it with one problem."""
    try:
        if source.path is None:
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
            if stream is None:
                report.add(problem("E108", source.name, detail="there is no standard input"))
                return
            yield from read_stdin(stream, report, date=date)
        else:
            assert source.reader is not None
            yield from source.reader(source.path, source.name, report, date=date)
    except OSError as err:
        report.add(problem("E108", source.name, detail=describe_os_error(err)))


def _log_problem(problem: Problem) -> None:
    _LOG.warning("%s", problem)
