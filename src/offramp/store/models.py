"""The values the store hands out: filters in, results and stance points out.

Plain dataclasses with no database code, so analysis functions and tests can build them
by hand.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from offramp.records import Document, Signal


@dataclass(frozen=True, slots=True)
class SignalFilter:
    """Which signals to read. Every field is optional; set fields combine with AND.

    Actor fields take series keys (``RUS`` stands for RUSGOV, RUSMIL and RUSMED; see
    :mod:`offramp.store.keys`); ``source_country``/``target_country`` match any actor of
    that country, civilians and armed groups coded there included (used for dyads).

    Example:
        >>> SignalFilter(actor="RUS", issue="war_aims", since="2025-06-01", limit=100)
        ... # doctest: +ELLIPSIS
        SignalFilter(actor='RUS', ...)
    """

    actor: str | None = None
    target: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    source_code: str | None = None
    event_type: str | None = None
    issue: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    doc_id: str | None = None
    #: At most this many signals (None: no limit). Capped reads set ``truncated``.
    limit: int | None = None


class SignalList(list[Signal]):
    """A list of signals that knows whether a limit cut it short."""

    def __init__(self, signals: Iterable[Signal] = (), *, truncated: bool = False) -> None:
        super().__init__(signals)
        #: True when more signals matched than the filter's ``limit``.
        self.truncated = truncated


@dataclass(slots=True)
class IngestResult:
    """What an ingest did: documents added, replaced (content changed) or left unchanged,
    and signals written."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    signals: int = 0

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.unchanged

    def __iadd__(self, other: IngestResult) -> IngestResult:
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.signals += other.signals
        return self

    def summary(self) -> str:
        """One line for people, e.g. ``3 documents added, 1 replaced, 2 unchanged; 14 signals``."""
        return (
            f"{self.added} document{'s' if self.added != 1 else ''} added, "
            f"{self.replaced} replaced, {self.unchanged} unchanged; "
            f"{self.signals} signal{'s' if self.signals != 1 else ''} written"
        )


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as stored, with its provenance."""

    document: Document
    content_hash: str
    extractor_version: str
    ingested_at: _dt.datetime
    signals: int = 0


@dataclass(frozen=True, slots=True)
class StancePoint:
    """One signal's stance on one issue, with what the analysis needs to judge it.

    ``date`` is the signal's own date (null for an undated past stance); ``doc_date`` the
    document's publication date, used to place undated past stances before it.
    """

    signal_id: str
    doc_id: str
    start: int
    end: int
    text: str
    issue: str
    value: float
    date: _dt.date | None
    doc_date: _dt.date | None
    past: bool
    source_code: str
    source_key: str
    speaker_key: str | None = None
    attributed_by: str | None = None
    event_type: str | None = None

    def ref(self) -> dict[str, Any]:
        """The signal ref of SIGNALS.md: ``{doc_id, start, end, date, text}``."""
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "date": self.date.isoformat() if self.date else None,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts for messages and the dashboard."""

    documents: int
    signals: int
    extractor_versions: dict[str, int] = field(default_factory=dict)
    first_date: _dt.date | None = None
    last_date: _dt.date | None = None
