"""Which stored signals are evidence for a board's indicators, and how much each counts.

A stored signal is evidence for an indicator when its source belongs to one of the
indicator's actors (a series: ``RUS`` is Russia's government, military and state media)
and it carries the indicator's stance (non-zero) or is one of its event types aimed at one
of its targets. Left out, and why:

* **commentary** (``attributed_by`` set: the author, analysts, "the outside world"): the
  board is the analyst's interpretation; an article's own reading of the actors would be
  counted as if the actors had said it, and opinion pieces would argue for their own
  conclusion. (A documented choice; docs/SCENARIOS.md.)
* **negated events** ("denied shelling the town"): no act happened, and a denial is no
  evidence that attacks stopped.
* records with no date and no document date: they cannot be placed in time.

Each signal's **credibility** says who vouches for it: 1.0 when the actor's own office
holder is the speaker ("Putin said ..."), 0.75 when the report names no speaker (an act
reported as fact, a statement put to the actor as a whole), 0.5 when another party
claims it ("Ukraine's army said Russian forces ..."). Its **strength** is the stance's
size (1 firm, 0.5 hedged or conditional) or, for events, 0.5 when the act is hypothetical
or conditional and 1 otherwise.

**Time.** A record holds at its own date; an undated ``past`` record ("in the past, Moscow
always insisted ...") just before its document, like :mod:`.statements` places it, so it
never counts as a current statement. A record is **known** from its document's
publication date: an as-of board only sees what had been published by then.

Records of one document that overlap and bear on the same indicator are one piece of
evidence (their mean stance), so a sentence coded twice counts once.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from offramp.analysis.boards import Indicator
from offramp.records import parse_date
from offramp.store.keys import is_country_key

#: Credibility of a signal by who vouches for it (docs/SCENARIOS.md, "Weights").
CREDIBILITY: dict[str, float] = {"own": 1.0, "unnamed": 0.75, "other": 0.5}
#: Strength of a hypothetical or conditional act.
HEDGED = 0.5


@dataclass(frozen=True, slots=True)
class Candidate:
    """One stored signal that bears on one indicator."""

    indicator: str
    signal_id: str
    doc_id: str
    start: int
    end: int
    text: str
    #: The signal's own date (None for an undated past record).
    date: _dt.date | None
    #: When it holds: its date, or the day before its document for an undated past record.
    when: _dt.date
    #: When it became known: its document's publication date (else ``when``).
    known: _dt.date
    #: The stance value, or +1.0 for an event that happened.
    value: float
    strength: float
    credibility: float
    basis: str
    source_key: str
    source_code: str
    speaker_code: str | None
    target_code: str | None
    event_type: str | None
    past: bool
    kind: str  # "stance" or "event"
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A piece of evidence: one indicator's overlapping records in one document."""

    indicator: str
    members: tuple[Candidate, ...]

    @property
    def lead(self) -> Candidate:
        """The member whose span and attribution represent the piece (the longest span)."""
        return max(self.members, key=lambda c: (c.end - c.start, c.credibility, -c.start))

    @property
    def key(self) -> tuple[str, str, int]:
        """Stable identity: indicator, document and first offset."""
        return (self.indicator, self.doc_id, self.start)

    @property
    def doc_id(self) -> str:
        return self.members[0].doc_id

    @property
    def start(self) -> int:
        return min(c.start for c in self.members)

    @property
    def end(self) -> int:
        return max(c.end for c in self.members)

    @property
    def when(self) -> _dt.date:
        return min(c.when for c in self.members)

    @property
    def known(self) -> _dt.date:
        return min(c.known for c in self.members)

    @property
    def value(self) -> float:
        """Mean stance (or +1 for events)."""
        return sum(c.value for c in self.members) / len(self.members)

    @property
    def observed(self) -> int:
        """+1 or -1: which way the evidence points (0 when merged stances cancel)."""
        v = self.value
        return (v > 0) - (v < 0)

    @property
    def strength(self) -> float:
        lead = self.lead
        if lead.kind == "stance":
            return min(1.0, abs(self.value))
        return max(c.strength for c in self.members)

    @property
    def credibility(self) -> float:
        return max(c.credibility for c in self.members)

    @property
    def basis(self) -> str:
        return max(self.members, key=lambda c: c.credibility).basis

    def overlaps(self, doc_id: str, start: int, end: int) -> bool:
        return doc_id == self.doc_id and start < self.end and self.start < end


