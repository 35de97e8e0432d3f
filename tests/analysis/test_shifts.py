"""Shift detection on hand-made stance series (no store, no extractor)."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest

from offramp.analysis.shifts import ShiftParams, change_points, find_shifts, log_marginal
from offramp.analysis.statements import own_statements
from offramp.store.models import StancePoint

_ids = itertools.count()


def pt(day, value, *, actor="RUS", issue="war_aims", past=False, date="same", doc=None,
       speaker="same", attributed_by=None, start=0, end=50, text=None):  # fmt: skip
    """One stance point; ``day`` is the document's date (``YYYY-MM-DD``)."""
    n = next(_ids)
    doc_date = dt.date.fromisoformat(day)
    own_date = doc_date if date == "same" else (dt.date.fromisoformat(date) if date else None)
    return StancePoint(
        signal_id=f"s{n}",
        doc_id=doc or f"doc-{day}-{n}",
        start=start,
        end=end,
        text=text or f"statement {n} on {day}",
        issue=issue,
        value=value,
        date=own_date,
        doc_date=doc_date,
        past=past,
        source_code=actor + "GOV" if len(actor) == 3 else actor,
        source_key=actor,
        speaker_key=actor if speaker == "same" else speaker,
        attributed_by=attributed_by,
    )


def series(*pairs, **kw):
    return [pt(day, value, **kw) for day, value in pairs]


def months(values, year=2025, start_month=1, **kw):
    """One statement on the 10th of consecutive months."""
    return [
        pt(f"{year + (start_month - 1 + i) // 12}-{(start_month - 1 + i) % 12 + 1:02d}-10", v, **kw)
        for i, v in enumerate(values)
    ]


def shifts(points, **kw):
    return find_shifts(points, **kw)


def test_shifts_sustained_change_is_found_at_its_first_statement():
    found = shifts(months([-1, -1, -1, -1, 1, 1, 1, 1]))
    assert len(found) == 1
    s = found[0].shift
    assert (s.actor, s.issue, s.date) == ("RUS", "war_aims", "2025-05-10")
    assert (s.before, s.after) == (-1.0, 1.0)
    assert 0.9 <= s.score < 1.0
    assert [r["date"] for r in s.evidence_before] == [f"2025-0{m}-10" for m in (1, 2, 3, 4)]
    assert [r["date"] for r in s.evidence_after] == [f"2025-0{m}-10" for m in (5, 6, 7, 8)]
    assert set(s.evidence_after[0]) == {"doc_id", "start", "end", "date", "text"}


def test_shifts_record_is_exactly_the_signals_md_shape():
    d = shifts(months([-1, -1, -1, 1, 1, 1]))[0].to_dict()
    assert list(d) == [
        "actor", "issue", "date", "before", "after", "evidence_before", "evidence_after", "score",
    ]  # fmt: skip


def test_shifts_direction_down():
    s = shifts(months([1, 1, 1, -1, -1, -1], issue="escalation"))[0].shift
    assert s.after < s.before and s.date == "2025-04-10"


@pytest.mark.parametrize(
    "values",
    [
        [-1, -1, -1, 1, -1, -1, -1],  # one contrary statement in the middle
        [-1, -1, -1, -1, -1, 1],  # one at the end
        [1, -1, 1, -1, 1, -1, 1, -1],  # no regime at all
        [-1, -1, 1, 1, -1, -1, -1],  # a brief excursion that does not last
        [-1, -1, -1, 1, 1, -1, -1, -1],  # the same after a longer baseline
        [-1, -1, -1, -1, 1, 1, -1, -1, -1, -1],  # and with more on both sides
        [1, 1, 1, 1, 1],  # consistent
        [-1, 1],  # too little evidence
        [-1, -1, 1, 1],  # two and two: not enough to be sure
    ],
)
def test_shifts_one_off_noise_is_not_a_shift(values):
    assert shifts(months(values)) == []


def test_shifts_hedged_statements_count_half():
    # three firm refusals, then two hedged openings: not yet a shift
    assert shifts(months([-1, -1, -1, 0.5, 0.5])) == []
    # the same with a third hedge: still weak evidence
    assert shifts(months([-1, -1, -1, 0.5, 0.5, 0.5])) == []
    # hedged openings followed by a firm one: a shift, dated at the first hedge
    s = shifts(months([-1, -1, -1, 0.5, 0.5, 1]))[0].shift
    assert s.date == "2025-04-10" and s.after == pytest.approx(0.667, abs=1e-3)


