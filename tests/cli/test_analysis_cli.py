"""``offramp timeline``, ``shifts`` and ``dyad`` run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

OFFRAMP = [sys.executable, "-m", "offramp"]


def run(*args):
    return subprocess.run([*OFFRAMP, *args], capture_output=True, text=True, timeout=300)


def test_cli_seed_shift_is_reported_with_quotes(seed_db):
    """The founding article after the earlier statements: Russia's war_aims shift."""
    r = run("shifts", "--actor", "RUS", "--issue", "war_aims", "--json", "--db", str(seed_db))
    assert r.returncode == 0, r.stderr
    shifts = json.loads(r.stdout)
    assert len(shifts) == 1
    s = shifts[0]
    assert (s["actor"], s["issue"], s["date"]) == ("RUS", "war_aims", "2025-11-22")
    assert s["before"] < 0 < s["after"] and 0.9 <= s["score"] <= 1
    assert list(s) == ["actor", "issue", "date", "before", "after", "evidence_before",
                       "evidence_after", "score"]  # fmt: skip
    before = {e["doc_id"] for e in s["evidence_before"]}
    assert "ru-2025-10-23" in before
    # the article's own line about the past is cited as old-stance evidence, undated
    assert any(e["date"] is None and "In the past" in e["text"] for e in s["evidence_before"])
    after = " ".join(e["text"] for e in s["evidence_after"])
    assert "generally satisfied with the current front situation" in after
    assert all(e["doc_id"] == "000_0890086fbc084842" for e in s["evidence_after"])
    table = run("shifts", "--db", str(seed_db))
    assert "war_aims" in table.stdout and "2025-11-22" in table.stdout
    assert "[000_0890086fbc084842]" in table.stdout


def test_cli_timeline(seed_db):
    r = run("timeline", "Russia", "--issue", "war_aims", "--db", str(seed_db))
    assert r.returncode == 0, r.stderr
    assert "actor: Russia (RUS" in r.stderr
    for text in ("earlier", "2025-06", "2025-11", "+1.00", "-1.00", "[ru-2025-06-05]"):
        assert text in r.stdout
    rows = json.loads(run("timeline", "RUSGOV", "--issue", "war_aims", "--freq", "week",
                          "--json", "--db", str(seed_db)).stdout)  # fmt: skip
    assert rows[0]["period"] == "earlier"
    # the article's own statements that week (its authorial commentary is not Russia's)
    assert rows[-1] == rows[-1] | {"period": "2025-W47", "start": "2025-11-17", "count": 2}
    assert all({"doc_id", "start", "end", "date", "text"} == set(e) for e in rows[-1]["evidence"])


def test_cli_timeline_errors(seed_db):
    r = run("timeline", "Russia", "--db", str(seed_db))
    assert r.returncode == 2 and "Missing option '--issue'" in r.stderr
    r = run("timeline", "Russia", "--issue", "peace", "--db", str(seed_db))
    assert r.returncode == 2 and "unknown issue 'peace'" in r.stderr
    r = run("timeline", "Narnia", "--issue", "war_aims", "--db", str(seed_db))
    assert r.returncode == 2 and "unknown actor 'Narnia'" in r.stderr
    r = run("timeline", "Hamas", "--issue", "war_aims", "--db", str(seed_db))
    assert r.returncode == 0 and "No statements of its own by Hamas (PSEREB)" in r.stderr


def test_cli_shifts_filters(timelines_db):
    r = run("shifts", "--actor", "UKR", "--db", str(timelines_db))
    assert r.returncode == 0 and "No narrative shifts found" in r.stderr
    r = run("shifts", "--since", "2025-12-01", "--json", "--db", str(timelines_db))
    assert all(s["date"] >= "2025-12-01" for s in json.loads(r.stdout))
    r = run("shifts", "--since", "soon", "--db", str(timelines_db))
    assert r.returncode == 2 and "is not a date" in r.stderr


def test_cli_dyad(timelines_db):
    r = run("dyad", "USA", "Iran", "--json", "--db", str(timelines_db))
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {x["direction"] for x in rows} >= {"USA→IRN", "both"}
    assert all(
        set(x) >= {"index", "tone", "threats", "offers", "refusals", "attacks"} for x in rows
    )
    table = run("dyad", "Russia", "Ukraine", "--freq", "week", "--db", str(timelines_db))
    assert table.returncode == 0 and "Escalation RUS ↔ UKR per week" in table.stdout
    bad = run("dyad", "Russia", "Mordor", "--db", str(timelines_db))
    assert bad.returncode == 2 and "unknown actor 'Mordor'" in bad.stderr
