"""Bounding what one document may cost: a time budget, and a cap on sentence length.

A corpus scraped from the web holds the odd monster: a 10 MB transcript, a page whose
text is one 5,000-word "sentence", a file of random symbols. One of them must not stall a
run of thousands for hours. Two measures keep coding bounded:

* **A per-document time budget** (:class:`Deadline`), checked cooperatively by the coder
  before each pipeline component and each group of pieces of a long document. When it
  runs out the document is dropped with a message and the run goes on. Documents are
  coded in batches (the parser is faster that way) under one shared deadline; a batch
  that runs out is coded again one document at a time, each with a budget of its own,
  so only a document that is slow by itself is dropped. Checks are never further apart
  than one component over at most :data:`~offramp.extract.coder.MAX_BATCH_CHARS`
  characters, well under two seconds even for hostile text, so a document overruns its
  budget by at most that (measured in ``tests/reliability/test_budget.py``). No watchdog
  process or signal is involved: they would cost throughput and could interrupt the
  store mid-commit.
* **A cap on sentence length** (:func:`cap_sentences`): before parsing, a run of more than
  :data:`MAX_SENTENCE_TOKENS` tokens without a sentence end is cut into pieces of at most
  that many. Real sentences are far shorter (the longest in the VOA benchmark has 81
  tokens), so output on real text does not change, and the parser and Offramp's
  components, some of which look at every pair of mentions in a sentence, never see a
  pathological one.

Example:
    >>> deadline = Deadline(30.0)
    >>> deadline.check(done=0, total=100)  # raises BudgetExceeded after 30 s
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.tokens import Doc

#: Seconds one document may take to code, by default (``--time-budget``). A news article
#: takes about 0.1 s; 30 s is about 1 MB of prose.
DEFAULT_TIME_BUDGET: float = 30.0

#: Longest run of tokens parsed as one sentence. See the module docstring.
MAX_SENTENCE_TOKENS: int = 250

_SENTENCE_END = frozenset({".", "!", "?", "。", "！", "？"})


class BudgetExceeded(Exception):
    """A document took longer than its time budget; raised by :meth:`Deadline.check`."""

    def __init__(self, budget: float, elapsed: float, done: int, total: int) -> None:
        self.budget = budget
        self.elapsed = elapsed
        #: Characters of the document coded when the budget ran out, and its length.
        self.done = done
        self.total = total
        super().__init__(f"over the time budget of {budget:g} s after {elapsed:.1f} s")


class Deadline:
    """The time budget of one document, started when the deadline is made.

    Args:
        seconds: the budget; None or 0 means no limit.
        clock: a monotonic clock (tests pass a fake one).
    """

    def __init__(
        self, seconds: float | None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds or None
        self._clock = clock
        self._start = clock()

    def elapsed(self) -> float:
        return self._clock() - self._start

    def check(self, *, done: int = 0, total: int = 0) -> None:
        """Raise :class:`BudgetExceeded` if the budget is used up.

        ``done`` and ``total`` (characters coded so far, and the document's length) go
        into the message, so the user can see how far it got.
        """
        if self.seconds is None:
            return
        elapsed = self.elapsed()
        if elapsed > self.seconds:
            raise BudgetExceeded(self.seconds, elapsed, done, total)


def cap_sentences(doc: Doc, max_tokens: int = MAX_SENTENCE_TOKENS) -> int:
    """Mark a sentence start after every ``max_tokens`` tokens without a sentence end.

    Run on a doc before the parser (which keeps sentence starts set before it). A run
    ends after a token that ends a sentence (``.``, ``!``, ``?``) or a line break, and at
    a sentence start already set. Returns how many cuts were made.

    Example:
        >>> doc = Doc(nlp.vocab, words=["word"] * 600)  # doctest: +SKIP
        >>> cap_sentences(doc, 250)  # doctest: +SKIP
        2
    """
    if len(doc) <= max_tokens:
        return 0  # the common case, decided without looking at a token
    table = doc.to_array([SENT_START, ORTH, IS_SPACE])
    ends = numpy.isin(table[:, 1], [doc.vocab.strings.add(p) for p in _SENTENCE_END])
    spaces = numpy.flatnonzero(table[:, 2])
    ends[spaces] |= numpy.array(["\n" in doc[int(i)].text for i in spaces], dtype=bool)
    # where runs start: the first token, after an end, and at a preset sentence start
    starts = numpy.flatnonzero(numpy.concatenate(([True], ends[:-1])) | (table[:, 0] == 1))
    bounds = [*starts.tolist(), len(doc)]
    cuts = 0
    for start, stop in itertools.pairwise(bounds):
        for i in range(start + max_tokens, stop, max_tokens):
            doc[i].is_sent_start = True
            cuts += 1
    return cuts
