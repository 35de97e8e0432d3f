"""Scenario boards scored from the evidence store, in the manner of ACH.

An analyst's Analysis-of-Competing-Hypotheses matrix, filled from stored signals: each
signal that bears on one of the board's indicators (:mod:`.evidence`) is a piece of
evidence with its quote; it is rated consistent, inconsistent or neutral with each
scenario by the direction the indicator expects there; it is weighted by credibility,
strength, relevance and recency; and the scenarios are ranked by weighted inconsistency
(:mod:`.ach` has the formulas, docs/SCENARIOS.md the method and a worked example).

Two more things an analyst asks of such a matrix:

* **Sensitivity** (leave-one-out): which pieces of evidence the ranking hinges on. Each
  piece is removed in turn — its sentence drops out of every indicator, and narrative
  shifts are detected again without it — and the board is scored again.
* **History**: the board as it stood at each month end up to the as-of date, scored
  only from what had been published by then.

Stances from before an actor's latest **narrative shift** on an issue (found by
:func:`~offramp.analysis.shifts.find_shifts` on what was known at the as-of date) describe
a position the actor has since left; they count ``superseded_weight`` (0 by default).

Example:
    >>> from offramp.store import Store
    >>> result = score_board(Store.open("offramp.duckdb"), default_board())  # doctest: +SKIP
    >>> [(s.scenario.name, s.rank, s.score) for s in result.ranked()]  # doctest: +SKIP
    [('limited negotiations', 1, 1.0), ('further advance', 2, 0.55), ...]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from offramp.analysis.ach import DECIMALS, Piece, Tally, rating, recency, tally
from offramp.analysis.boards import (
    Board,
    BoardSettings,
    Indicator,
    Scenario,
    default_board,
    load_board,
    packaged_board,
    parse_board,
)
from offramp.analysis.evidence import Candidate, Evidence, candidates, merge, remove_overlapping
from offramp.analysis.shifts import DetectedShift, find_shifts
from offramp.store import SignalFilter, StancePoint, Store

__all__ = [
    "MAX_LEAVE_ONE_OUT",
    "Board",
    "BoardInputs",
    "BoardScore",
    "BoardSettings",
    "HistoryPoint",
    "Indicator",
    "Removal",
    "Scenario",
    "ScenarioScore",
    "ScoredEvidence",
    "Sensitivity",
    "default_board",
    "load_board",
    "packaged_board",
    "parse_board",
    "read_inputs",
    "score_board",
    "score_inputs",
]

#: At most this many pieces of evidence are each left out in turn (the largest first);
#: ``Sensitivity.truncated`` says when there were more.
MAX_LEAVE_ONE_OUT = 300
#: Pieces of evidence listed as most influential.
MAX_INFLUENTIAL = 5

_Span = tuple[str, int, int]
_Series = tuple[str, str]


# -- inputs --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BoardInputs:
    """What scoring reads from the store: evidence candidates per indicator, and the stance
    series narrative shifts are detected on."""

    candidates: tuple[Candidate, ...]
    series: dict[_Series, tuple[StancePoint, ...]] = field(default_factory=dict)

    @property
    def latest(self) -> _dt.date | None:
        """When the newest evidence became known."""
        return max((c.known for c in self.candidates), default=None)


def read_inputs(store: Store, board: Board) -> BoardInputs:
    """Read every signal that may bear on ``board`` (all dates) and the stance series of its
    stance indicators: one read per actor, each row offered to that actor's indicators."""
    by_actor: dict[str, list[Indicator]] = {}
    for ind in board.indicators:
        for actor in ind.actors:
            by_actor.setdefault(actor, []).append(ind)
    found: list[Candidate] = []
    series: dict[_Series, tuple[StancePoint, ...]] = {}
    for actor, inds in by_actor.items():
        rows = list(store.iter_rows(SignalFilter(actor=actor)))
        for ind in inds:
            found += candidates(rows, ind)
        issues = {ind.issue for ind in inds if ind.issue}
        if issues:
            points = store.stance_series(actor)
            for issue in sorted(issues):
                series[(actor, issue)] = tuple(p for p in points if p.issue == issue)
    return BoardInputs(tuple(found), series)


def score_board(store: Store, board: Board, *, as_of: _dt.date | None = None) -> BoardScore:
    """The board scored from the store as of ``as_of`` (default: the newest stored signal),
    with leave-one-out sensitivity and the history up to that date."""
    inputs = read_inputs(store, board)
    if as_of is None:
        as_of = store.stats().last_date or inputs.latest
    return score_inputs(inputs, board, as_of=as_of)


