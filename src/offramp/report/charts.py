"""Charts for briefs and the dashboard: matplotlib figures returned as PNG bytes.

Figures are drawn with matplotlib's object API on the Agg canvas — no pyplot, no global
backend switch, no display — so they can be made in a web worker or a test, offline
(fonts are matplotlib's bundled DejaVu Sans). Output is deterministic for the same input:
fixed size and resolution, and no timestamp in the PNG.

Example:
    >>> png = history_chart(score.history, score.board.names)  # doctest: +SKIP
    >>> png[:8] == PNG_SIGNATURE  # doctest: +SKIP
    True
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from offramp.analysis.escalation import DyadPeriod
from offramp.analysis.scenarios import BoardScore, HistoryPoint
from offramp.analysis.shifts import DetectedShift
from offramp.analysis.timelines import TimelinePeriod

#: The first bytes of every PNG file.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Resolution of every chart; with the sizes below, about 1000 pixels wide.
DPI = 110
#: Colours: a muted, colour-blind-safe set (Okabe & Ito) in a fixed order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Marker and line style per series, so series that coincide can still be told apart.
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
LINESTYLES = ("-", "--", "-.", ":", "-", "--", "-.")
INK = "#222222"
GRID = "#dddddd"
SHIFT = "#B2182B"

#: What the ends of each tracked issue's scale mean, for the y axis.
ISSUE_POLES: dict[str, tuple[str, str]] = {
    "war_aims": ("goals not yet achieved", "goals achieved / satisfied"),
    "negotiation": ("refuses talks", "willing to talk"),
    "escalation": ("restraint", "more force or pressure"),
}


def stance_chart(
    periods: Sequence[TimelinePeriod],
    shifts: Sequence[DetectedShift] = (),
    *,
    actor: str,
    issue: str,
) -> bytes:
    """An actor's own statements on an issue (dots; hollow: reported past positions), the
    monthly mean (bars across each period) and narrative shifts (dashed line, before →
    after)."""
    fig, ax = _figure(9.0, 3.6)
    xs, ys, past_x, past_y = [], [], [], []
    for period in periods:
        for s in period.statements:
            (past_x if s.past else xs).append(s.date)
            (past_y if s.past else ys).append(s.value)
    for period in periods:
        if period.start is None:
            continue
        end = _month_end(period.start)
        ax.hlines(period.mean, period.start, end, colors=PALETTE[0], linewidth=3, alpha=0.55)
    ax.scatter(xs, ys, s=38, color=PALETTE[0], zorder=3, label="own statement")
    if past_x:
        ax.scatter(
            past_x,
            past_y,
            s=38,
            facecolors="white",
            edgecolors=PALETTE[0],
            zorder=3,
            label="earlier position, as reported",
        )
    for d in shifts:
        day = _dt.date.fromisoformat(d.shift.date)
        ax.axvline(day, color=SHIFT, linestyle="--", linewidth=1.4, zorder=2)
        ax.annotate(
            f"shift {d.shift.date}\n{d.shift.before:+.2f} → {d.shift.after:+.2f}",
            xy=(day, 1.0),
            xytext=(-6, -2),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=8.5,
            color=SHIFT,
        )
    low, high = ISSUE_POLES.get(issue, ("−1", "+1"))
    ax.set_ylim(-1.25, 1.25)
    ax.set_yticks([-1, -0.5, 0, 0.5, 1])
    ax.set_yticklabels([f"−1 {low}", "−½", "0", "+½", f"+1 {high}"], fontsize=8)
    ax.axhline(0, color=GRID, linewidth=1)
    ax.set_title(f"{actor}: stance on {issue} (bars: monthly mean)", loc="left", fontsize=10.5)
    _date_axis(ax, [*xs, *past_x])
    _legend(fig, ax)
    return _png(fig)


def dyad_chart(rows: Sequence[DyadPeriod], a: str, b: str) -> bytes:
    """Escalation index per period: A→B and B→A as bars, both together as a line."""
    fig, ax = _figure(9.0, 3.4)
    labels = sorted({r.label for r in rows})
    forward, backward = f"{a}→{b}", f"{b}→{a}"
    index = {(r.label, r.direction): r.index for r in rows}
    x = list(range(len(labels)))
    width = 0.38
    ax.bar(
        [i - width / 2 for i in x],
        [index.get((p, forward), 0.0) for p in labels],
        width,
        color=PALETTE[1],
        label=forward,
    )
    ax.bar(
        [i + width / 2 for i in x],
        [index.get((p, backward), 0.0) for p in labels],
        width,
        color=PALETTE[0],
        label=backward,
    )
    ax.plot(
        x,
        [index.get((p, "both"), 0.0) for p in labels],
        color=INK,
        marker="o",
        linewidth=1.4,
        label="both",
    )
    ax.axhline(0, color="#999999", linewidth=0.8)
    ax.set_xticks(x)
    ax.set_xticklabels(labels, fontsize=8.5, rotation=0 if len(labels) < 10 else 45)
    ax.set_ylabel("escalation index", fontsize=9)
    ax.set_title(
        f"Escalation {a} ↔ {b} per period (higher = more escalation; one attack ≈ 1)",
        loc="left",
        fontsize=10.5,
    )
    ax.set_xlim(-0.75, max(1, len(labels)) - 0.25)
    _legend(fig, ax)
    if not labels:
        _empty(ax, "no signals between the two sides")
    return _png(fig)


def history_chart(history: Sequence[HistoryPoint], names: Sequence[str]) -> bytes:
    """Each scenario's score S (share of the diagnostic evidence that does not contradict
    it) at each month end and at the as-of date."""
    fig, ax = _figure(9.0, 3.4)
    days = [h.date for h in history]
    for i, name in enumerate(names):
        # Thick first, thinner and dashed after, so tied scenarios stay visible.
        ax.plot(
            days,
            [h.scores[name] for h in history],
            marker=MARKERS[i % len(MARKERS)],
            markersize=max(3.0, 7.0 - 1.2 * i),
            linewidth=max(1.2, 4.0 - 0.9 * i),
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            color=PALETTE[i % len(PALETTE)],
            label=name,
        )
    ax.set_ylim(-0.05, 1.08)
    ax.set_ylabel("score S", fontsize=9)
    ax.set_title(
        "Scenario board over time (S = 1 − weighted inconsistency / total)",
        loc="left",
        fontsize=10.5,
    )
    _date_axis(ax, days)
    _legend(fig, ax)
    return _png(fig)


def board_chart(score: BoardScore) -> bytes:
    """Weighted consistency and inconsistency per scenario, best-ranked on top."""
    ranked = score.ranked()
    fig, ax = _figure(9.0, 0.55 * len(ranked) + 1.3)
    y = list(range(len(ranked)))[::-1]
    height = 0.38
    ax.barh(
        [v + height / 2 for v in y],
        [s.consistency for s in ranked],
        height,
        color=PALETTE[2],
        label="consistent (C)",
    )
    ax.barh(
        [v - height / 2 for v in y],
        [s.inconsistency for s in ranked],
        height,
        color=PALETTE[1],
        label="inconsistent (I, ranks)",
    )
    ax.set_yticks(y)
    ax.set_yticklabels([f"{s.rank}. {s.scenario.name}" for s in ranked], fontsize=9)
    ax.set_xlabel("weighted evidence (w × D)", fontsize=9)
    ax.set_title(
        f"Scenario board as of {score.as_of.isoformat() if score.as_of else '—'}",
        loc="left",
        fontsize=10.5,
    )
    _legend(fig, ax)
    if not score.evidence:
        _empty(ax, "no evidence on this board yet")
    return _png(fig)


# -- helpers ----------------------------------------------------------------------------------


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.tick_params(colors=INK, labelsize=8.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def _legend(fig: Figure, ax: Axes) -> None:
    """A legend under the plot, so it never hides data."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(
            handles,
            labels,
            loc="outside lower center",
            ncol=min(5, len(labels)),
            fontsize=8.5,
            frameon=False,
        )


def _date_axis(ax: Axes, days: Sequence[_dt.date]) -> None:
    """Readable dates: pad the range so single-day data still has an axis."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if days:
        first, last = min(days), max(days)
        pad = max(_dt.timedelta(days=7), (last - first) / 20)
        ax.set_xlim(first - pad, last + pad)
    else:
        _empty(ax, "no statements in this period")


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color="#777777")


def _month_end(start: _dt.date) -> _dt.date:
    nxt = _dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return buf.getvalue()
