"""The arithmetic of Analysis of Competing Hypotheses (ACH), in one place.

Heuer's ACH weighs each piece of evidence against every hypothesis (here: scenario) at
once and ranks the hypotheses by how much evidence **contradicts** them, because evidence
that fits a hypothesis usually fits others too, while contradicting evidence eliminates.
docs/SCENARIOS.md derives these formulas and works an example by hand.

For evidence ``e`` and scenario ``h``:

* **rating** ``r(e, h) = sign(expected(h) * observed(e))``: +1 consistent, -1
  inconsistent, 0 neutral (the scenario expects nothing of this indicator);
* **diagnosticity** ``D(e) = (max_h r(e, h) - min_h r(e, h)) / 2``: 1 when the evidence
  fits some scenarios and contradicts others, 0.5 when it only fits (or only contradicts)
  some and is neutral to the rest, 0 when it rates every scenario alike — ACH's key rule:
  evidence consistent with everything proves nothing;
* **weight** ``w(e) = credibility * strength * relevance * recency * superseded``
  (computed by the caller, see :func:`recency`);
* **consistency** ``C(h) = sum of w(e) * D(e) over e with r(e, h) = +1``;
* **weighted inconsistency** ``I(h) = sum of w(e) * D(e) over e with r(e, h) = -1``;
* **score** ``S(h) = 1 - I(h) / T`` with ``T = sum of w(e) * D(e)`` over all evidence: the
  share of the diagnostic evidence that does not contradict ``h`` (1 when there is none).

Scenarios rank by least ``I(h)`` (highest ``S(h)``), ties broken by more ``C(h)``;
scenarios equal on both share a rank (the first in board order is listed first).

Example:
    >>> pieces = [Piece(1.0, (1, -1)), Piece(0.5, (-1, 1)), Piece(2.0, (1, 1))]
    >>> t = tally(pieces, 2)
    >>> t.inconsistency, t.scores, t.order
    ((0.5, 1.0), (0.6667, 0.3333), (0, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Ratings of a piece of evidence against a scenario.
CONSISTENT, NEUTRAL, INCONSISTENT = 1, 0, -1
#: Figures are rounded to this many decimals where people read them.
DECIMALS = 4


def rating(expected: int, observed: int) -> int:
    """+1 when the observation goes the way the scenario expects, -1 when it goes
    against it, 0 when the scenario expects nothing of it."""
    product = expected * observed
    return (product > 0) - (product < 0)


def diagnosticity(ratings: Sequence[int]) -> float:
    """How far apart a piece of evidence puts the scenarios: 0, 0.5 or 1."""
    if not ratings:
        return 0.0
    return (max(ratings) - min(ratings)) / 2.0


def recency(age_days: float, half_life_days: float) -> float:
    """``0.5 ** (age / half_life)``: 1 today, 0.5 one half-life ago; 1 when decay is off
    (half-life 0). Evidence dated after the as-of date is not passed in at all."""
    if half_life_days <= 0:
        return 1.0
    return 0.5 ** (max(0.0, age_days) / half_life_days)


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of evidence as ACH sees it: its weight and its rating per scenario."""

    weight: float
    ratings: tuple[int, ...]

    @property
    def diagnosticity(self) -> float:
        return diagnosticity(self.ratings)

    @property
    def contribution(self) -> float:
        """``w * D``: what the piece adds to C or I of each scenario it rates."""
        return self.weight * self.diagnosticity


@dataclass(frozen=True, slots=True)
class Tally:
    """C, I and S per scenario (board order), the total T, and the ranking."""

    consistency: tuple[float, ...]
    inconsistency: tuple[float, ...]
    total: float
    scores: tuple[float, ...]
    #: Scenario indices, best first.
    order: tuple[int, ...]

    @property
    def top(self) -> int:
        return self.order[0]

    def rank(self, index: int) -> int:
        """1 for the best scenario; scenarios with equal I and C share a rank (1, 2, 2, 4)."""
        mine = self._key(index)
        return 1 + sum(1 for i in range(len(self.scores)) if self._key(i) < mine)

    def tied(self, index: int) -> bool:
        """Whether another scenario has the same I and C."""
        return any(self._key(i) == self._key(index) for i in self.order if i != index)

    def _key(self, index: int) -> tuple[float, float]:
        return (self.inconsistency[index], -self.consistency[index])

    def lead(self, index: int) -> float:
        """Score of scenario ``index`` minus the best score among the others (negative when
        it is not first). Leave-one-out reads how removing evidence moves this."""
        others = [s for i, s in enumerate(self.scores) if i != index]
        return self.scores[index] - max(others) if others else 0.0


def tally(pieces: Iterable[Piece], n: int) -> Tally:
    """C, I, S and the ranking of ``n`` scenarios over ``pieces``."""
    consistency = [0.0] * n
    inconsistency = [0.0] * n
    total = 0.0
    for p in pieces:
        c = p.contribution
        if c <= 0:
            continue
        total += c
        for i, r in enumerate(p.ratings):
            if r > 0:
                consistency[i] += c
            elif r < 0:
                inconsistency[i] += c
    scores = [1.0 - inc / total if total > 0 else 1.0 for inc in inconsistency]
    c_out = tuple(round(c, DECIMALS) for c in consistency)
    i_out = tuple(round(c, DECIMALS) for c in inconsistency)
    return Tally(
        consistency=c_out,
        inconsistency=i_out,
        total=round(total, DECIMALS),
        scores=tuple(round(s, DECIMALS) for s in scores),
        order=tuple(sorted(range(n), key=lambda i: (i_out[i], -c_out[i], i))),
    )
