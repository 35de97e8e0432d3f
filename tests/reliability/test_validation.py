"""Every option a user types is checked: a bad value ends in a message that says what is
expected (the valid values, or the form), exit status 2, and never a traceback.

Every case runs in-process through click's test runner (fast, and any exception other
than the exit would fail it), and a few also as real ``offramp`` processes, so the whole
path to the terminal is covered too.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from ..conftest import RUSSIA_BEFORE, ingest_paths

OFFRAMP = [sys.executable, "-m", "offramp"]

# (name, arguments; {db} {dir} {doc} are filled in, expected words in the message)
CASES: list[tuple[str, list[str], str]] = [
    ("signals-bad-date", ["signals", "--db", "{db}", "--since", "2025-02-30"], "use the form 2025-11-22"),
    ("signals-word-date", ["signals", "--db", "{db}", "--until", "yesterday"], "'yesterday' is not a date"),
    ("signals-swapped-range", ["signals", "--db", "{db}", "--since", "2025-02-01", "--until", "2025-01-01"], "swap them"),
    ("signals-unknown-actor", ["signals", "--db", "{db}", "--actor", "Narnia"], "unknown actor 'Narnia'"),
    ("signals-empty-actor", ["signals", "--db", "{db}", "--actor", ""], "Give a country code (RUS)"),
    ("signals-unknown-target", ["signals", "--db", "{db}", "--target", "XYZGOV"], "unknown actor 'XYZGOV'"),
    ("signals-bad-type", ["signals", "--db", "{db}", "--type", "ATTACK"], "'threaten'"),
    ("signals-unknown-issue", ["signals", "--db", "{db}", "--issue", "peace"], "the issues are escalation, negotiation, war_aims"),
    ("signals-negative-limit", ["signals", "--db", "{db}", "--limit", "-1"], "x>=0"),
    ("signals-bad-format", ["signals", "--db", "{db}", "--format", "xml"], "'table', 'jsonl', 'csv'"),
    ("signals-no-store", ["signals", "--db", "{dir}/nope.duckdb"], "no Offramp store here; create one with"),
    ("signals-not-a-store", ["signals", "--db", "{doc}"], "cannot open this file as a DuckDB database"),
    ("signals-db-is-a-folder", ["signals", "--db", "{dir}"], "is a directory"),
    ("signals-db-folder-missing", ["signals", "--db", "{dir}/missing/x.duckdb"], "does not exist; check the path"),
    ("timeline-unknown-actor", ["timeline", "Narnia", "--issue", "war_aims", "--db", "{db}"], "unknown actor"),
    ("timeline-unknown-issue", ["timeline", "RUS", "--issue", "peace", "--db", "{db}"], "the issues are"),
    ("timeline-bad-freq", ["timeline", "RUS", "--issue", "war_aims", "--freq", "year", "--db", "{db}"], "'month', 'week'"),
    ("shifts-bad-date", ["shifts", "--since", "2025-1-1", "--db", "{db}"], "use the form 2025-11-22"),
    ("shifts-unknown-actor", ["shifts", "--actor", "Narnia", "--db", "{db}"], "unknown actor"),
    ("shifts-empty-issue", ["shifts", "--issue", "", "--db", "{db}"], "the issues are"),
    ("dyad-unknown-actor", ["dyad", "RUS", "Narnia", "--db", "{db}"], "unknown actor"),
    ("dyad-swapped-range", ["dyad", "RUS", "UKR", "--since", "2025-05-01", "--until", "2025-01-01", "--db", "{db}"], "swap them"),
    ("export-parquet-needs-out", ["export", "--format", "parquet", "--db", "{db}"], "give a file with --out FILE"),
    ("export-bad-format", ["export", "--format", "xls", "--db", "{db}"], "'parquet', 'csv', 'jsonl'"),
    ("export-out-folder-missing", ["export", "--format", "csv", "--out", "{dir}/missing/x.csv", "--db", "{db}"], "does not exist"),
    ("code-bad-date", ["code", "{doc}", "--date", "2025-13-01"], "use the form 2025-11-22"),
    ("code-output-folder-missing", ["code", "{doc}", "--output", "{dir}/missing/x.jsonl"], "does not exist"),
    ("code-negative-budget", ["code", "{doc}", "--time-budget", "-1"], "x>=0"),
    ("code-missing-actor-file", ["code", "{doc}", "--actors", "{dir}/missing.jsonl"], "does not exist"),
    ("code-bad-actor-file", ["code", "{doc}", "--actors", "{doc}"], "statement.bin:1: invalid JSON"),
    ("code-zero-workers", ["code", "{doc}", "--workers", "0"], "x>=1"),
    ("spark-code-missing-input", ["spark-code", "{dir}/missing.jsonl", "{dir}/out"], "no such file or directory"),
    ("spark-code-output-exists", ["spark-code", "{doc}", "{dir}"], "pass --overwrite to replace it"),
    ("spark-code-zero-partitions", ["spark-code", "{doc}", "{dir}/out", "--partitions", "0"], "x>=1"),
    ("spark-code-bad-format", ["spark-code", "{doc}", "{dir}/out", "--input-format", "xml"], "'jsonl', 'parquet'"),
    ("ingest-zero-batch", ["ingest", "{doc}", "--batch-size", "0", "--db", "{db}"], "x>=1"),
    ("ingest-db-folder-missing", ["ingest", "{doc}", "--db", "{dir}/missing/x.duckdb"], "does not exist"),
    ("recode-no-store", ["recode", "--db", "{dir}/nope.duckdb"], "no Offramp store here"),
    ("eval-missing-gold", ["eval", "--gold", "{dir}/missing.jsonl"], "does not exist"),
    ("eval-negative-worst", ["eval", "--gold", "{doc}", "--worst", "-3"], "0<=x<=1000"),
    ("demo-narrow-width", ["demo", "--width", "5"], "x>=40"),
    ("scenarios-bad-date", ["scenarios", "--as-of", "2025-02-30", "--db", "{db}"], "use the form 2025-11-22"),
    ("scenarios-missing-board", ["scenarios", "--board", "{dir}/missing.toml", "--db", "{db}"], "cannot read the scenario board"),
    ("scenarios-bad-format", ["scenarios", "--format", "xml", "--db", "{db}"], "'table', 'json'"),
    ("brief-unknown-actor", ["brief", "--actor", "Narnia", "--out", "{dir}/b.html", "--db", "{db}"], "unknown actor 'Narnia'"),
    ("brief-unknown-format", ["brief", "--actor", "RUS", "--out", "{dir}/b.pdf", "--db", "{db}"], "end the file name in .html"),
    ("brief-out-folder-missing", ["brief", "--actor", "RUS", "--out", "{dir}/missing/b.html", "--db", "{db}"], "does not exist"),
    ("serve-bad-port", ["serve", "--port", "99999", "--db", "{db}"], "0<=x<=65535"),
    ("demo-missing-seed", ["demo", "--seed", "{dir}/missing.txt"], "does not exist"),
]  # fmt: skip


#: Cases also run as real processes (one per kind of command: a process costs a second).
AS_PROCESS = {
    "signals-unknown-issue", "timeline-bad-freq", "export-out-folder-missing",
    "code-bad-date", "ingest-db-folder-missing", "demo-narrow-width",
}  # fmt: skip


@pytest.fixture(scope="module")
def place(tmp_path_factory, coder) -> dict[str, str]:
    """A small store, a file that is neither a store nor an actor file, and their folder."""
    folder = tmp_path_factory.mktemp("validation")
    db = folder / "store.duckdb"
    ingest_paths(coder, db, [RUSSIA_BEFORE])
    doc = folder / "statement.bin"
    doc.write_bytes(b"\x00\x01 not a database")
    return {"{db}": str(db), "{dir}": str(folder), "{doc}": str(doc)}


def _argv(args: list[str], place: dict[str, str]) -> list[str]:
    out = []
    for a in args:
        for key, value in place.items():
            a = a.replace(key, value)
        out.append(a)
    return out


@pytest.fixture(scope="module")
def processes(place) -> dict[str, subprocess.CompletedProcess[str]]:
    """The :data:`AS_PROCESS` cases run as ``offramp`` processes, two at a time."""

    def run(case: tuple[str, list[str], str]) -> tuple[str, subprocess.CompletedProcess[str]]:
        argv = _argv(case[1], place)
        return case[0], subprocess.run(
            [*OFFRAMP, *argv], capture_output=True, text=True, timeout=120, cwd=place["{dir}"]
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, [c for c in CASES if c[0] in AS_PROCESS]))


@pytest.mark.parametrize(("name", "args", "expected"), CASES, ids=[c[0] for c in CASES])
def test_validation_bad_option_gives_a_clear_message(place, monkeypatch, name, args, expected):
    from click.testing import CliRunner

    from offramp.cli import main

    monkeypatch.chdir(place["{dir}"])
    result = CliRunner().invoke(main, _argv(args, place))
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert result.exit_code == 2, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error:"), result.output
    assert expected in result.output, result.output


@pytest.mark.parametrize("name", sorted(AS_PROCESS))
def test_validation_bad_option_in_a_real_process(processes, name):
    expected = next(c[2] for c in CASES if c[0] == name)
    done = processes[name]
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("Error:"), done.stderr
    assert expected in done.stderr, done.stderr


def test_validation_every_command_is_covered():
    from offramp.cli import main

    covered = {args[0] for _, args, _ in CASES}
    assert set(main.commands) <= covered | {"help"}, set(main.commands) - covered


def test_validation_os_error_is_one_line(place, monkeypatch):
    """A file that cannot be created although its folder exists (here under /proc): one
    ``Error:`` line naming the file, exit status 2, no traceback."""
    from click.testing import CliRunner

    from offramp.cli import main

    monkeypatch.chdir(place["{dir}"])
    args = ["export", "--format", "csv", "--out", "/proc/x.csv", "--db", place["{db}"]]
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("Error: /proc/")
