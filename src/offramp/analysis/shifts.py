"""Narrative shifts: when an actor's own stance on an issue changes direction and stays.

The method (docs/SHIFTS.md explains it with examples):

1. **Evidence.** The actor's own statements on the issue (:mod:`.statements`): no
   commentary, no other actor's words about it, one statement per evidence span, past
   stances placed before the document that reports them.
2. **Model.** Within a stable regime the actor's statements point one way with some
   probability ``p``; a statement counts ``|value|`` (1 firm, 0.5 hedged) towards the
   positive or negative side. With a Beta(a, a) prior on ``p`` (Jeffreys, a = 0.5) the
   marginal likelihood of a run of statements is ``B(a + pos, a + neg) / B(a, a)``.
3. **Test.** A change after statement k is scored by the Bayes factor of "two regimes,
   split at k" against "one regime": ``BF = m(before) * m(after) / m(all)``. It is large
   only when both sides are internally consistent and point different ways, so a single
   contrary statement, or a mixed stretch, scores low.
4. **Search.** Binary segmentation: take the best admissible split of the series; if it
   passes, search both halves again; finally re-check every change against its
   neighbouring segments. A split is admissible when the first statement after it is a
   current (not past) statement on a later date or after the past statements of its day,
   there are at least ``min_before`` statements before it and ``min_after`` current
   statements after it, and the two sides' mean stances have opposite signs.
5. **Report.** A split passes when ``BF >= min_bayes_factor`` (9: a posterior probability
   of a change of at least 0.9 at even prior odds). The shift is dated at the first
   statement of the new regime; ``before``/``after`` are the mean stance of the two
   segments, ``score`` is ``BF / (1 + BF)``, and the evidence is the statements nearest
   the change on each side.

Example:
    >>> shifts = find_shifts(store.stance_series("RUS", "war_aims"))  # doctest: +SKIP
    >>> shifts[0].shift.date  # doctest: +SKIP
    '2025-11-22'
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from offramp.analysis.statements import Statement, own_statements
from offramp.records import Shift
from offramp.store.models import StancePoint


@dataclass(frozen=True, slots=True)
class ShiftParams:
    """The parameters of shift detection (docs/SHIFTS.md says why each has its value)."""

    #: Beta(prior, prior) on the share of positive statements within a regime; 0.5 is
    #: Jeffreys' prior, which expects an actor to lean clearly one way.
    prior: float = 0.5
    #: Bayes factor a change needs; 9 means a posterior of 0.9 at even prior odds.
    min_bayes_factor: float = 9.0
    #: Statements needed before the change (past stances count here).
    min_before: int = 2
    #: Current statements needed after the change.
    min_after: int = 2
    #: Statements cited on each side of a shift.
    max_evidence: int = 5


DEFAULT_PARAMS = ShiftParams()


@dataclass(frozen=True, slots=True)
class DetectedShift:
    """A shift (the SIGNALS.md record) and the figures behind it."""

    shift: Shift
    bayes_factor: float
    n_before: int
    n_after: int

    def to_dict(self) -> dict[str, Any]:
        """Exactly the SIGNALS.md shift record."""
        return self.shift.to_dict()


@dataclass(frozen=True, slots=True)
class _Split:
    index: int
    log_bf: float


def find_shifts(
    points: Iterable[StancePoint],
    *,
    actor: str | None = None,
    issue: str | None = None,
    since: _dt.date | None = None,
    params: ShiftParams = DEFAULT_PARAMS,
) -> list[DetectedShift]:
    """Shifts in every (actor, issue) series found in ``points``, or only in the one
    given, dated on or after ``since``; sorted by date, then actor and issue."""
    series: dict[tuple[str, str], list[StancePoint]] = {}
    for p in points:
        if (actor is None or p.source_key == actor) and (issue is None or p.issue == issue):
            series.setdefault((p.source_key, p.issue), []).append(p)
    found: list[DetectedShift] = []
    for (key, iss), members in series.items():
        statements = own_statements(members, key)
        for d in detect_shifts(statements, actor=key, issue=iss, params=params):
            if since is None or d.shift.date >= since.isoformat():
                found.append(d)
    found.sort(key=lambda d: (d.shift.date, d.shift.actor, d.shift.issue))
    return found


def detect_shifts(
    statements: Sequence[Statement],
    *,
    actor: str,
    issue: str,
    params: ShiftParams = DEFAULT_PARAMS,
) -> list[DetectedShift]:
    """The shifts in one actor's own statements on one issue (sorted in time)."""
    stmts = sorted(statements, key=lambda s: s.order)
    cuts = change_points(stmts, params)
    bounds = [0, *cuts, len(stmts)]
    out = []
    for i, cut in enumerate(cuts):
        before = stmts[bounds[i] : cut]
        after = [s for s in stmts[cut : bounds[i + 2]] if not s.past]
        log_bf = _log_bayes_factor(before, after, params.prior)
        bf = math.exp(min(log_bf, 700.0))
        shift = Shift(
            actor=actor,
            issue=issue,
            date=stmts[cut].date.isoformat(),
            before=round(_mean(before), 3),
            after=round(_mean(after), 3),
            evidence_before=tuple(ref for s in before[-params.max_evidence :] for ref in s.refs()),
            evidence_after=tuple(ref for s in after[: params.max_evidence] for ref in s.refs()),
            score=round(bf / (1.0 + bf), 3),
        )
        out.append(DetectedShift(shift, bayes_factor=bf, n_before=len(before), n_after=len(after)))
    return out