def test_shifts_past_stances_are_baseline_only():
    # the seed pattern: "in the past, X always emphasized ..." reported in the new document
    before = months([-1, -1, -1])
    seed = [
        pt("2025-11-22", -1, past=True, date=None, doc="seed", start=900, end=1000),
        pt("2025-11-22", 1, doc="seed", start=0, end=100),
        pt("2025-11-22", 1, doc="seed", start=200, end=300),
    ]
    s = shifts(before + seed)[0].shift
    assert s.date == "2025-11-22"
    assert s.evidence_before[-1]["date"] is None  # the undated past stance, cited as such
    assert all(r["doc_id"] == "seed" and r["date"] for r in s.evidence_after)


def test_shifts_past_stance_alone_is_not_a_before():
    seed = [
        pt("2025-11-22", -1, past=True, date=None, doc="seed", start=900, end=1000),
        pt("2025-11-22", 1, doc="seed", start=0, end=100),
        pt("2025-11-22", 1, doc="seed", start=200, end=300),
    ]
    assert shifts(seed) == []


def test_shifts_past_stances_never_start_or_join_a_new_regime():
    # later documents recalling the old stance must not count as a return to it
    points = [
        *months([-1, -1, -1, 1, 1, 1]),
        pt("2025-06-20", -1, past=True, date=None),
        pt("2025-07-20", -1, past=True, date=None),
    ]
    found = shifts(points)
    assert len(found) == 1 and found[0].shift.date == "2025-04-10"
    assert found[0].shift.after == 1.0


def test_shifts_dated_past_stance_sits_at_its_own_date():
    st = own_statements([pt("2025-11-22", -1, past=True, date="2025-03-01")], "RUS")
    assert st[0].date == dt.date(2025, 3, 1) and st[0].past


def test_shifts_ignore_commentary_and_other_actors_words():
    base = months([-1, -1, -1, -1])
    # analysts, the author, and Ukraine's foreign minister all say Moscow has changed
    noise = [pt(f"2025-0{m}-15", 1, attributed_by="analysts") for m in (5, 6, 7)] + [
        pt(f"2025-0{m}-16", 1, speaker="UKR") for m in (5, 6, 7)
    ]
    assert shifts(base + noise) == []
    # its own later statements do count
    assert shifts(base + noise + months([1, 1, 1], start_month=8))[0].shift.date == "2025-08-10"


def test_shifts_other_actors_series_are_separate():
    rus = months([-1, -1, -1, -1])
    ukr = months([1, 1, 1, 1], actor="UKR", start_month=5)
    assert shifts(rus + ukr) == []


def test_shifts_one_sentence_coded_twice_counts_once():
    # four documents, but the last two each carry the same stance twice on one span
    points = months([-1, -1, -1])
    for day in ("2025-05-01", "2025-06-01"):
        points += [pt(day, 1, doc=f"d{day}", start=0, end=80) for _ in range(2)]
    assert len(own_statements(points, "RUS")) == 5
    assert shifts(points)[0].n_after == 2


def test_shifts_two_changes_are_both_found():
    found = shifts(months([-1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1]))
    assert [f.shift.date for f in found] == ["2025-05-10", "2025-09-10"]
    assert [(f.shift.before, f.shift.after) for f in found] == [(-1.0, 1.0), (1.0, -1.0)]


def test_shifts_filters_and_since():
    points = months([-1, -1, -1, 1, 1, 1]) + months(
        [1, 1, 1, -1, -1, -1], actor="IRN", issue="escalation"
    )
    assert {f.shift.actor for f in shifts(points)} == {"RUS", "IRN"}
    assert [f.shift.actor for f in shifts(points, actor="IRN")] == ["IRN"]
    assert [f.shift.issue for f in shifts(points, issue="war_aims")] == ["war_aims"]
    assert shifts(points, since=dt.date(2025, 4, 11)) == []


def test_shifts_same_day_statements_cannot_be_split():
    # a change inside one day has no date to report: the split must fall between days
    points = [pt("2025-05-01", v, doc="d", start=i * 100, end=i * 100 + 50) for i, v in
              enumerate([-1, -1, -1, 1, 1, 1])]  # fmt: skip
    assert shifts(points) == []


def test_shifts_parameters_are_honoured():
    points = months([-1, -1, 1, 1])
    assert shifts(points) == []
    assert shifts(points, params=ShiftParams(min_bayes_factor=3.0))


def test_shifts_log_marginal_matches_the_beta_formula():
    stmts = own_statements(months([1, 1, -1]), "RUS")
    # B(0.5 + 2, 0.5 + 1) / B(0.5, 0.5)
    expected = math.lgamma(2.5) + math.lgamma(1.5) - math.lgamma(4.0) - 2 * math.lgamma(0.5)
    assert log_marginal(stmts, 0.5) == pytest.approx(expected)
    assert change_points(stmts) == []
