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
    #: Statements a regime needs when another change ends it: a stance held for two
    #: statements and then dropped again was not sustained.
    min_regime: int = 3
    #: Candidate change positions covered by ``min_bayes_factor`` alone. A longer stretch
    #: offers more places for noise to look like a change, so beyond this many candidates
    #: the required Bayes factor grows in proportion (a Bonferroni correction: under no
    #: change a Bayes factor exceeds c with probability at most 1/c).
    free_candidates: int = 6
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
    #: log BF minus the log of the Bayes factor required here (>= 0: the split passes).
    margin: float


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
    """Indices of the first statement of each new regime.

    Seeded binary segmentation (Kovács et al. 2020): the best split is searched not only
    over the whole series but over a fixed set of shorter intervals at every scale, so a
    regime that comes and goes (- - + + - -) is found too; then every change is checked
    again against its neighbouring segments, weakest first.
    """
    series = _Series(stmts, params)
    intervals = seeded_intervals(len(stmts), params.min_before + params.min_after)
    cuts: list[int] = []
    pending = [(0, len(stmts))]
    while pending:
        lo, hi = pending.pop()
        best: _Split | None = None
        for s, e in [(lo, hi), *((a, b) for a, b in intervals if lo <= a and b <= hi)]:
            split = series.best_split(s, e)
            if split is not None and (best is None or split.margin > best.margin):
                best = split
        if best is not None and best.margin >= 0:
            cuts.append(best.index)
            pending += [(lo, best.index), (best.index, hi)]
    cuts.sort()
    while cuts:
        bounds = [0, *cuts, len(stmts)]
        margins = []
        for i, cut in enumerate(cuts):
            sizes = {
                "min_before": params.min_regime if i > 0 else params.min_before,
                "min_after": params.min_regime if i + 1 < len(cuts) else params.min_after,
            }
            split = series.evaluate(bounds[i], cut, bounds[i + 2], **sizes)
            margins.append(split.margin if split is not None else -math.inf)
        worst = min(range(len(cuts)), key=lambda i: margins[i])
        if margins[worst] >= 0:
            break
        del cuts[worst]
    return cuts


def seeded_intervals(n: int, min_length: int) -> list[tuple[int, int]]:
    """The seeded intervals of ``range(n)``: at each scale (n, n/2, n/4, ...) intervals of
    that length, overlapping by half, down to ``min_length`` statements."""
    out: set[tuple[int, int]] = set()
    level = 1
    while True:
        length = n / 2 ** (level - 1)
        if length < max(2, min_length):
            break
        count = 2**level - 1
        step = (n - length) / (count - 1) if count > 1 else 0.0
        for i in range(count):
            a = round(i * step)
            out.add((a, min(n, a + math.ceil(length))))
        level += 1
    return sorted(out)


class _Series:
    """Prefix sums over a series so any split of any interval is scored in O(1).

    Before a split every statement counts (past stances included); after it only current
    statements do, because a past stance cannot show a new regime.
    """

    def __init__(self, stmts: Sequence[Statement], params: ShiftParams) -> None:
        self.params = params
        n = len(stmts)
        self.admissible = [
            k > 0 and not stmts[k].past and stmts[k - 1].order[:2] < stmts[k].order[:2]
            for k in range(n)
        ]
        # columns: positive weight, negative weight, value sum, count
        self.all = _prefix(stmts, current_only=False)
        self.cur = _prefix(stmts, current_only=True)

    def best_split(self, lo: int, hi: int) -> _Split | None:
        best: _Split | None = None
        m = self.candidates(lo, hi, self.params.min_before, self.params.min_after)
        for k in range(lo + 1, hi):
            split = self.evaluate(lo, k, hi, multiplicity=m)
            if split is not None and (best is None or split.margin > best.margin):
                best = split
        return best

    def candidates(self, lo: int, hi: int, min_before: int, min_after: int) -> int:
        """How many places in ``[lo, hi)`` a change could be (the multiplicity)."""
        return sum(
            1
            for k in range(lo + 1, hi)
            if self.admissible[k]
            and _span(self.all, lo, k)[3] >= min_before
            and _span(self.cur, k, hi)[3] >= min_after
        )

    def evaluate(
        self,
        lo: int,
        k: int,
        hi: int,
        *,
        min_before: int | None = None,
        min_after: int | None = None,
        multiplicity: int | None = None,
    ) -> _Split | None:
        """The split of ``[lo, hi)`` before statement ``k``, or None if not admissible.

        ``multiplicity`` is :meth:`candidates` for the interval, when already known.
        """
        if not self.admissible[k]:
            return None
        need_before = min_before or self.params.min_before
        need_after = min_after or self.params.min_after
        pb, nb, vb, cb = _span(self.all, lo, k)
        pa, na, va, ca = _span(self.cur, k, hi)
        if cb < need_before or ca < need_after:
            return None
        mb, ma = vb / cb, va / ca
        if mb == 0 or ma == 0 or (mb > 0) == (ma > 0):
            return None
        a = self.params.prior
        log_bf = (
            _log_marginal_counts(pb, nb, a)
            + _log_marginal_counts(pa, na, a)
            - _log_marginal_counts(pb + pa, nb + na, a)
        )
        m = multiplicity or self.candidates(lo, hi, need_before, need_after)
        required = math.log(self.params.min_bayes_factor) + math.log(
            max(1.0, m / self.params.free_candidates)
        )
        return _Split(k, log_bf, log_bf - required)


_Sums = tuple[float, float, float, float]  # positive weight, negative weight, values, count


def _prefix(stmts: Sequence[Statement], *, current_only: bool) -> list[_Sums]:
    out: list[_Sums] = [(0.0, 0.0, 0.0, 0.0)]
    for s in stmts:
        p, n, v, c = out[-1]
        if not (current_only and s.past):
            p += s.weight if s.value > 0 else 0.0
            n += s.weight if s.value < 0 else 0.0
            v += s.value
            c += 1
        out.append((p, n, v, c))
    return out


def _span(prefix: list[_Sums], lo: int, hi: int) -> _Sums:
    a, b = prefix[lo], prefix[hi]
    return (b[0] - a[0], b[1] - a[1], b[2] - a[2], b[3] - a[3])


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
    return _log_marginal_counts(pos, neg, prior)


def _log_marginal_counts(pos: float, neg: float, prior: float) -> float:
    return _log_beta(prior + pos, prior + neg) - _log_beta(prior, prior)


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def _mean(stmts: Sequence[Statement]) -> float:
    return sum(s.value for s in stmts) / len(stmts) if stmts else 0.0
