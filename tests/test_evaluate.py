"""``offramp eval`` runs the scorer on the pipeline's output and explains the misses."""

import json
import subprocess
import sys

import pytest

from tests.conftest import SHARED

GOLD = SHARED / "eval" / "dev.jsonl"
SCORER = SHARED / "eval" / "score.py"


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory):
    if not GOLD.exists():
        pytest.skip(f"the dev gold set is not at {GOLD} (../shared is absent)")
    lines = GOLD.read_text(encoding="utf-8").splitlines()[1:9]
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_json_reports_scorer_figures_confusion_and_misses(small_gold):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "offramp",
            "eval",
            "--gold",
            str(small_gold),
            "--json",
            "--scorer",
            str(SCORER),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["documents"] == 8
    assert 0.0 <= out["figures"]["event_detection_f1"] <= 1.0
    assert set(out["bars"]) >= {"event_detection_f1", "target_acc", "attribution_rate"}
    assert out["confusion"]
    assert isinstance(out["misses"], list)


def test_evaluate_text_report_lists_bars(small_gold):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "offramp",
            "eval",
            "--gold",
            str(small_gold),
            "--scorer",
            str(SCORER),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "event_detection_f1" in r.stdout and "Worst misses" in r.stdout


def test_evaluate_missing_scorer_is_a_clear_error(small_gold, tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "offramp", "eval", "--gold", str(small_gold)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert r.returncode == 2
    assert "scorer" in r.stderr and "Traceback" not in r.stderr


def test_evaluate_signals_file_that_is_not_gold_is_a_clear_error(tmp_path):
    bad = tmp_path / "notgold.jsonl"
    bad.write_text('{"id": "a", "text": "Hello."}\n')
    r = subprocess.run(
        [sys.executable, "-m", "offramp", "eval", "--gold", str(bad), "--scorer", str(SCORER)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 2 and "gold" in r.stderr and "Traceback" not in r.stderr
