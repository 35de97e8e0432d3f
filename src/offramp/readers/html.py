"""HTML reader: the main text of a saved web page, without its navigation and footer.

Menus, cookie banners, "related stories" and footers are full of short imperative phrases
that the extractor would code as signals, so the page body is found by trafilatura (a
boilerplate remover tuned on news sites), set to favour precision. The page is decoded and
parsed here and only the parsed tree is handed over, with no URL: trafilatura and the date
finder it uses (htmldate) download a page only when given a URL or a string that looks like
one, so nothing is ever fetched.

Example:
    >>> doc = html_document(
    ...     b"<html><body><nav>Home</nav><article><p>Kyiv rejected the plan.</p>"
    ...     b"</article></body></html>", "page.html", "page", ReadReport(), date=None)
    >>> doc.text
    'Kyiv rejected the plan.'
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import trafilatura

from offramp.readers import decoding
from offramp.readers.decoding import describe_bad_byte, human_size
from offramp.readers.report import ReadReport, problem
from offramp.records import Document

HTML_SUFFIXES = (".html", ".htm")

#: Settings for ``trafilatura.bare_extraction``. Precision over recall: boilerplate that
#: slips in becomes false signals, while a lost paragraph only loses a signal. Comments
#: under an article are other people's words, not the article's.
EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "with_metadata": True,
}

#: Settings for the page date (htmldate, through trafilatura): the original publication
#: date from the page's markup only. The opportunistic search of the visible text is off,
#: because a news article is full of other dates (the events it reports), and a wrong
#: ``published`` would misdate every signal in the document.
DATE_OPTIONS: dict[str, Any] = {"original_date": True, "extensive_search": False}

#: How far into the page to look for a ``<meta charset>`` (browsers look at 1024 bytes;
#: pages with long heads put it later).
CHARSET_SCAN_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:+]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([-\w.:+]+)""", re.IGNORECASE)

#: Labels browsers read as windows-1252 (the WHATWG Encoding Standard): pages that say
#: ISO-8859-1 use its curly quotes and dashes in bytes 0x80-0x9F.
_AS_WINDOWS_1252 = {"iso8859-1", "ascii", "latin-1"}


def read_html(path: Path, name: str, report: ReadReport, *, date: str | None) -> Iterator[Document]:
    """The main text of the HTML file ``path`` as one document (none, reported, if it has none)."""
    limit = decoding.MAX_RECORD_BYTES
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    document = html_document(data, name, path.stem, report, date=date)
    if document is not None:
        yield document


def html_document(
    data: bytes, where: str, doc_id: str, report: ReadReport, *, date: str | None
) -> Document | None:
    """The page in ``data`` as a document, or None (reported) when it has no main text.

    ``published`` is ``date`` when given, else the page's own date when its markup has
    one. ``title``, ``url`` (the canonical link) and ``source`` (the site name) come from
    the page's metadata when present.
    """
    limit = decoding.MAX_RECORD_BYTES
    if len(data) > limit:
        hint = "is it really one web page?"
        report.add(problem("E114", where, what="this page", limit=human_size(limit), hint=hint))
        return None
    markup = decode_html(data, where, report)
    if markup is None:
        return None
    try:
        tree = trafilatura.load_html(_html_document_markup(markup))
        result = None
        if tree is not None:
            result = trafilatura.bare_extraction(
                tree, date_extraction_params=DATE_OPTIONS, **EXTRACT_OPTIONS
            )
    # One malformed page must not end a run over thousands: whatever the parser or the
    # extractor raises on it is reported as a problem with this page.
    except Exception as err:
        report.add(problem("E119", where, detail=f"{type(err).__name__}: {err}"))
        return None
    text = getattr(result, "text", None)
    if not text or not text.strip():
        report.add(problem("E111", where))
        return None
    return Document(
        id=doc_id,
        text=text,
        published=date or getattr(result, "date", None) or None,
        source=getattr(result, "sitename", None) or None,
        title=getattr(result, "title", None) or None,
        url=getattr(result, "url", None) or None,
        origin=where,
    )


def decode_html(data: bytes, where: str, report: ReadReport) -> str | None:
    """The page as text, decoded the way a browser would, or None (reported).

    Order: a byte-order mark; valid UTF-8 (a page that decodes as UTF-8 almost surely
    is, whatever it declares); the charset the page declares. A page that is none of
    these is reported rather than guessed at, since a wrong guess garbles names silently.
    """
    encoding = decoding.bom_encoding(data)
    if encoding is None and decoding.is_binary(data):
        report.add(problem("E113", where))
        return None
    if encoding is None:
        text, err = decoding.decode_utf8(data)
        if text is not None:
            return text
        assert err is not None
        declared = declared_charset(data)
        if declared is None:
            detail = describe_bad_byte(data, err) + "; the page declares no charset"
            report.add(problem("E107", where, detail=detail))
            return None
        encoding = declared
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        detail = f"byte 0x{data[err.start : err.start + 1].hex()} at byte {err.start}"
        report.add(problem("E117", where, encoding=encoding, detail=detail))
        return None


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset the page declares, or None if none usable.

    Looks for ``<meta charset=...>``, ``<meta http-equiv=Content-Type content=...;
    charset=...>`` and an XML declaration's ``encoding``.
    """
    head = data[:CHARSET_SCAN_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name in _AS_WINDOWS_1252:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        # A page read as ASCII bytes cannot really be UTF-16; browsers use UTF-8 then,
        # which has already failed.
        return None
    return name


def _html_document_markup(markup: str) -> str:
    """``markup`` ready for the parser: no XML declaration, fragments wrapped in a page.

    The text is already decoded, and lxml refuses decoded text that still declares an
    encoding. trafilatura rejects markup that does not look like a whole page (a saved
    ``<p>...</p>`` fragment), so fragments get an ``<html><body>`` around them.
    """
    stripped = markup.lstrip()
    if stripped.startswith("<?xml"):
        end = stripped.find("?>")
        markup = stripped[end + 2 :] if end >= 0 else stripped
    if "<html" not in markup[:2048].lower():
        markup = f"<html><body>{markup}</body></html>"
    return markup
