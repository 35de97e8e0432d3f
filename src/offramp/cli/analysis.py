"""``offramp timeline``, ``shifts`` and ``dyad``: what the store says about actors over time."""

from __future__ import annotations

import datetime as _dt
import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from offramp.analysis.escalation import dyad_escalation
from offramp.analysis.shifts import DetectedShift, find_shifts
from offramp.analysis.timelines import stance_timeline
from offramp.cli.context import actor_argument, check_range, issue_argument, note, open_store
from offramp.cli.options import db_option, freq_option, json_option, since_until_options
from offramp.cli.options import validate_date as _validate_date
from offramp.store import SignalFilter
from offramp.store.keys import is_country_key

#: Characters of a quote shown in a table cell.
QUOTE_WIDTH = 110


def _console() -> Console:
    return Console(file=sys.stdout, width=160, soft_wrap=False)


def _quote(text: str, width: int = QUOTE_WIDTH) -> str:
    """A one-line excerpt of untrusted text, escaped so rich prints it as written."""
    text = " ".join(text.split())
    return escape(text if len(text) <= width else text[: width - 1] + "…")


@click.command("timeline")
@click.argument("actor", metavar="ACTOR")
@click.option("--issue", required=True, metavar="ISSUE", help="negotiation, war_aims, ...")
@freq_option
@json_option("Print the periods as a JSON list (period, start, mean, count, evidence).")
@db_option
def timeline_command(actor: str, issue: str, freq: str, as_json: bool, db: str) -> None:
    """An actor's stance on an issue, period by period: mean, count and evidence.

    Only the actor's own statements count: commentary and other actors' words about it are
    left out. Undated past stances ("in the past, Moscow always insisted ...") are shown
    in an "earlier" row.

    \b
    Example:
      offramp timeline Russia --issue war_aims --freq month
    """
    store = open_store(db)
    match = actor_argument(store, actor)
    iss = issue_argument(store, issue)
    rows = stance_timeline(store.stance_series(match.key, iss), actor=match.key, freq=freq)
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1))
        return
    if not rows:
        note(f"No statements of its own by {match.label} on {iss} in {db}.")
        return
    table = Table(
        title=f"{match.label} on {iss}: own statements per {freq}",
        title_justify="left",
        show_lines=True,
    )
    table.add_column("period", no_wrap=True)
    table.add_column("n", justify="right")
    table.add_column("mean", justify="right")
    table.add_column("evidence")
    for r in rows:
        quotes = "\n".join(
            f"{s.value:+.1f} {s.date.isoformat()} {escape(f'[{s.doc_id}]')} "
            f"{_quote(s.points[0].text)}"
            for s in r.statements
        )
        table.add_row(r.label, str(r.count), f"{r.mean:+.2f}", quotes)
    _console().print(table)


@click.command("shifts")
@click.option("--actor", metavar="ACTOR", help="Only this actor (RUS, Russia, Hamas ...).")
@click.option("--issue", metavar="ISSUE", help="Only this issue.")
@click.option(
    "--since",
    metavar="YYYY-MM-DD",
    callback=_validate_date,
    help="Only shifts dated on or after this day (detection still reads the whole series).",
)
@json_option("Print a JSON list of SIGNALS.md shift records (for score.py and other tools).")
@db_option
def shifts_command(
    actor: str | None, issue: str | None, since: str | None, as_json: bool, db: str
) -> None:
    """Narrative shifts: where an actor's own stance on an issue changed direction and stayed.

    Each shift cites the statements before and after it. The method is a Bayesian
    change-point test on the actor's own statements, robust to one-off remarks, hedges,
    commentary and reported past positions; docs/SHIFTS.md explains it.

    \b
    Examples:
      offramp shifts
      offramp shifts --actor RUS --issue war_aims
      offramp shifts --json > shifts.json
    """
    store = open_store(db)
    key = actor_argument(store, actor).key if actor is not None else None
    iss = issue_argument(store, issue) if issue is not None else None
    found = find_shifts(
        store.stance_series(key, iss),
        actor=key,
        issue=iss,
        since=_dt.date.fromisoformat(since) if since else None,
    )
    if as_json:
        click.echo(json.dumps([d.to_dict() for d in found], ensure_ascii=False, indent=1))
        return
    if not found:
        note("No narrative shifts found" + (f" since {since}." if since else "."))
        return
    _console().print(_shift_table(found))