# -- results --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoredEvidence:
    """A piece of evidence with its weights and its rating against each scenario."""

    evidence: Evidence
    indicator: Indicator
    piece: Piece
    recency: float
    #: The date of the narrative shift that superseded it, if one did.
    superseded_by: str | None = None

    @property
    def contribution(self) -> float:
        return self.piece.contribution

    def rating(self, names: Sequence[str], scenario: str) -> int:
        return self.piece.ratings[list(names).index(scenario)]

    def to_dict(self, names: Sequence[str]) -> dict[str, Any]:
        e, lead = self.evidence, self.evidence.lead
        rated = dict(zip(names, self.piece.ratings, strict=True))
        return {
            "id": f"{e.indicator}:{e.doc_id}:{e.start}",
            "indicator": e.indicator,
            "doc_id": e.doc_id,
            "start": lead.start,
            "end": lead.end,
            "date": lead.date.isoformat() if lead.date else None,
            "when": e.when.isoformat(),
            "text": lead.text,
            "source": lead.source_code,
            "speaker": lead.speaker_code,
            "target": lead.target_code,
            "event_type": lead.event_type,
            "stance": round(e.value, DECIMALS) if lead.kind == "stance" else None,
            "past": lead.past,
            "observed": "+" if e.observed > 0 else "-" if e.observed < 0 else "0",
            "weight": round(self.piece.weight, DECIMALS),
            "credibility": e.credibility,
            "basis": e.basis,
            "strength": round(e.strength, DECIMALS),
            "relevance": self.indicator.weight,
            "recency": round(self.recency, DECIMALS),
            "superseded_by": self.superseded_by,
            "diagnosticity": self.piece.diagnosticity,
            "contribution": round(self.contribution, DECIMALS),
            "consistent_with": [n for n, r in rated.items() if r > 0],
            "inconsistent_with": [n for n, r in rated.items() if r < 0],
            "document": {
                "title": lead.title,
                "publisher": lead.publisher,
                "url": lead.url,
                "published": lead.published,
            },
        }


@dataclass(frozen=True, slots=True)
class ScenarioScore:
    """One scenario's standing: rank, score S, consistency C, inconsistency I, and the
    evidence rated consistent or inconsistent with it (largest contribution first)."""

    scenario: Scenario
    rank: int
    score: float
    consistency: float
    inconsistency: float
    evidence: tuple[ScoredEvidence, ...]

    def to_dict(self, names: Sequence[str]) -> dict[str, Any]:
        items = []
        for se in self.evidence:
            d = se.to_dict(names)
            d["rating"] = (
                "consistent" if se.rating(names, self.scenario.name) > 0 else "inconsistent"
            )
            items.append(d)
        return {
            "name": self.scenario.name,
            "description": self.scenario.description,
            "rank": self.rank,
            "score": self.score,
            "consistency": self.consistency,
            "inconsistency": self.inconsistency,
            "evidence": items,
        }


@dataclass(frozen=True, slots=True)
class Removal:
    """The board without one piece of evidence (its sentence, in every indicator)."""

    doc_id: str
    start: int
    end: int
    text: str
    date: str | None
    indicators: tuple[str, ...]
    top_without: str
    #: The original top scenario's lead over the best other scenario, without the piece.
    lead_without: float
    #: ``lead_without`` minus the lead with all evidence.
    change: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "date": self.date,
            "indicators": list(self.indicators),
            "top_without": self.top_without,
            "lead_without": self.lead_without,
            "change": self.change,
        }


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """Leave-one-out: the pieces whose removal changes the top scenario, and those that move
    its lead most."""

    top: str | None
    #: Score of the top scenario minus the runner-up's.
    lead: float
    changes_top: tuple[Removal, ...] = ()
    influential: tuple[Removal, ...] = ()
    tested: int = 0
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "top": self.top,
            "lead": self.lead,
            "changes_top": [r.to_dict() for r in self.changes_top],
            "influential": [r.to_dict() for r in self.influential],
            "tested": self.tested,
            "truncated": self.truncated,
        }


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """The board as it stood on one date."""

    date: _dt.date
    top: str
    evidence: int
    scores: dict[str, float]
    inconsistency: dict[str, float]
    ranks: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "top": self.top,
            "evidence": self.evidence,
            "scores": self.scores,
            "inconsistency": self.inconsistency,
            "ranks": self.ranks,
        }


