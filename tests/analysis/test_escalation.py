"""The dyad escalation index on hand-made signals."""

from __future__ import annotations

import pytest

from offramp.analysis.escalation import dyad_escalation, on_side
from offramp.records import Actor, Alternative, Signal

RUSGOV = Actor("Kremlin", "RUSGOV", "RUS", "GOV")
RUSMIL = Actor("Russian drones", "RUSMIL", "RUS", "MIL")
UKRGOV = Actor("Kyiv", "UKRGOV", "UKR", "GOV")
UKRCVL = Actor("Kyiv", "UKRCVL", "UKR", "CVL")
HAMAS = Actor("Hamas", "PSEREB", "PSE", "REB")
PSEGOV = Actor("Palestinian Authority", "PSEGOV", "PSE", "GOV")


def sig(src, dst, event_type, intensity, date="2025-11-03", **kw):
    return Signal("d", 0, 1, "t", src, target=dst, event_type=event_type, intensity=intensity,
                  date=date, **kw)  # fmt: skip


def test_escalation_index_per_direction_and_combined():
    signals = [
        sig(RUSMIL, UKRCVL, "ASSAULT", -10.0),
        sig(RUSGOV, UKRGOV, "THREATEN", -5.8),
        sig(RUSGOV, UKRGOV, "AGREE", 3.9, alternative=Alternative("pressure", "THREATEN")),
        sig(UKRGOV, RUSGOV, "REJECT", -4.0),
        sig(UKRGOV, RUSGOV, "AGREE", 5.2, date="2025-12-01"),
    ]
    rows = dyad_escalation(signals, "RUS", "UKR")
    table = [(r.label, r.direction, r.signals, r.index, r.threats, r.offers, r.refusals,
              r.attacks) for r in rows]  # fmt: skip
    assert table == [
        ("2025-11", "RUS→UKR", 3, 1.19, 2, 1, 0, 1),
        ("2025-11", "UKR→RUS", 1, 0.4, 0, 0, 1, 0),
        ("2025-11", "both", 4, 1.59, 2, 1, 1, 1),
        ("2025-12", "UKR→RUS", 1, -0.52, 0, 1, 0, 0),
        ("2025-12", "both", 1, -0.52, 0, 1, 0, 0),
    ]
    assert rows[0].tone == pytest.approx((-10 - 5.8 + 3.9) / 3, abs=0.01)
    assert rows[0].to_dict()["direction"] == "RUS→UKR"


def test_escalation_leaves_out_commentary_past_other_dyads_and_undated():
    signals = [
        sig(RUSGOV, UKRGOV, "THREATEN", -5.8, attributed_by="analysts"),
        sig(RUSGOV, UKRGOV, "THREATEN", -5.8, past=True),
        sig(RUSGOV, HAMAS, "THREATEN", -5.8),
        sig(RUSGOV, UKRGOV, "THREATEN", -5.8, date=None),
        sig(RUSGOV, None, "THREATEN", -5.8),
    ]
    assert dyad_escalation(signals, "RUS", "UKR") == []


def test_escalation_negated_and_hypothetical_acts_are_not_counted_as_acts():
    signals = [
        sig(RUSMIL, UKRGOV, "ASSAULT", -0.0, negated=True),
        sig(RUSMIL, UKRGOV, "ASSAULT", -5.0, hypothetical=True),
    ]
    (row, _) = dyad_escalation(signals, "RUS", "UKR")
    assert (row.attacks, row.index) == (0, 0.5)


def test_escalation_sides_countries_and_groups():
    assert on_side(UKRCVL, "UKR") and on_side(HAMAS, "PSE")
    assert on_side(HAMAS, "PSEREB") and not on_side(PSEGOV, "PSEREB")
    assert not on_side(None, "UKR")
    rows = dyad_escalation([sig(HAMAS, Actor("Israel", "ISRGOV", "ISR", "GOV"), "ASSAULT",
                                -10.0)], "ISR", "PSEREB", freq="week")  # fmt: skip
    assert [(r.label, r.direction) for r in rows] == [
        ("2025-W45", "PSEREB→ISR"),
        ("2025-W45", "both"),
    ]
