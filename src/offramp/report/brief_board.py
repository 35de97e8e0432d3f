"""The scenario-board section of a brief: ranking, indicators, evidence matrix, what the
ranking hinges on, and history, from a :class:`~offramp.analysis.scenarios.BoardScore`."""

from __future__ import annotations

from collections.abc import Sequence

from offramp.analysis.boards import Indicator
from offramp.analysis.scenarios import BoardScore, Removal, ScoredEvidence
from offramp.report import charts
from offramp.report.brief_model import (
    BoardView,
    Chart,
    EvidenceView,
    IndicatorView,
    RemovalView,
    ScenarioView,
    Sources,
)

#: Rows of the evidence matrix (largest contribution first); the JSON has all.
MAX_MATRIX_ROWS = 40


def _evidence_view(
    number: str, se: ScoredEvidence, names: Sequence[str], sources: Sources
) -> EvidenceView:
    lead = se.evidence.lead
    return EvidenceView(
        number=number,
        quote=sources.quote(
            lead.doc_id,
            lead.start,
            lead.end,
            lead.text,
            lead.date.isoformat() if lead.date else None,
        ),
        indicator=se.indicator.id,
        observed="+" if se.evidence.observed > 0 else "−",
        weight=round(se.piece.weight, 3),
        diagnosticity=se.piece.diagnosticity,
        contribution=round(se.contribution, 3),
        basis=se.evidence.basis,
        ratings=tuple({1: "C", -1: "I"}.get(r, "–") for r in se.piece.ratings),
        superseded_by=se.superseded_by,
    )


def _indicator_view(ind: Indicator, names: Sequence[str], count: int) -> IndicatorView:
    who = ", ".join(ind.actors)
    if ind.issue:
        measure = f"{who}: stance on {ind.issue}"
    else:
        to = f" against {', '.join(ind.targets)}" if ind.targets else ""
        measure = f"{who}: {', '.join(ind.event_types)}{to}"
    window = []
    if ind.since:
        window.append(f"from {ind.since.isoformat()}")
    if ind.until:
        window.append(f"to {ind.until.isoformat()}")
    if ind.within_days:
        window.append(f"last {ind.within_days} days")
    if window:
        measure += f" ({', '.join(window)})"
    return IndicatorView(
        id=ind.id,
        label=ind.describe(),
        measure=measure,
        weight=ind.weight,
        expect=tuple({1: "+", -1: "−"}.get(ind.direction(n), "±") for n in names),
        evidence=count,
    )


def board_section(scored: BoardScore, sources: Sources) -> BoardView:
    board = scored.board
    names = board.names
    bearing = sorted(
        (se for se in scored.evidence if se.contribution > 0),
        key=lambda se: (-se.contribution, se.evidence.when, se.evidence.doc_id),
    )
    superseded = [se for se in scored.evidence if se.superseded_by]
    rows = bearing[:MAX_MATRIX_ROWS]
    rows += superseded[: max(0, MAX_MATRIX_ROWS - len(rows))]
    numbers = {se.evidence.key: f"E{i}" for i, se in enumerate(rows, 1)}
    previous = scored.history[-2] if len(scored.history) > 1 else None
    scenarios = []
    for s in scored.ranked():
        name = s.scenario.name

        def refs(sign: int, name: str = name) -> tuple[tuple[str, float], ...]:
            return tuple(
                (numbers[se.evidence.key], round(se.contribution, 2))
                for se in bearing
                if se.evidence.key in numbers and se.rating(names, name) == sign
            )

        scenarios.append(
            ScenarioView(
                name=name,
                description=s.scenario.description,
                rank=s.rank,
                tied=scored.tally.tied(names.index(name)),
                score=s.score,
                consistency=s.consistency,
                inconsistency=s.inconsistency,
                supporting=refs(1),
                contradicting=refs(-1),
                before=(previous.date.isoformat(), previous.ranks[name]) if previous else None,
            )
        )
    sens = scored.sensitivity

    def removal(r: Removal) -> RemovalView:
        return RemovalView(
            quote=sources.quote(r.doc_id, r.start, r.end, r.text, r.date),
            top_without=r.top_without,
            lead_without=r.lead_without,
            change=r.change,
        )

    counts = {ind.id: 0 for ind in board.indicators}
    for se in scored.evidence:
        counts[se.indicator.id] += 1
    return BoardView(
        question=board.question,
        description=board.description,
        path=board.path,
        as_of=scored.as_of.isoformat() if scored.as_of else None,
        names=tuple(names),
        scenarios=tuple(scenarios),
        indicators=tuple(_indicator_view(i, names, counts[i.id]) for i in board.indicators),
        matrix=tuple(_evidence_view(numbers[se.evidence.key], se, names, sources) for se in rows),
        matrix_more=len(bearing) + len(superseded) - len(rows),
        superseded=len(superseded),
        shifts=tuple(
            f"{d.shift.actor} {d.shift.issue} {d.shift.date} "
            f"({d.shift.before:+.2f} → {d.shift.after:+.2f})"
            for d in scored.shifts
        ),
        lead=sens.lead,
        leaders=tuple(scored.leaders()),
        changes_top=tuple(removal(r) for r in sens.changes_top),
        influential=tuple(removal(r) for r in sens.influential if r not in sens.changes_top),
        history=tuple(
            (h.date.isoformat(), h.top, tuple(h.scores[n] for n in names)) for h in scored.history
        ),
        board_chart=Chart(
            "board",
            "Weighted consistency and inconsistency per scenario",
            charts.board_chart(scored),
        ),
        history_chart=Chart(
            "board-history",
            "Scenario scores at each month end",
            charts.history_chart(scored.history, names),
        ),
        half_life_days=board.settings.half_life_days,
    )
