"""``offramp scenarios`` and ``offramp brief``: the scenario board, and a brief to forward."""

from __future__ import annotations

import datetime as _dt
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from offramp.cli.context import actor_argument, check_range, note, open_store
from offramp.cli.options import (
    check_output_path,
    db_option,
    since_until_options,
    validate_date,
)

if TYPE_CHECKING:
    from offramp.analysis.boards import Board
    from offramp.analysis.scenarios import BoardScore

F = TypeVar("F", bound=Callable[..., object])

#: Characters of a quote shown in the scenarios table.
QUOTE_WIDTH = 100
#: Pieces of evidence shown against each scenario in the table.
SHOWN_AGAINST = 3


def _board_option(f: F) -> F:
    return click.option(
        "--board",
        "board_file",
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="A scenario board (TOML; docs/SCENARIOS.md). Default: the packaged "
        "war-termination board.",
    )(f)


def _load(board_file: str | None) -> Board:
    """The board from ``--board``, or the packaged one (imported lazily: --help stays fast)."""
    from offramp.analysis.boards import default_board, load_board

    return load_board(board_file) if board_file else default_board()


@click.command("scenarios")
@_board_option
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    callback=validate_date,
    help="Score the board as it stood on this day: only documents published by then, "
    "recency counted from then. Default: the newest stored signal.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people; json: scores, evidence, sensitivity and history.",
)
@db_option
def scenarios_command(board_file: str | None, as_of: str | None, fmt: str, db: str) -> None:
    """Weigh the scenarios of a board against the stored evidence (ACH).

    Each stored signal that bears on one of the board's indicators is evidence, rated
    consistent or inconsistent with each scenario and weighted by credibility, strength,
    relevance and recency. Scenarios rank by weighted inconsistency, least first; the
    output also names the evidence the ranking hinges on (leave-one-out) and the board's
    history at each month end. docs/SCENARIOS.md explains the method.

    \b
    Examples:
      offramp scenarios
      offramp scenarios --as-of 2025-11-01
      offramp scenarios --board my_board.toml --format json > board.json
    """
    from offramp.analysis.scenarios import score_board

    board = _load(board_file)
    store = open_store(db)
    note(f"board: {board.path} ({len(board.scenarios)} scenarios, "
         f"{len(board.indicators)} indicators)")  # fmt: skip
    day = _dt.date.fromisoformat(as_of) if as_of else None
    score = score_board(store, board, as_of=day)
    if fmt == "json":
        click.echo(json.dumps(score.to_dict(), ensure_ascii=False, indent=1))
        return
    console = Console(file=sys.stdout, width=160, soft_wrap=False)
    _print_board(console, score)


