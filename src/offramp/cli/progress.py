"""A progress bar with documents per second, shown only when standard error is a terminal."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from offramp.cli.options import stderr_is_terminal


@contextlib.contextmanager
def document_progress(label: str, total: int | None) -> Iterator[Callable[[object], None]]:
    """A callback to call once per document; draws a bar on a terminal, nothing elsewhere."""
    if not stderr_is_terminal() or not total or total < 2:
        yield lambda _doc: None
        return
    progress = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        transient=True,
        console=Console(stderr=True),
    )
    task = progress.add_task(label, total=total, rate="")
    first: float | None = None
    done = 0

    def advance(_doc: object) -> None:
        # the rate is measured from the first document on, so loading the language model
        # before it does not drag the figure down
        nonlocal done, first
        done += 1
        now = time.perf_counter()
        if first is None:
            first = now
            progress.update(task, advance=1)
            return
        rate = (done - 1) / max(1e-9, now - first)
        progress.update(task, advance=1, rate=f"{rate:.1f} docs/s")

    with progress:
        yield advance
