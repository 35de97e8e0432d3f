"""The ACH arithmetic on numbers small enough to check by eye."""

from __future__ import annotations

import pytest

from offramp.analysis.ach import Piece, diagnosticity, rating, recency, tally


def test_ach_rating_is_the_sign_of_expected_times_observed():
    assert [rating(e, o) for e, o in [(1, 1), (1, -1), (-1, -1), (-1, 1), (0, 1), (0, -1)]] == [
        1, -1, 1, -1, 0, 0,
    ]  # fmt: skip


def test_ach_diagnosticity_separating_partial_and_none():
    assert diagnosticity((1, -1, -1)) == 1.0  # fits one, contradicts others
    assert diagnosticity((1, 0, 0)) == 0.5  # fits one, silent on the rest
    assert diagnosticity((0, -1, 0)) == 0.5  # contradicts one, silent on the rest
    assert diagnosticity((1, 1, 1)) == 0.0  # ACH's key rule: consistent with all
    assert diagnosticity((-1, -1)) == 0.0  # contradicts all: separates nothing either
    assert diagnosticity(()) == 0.0


def test_ach_recency_halves_each_half_life():
    assert recency(0, 90) == 1.0
    assert recency(90, 90) == pytest.approx(0.5)
    assert recency(180, 90) == pytest.approx(0.25)
    assert recency(365, 0) == 1.0  # decay off
    assert recency(-3, 90) == 1.0  # never above 1


def test_ach_tally_ranks_by_least_weighted_inconsistency():
    pieces = [
        Piece(1.0, (1, -1, -1)),
        Piece(0.75, (-1, -1, 1)),
        Piece(0.5, (1, 0, 0)),  # D = 0.5: adds 0.25
        Piece(5.0, (1, 1, 1)),  # non-diagnostic: adds nothing, however heavy
    ]
    t = tally(pieces, 3)
    assert t.total == 2.0
    assert t.consistency == (1.25, 0.0, 0.75)
    assert t.inconsistency == (0.75, 1.75, 1.0)
    assert t.scores == (0.625, 0.125, 0.5)
    assert t.order == (0, 2, 1) and [t.rank(i) for i in range(3)] == [1, 3, 2]
    assert t.lead(0) == 0.125 and t.lead(2) == -0.125


def test_ach_ties_share_a_rank_and_consistency_breaks_them():
    t = tally([Piece(1.0, (1, 0, -1)), Piece(1.0, (-1, 1, 0))], 3)
    # I: 1, 0, 1; C: 1, 1, 0 -> b first; a and c tie on I, a has more C
    assert t.order == (1, 0, 2) and [t.rank(i) for i in range(3)] == [2, 1, 3]
    same = tally([Piece(1.0, (1, 1, -1))], 3)
    assert [same.rank(i) for i in range(3)] == [1, 1, 3] and same.tied(0) and not same.tied(2)
    assert tally([], 2).scores == (1.0, 1.0)  # no evidence: nothing contradicts anything