def _print_board(console: Console, score: BoardScore) -> None:
    names = score.board.names
    previous = score.history[-2] if len(score.history) > 1 else None
    as_of = score.as_of.isoformat() if score.as_of else "—"
    table = Table(
        title=f"{escape(score.board.question)}\nas of {as_of}; ranked by weighted "
        "inconsistency (least first)",
        title_justify="left",
        show_lines=True,
    )
    table.add_column("rank", justify="right")
    table.add_column("scenario")
    table.add_column("score S", justify="right")
    table.add_column("inconsistency I", justify="right")
    table.add_column("consistency C", justify="right")
    table.add_column(f"rank on {previous.date}" if previous else "before", justify="right")
    table.add_column("most weighty evidence against it")
    for s in score.ranked():
        name = s.scenario.name
        against = [se for se in s.evidence if se.rating(names, name) < 0][:SHOWN_AGAINST]
        lines = "\n".join(
            f"{se.contribution:.2f} {se.indicator.id} {escape('[' + se.evidence.doc_id + ']')} "
            f"{_quote(se.evidence.lead.text)}"
            for se in against
        )
        tied = "=" if score.tally.tied(names.index(name)) else ""
        table.add_row(
            f"{s.rank}{tied}",
            escape(name),
            f"{s.score:.2f}",
            f"{s.inconsistency:.2f}",
            f"{s.consistency:.2f}",
            str(previous.ranks[name]) if previous else "—",
            lines or "—",
        )
    console.print(table)
    sens = score.sensitivity
    leaders = score.leaders()
    if len(leaders) > 1 and score.evidence:
        console.print(
            f"{escape(' and '.join(leaders))} tie at the top: no stored evidence tells them "
            "apart (an indicator on which they expect different things would)."
        )
    if sens.changes_top:
        console.print(f"The top scenario ({escape(sens.top or '')}) changes if any of these is "
                      "left out:")  # fmt: skip
        for r in sens.changes_top:
            console.print(
                f"  {escape('[' + r.doc_id + ']')} {_quote(r.text)} → {escape(r.top_without)} first"
            )
    elif score.evidence and len(leaders) == 1:
        console.print(
            f"No single piece of evidence changes the top scenario (lead {sens.lead:.2f})."
        )
    if score.shifts:
        shifts = "; ".join(f"{d.shift.actor} {d.shift.issue} {d.shift.date}" for d in score.shifts)
        superseded = sum(1 for se in score.evidence if se.superseded_by)
        console.print(
            f"Narrative shifts: {escape(shifts)}; {superseded} earlier stance(s) superseded."
        )
    if not score.evidence:
        console.print(
            "No stored signal bears on this board's indicators"
            + (f" up to {as_of}" if score.as_of else "")
            + ": every scenario is uncontradicted. Ingest documents about its actors first."
        )
    elif score.history:
        history = " · ".join(f"{h.date}: {escape(h.top)}" for h in score.history)
        console.print(f"Top scenario over time: {history}")
    console.print(
        f"Board: {escape(score.board.path)}. Evidence, weights and history: --format json."
    )


def _quote(text: str, width: int = QUOTE_WIDTH) -> str:
    text = " ".join(text.split())
    return escape(text if len(text) <= width else text[: width - 1] + "…")


@click.command("brief")
@click.option("--actor", metavar="ACTOR", help="Whose signals the brief is about (RUS, Russia).")
@click.option(
    "--dyad",
    nargs=2,
    metavar="A B",
    help="The pair for the escalation chart (default: the actor and the country it "
    "addresses most).",
)
@since_until_options
@_board_option
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    callback=check_output_path,
    metavar="FILE",
    help="brief.html (one self-contained page) or brief.md (charts as PNGs next to it).",
)
@db_option
def brief_command(
    actor: str | None,
    dyad: tuple[str, str] | None,
    since: str | None,
    until: str | None,
    board_file: str | None,
    out: str,
    db: str,
) -> None:
    """Write a brief to forward: key points, headline signals with quotes and sources,
    conditional offers and threats, stance timelines with narrative shifts, the dyad's
    escalation chart, and the scenario board with the evidence behind each score.

    The file name's ending decides the format: .html gives one self-contained page that
    opens offline; .md gives Markdown with its charts as PNG files next to it.
    --until is also the board's as-of date.

    \b
    Examples:
      offramp brief --actor RUS --out brief.html
      offramp brief --actor Russia --dyad RUS UKR --since 2025-06-01 --out brief.md
    """
    from offramp.report.brief import brief_format, write_brief

    brief_format(out)
    check_range(since, until)
    board = _load(board_file) if board_file else None
    store = open_store(db)
    key = actor_argument(store, actor).key if actor else None
    sides = None
    if dyad:
        sides = (
            actor_argument(store, dyad[0], what="dyad A").key,
            actor_argument(store, dyad[1], what="dyad B").key,
        )
    files = write_brief(store, out, actor=key, dyad=sides, since=since, until=until, board=board)
    size = files[0].stat().st_size
    extra = f" and {len(files) - 1} chart images next to it" if len(files) > 1 else ""
    click.echo(f"Wrote {files[0]} ({size // 1024 or 1} KB){extra}.")


COMMANDS = [scenarios_command, brief_command]
