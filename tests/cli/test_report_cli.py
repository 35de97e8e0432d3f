"""``offramp scenarios`` and ``offramp brief`` run as a user runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from ..conftest import ROOT

OFFRAMP = [sys.executable, "-m", "offramp"]


def run(*args, cwd=None):
    return subprocess.run([*OFFRAMP, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_cli_scenarios_table_and_json(seed_db):
    r = run("scenarios", "--db", str(seed_db))
    assert r.returncode == 0, r.stderr
    assert "board: package:war_termination.toml (4 scenarios" in r.stderr
    lines = [x for x in r.stdout.splitlines() if "│" in x and x.split("│")[1].strip()]
    first = next(x for x in lines if x.split("│")[1].strip()[:1].isdigit())
    assert "limited negotiations" in first and "1.00" in first
    assert "rank on 2025-10-31" in r.stdout
    assert "changes if any of these is left out" in r.stdout
    assert "Narrative shifts: RUS war_aims 2025-11-22" in r.stdout
    before = json.loads(run("scenarios", "--as-of", "2025-11-01", "--format", "json",
                            "--db", str(seed_db)).stdout)  # fmt: skip
    assert before["as_of"] == "2025-11-01"
    assert before["scenarios"][0]["name"] == "further advance"
    assert {"question", "as_of", "scenarios", "sensitivity", "history", "evidence"} <= set(before)
    ranks = {s["name"]: s["rank"] for s in before["scenarios"]}
    assert ranks["limited negotiations"] == 3


def test_cli_scenarios_errors(seed_db, tmp_path):
    r = run("scenarios", "--as-of", "last week", "--db", str(seed_db))
    assert r.returncode == 2 and "'last week' is not a date; use the form 2025-11-22" in r.stderr
    r = run("scenarios", "--format", "xml", "--db", str(seed_db))
    assert r.returncode == 2 and "'xml' is not one of 'table', 'json'" in r.stderr
    r = run("scenarios", "--db", str(tmp_path / "none.duckdb"))
    assert (
        r.returncode == 2 and "no Offramp store here; create one with: offramp ingest" in r.stderr
    )
    board = tmp_path / "mine.toml"
    text = (ROOT / "src/offramp/data/boards/war_termination.toml").read_text()
    board.write_text(text.replace('"limited negotiations" = "+", "frozen line" = "+"',
                                  '"limited negotiation" = "+", "frozen line" = "+"', 1))  # fmt: skip
    r = run("scenarios", "--board", str(board), "--db", str(seed_db))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert (
        f"{board}: indicator 'rus_war_aims': expect: 'limited negotiation' is not a scenario"
        in r.stderr
    )
    assert "(did you mean 'limited negotiations'?)" in r.stderr and "[E230]" in r.stderr


def test_cli_brief_html_and_markdown(seed_db, tmp_path):
    out = tmp_path / "brief.html"
    r = run("brief", "--actor", "Russia", "--dyad", "RUS", "UKR", "--out", str(out),
            "--db", str(seed_db))  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "actor: Russia (RUS: government, military and state media)" in r.stderr
    assert f"Wrote {out}" in r.stdout
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and html.count('src="data:image/png;base64,') == 6
    assert "willing to discuss the mediation proposal" in html
    md = tmp_path / "sub" / "b.md"
    md.parent.mkdir()  # the folder must exist, as for every other output option
    r = run("brief", "--actor", "RUS", "--until", "2025-11-01", "-o", str(md), "--db", str(seed_db))
    assert r.returncode == 0, r.stderr
    assert "and 5 chart images next to it" in r.stdout
    text = md.read_text()
    assert "As of 2025-11-01" in text and "| 1= | further advance |" in text
    linked = re.findall(r"\]\((b-[^)]+\.png)\)", text)
    assert sorted(p.name for p in md.parent.glob("b-*.png")) == sorted(linked)


def test_cli_brief_errors(seed_db, tmp_path):
    db = str(seed_db)
    r = run("brief", "--actor", "RUS", "--out", str(tmp_path / "brief.pdf"), "--db", db)
    assert r.returncode == 2 and "cannot tell the brief's format from" in r.stderr
    assert ".html, .htm, .md, .markdown" in r.stderr and not (tmp_path / "brief.pdf").exists()
    r = run("brief", "--actor", "Rusia", "--out", str(tmp_path / "b.html"), "--db", db)
    assert r.returncode == 2 and "unknown actor 'Rusia' (did you mean Russia (RUS)" in r.stderr
    r = run("brief", "--dyad", "RUS", "Mordor", "--out", str(tmp_path / "b.html"), "--db", db)
    assert r.returncode == 2 and "unknown actor 'Mordor'" in r.stderr
    r = run("brief", "--since", "2025-12-01", "--until", "2025-01-01", "-o", "x.html", "--db", db)
    assert r.returncode == 2 and "--since (2025-12-01) is after --until (2025-01-01)" in r.stderr
    r = run("brief", "--db", db)
    assert r.returncode == 2 and "Missing option '--out'" in r.stderr


def test_cli_report_commands_are_listed_and_documented():
    out = run("--help").stdout
    assert "scenarios" in out and "brief" in out
    readme = (ROOT / "README.md").read_text()
    assert "## Scenarios and briefs" in readme
    for name in ("scenarios", "brief"):
        assert f"### `offramp {name}" in readme
    assert readme.index("make demo") < readme.index("## Scenarios and briefs")
