"""Settings for the reliability tests: hypothesis profiles for quick and long fuzzing.

The normal run tries a few examples per property (``fast``), so the suite stays quick;
``OFFRAMP_FUZZ=1`` (or ``--hypothesis-profile=fuzz``) runs the long version whose figures
are in docs/RELIABILITY.md. ``deadline=None`` because the first call of a property loads
nothing but may still hit a cold cache; the per-document time budget is tested apart.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from ..conftest import ingest_paths
from .corpus import canonical, make_corpus

#: Documents in the corpus of the kill and concurrency tests.
CORPUS_SIZE = 160

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    "derandomize": False,
    "database": None,
}
settings.register_profile("fast", max_examples=8, **_COMMON)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("OFFRAMP_FUZZ_EXAMPLES", "1000")), **_COMMON
)
settings.load_profile("fuzz" if os.environ.get("OFFRAMP_FUZZ") else "fast")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """A JSON Lines corpus of short generated statements (see :mod:`.corpus`)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    make_corpus(path, CORPUS_SIZE)
    return path


@pytest.fixture(scope="session")
def clean(tmp_path_factory, corpus, coder):
    """The store of one uninterrupted ingest of the corpus, as canonical JSON."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    ingest_paths(coder, db, [corpus])
    return canonical(db)
