"""What went wrong while reading, kept for the user instead of raised.

Readers never stop at bad input: a corpus of a million records with three broken lines
should give a million minus three documents and three clear messages. Each bad record or
file becomes one :class:`Problem` (where, code, message), collected in a
:class:`ReadReport` that the caller owns. The CLI prints problems as they arrive (through
``on_problem``), prints :meth:`ReadReport.summary` at the end and exits 1 when
:attr:`ReadReport.failed`.

Example:
    >>> report = ReadReport()
    >>> report.add(problem("E103", "corpus.jsonl:12", field="text"))
    >>> print(report.problems[0])
    corpus.jsonl:12: missing 'text' (each document needs a non-empty string 'id' and 'text') [E103]
    >>> report.failed
    True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from offramp.errors import InputError, message

#: How many problems a report keeps in :attr:`ReadReport.problems`. Later ones are still
#: counted and passed to ``on_problem``, so a file with millions of bad lines cannot
#: exhaust memory through its own error list.
MAX_KEPT_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    """One bad input, reported to the user.

    ``where`` is ``"file.jsonl:12"`` for a record, ``"file.txt"`` for a whole file and
    ``"<stdin>:3"`` for standard input. ``skipped`` is False for a warning: the document
    was kept (for example without its invalid ``published`` date).
    """

    where: str
    code: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.code}]"

    def to_error(self) -> InputError:
        """This problem as an :class:`~offramp.errors.InputError`, for callers that must stop."""
        return InputError(self.message, where=self.where, code=self.code)


def problem(code: str, where: str, *, skipped: bool = True, **fields: object) -> Problem:
    """A :class:`Problem` whose message is template ``code`` of :mod:`offramp.errors`."""
    return Problem(where=where, code=code, message=message(code, **fields), skipped=skipped)


class ReadReport:
    """Counts and problems of one reading run; the caller creates it and reads it after.

    ``on_problem`` is called with every problem as soon as it is found (the CLI prints it
    to stderr), so messages appear next to the progress they interrupt rather than all at
    the end of a long run.
    """

    def __init__(
        self,
        on_problem: Callable[[Problem], None] | None = None,
        *,
        max_kept: int = MAX_KEPT_PROBLEMS,
    ) -> None:
        self.on_problem = on_problem
        self.max_kept = max_kept
        #: Documents yielded to the caller.
        self.documents = 0
        #: Records or files skipped because of a problem.
        self.skipped = 0
        #: Problems that kept their document (warnings).
        self.warnings = 0
        #: The first ``max_kept`` problems, in the order they were found.
        self.problems: list[Problem] = []
        #: Problems found after ``problems`` was full (counted and passed to ``on_problem``).
        self.unlisted = 0

    def add(self, problem: Problem) -> None:
        """Record ``problem``, count it as a skip or a warning, and pass it to ``on_problem``."""
        if problem.skipped:
            self.skipped += 1
        else:
            self.warnings += 1
        if len(self.problems) < self.max_kept:
            self.problems.append(problem)
        else:
            self.unlisted += 1
        if self.on_problem is not None:
            self.on_problem(problem)

    @property
    def failed(self) -> bool:
        """True when any record or file was skipped (the CLI then exits 1 at the end)."""
        return self.skipped > 0

    def summary(self) -> str:
        """One line for the end of a run, e.g. ``read 12 documents; skipped 3 bad ...``."""
        parts = [f"read {_plural(self.documents, 'document')}"]
        if self.skipped:
            parts.append(
                f"skipped {_plural(self.skipped, 'bad record or file', 'bad records or files')}"
            )
        if self.warnings:
            parts.append(_plural(self.warnings, "warning"))
        text = "; ".join(parts)
        if self.skipped or self.warnings:
            text += " (see messages above)"
        return text

    def __repr__(self) -> str:
        return (
            f"ReadReport(documents={self.documents}, skipped={self.skipped}, "
            f"warnings={self.warnings}, problems={len(self.problems) + self.unlisted})"
        )


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