def _ref_line(ref: dict[str, Any]) -> str:
    """``  2025-11-22 [doc] quote`` for a signal ref, escaped for rich."""
    day = ref["date"] or "earlier"
    return f"  {day} {escape('[' + str(ref['doc_id']) + ']')} {_quote(ref['text'], 90)}"


def _shift_table(found: list[DetectedShift]) -> Table:
    table = Table(title=f"{len(found)} narrative shift(s)", title_justify="left", show_lines=True)
    table.add_column("actor", no_wrap=True)
    table.add_column("issue", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("before → after", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("evidence before / after")
    for d in found:
        s = d.shift
        before = "\n".join(_ref_line(r) for r in s.evidence_before[-3:])
        after = "\n".join(_ref_line(r) for r in s.evidence_after[:3])
        table.add_row(
            s.actor,
            s.issue,
            s.date,
            f"{s.before:+.2f} → {s.after:+.2f}\n({d.n_before} / {d.n_after} statements)",
            f"{s.score:.3f}",
            f"before:\n{before}\nafter:\n{after}",
        )
    return table


@click.command("dyad")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@freq_option
@since_until_options
@json_option("Print the rows as a JSON list.")
@db_option
def dyad_command(
    a: str,
    b: str,
    freq: str,
    since: str | None,
    until: str | None,
    as_json: bool,
    db: str,
) -> None:
    """Escalation index of a dyad per period, each direction and combined.

    index = -(sum of signal intensities from one side to the other) / 10: higher is more
    escalation, and one full-scale attack adds 1. tone is the mean intensity (-10..10).
    Threats, offers, refusals and attacks are counted apart. A country (RUS, Russia)
    stands for all its actors, civilians included (README: "Dyad escalation").

    \b
    Example:
      offramp dyad Russia Ukraine --freq week
    """
    check_range(since, until)
    store = open_store(db)
    side_a = actor_argument(store, a, what="A").key
    side_b = actor_argument(store, b, what="B").key
    signals = [
        *store.iter_signals(_side_filter(side_a, side_b, since, until)),
        *store.iter_signals(_side_filter(side_b, side_a, since, until)),
    ]
    rows = dyad_escalation(signals, side_a, side_b, freq=freq)
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1))
        return
    if not rows:
        note(f"No signals between {side_a} and {side_b} in {db}.")
        return
    table = Table(
        title=f"Escalation {side_a} ↔ {side_b} per {freq} (index: higher = more escalation)",
        title_justify="left",
    )
    for name in ("period", "direction", "signals", "index", "tone"):
        table.add_column(name, justify="right" if name in ("signals", "index", "tone") else "left")
    for name in ("threats", "offers", "refusals", "attacks"):
        table.add_column(name, justify="right")
    for r in rows:
        table.add_row(
            r.label,
            r.direction,
            str(r.signals),
            f"{r.index:+.2f}",
            f"{r.tone:+.2f}",
            str(r.threats),
            str(r.offers),
            str(r.refusals),
            str(r.attacks),
        )
    _console().print(table)


def _side_filter(src: str, dst: str, since: str | None, until: str | None) -> SignalFilter:
    """Signals from side ``src`` to side ``dst``: whole countries for country keys."""
    return SignalFilter(
        source_country=src if is_country_key(src) else None,
        actor=None if is_country_key(src) else src,
        target_country=dst if is_country_key(dst) else None,
        target=None if is_country_key(dst) else dst,
        since=since,
        until=until,
    )


COMMANDS = [timeline_command, shifts_command, dyad_command]