def change_points(stmts: Sequence[Statement], params: ShiftParams = DEFAULT_PARAMS) -> list[int]:
    """Indices of the first statement of each new regime (binary segmentation, then a
    check of every change against its neighbouring segments)."""
    cuts: list[int] = []
    _segment(stmts, 0, len(stmts), params, cuts)
    cuts.sort()
    while cuts:
        bounds = [0, *cuts, len(stmts)]
        scores = []
        for i, cut in enumerate(cuts):
            split = _evaluate(stmts, bounds[i], cut, bounds[i + 2], params)
            scores.append(split.log_bf if split is not None else -math.inf)
        worst = min(range(len(cuts)), key=lambda i: scores[i])
        if scores[worst] >= math.log(params.min_bayes_factor):
            break
        del cuts[worst]
    return cuts


def _segment(
    stmts: Sequence[Statement], lo: int, hi: int, params: ShiftParams, cuts: list[int]
) -> None:
    best: _Split | None = None
    for k in range(lo + 1, hi):
        split = _evaluate(stmts, lo, k, hi, params)
        if split is not None and (best is None or split.log_bf > best.log_bf):
            best = split
    if best is None or best.log_bf < math.log(params.min_bayes_factor):
        return
    cuts.append(best.index)
    _segment(stmts, lo, best.index, params, cuts)
    _segment(stmts, best.index, hi, params, cuts)


def _evaluate(
    stmts: Sequence[Statement], lo: int, k: int, hi: int, params: ShiftParams
) -> _Split | None:
    """The split of ``stmts[lo:hi]`` before ``k``, or None when it is not admissible."""
    first = stmts[k]
    if first.past or stmts[k - 1].order[:2] >= first.order[:2]:
        return None
    before = stmts[lo:k]
    after = [s for s in stmts[k:hi] if not s.past]
    if len(before) < params.min_before or len(after) < params.min_after:
        return None
    mb, ma = _mean(before), _mean(after)
    if mb == 0 or ma == 0 or (mb > 0) == (ma > 0):
        return None
    return _Split(k, _log_bayes_factor(before, after, params.prior))


def _log_bayes_factor(
    before: Sequence[Statement], after: Sequence[Statement], prior: float
) -> float:
    return (
        log_marginal(before, prior)
        + log_marginal(after, prior)
        - log_marginal([*before, *after], prior)
    )


def log_marginal(stmts: Sequence[Statement], prior: float = DEFAULT_PARAMS.prior) -> float:
    """Log marginal likelihood of statements as one regime: Beta(prior, prior) over the
    share of positive statements, each statement counting its weight."""
    pos = sum(s.weight for s in stmts if s.value > 0)
    neg = sum(s.weight for s in stmts if s.value < 0)
    return _log_beta(prior + pos, prior + neg) - _log_beta(prior, prior)


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def _mean(stmts: Sequence[Statement]) -> float:
    return sum(s.value for s in stmts) / len(stmts) if stmts else 0.0
