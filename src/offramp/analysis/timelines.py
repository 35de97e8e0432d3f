"""Stance timelines: an actor's own stance on an issue, period by period.

Each period (a calendar month, or an ISO week starting on Monday) gets the mean stance of
the actor's own statements in it (:mod:`.statements`: no commentary, no other actor's
words about it), how many there were, and the evidence. Past stances the text dates are
placed in their own period; undated ones ("in the past, Moscow always insisted ...")
cannot be placed, so they are collected in an ``earlier`` row of their own, listed first.

Example:
    >>> points = store.stance_series("RUS", "war_aims")  # doctest: +SKIP
    >>> rows = stance_timeline(points, actor="RUS")  # doctest: +SKIP
    >>> [(r.label, r.count, r.mean) for r in rows]  # doctest: +SKIP
    [('earlier', 1, -1.0), ('2025-06', 2, -1.0), ..., ('2025-11', 4, 0.5)]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from offramp.analysis.statements import Statement, own_statements
from offramp.store.models import StancePoint

#: Period lengths ``offramp timeline --freq`` and ``offramp dyad --freq`` accept.
FREQUENCIES: tuple[str, ...] = ("month", "week")

#: Label of the row for undated past stances.
EARLIER = "earlier"


@dataclass(frozen=True, slots=True)
class TimelinePeriod:
    """One row of a stance timeline."""

    label: str  # "2025-11", "2025-W47" or "earlier"
    start: _dt.date | None  # first day of the period; None for "earlier"
    mean: float
    count: int
    statements: tuple[Statement, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.label,
            "start": self.start.isoformat() if self.start else None,
            "mean": self.mean,
            "count": self.count,
            "evidence": [ref for s in self.statements for ref in s.refs()],
        }


def period_start(day: _dt.date, freq: str) -> _dt.date:
    """The first day of the month or ISO week that contains ``day``."""
    if freq == "week":
        return day - _dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def period_label(start: _dt.date, freq: str) -> str:
    """``2025-11`` for a month, ``2025-W47`` for an ISO week."""
    if freq == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.strftime("%Y-%m")


def stance_timeline(
    points: Iterable[StancePoint], *, actor: str, freq: str = "month"
) -> list[TimelinePeriod]:
    """The actor's own stance per period (one issue's points), oldest first."""
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {FREQUENCIES}, got {freq!r}")
    pts = list(points)
    undated_past = {(p.doc_id, p.start, p.end) for p in pts if p.past and p.date is None}
    earlier: list[Statement] = []
    buckets: dict[_dt.date, list[Statement]] = {}
    for s in own_statements(pts, actor):
        if s.past and all((p.doc_id, p.start, p.end) in undated_past for p in s.points):
            earlier.append(s)
        else:
            buckets.setdefault(period_start(s.date, freq), []).append(s)
    rows = []
    if earlier:
        rows.append(_row(EARLIER, None, earlier))
    for start in sorted(buckets):
        rows.append(_row(period_label(start, freq), start, buckets[start]))
    return rows


def _row(label: str, start: _dt.date | None, stmts: list[Statement]) -> TimelinePeriod:
    mean = sum(s.value for s in stmts) / len(stmts)
    return TimelinePeriod(label, start, round(mean, 3), len(stmts), tuple(stmts))
