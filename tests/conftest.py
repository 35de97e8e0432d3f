"""Shared fixtures: the real pipeline (loaded once per test session) and paths to ../shared."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_0890086fbc084842.txt"
SEED_DATE = "2025-11-22"
VOA = SHARED / "data" / "ngec_voa_benchmark" / "voa_stories.jsonl"
#: Stories of the VOA benchmark used by the throughput tests: enough for several batches
#: and both workers, few enough to keep the suite fast.
VOA_SLICE = 20


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
def voa_slice_path(tmp_path_factory) -> Path:
    """The first VOA_SLICE stories of the VOA benchmark corpus, as a JSONL file."""
    if not VOA.exists():
        pytest.skip(f"the VOA benchmark corpus is not at {VOA} (../shared is absent)")
    lines = VOA.read_text(encoding="utf-8").splitlines(keepends=True)[:VOA_SLICE]
    path = tmp_path_factory.mktemp("voa") / "voa_slice.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def voa_slice(voa_slice_path):
    """The VOA slice as documents."""
    from offramp.readers import read_documents

    return read_documents(voa_slice_path)


@pytest.fixture(scope="session")
def voa_slice_signals(coder, voa_slice):
    """(document id, its signals as JSON lines) for the VOA slice, coded in this process."""
    return [(d.id, [s.to_json() for s in ss]) for d, ss in coder.iter_code(voa_slice)]


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


# -- scenario boards (tests/analysis/test_scenarios.py, tests/report, tests/cli) ----------------

#: The worked example of docs/SCENARIOS.md, section 4: five short documents ...
EXAMPLE_DOCS = [
    {"id": "ex-shelling", "published": "2025-03-02", "title": "Shelling on the border",
     "text": "Azerbaijani forces shelled Armenian villages near the border."},
    {"id": "ex-baku", "published": "2025-04-01", "title": "Aliyev on talks",
     "text": "Azerbaijani President Ilham Aliyev said Baku was ready for talks with Armenia."},
    {"id": "ex-yerevan", "published": "2025-04-01", "title": "Pashinyan on talks",
     "text": "Armenian Prime Minister Nikol Pashinyan said Yerevan was ready for talks if "
             "Baku withdrew its troops."},
    {"id": "ex-denial", "published": "2025-04-01", "title": "Baku denies",
     "text": "Azerbaijan denied shelling Armenian villages."},
    {"id": "ex-analysts", "published": "2025-04-01", "title": "Analysts",
     "text": "Analysts said Baku was refusing to negotiate with Yerevan."},
]  # fmt: skip

#: ... and its board, exactly as printed there.
EXAMPLE_BOARD = """question = "Will Armenia and Azerbaijan sign a peace treaty this year?"

[settings]
half_life_days = 30

[[scenarios]]
name = "peace treaty"

[[scenarios]]
name = "stalemate"

[[scenarios]]
name = "renewed fighting"

[[indicators]]
id = "aze_talks"
actor = "Azerbaijan"
issue = "negotiation"
expect = { "peace treaty" = "+", "stalemate" = "-", "renewed fighting" = "-" }

[[indicators]]
id = "aze_attacks"
actor = "AZE"
event_type = "ASSAULT"
target = "ARM"
weight = 2
expect = { "peace treaty" = "-", "stalemate" = "-", "renewed fighting" = "+" }

[[indicators]]
id = "arm_talks"
actor = "Armenia"
issue = "negotiation"
expect = { "peace treaty" = "+" }
"""


def write_jsonl(path, docs):
    import json

    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, coder):
    """A store holding the worked example's documents (read-only use)."""
    folder = tmp_path_factory.mktemp("example")
    ingest_paths(coder, folder / "example.duckdb", [write_jsonl(folder / "ex.jsonl", EXAMPLE_DOCS)])
    return folder / "example.duckdb"


@pytest.fixture(scope="session")
def example_board_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("board") / "example.toml"
    path.write_text(EXAMPLE_BOARD, encoding="utf-8")
    return path


#: Documents written to attack the brief: markup, script and link syntax in the text,
#: the title and the URL. They must come out as text.
HOSTILE_DOCS = [
    {"id": "hostile-1", "published": "2025-05-02", "title": "<script>alert('title')</script>",
     "url": "javascript:alert(1)", "source": "<b>Evil</b> Wire",
     "text": "Azerbaijani President Ilham Aliyev said Baku <script>alert(1)</script> was ready "
             "for talks with Armenia <img src=x onerror=alert(1)> on the condition that Yerevan "
             "<b>signs</b> the treaty. Otherwise, Azerbaijan will use force "
             "[x](javascript:alert(1)) | *bold*."},
    {"id": "hostile-2", "published": "2025-05-03", "url": "https://example.org/a?b=1&c=<2>",
     "text": "Azerbaijani forces shelled Armenian villages near the border <svg onload=alert(2)>."},
]  # fmt: skip


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory, coder):
    folder = tmp_path_factory.mktemp("hostile")
    ingest_paths(coder, folder / "hostile.duckdb", [write_jsonl(folder / "h.jsonl", HOSTILE_DOCS)])
    return folder / "hostile.duckdb"


@pytest.fixture(scope="session")
def spark():
    """One local[2] Spark session for the whole test session (starting one takes ~5 s)."""
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and Path(java_home, "bin", "java").exists()):
        pytest.skip("Spark needs Java 17 or newer, and there is no java here (nor JAVA_HOME)")
    try:
        from offramp.spark.job import local_session
    except ImportError as err:
        pytest.fail(
            f"PySpark is not installed ({err.name}); run make test, or: "
            "pip install -e '.[test,spark]'"
        )
    session = local_session("local[2]", app_name="offramp-tests")
    yield session
    session.stop()