def candidates(rows: Iterable[dict[str, Any]], indicator: Indicator) -> list[Candidate]:
    """The stored rows (``Store.iter_rows`` dicts) that are evidence for ``indicator``."""
    out = []
    for row in rows:
        c = candidate(row, indicator)
        if c is not None:
            out.append(c)
    return out


def candidate(row: dict[str, Any], indicator: Indicator) -> Candidate | None:
    """A row as evidence for ``indicator``, or None when it is not (module docstring)."""
    if row.get("attributed_by") or row["source_key"] not in indicator.actors:
        return None
    if indicator.issue:
        values = [v for issue, v in row.get("stances") or () if issue == indicator.issue]
        if not values or values[0] == 0:
            return None
        value = float(values[0])
        strength = min(1.0, abs(value))
        kind = "stance"
    else:
        if row["event_type"] not in indicator.event_types or row["negated"]:
            return None
        if indicator.targets and not any(_targets(row, t) for t in indicator.targets):
            return None
        value = 1.0
        strength = HEDGED if row["hypothetical"] or row.get("condition_text") else 1.0
        kind = "event"
    date = parse_date(row["date"])
    doc_date = parse_date(row.get("published"))
    when = _when(date, doc_date, past=bool(row["past"]))
    if when is None:
        return None
    credibility, basis = _credibility(row)
    return Candidate(
        indicator=indicator.id,
        signal_id=str(row["id"]),
        doc_id=str(row["doc_id"]),
        start=int(row["start"]),
        end=int(row["end"]),
        text=str(row["text"]),
        date=date,
        when=when,
        known=max(doc_date, when) if doc_date else when,
        value=value,
        strength=strength,
        credibility=credibility,
        basis=basis,
        source_key=row["source_key"],
        source_code=row["source_code"],
        speaker_code=row.get("speaker_code"),
        target_code=row.get("target_code"),
        event_type=row["event_type"],
        past=bool(row["past"]),
        kind=kind,
        title=row.get("title"),
        publisher=row.get("doc_source"),
        url=row.get("url"),
        published=str(row["published"]) if row.get("published") is not None else None,
    )


def merge(cands: Iterable[Candidate]) -> list[Evidence]:
    """Pieces of evidence: each indicator's overlapping candidates of one document (and the
    same tense: a past record is never merged with a current one), in time order."""
    groups: dict[tuple[str, str, bool], list[Candidate]] = {}
    for c in cands:
        groups.setdefault((c.indicator, c.doc_id, c.past), []).append(c)
    out = []
    for (indicator, _, _), members in groups.items():
        members.sort(key=lambda c: (c.start, c.end))
        cluster: list[Candidate] = []
        end = -1
        for c in members:
            if cluster and c.start < end:
                cluster.append(c)
                end = max(end, c.end)
                continue
            if cluster:
                out.append(Evidence(indicator, tuple(cluster)))
            cluster, end = [c], c.end
        if cluster:
            out.append(Evidence(indicator, tuple(cluster)))
    out.sort(key=lambda e: (e.when, e.doc_id, e.start, e.indicator))
    return out


def _when(date: _dt.date | None, doc_date: _dt.date | None, *, past: bool) -> _dt.date | None:
    if date is not None:
        return date
    if doc_date is None:
        return None
    return doc_date - _dt.timedelta(days=1) if past else doc_date


def _credibility(row: dict[str, Any]) -> tuple[float, str]:
    speaker_key = row.get("speaker_key")
    if speaker_key is None:
        return CREDIBILITY["unnamed"], "reported, no named speaker"
    who = _who(row.get("speaker_name"), row.get("speaker_code") or speaker_key)
    if speaker_key == row["source_key"]:
        return CREDIBILITY["own"], f"on record ({who})"
    return CREDIBILITY["other"], f"claimed by {who}"


def _who(name: str | None, code: str) -> str:
    """``Putin, RUSGOV`` (the name as written, and the code that says who it is)."""
    return f"{name}, {code}" if name and name != code else code


def _targets(row: dict[str, Any], side: str) -> bool:
    """Whether the row's target is on ``side``: any actor of a country, else the series."""
    if is_country_key(side):
        return row.get("target_country") == side
    return row.get("target_key") == side


def remove_overlapping(
    cands: Sequence[Candidate], doc_id: str, start: int, end: int
) -> list[Candidate]:
    """``cands`` without those whose span overlaps ``[start, end)`` of ``doc_id``."""
    return [c for c in cands if not (c.doc_id == doc_id and c.start < end and start < c.end)]
