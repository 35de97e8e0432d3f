"""An actor's own statements on an issue, one per piece of evidence, placed in time.

Timelines and shift detection read an actor's stance from what the actor itself said or
did, not from what others say about it. From the stance points of a series this module
keeps those where:

* the source is the actor (records where the actor is only the target never are);
* nobody interprets the actor: commentary (``attributed_by`` set: analysts, the author,
  "the outside world") is left out;
* the actor speaks for itself: a record whose speaker is another actor ("Ukraine's
  foreign minister said Moscow was not serious about peace") is left out, because
  adversaries characterise each other and mediators summarise;
* the stance has a direction (value not 0) and a date.

Records sharing one evidence span, or overlapping spans of one document, are merged into
one :class:`Statement` (their mean value), so an extractor that emits two records for one
sentence does not count the sentence twice.

A **past** record ("in the past, Moscow always insisted ...") is evidence of an earlier
stance: it is dated at its own date when the text gives one, else placed just before its
document's date. It can stand in a "before" baseline, never as a new statement.

Example:
    >>> own = own_statements(points, "RUS")  # doctest: +SKIP
    >>> [(s.date.isoformat(), s.value) for s in own]  # doctest: +SKIP
    [('2025-09-17', -1.0), ('2025-10-14', -1.0), ('2025-12-19', 0.5)]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from offramp.records import Signal
from offramp.store.keys import series_key
from offramp.store.models import StancePoint


@dataclass(frozen=True, slots=True)
class Statement:
    """One piece of evidence of an actor's stance: a span (or overlapping spans) of one
    document, its mean stance value and where it sits in time."""

    date: _dt.date
    value: float
    past: bool
    doc_id: str
    start: int
    points: tuple[StancePoint, ...] = field(default_factory=tuple)

    @property
    def weight(self) -> float:
        """How much the statement counts: 1 for a firm stance, 0.5 for a hedged one."""
        return min(1.0, abs(self.value))

    @property
    def sign(self) -> int:
        return (self.value > 0) - (self.value < 0)

    @property
    def order(self) -> tuple[_dt.date, int, str, int]:
        """Sort key: date, then past before current on one date, then document order."""
        return (self.date, 0 if self.past else 1, self.doc_id, self.start)

    def refs(self) -> list[dict[str, Any]]:
        """Signal refs of the evidence (one per distinct span)."""
        out: list[dict[str, Any]] = []
        seen: set[tuple[int, int]] = set()
        for p in self.points:
            if (p.start, p.end) not in seen:
                seen.add((p.start, p.end))
                out.append(p.ref())
        return out


def is_own(point: StancePoint, actor: str) -> bool:
    """Whether a stance point is the actor's own statement (see the module docstring)."""
    if point.source_key != actor or point.attributed_by:
        return False
    if point.speaker_key is not None and point.speaker_key != actor:
        return False
    return point.value != 0


def effective_date(point: StancePoint) -> _dt.date | None:
    """When the stance held: the record's date; for an undated past stance, the day
    before its document (only its order matters: before the document's own statements)."""
    if point.date is not None:
        return point.date
    if point.doc_date is None:
        return None
    return point.doc_date - _dt.timedelta(days=1) if point.past else point.doc_date


def own_statements(points: Iterable[StancePoint], actor: str) -> list[Statement]:
    """The actor's own statements among ``points`` (one issue), merged per evidence span
    and sorted in time."""
    groups: dict[tuple[str, bool], list[StancePoint]] = {}
    for p in points:
        if is_own(p, actor) and effective_date(p) is not None:
            groups.setdefault((p.doc_id, p.past), []).append(p)
    out: list[Statement] = []
    for (_, past), members in groups.items():
        for cluster in _overlapping(members):
            date = min(d for d in (effective_date(p) for p in cluster) if d is not None)
            value = sum(p.value for p in cluster) / len(cluster)
            if value == 0:
                continue
            out.append(
                Statement(
                    date=date,
                    value=value,
                    past=past,
                    doc_id=cluster[0].doc_id,
                    start=cluster[0].start,
                    points=tuple(cluster),
                )
            )
    out.sort(key=lambda s: s.order)
    return out


def _overlapping(points: Sequence[StancePoint]) -> list[list[StancePoint]]:
    """Points of one document grouped into runs of overlapping spans."""
    ordered = sorted(points, key=lambda p: (p.start, p.end))
    clusters: list[list[StancePoint]] = []
    end = -1
    for p in ordered:
        if clusters and p.start < end:
            clusters[-1].append(p)
            end = max(end, p.end)
        else:
            clusters.append([p])
            end = p.end
    return clusters


def stance_points(
    signals: Iterable[Signal], doc_dates: dict[str, str | None] | None = None
) -> list[StancePoint]:
    """Stance points of signals (one per stance), for analysis without a store.

    ``doc_dates`` maps document ids to publication dates, used to place undated past
    stances; without it a signal's own date stands in.
    """
    doc_dates = doc_dates or {}
    out = []
    for n, s in enumerate(signals):
        date = _dt.date.fromisoformat(s.date[:10]) if s.date else None
        published = doc_dates.get(s.doc_id)
        doc_date = _dt.date.fromisoformat(published[:10]) if published else date
        for st in s.stances:
            out.append(
                StancePoint(
                    signal_id=f"{s.doc_id}:{n}",
                    doc_id=s.doc_id,
                    start=s.start,
                    end=s.end,
                    text=s.text,
                    issue=st.issue,
                    value=float(st.value),
                    date=date,
                    doc_date=doc_date,
                    past=s.past,
                    source_code=s.source.code,
                    source_key=series_key(s.source) or s.source.code,
                    speaker_key=series_key(s.speaker),
                    attributed_by=s.attributed_by,
                    event_type=s.event_type,
                )
            )
    return out
