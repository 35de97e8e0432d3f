"""Printing signal records: JSONL for machines, a table for people."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from rich.console import Console
from rich.table import Table

from offramp.records import Actor, Signal


def write_jsonl(signals: Iterable[Signal], out: IO[str]) -> int:
    n = 0
    for s in signals:
        out.write(s.to_json())
        out.write("\n")
        n += 1
    return n


def actor_label(a: Actor | None) -> str:
    if a is None:
        return "—"
    return a.code


def signal_table(
    signals: list[Signal], *, title: str | None = None, evidence_width: int = 60
) -> Table:
    """A table for people: speaker, source → target, type, condition, stances, evidence."""
    table = Table(title=title, show_lines=True, expand=False, title_justify="left")
    table.add_column("doc", style="dim", no_wrap=True)
    table.add_column("speaker", no_wrap=True)
    table.add_column("source → target", no_wrap=True)
    table.add_column("type")
    table.add_column("condition / otherwise")
    table.add_column("stances")
    table.add_column("evidence", max_width=evidence_width)
    for s in signals:
        kind = s.event_type or ("commentary" if s.attributed_by else "stance")
        flags = [
            f
            for f, on in (
                ("negated", s.negated),
                ("hypothetical", s.hypothetical),
                ("past", s.past),
            )
            if on
        ]
        if s.attributed_by:
            flags.append(f"by {s.attributed_by}")
        type_cell = kind + (f"\n({', '.join(flags)})" if flags else "")
        cond = ""
        if s.condition:
            who = f"[{s.condition.actor.code}] " if s.condition.actor else ""
            cond = f"if {who}{s.condition.text}"
        if s.alternative:
            cond += f"\notherwise {s.alternative.event_type or '?'}: {s.alternative.text}"
        stances = ", ".join(f"{st.issue} {st.value:+.1f}" for st in s.stances)
        table.add_row(
            s.doc_id,
            actor_label(s.speaker),
            f"{actor_label(s.source)} → {actor_label(s.target)}",
            type_cell,
            cond,
            stances,
            s.text,
        )
    return table


def print_table(
    signals: list[Signal], out: IO[str], *, title: str | None = None, width: int | None = None
) -> None:
    console = Console(file=out, width=width or 160, soft_wrap=False)
    console.print(signal_table(signals, title=title))
