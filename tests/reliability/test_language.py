"""Documents not in English are skipped and named, never coded as if they were English;
English articles full of foreign names are never skipped."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from offramp import Coder, Document
from offramp.extract.language import detect_language

from ..conftest import SEED, SHARED
from .samples import ENGLISH, FOREIGN

VOA = SHARED / "data" / "ngec_voa_benchmark" / "voa_stories.jsonl"
OFFRAMP = [sys.executable, "-m", "offramp"]


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_language_foreign_texts_are_not_english(code):
    guess = detect_language(FOREIGN[code])
    assert guess.code == code, guess


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_language_english_with_foreign_names_is_english(name):
    assert detect_language(ENGLISH[name]).is_english


def test_language_no_false_skips_on_the_voa_benchmark_and_the_seed():
    """Every story, and every sentence of every story taken as a document of its own."""
    if not VOA.exists() or not SEED.exists():
        pytest.skip("../shared is absent")
    texts = [json.loads(line)["text"] for line in VOA.read_text().splitlines()]
    texts.append(SEED.read_text(encoding="utf-8"))
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s.strip()]
    assert len(texts) == 90 and len(sentences) > 2500
    false = [s[:80] for s in [*texts, *sentences] if not detect_language(s).is_english]
    assert false == []


def test_language_coder_skips_and_reports_but_any_language_codes(coder):
    skipped = []
    screening = Coder(on_skip=skipped.append)
    german = Document(id="de-1", text=FOREIGN["de"], origin="mixed.jsonl:1")
    english = Document(id="en-1", text=ENGLISH["quote"])
    assert [d.id for d, _ in screening.iter_code([german, english])] == ["en-1"]
    assert [(s.code, s.language) for s in skipped] == [("E130", "de")]
    assert str(skipped[0]).startswith("mixed.jsonl:1: not in English: looks like German")
    assert screening.code_document(german) == []
    everything = Coder(any_language=True)
    assert [d.id for d, _ in everything.iter_code([german, english])] == ["de-1", "en-1"]


def test_language_cli_summary_names_the_languages(tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    rows = [{"id": code, "text": FOREIGN[code]} for code in ("de", "fr", "ar")]
    rows.append({"id": "en", "text": "Russia said it was ready to resume talks with Ukraine."})
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    r = subprocess.run([*OFFRAMP, "code", str(corpus)], capture_output=True, text=True)
    assert r.returncode == 1
    assert "skipped 3 documents not in English (de, fr, ar)" in r.stderr
    assert f"{corpus}:2: not in English: looks like French" in r.stderr
    assert [json.loads(x)["doc_id"] for x in r.stdout.splitlines()] == ["en"]
