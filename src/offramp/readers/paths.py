"""From what the user typed to what to read: files, walked directories, standard input.

Named paths are taken as given; directories are walked recursively in sorted order (so two
runs over the same corpus read it in the same order), skipping hidden entries and files
whose suffix Offramp does not read. Which reader handles a file is decided by its suffix
alone, in :data:`READERS`; standard input (``-``) is sniffed instead, since it has no name.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from offramp.readers import decoding
from offramp.readers.decoding import PeekableReader
from offramp.readers.html import HTML_SUFFIXES, read_html
from offramp.readers.jsonl import JSON_SUFFIXES, JSONL_SUFFIXES, iter_jsonl, read_json, read_jsonl
from offramp.readers.report import ReadReport, problem
from offramp.readers.text import TEXT_SUFFIXES, read_text, text_document
from offramp.records import Document

#: The path that means standard input.
STDIN = "-"
#: How standard input is named in messages and ``Document.origin``.
STDIN_NAME = "<stdin>"
#: The id of a plain-text document read from standard input.
STDIN_ID = "stdin"


class Reader(Protocol):
    """A reader function: the documents in one file, problems reported to ``report``."""

    def __call__(
        self, path: Path, name: str, report: ReadReport, *, date: str | None
    ) -> Iterator[Document]: ...


#: Suffix (lower case) -> the reader for files with it.
READERS: dict[str, Reader] = {
    **dict.fromkeys(JSONL_SUFFIXES, read_jsonl),
    **dict.fromkeys(JSON_SUFFIXES, read_json),
    **dict.fromkeys(TEXT_SUFFIXES, read_text),
    **dict.fromkeys(HTML_SUFFIXES, read_html),
}


@dataclass(frozen=True)
class Source:
    """One input to read: a file with its reader, or standard input (``path`` is None)."""

    name: str
    path: Path | None = None
    reader: Reader | None = None
    #: (device, inode) of the file, to notice a file named twice; None if unknown.
    key: tuple[int, int] | None = None


def reader_for(name: str) -> Reader | None:
    """The reader for a file called ``name``, or None when Offramp does not read its type."""
    return READERS.get(os.path.splitext(name)[1].lower())


def iter_sources(paths: Iterable[str | os.PathLike[str]], report: ReadReport) -> Iterator[Source]:
    """The inputs named by ``paths``, in order, directories expanded as they are reached.

    Missing paths and files of an unsupported type named explicitly are reported and
    skipped. Inside a directory, files of other types are ignored silently: a corpus
    folder often holds a README or a spreadsheet next to the articles.
    """
    visited: set[tuple[int, int]] = set()  # directories, against symlink loops
    for raw in paths:
        given = os.fspath(raw)
        if given == STDIN:
            yield Source(STDIN_NAME)
            continue
        try:
            info = os.stat(given)
        except FileNotFoundError:
            report.add(problem("E109", given))
            continue
        except OSError as err:
            report.add(problem("E108", given, detail=describe_os_error(err)))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(given, (info.st_dev, info.st_ino), report, visited)
            continue
        reader = reader_for(given)
        if reader is None:
            report.add(problem("E110", given, suffix=os.path.splitext(given)[1]))
            continue
        yield Source(given, Path(given), reader, (info.st_dev, info.st_ino))


def _walk(
    top: str, key: tuple[int, int], report: ReadReport, visited: set[tuple[int, int]]
) -> Iterator[Source]:
    """The readable files under directory ``top``, depth first, sorted by name.

    Symbolic links are followed (corpora are often assembled from links), and each
    directory is entered once, so a link back up the tree cannot loop forever.
    """
    if key in visited:
        return
    visited.add(key)
    try:
        with os.scandir(top) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as err:
        report.add(problem("E108", top, detail=describe_os_error(err)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(top, entry.name)
        try:
            info: os.stat_result | None = entry.stat()
        except OSError:
            info = None  # a broken link: reported when the read fails, if its type is ours
        if info is not None and stat.S_ISDIR(info.st_mode):
            yield from _walk(path, (info.st_dev, info.st_ino), report, visited)
            continue
        reader = reader_for(entry.name)
        if reader is not None:
            file_key = (info.st_dev, info.st_ino) if info is not None else None
            yield Source(path, Path(path), reader, file_key)


def read_stdin(
    stream: IO[bytes] | IO[str], report: ReadReport, *, date: str | None
) -> Iterator[Document]:
    """Documents from standard input: JSON Lines if it starts with ``{``, else one text.

    Only the first non-whitespace byte is looked at before reading, so JSON Lines on a
    pipe is still processed line by line as it arrives.
    """
    reader = PeekableReader(_binary(stream))
    content = reader.peek_content()
    if not content.strip():
        report.add(problem("E105", STDIN_NAME))
        return
    bad = decoding.head_problem(reader.peek(), STDIN_NAME)
    if bad is not None:
        report.add(bad)
        return
    if decoding.strip_bom(content).lstrip().startswith(b"{"):
        yield from iter_jsonl(reader, STDIN_NAME, report, date=date)
        return
    data = reader.read(decoding.MAX_RECORD_BYTES + 1)
    document = text_document(data, STDIN_NAME, STDIN_ID, report, date=date)
    if document is not None:
        yield document


def _binary(stream: IO[bytes] | IO[str]) -> IO[bytes]:
    """The byte stream under ``stream``: readers decode themselves, to report bad bytes."""
    if isinstance(stream, io.TextIOBase):
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return buffer
        # An in-memory text stream (io.StringIO): already decoded, so already in memory.
        return io.BytesIO(stream.read().encode("utf-8"))
    return stream  # type: ignore[return-value]


def describe_os_error(err: OSError) -> str:
    """Why a file cannot be read, in words that suggest the fix."""
    if isinstance(err, PermissionError):
        return "permission denied; check that your user may read it"
    if isinstance(err, FileNotFoundError):
        return (
            "it no longer exists (moved or deleted while Offramp was running, "
            "or a broken symbolic link)"
        )
    if isinstance(err, IsADirectoryError):
        return "it is a directory, where a file was expected"
    if isinstance(err, NotADirectoryError):
        return "a part of the path is a file, not a directory"
    return err.strerror or str(err)
