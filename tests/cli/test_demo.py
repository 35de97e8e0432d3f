"""``offramp demo`` codes the bundled sample corpus and says what to try next."""

import subprocess
import sys

from tests.conftest import SEED


def test_demo_prints_signals_and_next_steps():
    args = [sys.executable, "-m", "offramp", "demo", "--width", "200"]
    if SEED.exists():
        args += ["--seed", str(SEED)]
    r = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "What to try next" in r.stdout
    assert "AGREE" in r.stdout and "THREATEN" in r.stdout
    assert "sample-01" in r.stdout


def test_demo_sample_corpus_is_a_dozen_statements_from_several_conflicts():
    from offramp.cli.demo import sample_corpus_path
    from offramp.readers import read_documents

    docs = read_documents([sample_corpus_path()])
    assert len(docs) >= 12
    assert all(d.published for d in docs)
