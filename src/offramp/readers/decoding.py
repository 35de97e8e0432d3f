"""Bytes to text for the readers: limits, binary sniffing, UTF-8 with exact error places.

Every reader reads bytes and decodes them here rather than opening files in text mode,
for three reasons: a bad byte must be reported with its position (text mode only says
"invalid start byte"), JSONL lines must split on ``\\n`` only (text mode also splits on a
lone ``\\r``, which would shift every line number after it), and a binary or UTF-16 file
must be recognised as such instead of producing thousands of "invalid JSON" messages.
"""

from __future__ import annotations

import codecs
from typing import IO

from offramp.readers.report import Problem, problem

#: Longest JSONL line, text file or HTML page read as one document. A news article is a
#: few kilobytes; anything this large is almost certainly a broken or mislabelled file,
#: and reading it whole would be the one unbounded allocation in a streaming reader.
MAX_RECORD_BYTES = 64 * 1024 * 1024

#: Largest ``.json`` file read whole (a JSON array cannot be streamed line by line).
MAX_JSON_BYTES = 256 * 1024 * 1024

#: How much of the start of an input is checked for NUL bytes (the usual "binary" test,
#: as in git and grep).
SNIFF_BYTES = 8192

UTF8_BOM = codecs.BOM_UTF8

#: Byte-order marks of encodings that are text but not UTF-8, longest first
#: (the UTF-32 LE mark starts with the UTF-16 LE one).
_OTHER_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class PeekableReader:
    """A binary stream with a look-ahead buffer, for sniffing before reading.

    Standard input cannot seek back, yet Offramp must look at its first bytes (binary?
    JSONL or plain text?) before choosing a reader. Bytes looked at stay in ``_buffer``
    and are served again by :meth:`readline` and :meth:`read`.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._buffer = b""
        self._eof = False
        # read1 returns what is available without waiting for a full block, so a pipe
        # fed line by line (tail -f | offramp ...) is processed as it arrives.
        self._read_some = getattr(stream, "read1", stream.read)

    def peek(self, size: int = SNIFF_BYTES) -> bytes:
        """At least one read's worth (up to ``size`` bytes) of what comes next, unconsumed."""
        if not self._buffer and not self._eof:
            self._fill(size)
        return self._buffer[:size]

    def peek_content(self) -> bytes:
        """The buffered bytes, read until they include a non-whitespace byte, unconsumed.

        Only whitespace (or nothing) when the stream holds nothing else.
        """
        while not self._buffer.strip() and not self._eof:
            self._fill(SNIFF_BYTES)
        return self._buffer

    def _fill(self, size: int) -> None:
        chunk = self._read_some(size)
        if chunk:
            self._buffer += chunk
        else:
            self._eof = True

    def readline(self, limit: int) -> bytes:
        """The next line including its ``\\n``, or at most ``limit`` bytes of it."""
        if not self._buffer:
            return self._stream.readline(limit)
        end = self._buffer.find(b"\n", 0, limit)
        if end >= 0 or len(self._buffer) >= limit:
            cut = end + 1 if end >= 0 else limit
            line, self._buffer = self._buffer[:cut], self._buffer[cut:]
            return line
        line, self._buffer = self._buffer, b""
        return line + self._stream.readline(limit - len(line))

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes (fewer only at the end of the stream)."""
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        while len(data) < size:
            chunk = self._stream.read(size - len(data))
            if not chunk:
                break
            data += chunk
        return data


def is_binary(head: bytes) -> bool:
    """True when ``head`` (the first bytes of an input) has a NUL byte: not a text file."""
    return b"\0" in head[:SNIFF_BYTES]


def other_unicode(head: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when ``head`` starts with that byte-order mark, else None.

    Checked before :func:`is_binary`: UTF-16 text is full of NUL bytes, and "convert it
    from UTF-16" is a far more useful message than "binary file".
    """
    for bom, name in _OTHER_BOMS:
        if head.startswith(bom):
            return name
    return None


def bom_encoding(head: bytes) -> str | None:
    """The Python codec named by a byte-order mark at the start of ``head``, or None."""
    if head.startswith(UTF8_BOM):
        return "utf-8-sig"
    for bom, name in _OTHER_BOMS:
        if head.startswith(bom):
            # The bare "utf-16"/"utf-32" codecs read the mark and drop it.
            return name.lower()
    return None


def strip_bom(data: bytes) -> bytes:
    """``data`` without a leading UTF-8 byte-order mark (Windows tools often write one)."""
    return data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data


def decode_utf8(data: bytes) -> tuple[str | None, UnicodeDecodeError | None]:
    """``data`` as text, or None and the error when it is not valid UTF-8."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        return None, err


def describe_bad_byte(data: bytes, err: UnicodeDecodeError, *, offset: int = 0) -> str:
    """Where the first undecodable byte of ``data`` is, in words a user can act on.

    ``offset`` is where ``data`` starts in its file, so a JSONL line can name the byte
    position in the whole file as well as the column in its line. Multi-line data names
    the line and column too, so an editor can jump there.
    """
    bad = data[err.start : err.start + 1].hex()
    before = data[: err.start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    # The bytes before the error decoded cleanly, so the column counts characters.
    column = len(before[line_start:].decode("utf-8", "replace")) + 1
    multiline = b"\n" in data.rstrip(b"\r\n")
    where = f"line {line}, column {column}" if multiline else f"column {column}"
    return f"byte 0x{bad} at {where}, byte {offset + err.start} of the file"


def human_size(size: int) -> str:
    """``67108864`` -> ``"64 MiB"``: limits in messages, in the unit people think in."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:g} KiB"
    return f"{size / (1024 * 1024):g} MiB"


def shorten(value: str, width: int = 60) -> str:
    """``value`` cut to ``width`` characters, so a long bad value cannot flood a message."""
    return value if len(value) <= width else value[: width - 1] + "…"


def head_problem(head: bytes, where: str) -> Problem | None:
    """The problem with an input whose first bytes are ``head``, if it is not UTF-8 text.

    Run once per file before any line is parsed, so a binary or UTF-16 file gets one
    clear message instead of one "invalid JSON" per line.
    """
    encoding = other_unicode(head)
    if encoding is not None:
        detail = f"it starts with a {encoding} byte-order mark"
        return problem("E118", where, encoding=encoding, detail=detail)
    if is_binary(head):
        return problem("E113", where)
    return None
