"""The per-document time budget: a slow document is skipped with a message, the rest of
its batch is coded, and the budget bounds the time actually spent."""

from __future__ import annotations

import time

import pytest
from spacy.tokens import Doc

from offramp import Coder, Document
from offramp.extract.budget import BudgetExceeded, Deadline, cap_sentences

STATEMENT = "Russia said it was ready to resume talks with Ukraine."


def test_budget_deadline_raises_after_its_time_with_progress():
    now = [0.0]
    deadline = Deadline(2.0, clock=lambda: now[0])
    deadline.check(done=0, total=10)
    now[0] = 2.5
    with pytest.raises(BudgetExceeded) as err:
        deadline.check(done=4, total=10)
    assert (err.value.budget, err.value.done, err.value.total) == (2.0, 4, 10)
    Deadline(None, clock=lambda: 1e9).check()  # no budget: never
    Deadline(0, clock=lambda: 1e9).check()


def test_budget_cap_sentences_cuts_only_long_runs(nlp):
    long = Doc(nlp.vocab, words=["word"] * 600)
    assert cap_sentences(long, 250) == 2
    assert [t.i for t in long if t.is_sent_start] == [0, 250, 500]
    short = nlp.make_doc(STATEMENT + " " + STATEMENT)
    assert cap_sentences(short, 250) == 0


def test_budget_10mb_document_is_skipped_and_the_batch_goes_on(coder):
    skipped = []
    budgeted = Coder(time_budget=1.0, on_skip=skipped.append)
    huge = Document(id="huge", text=(STATEMENT + " ") * 190_000, origin="big.jsonl:2")
    assert len(huge.text) > 10_000_000
    docs = [Document(id="a", text=STATEMENT), huge, Document(id="b", text=STATEMENT)]
    t0 = time.monotonic()
    coded = list(budgeted.iter_code(docs))
    elapsed = time.monotonic() - t0
    assert [d.id for d, _ in coded] == ["a", "b"]
    assert all(signals for _, signals in coded)
    assert [s.code for s in skipped] == ["E131"]
    text = str(skipped[0])
    assert text.startswith("big.jsonl:2: took longer than the time budget of 1 s")
    assert "--time-budget" in text and "10,450,000 characters" in text
    # the big document alone overran (once in its batch, then on its own), each
    # attempt stopped within a component pass of the budget
    assert elapsed < 2 * 1.0 + 4.0, elapsed


def test_budget_none_codes_everything(coder):
    unbounded = Coder(time_budget=None)
    assert unbounded.code(STATEMENT)
