"""Documents the coder does not code, and why: another language, or over the time budget.

The coder never drops a document silently. Each one it leaves out becomes a
:class:`Skipped` passed to the ``on_skip`` callback of :class:`~offramp.extract.coder.Coder`
(the CLI prints it at once and counts it), and :class:`SkipTally` turns the count into the
summary line at the end of a run: ``skipped 3 documents not in English (de, fr, ar)``.

A skipped document yields no signals and is not stored, so a later run with other
options (``--any-language``, a larger ``--time-budget``) codes it then.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from offramp.errors import message
from offramp.extract.budget import BudgetExceeded
from offramp.extract.language import LanguageGuess
from offramp.records import Document

#: Message codes (see :mod:`offramp.errors`).
NOT_ENGLISH = "E130"
OVER_BUDGET = "E131"
INVALID_TEXT = "E132"

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Skipped:
    """One document the coder left out: which, where it came from, and why."""

    document: Document
    code: str
    message: str
    #: The language guessed, for documents skipped as not English.
    language: str | None = None

    @property
    def where(self) -> str:
        """``corpus.jsonl:12`` when known, else the document id."""
        return self.document.origin or f"document {self.document.id!r}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.code}]"


def invalid_text(document: Document) -> Skipped | None:
    """A skip when the text is not valid Unicode (lone surrogates), which the tokenizer
    cannot take; readers repair it, so only text passed in directly gets here."""
    text = document.text
    if text.isascii() or _SURROGATE.search(text) is None:
        return None
    return Skipped(document, INVALID_TEXT, message(INVALID_TEXT))


def not_english(document: Document, guess: LanguageGuess) -> Skipped:
    text = message(NOT_ENGLISH, language=guess.name, evidence=guess.evidence)
    return Skipped(document, NOT_ENGLISH, text, language=guess.code)


def over_budget(document: Document, exc: BudgetExceeded) -> Skipped:
    share = f"{exc.done / exc.total:.0%}" if exc.total else "0%"
    text = message(
        OVER_BUDGET,
        budget=f"{exc.budget:g}",
        share=share,
        size=f"{exc.total:,}",
    )
    return Skipped(document, OVER_BUDGET, text)


class SkipTally:
    """Counts of skipped documents by reason, for the summary line of a run."""

    def __init__(self) -> None:
        self.languages: Counter[str] = Counter()
        self.over_budget = 0
        self.invalid = 0

    def add(self, skipped: Skipped) -> None:
        if skipped.code == NOT_ENGLISH:
            self.languages[skipped.language or "und"] += 1
        elif skipped.code == OVER_BUDGET:
            self.over_budget += 1
        else:
            self.invalid += 1

    @property
    def total(self) -> int:
        return sum(self.languages.values()) + self.over_budget + self.invalid

    def summary(self) -> str:
        """``skipped 3 documents not in English (de, fr, ar) ...``, or an empty string."""
        parts = []
        n = sum(self.languages.values())
        if n:
            codes = ", ".join(code for code, _ in self.languages.most_common())
            parts.append(
                f"skipped {_documents(n)} not in English ({codes}); "
                "add --any-language to code them anyway"
            )
        if self.over_budget:
            parts.append(
                f"skipped {_documents(self.over_budget)} over the time budget; "
                "raise it with --time-budget SECONDS (0: no limit)"
            )
        if self.invalid:
            parts.append(f"skipped {_documents(self.invalid)} that are not valid Unicode text")
        return "; ".join(parts)


def _documents(n: int) -> str:
    return f"{n} document{'s' if n != 1 else ''}"