@dataclass(frozen=True, slots=True)
class BoardScore:
    """A scored board: ranking, evidence, the shifts that superseded evidence, sensitivity
    and history. :meth:`to_dict` is the JSON of ``offramp scenarios --format json``."""

    board: Board
    as_of: _dt.date | None
    tally: Tally
    evidence: tuple[ScoredEvidence, ...]
    shifts: tuple[DetectedShift, ...]
    sensitivity: Sensitivity
    history: tuple[HistoryPoint, ...]

    @property
    def top(self) -> Scenario:
        """The first-ranked scenario (the first in board order when several tie)."""
        return self.board.scenarios[self.tally.top]

    def leaders(self) -> list[str]:
        """Every scenario ranked first: more than one when the evidence does not separate
        them."""
        return [n for i, n in enumerate(self.board.names) if self.tally.rank(i) == 1]

    def ranked(self) -> list[ScenarioScore]:
        """The scenarios, best first."""
        names = self.board.names
        out = []
        for i in self.tally.order:
            name = names[i]
            bearing = [
                se for se in self.evidence if se.contribution > 0 and se.rating(names, name) != 0
            ]
            bearing.sort(key=lambda se: -se.contribution)
            out.append(
                ScenarioScore(
                    scenario=self.board.scenarios[i],
                    rank=self.tally.rank(i),
                    score=self.tally.scores[i],
                    consistency=self.tally.consistency[i],
                    inconsistency=self.tally.inconsistency[i],
                    evidence=tuple(bearing),
                )
            )
        return out

    def history_of(self, name: str) -> list[tuple[_dt.date, int, float]]:
        """(date, rank, score) of one scenario through the history."""
        return [(h.date, h.ranks[name], h.scores[name]) for h in self.history]

    def to_dict(self) -> dict[str, Any]:
        names = self.board.names
        return {
            "question": self.board.question,
            "description": self.board.description,
            "board": self.board.path,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "settings": self.board.settings.to_dict(),
            "leaders": self.leaders(),
            "total": self.tally.total,
            "scenarios": [s.to_dict(names) for s in self.ranked()],
            "indicators": [
                ind.to_dict(self.board.scenarios)
                | {"evidence": sum(1 for se in self.evidence if se.indicator.id == ind.id)}
                for ind in self.board.indicators
            ],
            "evidence": [se.to_dict(names) for se in self.evidence],
            "shifts": [d.to_dict() for d in self.shifts],
            "sensitivity": self.sensitivity.to_dict(),
            "history": [h.to_dict() for h in self.history],
        }


# -- scoring --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Evaluation:
    tally: Tally
    evidence: tuple[ScoredEvidence, ...]
    shifts: dict[_Series, DetectedShift]


def score_inputs(inputs: BoardInputs, board: Board, *, as_of: _dt.date | None) -> BoardScore:
    """The pure part of :func:`score_board`: ranking, sensitivity and history from inputs."""
    if as_of is None:
        empty = _evaluate(BoardInputs(()), board, _dt.date.min, None)
        return BoardScore(board, None, empty.tally, (), (), Sensitivity(None, 0.0), ())
    base = _evaluate(inputs, board, as_of, None)
    return BoardScore(
        board=board,
        as_of=as_of,
        tally=base.tally,
        evidence=base.evidence,
        shifts=tuple(sorted(base.shifts.values(), key=lambda d: d.shift.date)),
        sensitivity=_sensitivity(inputs, board, as_of, base),
        history=tuple(_history(inputs, board, as_of)),
    )


def _evaluate(
    inputs: BoardInputs,
    board: Board,
    as_of: _dt.date,
    removed: _Span | None,
    base_shifts: dict[_Series, DetectedShift] | None = None,
) -> _Evaluation:
    """Score the board as of ``as_of``, optionally without one span of one document."""
    indicators = {ind.id: ind for ind in board.indicators}
    known = [c for c in inputs.candidates if _usable(c, indicators[c.indicator], as_of)]
    if removed is not None:
        known = remove_overlapping(known, *removed)
    shifts = _shifts(inputs, as_of, removed, base_shifts)
    names = board.names
    settings = board.settings
    scored = []
    for e in merge(known):
        ind = indicators[e.indicator]
        ratings = tuple(rating(ind.direction(n), e.observed) for n in names)
        fresh = recency((as_of - e.when).days, settings.half_life_days)
        superseded = _superseded_by(e, ind, shifts)
        weight = e.credibility * e.strength * ind.weight * fresh
        if superseded is not None:
            weight *= settings.superseded_weight
        scored.append(ScoredEvidence(e, ind, Piece(weight, ratings), fresh, superseded))
    return _Evaluation(tally([s.piece for s in scored], len(names)), tuple(scored), shifts)


def _usable(c: Candidate, ind: Indicator, as_of: _dt.date) -> bool:
    """Known by ``as_of``, holding by then, and inside the indicator's time window."""
    if c.known > as_of or c.when > as_of:
        return False
    if ind.since and c.when < ind.since:
        return False
    if ind.until and c.when > ind.until:
        return False
    return not (ind.within_days is not None and (as_of - c.when).days > ind.within_days)


