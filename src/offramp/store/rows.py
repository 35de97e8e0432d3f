"""Signal records to table rows and back, and the ids and hashes that key them.

The column order here is the order of the ``signals`` table in :mod:`.schema`; the
round trip ``row_to_signal(signal_row(s)) == s`` is tested.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from offramp.records import (
    Actor,
    Alternative,
    Condition,
    Document,
    Signal,
    Stance,
    parse_date,
)
from offramp.store.keys import series_key

_ACTOR_FIELDS = ("name", "code", "country", "sector")

#: Columns of ``signals`` in table order.
SIGNAL_COLUMNS: tuple[str, ...] = (
    "id",
    "doc_id",
    "seq",
    "start",
    "end",
    "text",
    "date",
    *(f"speaker_{f}" for f in _ACTOR_FIELDS),
    "speaker_key",
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    "source_key",
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    "target_key",
    "event_type",
    "negated",
    "hypothetical",
    "condition_text",
    *(f"condition_actor_{f}" for f in _ACTOR_FIELDS),
    "alternative_text",
    "alternative_event_type",
    "intensity",
    "past",
    "attributed_by",
    "confidence",
    "extractor_version",
    "ingested_at",
)

#: Columns of ``documents`` in table order.
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "text",
    "published",
    "published_date",
    "source",
    "title",
    "url",
    "content_hash",
    "extractor_version",
    "ingested_at",
)


def content_hash(document: Document) -> str:
    """Hash of everything stored about a document that can change its signals or its row:
    text, publication date, source, title and url."""
    payload = json.dumps(
        [document.text, document.published, document.source, document.title, document.url],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def signal_ids(signals: Sequence[Signal]) -> list[str]:
    """Stable ids for a document's signals: a hash of doc_id, start, end, source code,
    event type, attributed_by and negated. Records equal on all of these get ``#2``,
    ``#3``... in the hash, in extraction order, so ids stay unique and reproducible."""
    seen: dict[str, int] = {}
    out = []
    for s in signals:
        key = "\x1f".join(
            [
                s.doc_id,
                str(s.start),
                str(s.end),
                s.source.code,
                s.event_type or "",
                s.attributed_by or "",
                "1" if s.negated else "0",
            ]
        )
        n = seen.get(key, 0) + 1
        seen[key] = n
        if n > 1:
            key += f"\x1f#{n}"
        out.append(hashlib.sha256(key.encode("utf-8")).hexdigest()[:32])
    return out


def document_row(
    document: Document, digest: str, extractor_version: str, now: _dt.datetime
) -> tuple[Any, ...]:
    return (
        document.id,
        document.text,
        document.published,
        parse_date(document.published),
        document.source,
        document.title,
        document.url,
        digest,
        extractor_version,
        now,
    )


def signal_row(
    signal: Signal, signal_id: str, seq: int, extractor_version: str, now: _dt.datetime
) -> tuple[Any, ...]:
    cond = signal.condition
    alt = signal.alternative
    return (
        signal_id,
        signal.doc_id,
        seq,
        signal.start,
        signal.end,
        signal.text,
        parse_date(signal.date),
        *_actor_values(signal.speaker),
        series_key(signal.speaker),
        *_actor_values(signal.source),
        series_key(signal.source),
        *_actor_values(signal.target),
        series_key(signal.target),
        signal.event_type,
        signal.negated,
        signal.hypothetical,
        cond.text if cond else None,
        *_actor_values(cond.actor if cond else None),
        alt.text if alt else None,
        alt.event_type if alt else None,
        float(signal.intensity),
        signal.past,
        signal.attributed_by,
        float(signal.confidence),
        extractor_version,
        now,
    )


def stance_rows(signal: Signal, signal_id: str) -> list[tuple[str, str, float, int]]:
    """One row per issue, in the record's order; a repeated issue keeps its first value
    (the table's key is signal and issue)."""
    by_issue: dict[str, float] = {}
    for s in signal.stances:
        by_issue.setdefault(s.issue, float(s.value))
    return [(signal_id, issue, value, n) for n, (issue, value) in enumerate(by_issue.items())]


def row_to_signal(row: dict[str, Any], stances: Sequence[tuple[str, float]] = ()) -> Signal:
    """The SIGNALS.md record of a stored row (a dict keyed by column name)."""
    cond = None
    if row["condition_text"] is not None:
        cond = Condition(text=row["condition_text"], actor=_actor(row, "condition_actor"))
    alt = None
    if row["alternative_text"] is not None or row["alternative_event_type"] is not None:
        alt = Alternative(
            text=row["alternative_text"] or "", event_type=row["alternative_event_type"]
        )
    source = _actor(row, "source")
    assert source is not None  # NOT NULL column
    date = row["date"]
    return Signal(
        doc_id=row["doc_id"],
        start=int(row["start"]),
        end=int(row["end"]),
        text=row["text"],
        date=date.isoformat() if isinstance(date, _dt.date) else date,
        speaker=_actor(row, "speaker"),
        source=source,
        target=_actor(row, "target"),
        event_type=row["event_type"],
        negated=bool(row["negated"]),
        hypothetical=bool(row["hypothetical"]),
        condition=cond,
        alternative=alt,
        stances=[Stance(issue, float(value)) for issue, value in stances],
        intensity=float(row["intensity"]),
        past=bool(row["past"]),
        attributed_by=row["attributed_by"],
        confidence=float(row["confidence"]),
    )


def _actor_values(actor: Actor | None) -> tuple[Any, ...]:
    if actor is None:
        return (None, None, None, None)
    return (actor.name, actor.code, actor.country, actor.sector)


def _actor(row: dict[str, Any], prefix: str) -> Actor | None:
    code = row[f"{prefix}_code"]
    if code is None:
        return None
    return Actor(
        name=row[f"{prefix}_name"] or code,
        code=code,
        country=row[f"{prefix}_country"],
        sector=row[f"{prefix}_sector"],
    )
