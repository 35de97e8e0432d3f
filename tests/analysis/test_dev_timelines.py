"""The shift bar on ../shared/eval/timelines_dev.jsonl, scored by the shared scorer.

Bar: shift F1 >= 0.85 and no shift on any gold_no_shift pair.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from offramp.analysis.shifts import find_shifts
from offramp.store import Store

from ..conftest import SCORE, TIMELINES

OFFRAMP = [sys.executable, "-m", "offramp"]


def score(pred_path):
    if not SCORE.exists():
        pytest.skip(f"the scorer is not at {SCORE} (../shared is absent)")
    r = subprocess.run(
        [sys.executable, str(SCORE), "shifts", "--gold", str(TIMELINES), "--pred",
         str(pred_path), "--json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_dev_timelines_bar_end_to_end(timelines_db, tmp_path):
    """`offramp shifts --json` on the ingested dev timelines, scored with score.py."""
    r = subprocess.run([*OFFRAMP, "shifts", "--json", "--db", str(timelines_db)],
                       capture_output=True, text=True, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    pred = tmp_path / "shifts.json"
    pred.write_text(r.stdout)
    res = score(pred)
    assert res["no_shift_false_positives"] == 0, res["false_positives"]
    assert res["shift_f1"] >= 0.85, res


def test_dev_timelines_shifts_from_the_library_match_the_cli(timelines_db, tmp_path):
    """find_shifts over the stored series gives the same records as the command line."""
    points = Store.open(timelines_db).stance_series()
    pred = tmp_path / "shifts.json"
    pred.write_text(json.dumps([d.to_dict() for d in find_shifts(points)]))
    res = score(pred)
    assert res["no_shift_false_positives"] == 0, res["false_positives"]
    assert res["shift_f1"] >= 0.85, res
    assert res["mean_abs_date_error_days"] == 0
