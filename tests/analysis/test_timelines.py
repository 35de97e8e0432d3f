"""Stance timelines and own-statement selection, on hand-made stance points."""

from __future__ import annotations

import datetime as dt

from offramp.analysis.statements import own_statements, stance_points
from offramp.analysis.timelines import EARLIER, period_label, period_start, stance_timeline
from offramp.records import Actor, Signal, Stance

from .test_shifts import pt


def test_timelines_monthly_mean_count_and_evidence():
    points = [
        pt("2025-06-05", -1),
        pt("2025-06-20", -0.5),
        pt("2025-11-22", 1),
        pt("2025-11-22", -1, past=True, date=None, doc="seed"),
    ]
    rows = stance_timeline(points, actor="RUS")
    assert [(r.label, r.count, r.mean) for r in rows] == [
        (EARLIER, 1, -1.0),
        ("2025-06", 2, -0.75),
        ("2025-11", 1, 1.0),
    ]
    d = rows[1].to_dict()
    assert d["period"] == "2025-06" and d["start"] == "2025-06-01"
    assert [e["date"] for e in d["evidence"]] == ["2025-06-05", "2025-06-20"]
    assert rows[0].to_dict()["start"] is None


def test_timelines_weeks_start_on_monday():
    rows = stance_timeline([pt("2025-11-22", 1), pt("2025-11-17", 1)], actor="RUS", freq="week")
    assert [(r.label, r.start, r.count) for r in rows] == [("2025-W47", dt.date(2025, 11, 17), 2)]
    assert period_start(dt.date(2025, 11, 23), "week") == dt.date(2025, 11, 17)
    assert period_label(dt.date(2025, 12, 29), "week") == "2026-W01"


def test_timelines_dated_past_stance_goes_to_its_own_period():
    rows = stance_timeline([pt("2025-11-22", -1, past=True, date="2025-03-02")], actor="RUS")
    assert [r.label for r in rows] == ["2025-03"]


def test_timelines_leave_out_commentary_targets_and_other_speakers():
    points = [
        pt("2025-06-05", -1),
        pt("2025-06-06", 1, attributed_by="the outside world"),
        pt("2025-06-07", 1, speaker="UKR"),
        pt("2025-06-08", 1, actor="UKR"),
        pt("2025-06-09", 0.0),
    ]
    rows = stance_timeline(points, actor="RUS")
    assert [(r.count, r.mean) for r in rows] == [(1, -1.0)]


def test_statements_merge_one_span_and_keep_separate_spans():
    points = [
        pt("2025-06-05", -1, doc="d", start=0, end=100),
        pt("2025-06-05", -1, doc="d", start=0, end=100),
        pt("2025-06-05", 1, doc="d", start=50, end=150),  # overlaps: same statement
        pt("2025-06-05", -1, doc="d", start=200, end=300),
    ]
    stmts = own_statements(points, "RUS")
    assert [(s.start, round(s.value, 3), len(s.points)) for s in stmts] == [
        (0, -0.333, 3),
        (200, -1.0, 1),
    ]
    assert len(stmts[0].refs()) == 2  # two distinct spans cited


def test_statements_from_signals_without_a_store():
    rus = Actor("Putin", "RUSGOV", "RUS", "GOV")
    mil = Actor("the army", "RUSMIL", "RUS", "MIL")
    signals = [
        Signal("a", 0, 10, "x", rus, date="2025-06-01", speaker=rus,
               stances=[Stance("war_aims", -1.0)]),
        Signal("b", 0, 10, "y", mil, date=None, speaker=rus, past=True,
               stances=[Stance("war_aims", -1.0)]),
        Signal("b", 20, 30, "z", mil, date="2025-11-22", speaker=rus,
               stances=[Stance("war_aims", 1.0), Stance("escalation", 0.5)]),
    ]  # fmt: skip
    points = stance_points(signals, {"b": "2025-11-22"})
    assert {p.source_key for p in points} == {"RUS"}
    war = own_statements([p for p in points if p.issue == "war_aims"], "RUS")
    assert [(s.date.isoformat(), s.past) for s in war] == [
        ("2025-06-01", False),
        ("2025-11-21", True),
        ("2025-11-22", False),
    ]
