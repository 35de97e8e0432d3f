"""Scenario boards scored from real stores: the worked example of docs/SCENARIOS.md
recomputed by hand, and the founding case."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from offramp.analysis.boards import default_board, load_board
from offramp.analysis.scenarios import score_board
from offramp.store import Store

from ..conftest import EXAMPLE_BOARD, ROOT

APRIL_1 = dt.date(2025, 4, 1)


@pytest.fixture(scope="module")
def example(example_db, example_board_file):
    return score_board(Store.open(example_db), load_board(example_board_file), as_of=APRIL_1)


def test_scenarios_worked_example_by_hand(example):
    # Weights (docs/SCENARIOS.md, section 3): credibility × strength × relevance × recency.
    w_baku = 1.0 * 1.0 * 1 * 1.0  # Aliyev on record, firm, weight 1, today
    w_shelling = 0.75 * 1.0 * 2 * 0.5  # no named speaker, weight 2, one half-life (30 days) old
    w_yerevan = 1.0 * 0.5 * 1 * 1.0  # Pashinyan on record, conditional: half strength
    d_yerevan = 0.5  # consistent with the treaty, neutral to the rest
    total = w_baku + w_shelling + w_yerevan * d_yerevan
    expected = {  # name: (C, I)
        "peace treaty": (w_baku + w_yerevan * d_yerevan, w_shelling),
        "renewed fighting": (w_shelling, w_baku),
        "stalemate": (0.0, w_baku + w_shelling),
    }
    got = example.to_dict()
    assert got["total"] == total == 2.0
    assert [s["name"] for s in got["scenarios"]] == [
        "peace treaty",
        "renewed fighting",
        "stalemate",
    ]
    assert [s["rank"] for s in got["scenarios"]] == [1, 2, 3]
    for s in got["scenarios"]:
        c, i = expected[s["name"]]
        assert (s["consistency"], s["inconsistency"]) == (pytest.approx(c), pytest.approx(i))
        assert s["score"] == pytest.approx(1 - i / total)
    assert [s["score"] for s in got["scenarios"]] == [0.625, 0.5, 0.125]
    evidence = {e["doc_id"]: e for e in got["evidence"]}
    # the denial (a negated act) and the analysts (commentary) are not evidence
    assert set(evidence) == {"ex-baku", "ex-shelling", "ex-yerevan"}
    e = evidence["ex-shelling"]
    assert (e["credibility"], e["strength"], e["relevance"], e["recency"]) == (0.75, 1.0, 2.0, 0.5)
    assert (e["weight"], e["diagnosticity"]) == (w_shelling, 1.0)
    assert e["consistent_with"] == ["renewed fighting"]
    assert e["inconsistent_with"] == ["peace treaty", "stalemate"]
    assert e["event_type"] == "ASSAULT" and e["stance"] is None and e["source"] == "AZEMIL"
    y = evidence["ex-yerevan"]
    assert (y["stance"], y["strength"], y["diagnosticity"], y["inconsistent_with"]) == (
        0.5, 0.5, 0.5, [],
    )  # fmt: skip
    assert y["basis"].startswith("on record") and "ARMGOV" in y["basis"]
    # each scenario lists the evidence behind its score, with the full record
    treaty = got["scenarios"][0]
    assert [(x["doc_id"], x["rating"]) for x in treaty["evidence"]] == [
        ("ex-baku", "consistent"), ("ex-shelling", "inconsistent"), ("ex-yerevan", "consistent"),
    ]  # fmt: skip
    required = {"doc_id", "start", "end", "date", "text", "source", "event_type", "stance",
                "weight", "diagnosticity", "consistent_with", "inconsistent_with"}  # fmt: skip
    assert required <= set(treaty["evidence"][0])
    json.dumps(got)  # JSON-able as it is


def test_scenarios_worked_example_sensitivity_and_history(example):
    sens = example.to_dict()["sensitivity"]
    assert sens["top"] == "peace treaty" and sens["lead"] == 0.125
    # without Aliyev's offer, "renewed fighting" leads (T = 1: S = 1 against 0.25)
    assert [(r["doc_id"], r["top_without"], r["lead_without"]) for r in sens["changes_top"]] == [
        ("ex-baku", "renewed fighting", -0.75)
    ]
    changes = {r["doc_id"]: r["change"] for r in sens["influential"]}
    assert changes["ex-shelling"] == pytest.approx(1.0 - 0.2 - 0.125)  # lead 0.8 without it
    assert changes["ex-yerevan"] == pytest.approx(
        (1 - 0.75 / 1.75) - (1 - 1.0 / 1.75) - 0.125, abs=2e-4
    )
    history = example.to_dict()["history"]
    assert [h["date"] for h in history] == ["2025-03-31", "2025-04-01"]
    march = history[0]  # only the shelling was published by then, 29 days old
    assert march["top"] == "renewed fighting" and march["evidence"] == 1
    assert march["inconsistency"]["peace treaty"] == pytest.approx(
        0.75 * 2 * 0.5 ** (29 / 30), abs=1e-4
    )
    assert march["ranks"] == {"peace treaty": 2, "stalemate": 2, "renewed fighting": 1}
    assert history[1]["top"] == "peace treaty"


def test_scenarios_as_of_sees_only_what_was_published(example_db, example_board_file):
    store, board = Store.open(example_db), load_board(example_board_file)
    before = score_board(store, board, as_of=dt.date(2025, 3, 1))
    assert before.evidence == () and before.to_dict()["total"] == 0.0
    assert [s["score"] for s in before.to_dict()["scenarios"]] == [1.0, 1.0, 1.0]
    latest = score_board(store, board)  # default: the newest stored signal
    assert latest.as_of == APRIL_1


def test_scenarios_docs_print_the_worked_example():
    doc = (ROOT / "docs" / "SCENARIOS.md").read_text()
    assert EXAMPLE_BOARD.strip() in doc
    for line in ("peace treaty:     C = 1.0 + 0.25 = 1.25   I = 0.75         S = 1 − 0.75/2 = 0.625",
                 "T = 1.0 + 0.75 + 0.25 = 2.0"):  # fmt: skip
        assert line in doc


# -- the founding case ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def founding(seed_db):
    store = Store.open(seed_db)
    board = default_board()
    return score_board(store, board), score_board(store, board, as_of=dt.date(2025, 11, 1))


def test_scenarios_founding_case_moves_towards_negotiations(founding):
    after, before = founding
    ranks_after = {s.scenario.name: s.rank for s in after.ranked()}
    ranks_before = {s.scenario.name: s.rank for s in before.ranked()}
    assert after.as_of == dt.date(2025, 11, 22)
    assert after.ranked()[0].scenario.name in ("limited negotiations", "frozen line")
    assert ranks_after["limited negotiations"] < ranks_before["limited negotiations"]
    assert before.ranked()[0].scenario.name == "further advance"
    # the history inside the later board tells the same story
    history = {h.date.isoformat(): h for h in after.history}
    assert (
        history["2025-10-31"].ranks["limited negotiations"] == ranks_before["limited negotiations"]
    )
    assert history["2025-11-22"].top == "limited negotiations"


def test_scenarios_founding_case_shift_supersedes_the_old_stance(founding):
    after, _ = founding
    assert [(d.shift.actor, d.shift.issue, d.shift.date) for d in after.shifts] == [
        ("RUS", "war_aims", "2025-11-22")
    ]
    old = [se for se in after.evidence if se.superseded_by]
    assert old and all(se.piece.weight == 0 and se.indicator.id == "rus_war_aims" for se in old)
    assert any(
        "In the past, the Russian side always emphasized" in se.evidence.lead.text for se in old
    )
    assert {se.evidence.doc_id for se in old} >= {"ru-2025-06-05", "ru-2025-10-23"}
    # no commentary is evidence: "seen by the outside world as a clear sign of easing"
    assert not any("outside world" in se.evidence.lead.text for se in after.evidence)


def test_scenarios_founding_case_names_what_the_ranking_hinges_on(founding):
    after, _ = founding
    hinges = " ".join(r.text for r in after.sensitivity.changes_top)
    assert "generally satisfied with the current front situation" in hinges
    assert all(r.top_without != "limited negotiations" for r in after.sensitivity.changes_top)


def test_scenarios_time_windows_limit_the_evidence(example_db):
    from offramp.analysis.boards import parse_board

    store = Store.open(example_db)
    windowed = EXAMPLE_BOARD.replace('target = "ARM"', 'target = "ARM"\nsince = "2025-03-15"')
    got = score_board(store, parse_board(windowed), as_of=APRIL_1).to_dict()
    assert {e["doc_id"] for e in got["evidence"]} == {"ex-baku", "ex-yerevan"}
    assert (
        got["scenarios"][0]["name"] == "peace treaty" and got["scenarios"][0]["inconsistency"] == 0
    )
    recent = EXAMPLE_BOARD.replace('target = "ARM"', 'target = "ARM"\nwithin_days = 20')
    got = score_board(store, parse_board(recent), as_of=APRIL_1).to_dict()
    assert "ex-shelling" not in {e["doc_id"] for e in got["evidence"]}


def test_scenarios_founding_case_without_superseding(seed_db):
    """The design choice made visible: if stances from before the shift still counted, seven
    months of "not yet achieved" would outvote the new position and keep the advance first."""
    from dataclasses import replace

    board = default_board()
    board = replace(board, settings=replace(board.settings, superseded_weight=1.0))
    kept = score_board(Store.open(seed_db), board)
    assert kept.ranked()[0].scenario.name == "further advance"
    assert not any(se.piece.weight == 0 for se in kept.evidence)
