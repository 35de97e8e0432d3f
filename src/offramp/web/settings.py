"""The dashboard's limits, each a named setting with its default and what it is for.

One table (:data:`SETTINGS`) feeds the code, ``offramp serve --help`` and docs/WEB.md, so
a limit is never a bare number buried in a view. Limits exist because the server reads
text written by strangers: every list is capped, every upload measured, every filter
value bounded.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: int | float
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "page_size", 50, "Signals per page in the explorer and the API when no limit is given."
    ),
    Setting("max_page_size", 500, "The largest `limit` the API accepts."),
    Setting(
        "max_csv_rows", 20_000, "Rows in one CSV download; the response says when more matched."
    ),
    Setting("max_upload_bytes", 2_000_000, "Largest request body accepted by a write (bytes)."),
    Setting("max_documents_per_upload", 100, "Documents in one POST /api/documents."),
    Setting("max_filter_chars", 200, "Longest value a filter parameter may have."),
    Setting("max_board_bytes", 200_000, "Largest scenario board (TOML) accepted."),
    Setting("ingest_timeout", 300, "Seconds an upload's ingest may take before it is stopped."),
    Setting("keep_open_seconds", 2.0, "How long an idle server keeps its read connection open."),
    Setting("overview_items", 10, "Rows in each list on the overview page."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def default(name: str) -> int | float:
    """The default value of setting ``name``."""
    return _BY_NAME[name].default


PAGE_SIZE = int(default("page_size"))
MAX_PAGE_SIZE = int(default("max_page_size"))
MAX_CSV_ROWS = int(default("max_csv_rows"))
MAX_UPLOAD_BYTES = int(default("max_upload_bytes"))
MAX_DOCUMENTS_PER_UPLOAD = int(default("max_documents_per_upload"))
MAX_FILTER_CHARS = int(default("max_filter_chars"))
MAX_BOARD_BYTES = int(default("max_board_bytes"))
INGEST_TIMEOUT = float(default("ingest_timeout"))
KEEP_OPEN_SECONDS = float(default("keep_open_seconds"))
OVERVIEW_ITEMS = int(default("overview_items"))

#: Shortest OFFRAMP_TOKEN accepted: a guessable token is no protection.
MIN_TOKEN_CHARS = 16


def settings_markdown() -> str:
    """The settings table of docs/WEB.md."""
    lines = ["| setting | default | meaning |", "|---|---|---|"]
    lines += [f"| `{s.name}` | {s.default:,} | {s.help} |" for s in SETTINGS]
    return "\n".join(lines)
