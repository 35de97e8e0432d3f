"""Crash safety: ``offramp ingest`` and ``offramp recode`` killed with SIGKILL at random
moments, restarted on the same input until they finish, lose nothing and store nothing
twice.

After the kills, a fresh read-only store must hold every document of the corpus exactly
once, each with exactly the signals of a clean, uninterrupted ingest of the same input
(compared as canonical JSON), with no orphan signals or stances, and the ingest lock must
be free. The normal suite kills a few times; ``OFFRAMP_KILLS=200`` runs the long version
whose figures are in docs/RELIABILITY.md. The random seed is printed (and can be set with
``OFFRAMP_KILL_SEED``), so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from offramp.__about__ import EXTRACTOR_VERSION
from offramp.store import Store
from offramp.store.lock import IngestLock

from .corpus import canonical, integrity

OFFRAMP = [sys.executable, "-m", "offramp"]
#: Kills in the normal suite.
FAST_KILLS = 4
#: Documents per transaction: small, so that a kill often lands in or near a commit (4 in
#: the long run; 8 in the normal suite, where every commit's fsync adds to the suite's time).
BATCH = "4" if os.environ.get("OFFRAMP_KILLS") else "8"
#: Kills land this many seconds after the start: from inside the start-up (the language
#: model loads in about 2.5 s here) to well into the coding and committing.
KILL_WINDOW = (1.5, 5.5)
STALE = "ended without finishing"


@dataclass
class KillLog:
    """What happened: kills that hit a running process, and where the store stood."""

    seed: int
    kills: int = 0
    runs: int = 0
    #: kills after which the work was part done (some documents stored, or recoded)
    mid_ingest: int = 0
    stale_messages: int = 0
    stderr: list[str] = field(default_factory=list)

    def summary(self, what: str, docs: int) -> str:
        return (
            f"{what}: seed {self.seed}, {self.kills} kills ({self.mid_ingest} with the work "
            f"part done), {self.runs} runs, {docs} documents, "
            f"{self.stale_messages} stale-lock take-overs reported"
        )


def _stored(db: Path) -> int:
    """Documents stored (coded by this extractor, for recode rounds)."""
    if not db.exists():
        return 0
    try:
        with Store.open(db).connection() as con:
            sql = "SELECT count(*) FROM documents WHERE extractor_version = ?"
            return int(con.execute(sql, [EXTRACTOR_VERSION]).fetchone()[0])
    except Exception:  # not created yet, or the first migration was killed
        return 0


def _run_until_done(args: list[str], db: Path, total: int, log: KillLog, rng, kills: int):
    """Start ``offramp ARGS``, kill it at a random moment, restart; after ``kills`` kills
    let it finish. Returns the last (unkilled) run."""
    for _ in range(kills):
        proc = subprocess.Popen(
            [*OFFRAMP, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        delay = rng.uniform(*KILL_WINDOW)
        try:
            _, err = proc.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            log.kills += 1
            if 0 < _stored(db) < total:
                log.mid_ingest += 1
        log.runs += 1
        log.stale_messages += STALE in err
        log.stderr.append(err)
        assert "Traceback" not in err, err
    final = subprocess.run([*OFFRAMP, *args], capture_output=True, text=True, timeout=600)
    log.runs += 1
    log.stale_messages += STALE in final.stderr
    assert "Traceback" not in final.stderr, final.stderr
    return final


def _check(db: Path, clean: dict[str, list[str]]) -> None:
    assert integrity(db) == {
        "duplicate_documents": 0,
        "duplicate_signals": 0,
        "orphan_signals": 0,
        "orphan_stances": 0,
    }
    got = canonical(db)
    assert sorted(got) == sorted(clean), "documents lost or added"
    wrong = [doc_id for doc_id in clean if got[doc_id] != clean[doc_id]]
    assert not wrong, f"{len(wrong)} documents differ from a clean ingest, e.g. {wrong[:3]}"
    with IngestLock(db):  # free: nobody holds it any more
        pass


def _seed() -> int:
    return int(os.environ.get("OFFRAMP_KILL_SEED") or random.SystemRandom().randrange(10**6))


def test_kill_ingest_and_recode_at_random_moments_lose_nothing(tmp_path, corpus, clean):
    kills = int(os.environ.get("OFFRAMP_KILLS") or FAST_KILLS)
    seed = _seed()
    print(f"\nkill test: seed {seed} (OFFRAMP_KILL_SEED={seed} replays it)")
    rng = random.Random(seed)
    total = len(clean)
    ingests = KillLog(seed)
    round_no = 0
    while ingests.kills < kills:
        # a fresh store each round, so that every round kills a real ingest from scratch
        round_no += 1
        db = tmp_path / f"round{round_no}.duckdb"
        args = ["ingest", str(corpus), "--db", str(db), "--batch-size", BATCH]
        per_round = min(kills - ingests.kills, 8)
        final = _run_until_done(args, db, total, ingests, rng, per_round)
        assert final.returncode == 0, final.stderr
        _check(db, clean)
    print(ingests.summary("ingest", total))
    assert ingests.stale_messages > 0  # a killed ingest is noticed and taken over

    # recode: make every stored document look coded by an older extractor, then kill
    # the recode that replaces their signals
    recodes = KillLog(seed)
    recode_kills = max(1, kills // 4)
    while recodes.kills < recode_kills:
        with duckdb.connect(str(db)) as con:
            con.execute("UPDATE documents SET extractor_version = 'offramp-extract/old'")
        args = ["recode", "--db", str(db), "--batch-size", BATCH]
        final = _run_until_done(args, db, total, recodes, rng, min(recode_kills, 4))
        assert final.returncode == 0, final.stderr
        _check(db, clean)
        with duckdb.connect(str(db), read_only=True) as con:
            versions = con.execute("SELECT DISTINCT extractor_version FROM documents").fetchall()
        assert versions == [(EXTRACTOR_VERSION,)]
    print(recodes.summary("recode", total))
    print("records lost: 0, duplicates: 0")
