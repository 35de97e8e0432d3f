"""What the coding commands (``code``, ``ingest``, ``recode``) share: the time budget and
language options, and reporting the documents the coder leaves out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import click

from offramp.extract.budget import DEFAULT_TIME_BUDGET
from offramp.extract.skips import Skipped, SkipTally

if TYPE_CHECKING:
    from offramp.extract.coder import Coder

F = TypeVar("F", bound=Callable[..., object])


def coding_options(f: F) -> F:
    """``--time-budget SECONDS`` and ``--any-language``."""
    f = click.option(
        "--any-language",
        is_flag=True,
        help="Code documents that are not in English too. By default they are skipped and "
        "counted: Offramp's rules read English, and would mis-code them.",
    )(f)
    return click.option(
        "--time-budget",
        type=click.FloatRange(min=0),
        default=DEFAULT_TIME_BUDGET,
        show_default=True,
        metavar="SECONDS",
        help="Longest time one document may take to code; a document over it is skipped "
        "with a message and the run goes on (0: no limit).",
    )(f)


class SkipReporter:
    """Prints each document the coder leaves out as it happens, and counts them."""

    def __init__(self, on_document: Callable[[object], None] | None = None) -> None:
        self.tally = SkipTally()
        #: also called for each skipped document, so a progress bar still reaches its end
        self.on_document = on_document

    def __call__(self, skipped: Skipped) -> None:
        click.echo(f"skipped: {skipped}", err=True)
        self.tally.add(skipped)
        if self.on_document is not None:
            self.on_document(skipped.document)

    def finish(self) -> bool:
        """Print the summary line if anything was skipped; True when something was."""
        if self.tally.total:
            click.echo(self.tally.summary(), err=True)
        return self.tally.total > 0


def make_coder(
    actor_files: Sequence[str], time_budget: float, any_language: bool, reporter: SkipReporter
) -> Coder:
    """A :class:`~offramp.extract.coder.Coder` set up from the command-line options."""
    from offramp.extract.coder import Coder

    return Coder(
        actor_files=actor_files,
        time_budget=time_budget or None,
        any_language=any_language,
        on_skip=reporter,
    )
