"""Options and output helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from typing import TypeVar

import click

from offramp.readers import Problem, ReadReport

F = TypeVar("F", bound=Callable[..., object])


def validate_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Accept YYYY-MM-DD only, with a message that shows the expected form."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use the form 2025-11-22") from None


def check_output_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An output file must be creatable: its folder has to exist (checked before any work,
    so a typo does not cost a long run)."""
    if value is None or value == "-":
        return value
    folder = os.path.dirname(os.path.abspath(value))
    if not os.path.isdir(folder):
        raise click.BadParameter(
            f"the folder {folder} does not exist; check the path, or create the folder first"
        )
    return value


def date_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--date", "date", metavar="YYYY-MM-DD", callback=validate_date, help=help_text
    )


def actors_option(f: F) -> F:
    return click.option(
        "--actors",
        "actor_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, readable=True),
        metavar="FILE",
        help="Extra actor dictionary (JSONL, same format as the built-in one); repeatable. "
        "Its names add to, and override, the built-in actors.",
    )(f)


def workers_option(f: F) -> F:
    return click.option(
        "--workers",
        "-w",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        metavar="N",
        help="Code on N processes (each loads the model once: about 400 MB of memory each). "
        "Use up to the number of CPU cores, e.g. --workers $(nproc).",
    )(f)


def stderr_report() -> ReadReport:
    """A read report that prints each problem to standard error as it happens."""

    def show(problem: Problem) -> None:
        prefix = "warning" if not problem.skipped else "skipped"
        click.echo(f"{prefix}: {problem}", err=True)

    return ReadReport(on_problem=show)


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def db_option(f: F) -> F:
    """``--db FILE``: the store, from ``OFFRAMP_DB`` or ``./offramp.duckdb`` by default."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        envvar="OFFRAMP_DB",
        default="offramp.duckdb",
        callback=check_output_path,
        show_default=True,
        show_envvar=True,
        metavar="FILE",
        help="The Offramp store (a DuckDB file).",
    )(f)


def freq_option(f: F) -> F:
    return click.option(
        "--freq",
        type=click.Choice(["month", "week"]),
        default="month",
        show_default=True,
        help="Period length: calendar months, or ISO weeks starting on Monday.",
    )(f)


def json_option(help_text: str) -> Callable[[F], F]:
    return click.option("--json", "as_json", is_flag=True, help=help_text)


def since_until_options(f: F) -> F:
    f = click.option(
        "--until",
        metavar="YYYY-MM-DD",
        callback=validate_date,
        help="Only signals dated on or before this day.",
    )(f)
    return click.option(
        "--since",
        metavar="YYYY-MM-DD",
        callback=validate_date,
        help="Only signals dated on or after this day.",
    )(f)
