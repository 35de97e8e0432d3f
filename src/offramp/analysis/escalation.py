"""The escalation index of a dyad: how much conflict two actors direct at each other.

For each period and direction (A→B, B→A, and both combined) the index is

    index = -(sum of the intensities of the signals) / 10

over the signals whose source is on one side and whose target is on the other, leaving
out commentary (``attributed_by`` set) and past stances. Intensities run from -10
(conflict: ASSAULT is -10, THREATEN -5.8, REJECT -4) to +10 (cooperation: AGREE +5.2,
RETREAT +9), already scaled down by the extractor for hypothetical and conditional
statements and zero for negated ones. Flipping the sign makes higher mean more
escalation; dividing by 10 makes one full-scale attack count 1. The index is a sum, so it
grows with how much the two sides do to each other; ``tone`` is the mean intensity
(-10..10), which does not depend on how many reports there were.

Threats, offers, refusals and attacks are counted apart: THREATEN records and offers
whose stated alternative is a threat; AGREE; REJECT; ASSAULT. Negated and hypothetical
records are not counted as any of these (they did not happen), but keep their scaled
intensity in the index.

A side is a series key. A country (``RUS``) stands for every actor of that country on
that side, civilians and armed groups coded there included, so attacks on Ukrainian towns
count in RUS→UKR; any other key (``PSEREB``, ``NATO``) stands for itself.

Example:
    >>> rows = dyad_escalation(signals, "RUS", "UKR", freq="month")  # doctest: +SKIP
    >>> [(r.label, r.direction, r.index) for r in rows][:2]  # doctest: +SKIP
    [('2025-11', 'RUS→UKR', 1.34), ('2025-11', 'UKR→RUS', 0.2)]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from offramp.analysis.timelines import FREQUENCIES, period_label, period_start
from offramp.records import Actor, Signal, parse_date
from offramp.store import SignalFilter, Store
from offramp.store.keys import is_country_key, series_key

#: Event types counted apart, by the name of their column.
BREAKOUT: dict[str, str] = {
    "threats": "THREATEN",
    "offers": "AGREE",
    "refusals": "REJECT",
    "attacks": "ASSAULT",
}


@dataclass(frozen=True, slots=True)
class DyadPeriod:
    """One row of a dyad's escalation table."""

    label: str
    start: _dt.date
    direction: str  # "RUS→UKR", "UKR→RUS" or "both"
    signals: int
    index: float
    tone: float
    threats: int
    offers: int
    refusals: int
    attacks: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.label,
            "start": self.start.isoformat(),
            "direction": self.direction,
            "signals": self.signals,
            "index": self.index,
            "tone": self.tone,
            "threats": self.threats,
            "offers": self.offers,
            "refusals": self.refusals,
            "attacks": self.attacks,
        }


def on_side(actor: Actor | None, side: str) -> bool:
    """Whether an actor belongs to a dyad side (see the module docstring)."""
    if actor is None:
        return False
    if is_country_key(side):
        return actor.country == side
    return series_key(actor) == side


def dyad_escalation(
    signals: Iterable[Signal], a: str, b: str, *, freq: str = "month"
) -> list[DyadPeriod]:
    """Rows per period: A→B, B→A and both, for periods with at least one signal."""
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {FREQUENCIES}, got {freq!r}")
    forward, backward = f"{a}→{b}", f"{b}→{a}"
    groups: dict[tuple[_dt.date, str], list[Signal]] = {}
    for s in signals:
        if s.attributed_by or s.past:
            continue
        day = parse_date(s.date)
        if day is None:
            continue
        if on_side(s.source, a) and on_side(s.target, b):
            direction = forward
        elif on_side(s.source, b) and on_side(s.target, a):
            direction = backward
        else:
            continue
        start = period_start(day, freq)
        groups.setdefault((start, direction), []).append(s)
        groups.setdefault((start, "both"), []).append(s)
    order = {forward: 0, backward: 1, "both": 2}
    rows = [
        _row(period_label(start, freq), start, direction, members)
        for (start, direction), members in groups.items()
    ]
    rows.sort(key=lambda r: (r.start, order[r.direction]))
    return rows


def _row(label: str, start: _dt.date, direction: str, members: list[Signal]) -> DyadPeriod:
    total = sum(s.intensity for s in members)
    counts = dict.fromkeys(BREAKOUT, 0)
    for s in members:
        if s.negated or s.hypothetical:
            continue
        for name, event_type in BREAKOUT.items():
            if s.event_type == event_type:
                counts[name] += 1
        if (
            s.event_type != "THREATEN"
            and s.alternative is not None
            and s.alternative.event_type == "THREATEN"
        ):
            counts["threats"] += 1
    return DyadPeriod(
        label=label,
        start=start,
        direction=direction,
        signals=len(members),
        index=round(-total / 10.0, 2),
        tone=round(total / len(members), 2),
        **counts,
    )


def side_filter(
    src: str, dst: str, *, since: str | None = None, until: str | None = None
) -> SignalFilter:
    """The store filter for signals from side ``src`` to side ``dst`` (a country stands for
    every actor of that country, any other key for itself)."""
    return SignalFilter(
        source_country=src if is_country_key(src) else None,
        actor=None if is_country_key(src) else src,
        target_country=dst if is_country_key(dst) else None,
        target=None if is_country_key(dst) else dst,
        since=since,
        until=until,
    )


def dyad_signals(
    store: Store, a: str, b: str, *, since: str | None = None, until: str | None = None
) -> list[Signal]:
    """The stored signals between two sides, both directions, for :func:`dyad_escalation`."""
    return [
        *store.iter_signals(side_filter(a, b, since=since, until=until)),
        *store.iter_signals(side_filter(b, a, since=since, until=until)),
    ]
