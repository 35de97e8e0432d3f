"""Shared fixtures: the real pipeline (loaded once per test session) and paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_0890086fbc084842.txt"
SEED_DATE = "2025-11-22"


@pytest.fixture(scope="session")
def coder():
    """One real Coder (spaCy model + Offramp components) shared by the whole session."""
    from offramp import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED} (../shared is absent)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_signals(coder, seed_text):
    from offramp import Document

    return coder.code(Document(id="seed", text=seed_text, published=SEED_DATE))


def code_one(coder, text: str, date: str = "2025-06-01"):
    """Signals of one short text."""
    return coder.code(text, date=date)


def only(signals, **where):
    """The signals whose fields (or source/target codes) match ``where``."""
    out = []
    for s in signals:
        ok = True
        for key, value in where.items():
            if key in ("source", "target", "speaker"):
                actor = getattr(s, key)
                ok &= (actor.code if actor else None) == value
            else:
                ok &= getattr(s, key) == value
        if ok:
            out.append(s)
    return out


# -- stores (tests/store, tests/analysis, tests/cli) -------------------------------------------

TIMELINES = SHARED / "eval" / "timelines_dev.jsonl"
SCORE = SHARED / "eval" / "score.py"
RUSSIA_BEFORE = ROOT / "src" / "offramp" / "data" / "sample" / "russia_before.jsonl"


def ingest_paths(coder, db, paths, date=None):
    """Code and store documents through the library, as `offramp ingest` does."""
    from offramp.readers import ReadReport, read_documents
    from offramp.store import Store
    from offramp.store.ingest import ingest_documents

    report = ReadReport()
    store = Store.open(db, read_only=False)
    docs = read_documents([str(p) for p in paths], date=date, report=report)
    return ingest_documents(store, docs, coder), report


@pytest.fixture(scope="session")
def timelines_db(tmp_path_factory, coder):
    """A store holding the documents of ../shared/eval/timelines_dev.jsonl (read-only use)."""
    if not TIMELINES.exists():
        pytest.skip(f"the dev timelines are not at {TIMELINES} (../shared is absent)")
    db = tmp_path_factory.mktemp("timelines") / "timelines.duckdb"
    ingest_paths(coder, db, [TIMELINES])
    return db


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, coder, seed_text):
    """A store with the earlier Russian statements and then the founding article."""
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    ingest_paths(coder, db, [RUSSIA_BEFORE])
    ingest_paths(coder, db, [SEED], date=SEED_DATE)
    return db