def _shifts(
    inputs: BoardInputs,
    as_of: _dt.date,
    removed: _Span | None,
    base: dict[_Series, DetectedShift] | None,
) -> dict[_Series, DetectedShift]:
    """The latest narrative shift of each stance series, from what was known by ``as_of``
    (reusing ``base`` for series the removed span does not touch)."""
    out: dict[_Series, DetectedShift] = {}
    for key, points in inputs.series.items():
        if base is not None and (removed is None or not _touches(points, removed)):
            if key in base:
                out[key] = base[key]
            continue
        visible = [p for p in points if _point_known(p, as_of)]
        if removed is not None:
            doc_id, start, end = removed
            visible = [
                p for p in visible if not (p.doc_id == doc_id and p.start < end and start < p.end)
            ]
        found = find_shifts(visible, actor=key[0], issue=key[1])
        if found:
            out[key] = found[-1]
    return out


def _point_known(p: StancePoint, as_of: _dt.date) -> bool:
    published = p.doc_date or p.date
    return published is not None and published <= as_of and (p.date is None or p.date <= as_of)


def _touches(points: Sequence[StancePoint], span: _Span) -> bool:
    doc_id, start, end = span
    return any(p.doc_id == doc_id and p.start < end and start < p.end for p in points)


def _superseded_by(e: Evidence, ind: Indicator, shifts: dict[_Series, DetectedShift]) -> str | None:
    """The date of the shift that left this stance behind, if any: the evidence holds
    before the shift's first statement (earlier, or a past record on the day)."""
    if not ind.issue:
        return None
    found = shifts.get((e.lead.source_key, ind.issue))
    if found is None:
        return None
    date = _dt.date.fromisoformat(found.shift.date)
    before = e.when < date or (e.when == date and all(c.past for c in e.members))
    return found.shift.date if before else None


def _sensitivity(
    inputs: BoardInputs, board: Board, as_of: _dt.date, base: _Evaluation
) -> Sensitivity:
    """Leave each piece of evidence out in turn (largest contribution first)."""
    names = board.names
    top = base.tally.top
    lead = base.tally.lead(top)
    spans: dict[_Span, list[ScoredEvidence]] = {}
    for se in sorted(base.evidence, key=lambda s: -s.contribution):
        if se.contribution <= 0 and se.superseded_by is None:
            continue
        e = se.evidence
        spans.setdefault((e.doc_id, e.start, e.end), []).append(se)
    tested = list(spans.items())[:MAX_LEAVE_ONE_OUT]
    removals = []
    for span, members in tested:
        without = _evaluate(inputs, board, as_of, span, base.shifts)
        lead_without = round(without.tally.lead(top), DECIMALS)
        lead_member = members[0].evidence.lead
        removals.append(
            Removal(
                doc_id=span[0],
                start=lead_member.start,
                end=lead_member.end,
                text=lead_member.text,
                date=lead_member.date.isoformat() if lead_member.date else None,
                indicators=tuple(dict.fromkeys(m.indicator.id for m in members)),
                top_without=names[without.tally.top],
                lead_without=lead_without,
                change=round(lead_without - lead, DECIMALS),
            )
        )
    changes = tuple(r for r in removals if r.top_without != names[top])
    influential = sorted((r for r in removals if r.change != 0), key=lambda r: -abs(r.change))
    return Sensitivity(
        top=names[top],
        lead=round(lead, DECIMALS),
        changes_top=changes,
        influential=tuple(influential[:MAX_INFLUENTIAL]),
        tested=len(tested),
        truncated=len(spans) > len(tested),
    )


def _history(inputs: BoardInputs, board: Board, as_of: _dt.date) -> list[HistoryPoint]:
    """The board at each month end from the first evidence up to ``as_of``, and at
    ``as_of``."""
    names = board.names
    first = min((c.known for c in inputs.candidates if c.known <= as_of), default=as_of)
    out = []
    for day in _month_ends(first, as_of):
        ev = _evaluate(inputs, board, day, None)
        t = ev.tally
        out.append(
            HistoryPoint(
                date=day,
                top=names[t.top],
                evidence=sum(1 for s in ev.evidence if s.contribution > 0),
                scores=dict(zip(names, t.scores, strict=True)),
                inconsistency=dict(zip(names, t.inconsistency, strict=True)),
                ranks={n: t.rank(i) for i, n in enumerate(names)},
            )
        )
    return out


def _month_ends(first: _dt.date, last: _dt.date) -> list[_dt.date]:
    """Month ends from ``first``'s month up to ``last`` (excluded when after it), then
    ``last``."""
    out = []
    year, month = first.year, first.month
    while True:
        nxt = _dt.date(year + month // 12, month % 12 + 1, 1)
        end = nxt - _dt.timedelta(days=1)
        if end >= last:
            break
        out.append(end)
        year, month = nxt.year, nxt.month
    out.append(last)
    return out
