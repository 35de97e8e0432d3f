"""Charts as data: the geometry of an SVG chart, computed here, drawn by a template.

Charts are drawn on the server as inline SVG, so pages need no JavaScript, work offline,
print, and can be checked by a test that reads the markup. This module turns analysis
rows into shapes (paths, circles, lines, bars, tick labels) with plain numbers; the
templates ``_chart_stance.html`` and ``_chart_dyad.html`` write them out, and because they
are Jinja templates every label (actor names, issues, dates) is escaped like any other
text on the page.

Example:
    >>> chart = stance_chart(periods, shifts, issue="war_aims")  # doctest: +SKIP
    >>> chart.series[0].path  # doctest: +SKIP
    'M 56.0 150.0 L 300.0 40.0'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from offramp.analysis.escalation import DyadPeriod
from offramp.analysis.shifts import DetectedShift
from offramp.analysis.timelines import TimelinePeriod

#: What +1 and -1 mean on each tracked issue (SIGNALS.md, "Tracked issues").
ISSUE_POLES: dict[str, tuple[str, str]] = {
    "negotiation": ("refuses talks", "willing to talk"),
    "war_aims": ("goals not yet achieved", "goals achieved"),
    "escalation": ("restraint", "more force"),
}

WIDTH = 720
HEIGHT = 260
MARGIN_LEFT = 64
MARGIN_RIGHT = 24
MARGIN_TOP = 28
MARGIN_BOTTOM = 40
#: Height of the counts panel under the dyad chart's index lines.
BAR_PANEL = 90


@dataclass(frozen=True, slots=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    r: float
    title: str


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    css: str
    path: str
    dots: tuple[Dot, ...]


@dataclass(frozen=True, slots=True)
class Marker:
    """A vertical line with a label: a narrative shift."""

    x: float
    label: str
    title: str
    #: Where the label sits: "start" (right of the line) or "end" (left of it, near the
    #: right edge of the chart, so that it is not cut off).
    anchor: str = "start"


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(slots=True)
class Chart:
    """Everything a chart template draws; coordinates in SVG user units."""

    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    left: float = MARGIN_LEFT
    right: float = WIDTH - MARGIN_RIGHT
    top: float = MARGIN_TOP
    bottom: float = HEIGHT - MARGIN_BOTTOM
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    zero_y: float | None = None
    series: list[Series] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    bar_ticks: list[Tick] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    y_caption_top: str = ""
    y_caption_bottom: str = ""
    #: "start" when ticks mark where periods begin (the label runs into its period),
    #: "middle" when they mark the period's dot.
    tick_anchor: str = "middle"

    @property
    def empty(self) -> bool:
        return not self.series and not self.bars


class TimeAxis:
    """Dates to x coordinates, with some room at both ends."""

    def __init__(self, days: Sequence[_dt.date], left: float, right: float) -> None:
        lo, hi = min(days), max(days)
        pad = max(7, (hi - lo).days // 20)
        self.lo = lo - _dt.timedelta(days=pad)
        self.hi = hi + _dt.timedelta(days=pad)
        self.left = left
        self.right = right

    def x(self, day: _dt.date) -> float:
        span = (self.hi - self.lo).days or 1
        return round(self.left + (day - self.lo).days / span * (self.right - self.left), 1)


def period_middle(start: _dt.date, freq: str) -> _dt.date:
    """The middle of a month or week, where its dot is drawn (a shift on the 22nd then
    falls inside its month rather than after the month's dot)."""
    if freq == "week":
        return start + _dt.timedelta(days=3)
    return start + _dt.timedelta(days=14)


def statements_day(p: TimelinePeriod, freq: str) -> _dt.date:
    """Where a period's dot goes: the mean date of its statements (so that a shift on the
    22nd passes through the dot of the statements that made it), else mid-period."""
    days = [s.date for s in p.statements if s.date is not None]
    if not days:
        assert p.start is not None
        return period_middle(p.start, freq)
    return _dt.date.fromordinal(round(sum(d.toordinal() for d in days) / len(days)))


def _scale(value: float, lo: float, hi: float, top: float, bottom: float) -> float:
    """``value`` in [lo, hi] to a y coordinate (hi at the top)."""
    span = (hi - lo) or 1.0
    return round(bottom - (value - lo) / span * (bottom - top), 1)


def _path(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{'M' if i == 0 else 'L'} {x} {y}" for i, (x, y) in enumerate(points))


def _thin(ticks: list[Tick], most: int = 10) -> list[Tick]:
    step = max(1, -(-len(ticks) // most))
    return ticks[::step]


def stance_chart(
    periods: Sequence[TimelinePeriod],
    shifts: Sequence[DetectedShift],
    *,
    actor: str,
    issue: str,
    freq: str = "month",
) -> Chart:
    """An actor's mean stance on one issue per period, with its shifts as vertical lines.

    The y axis runs from -1 to +1 (what the poles mean is written beside it); each dot is
    a period, larger when it holds more statements. Undated earlier positions, which have
    no place in time, sit at the left edge labelled "earlier".
    """
    low, high = ISSUE_POLES.get(issue, ("-1", "+1"))
    chart = Chart(
        title=f"{actor}: stance on {issue}",
        description=(
            f"Mean stance of {actor}'s own statements on {issue} per period, from -1 "
            f"({low}) to +1 ({high}); vertical lines mark narrative shifts."
        ),
        y_caption_top=f"+1 {high}",
        y_caption_bottom=f"-1 {low}",
        tick_anchor="start",
    )
    dated = [p for p in periods if p.start is not None]
    earlier = [p for p in periods if p.start is None]
    days = [p.start for p in dated if p.start is not None]
    days += [statements_day(p, freq) for p in dated]
    days += [_dt.date.fromisoformat(d.shift.date) for d in shifts]
    if not days and not earlier:
        return chart
    edge = chart.left + 18 if earlier else chart.left
    axis = TimeAxis(days or [_dt.date.today()], edge + (40 if earlier else 0), chart.right)
    y = lambda v: _scale(v, -1.0, 1.0, chart.top, chart.bottom)  # noqa: E731
    chart.y_ticks = [Tick(y(v), f"{v:+.1f}" if v else "0") for v in (-1.0, -0.5, 0.0, 0.5, 1.0)]
    chart.zero_y = y(0.0)
    points: list[tuple[float, float]] = []
    dots: list[Dot] = []
    for p in earlier:
        dots.append(Dot(edge, y(p.mean), _radius(p.count), _period_title(p, "earlier")))
        chart.x_ticks.append(Tick(edge - 16, "earlier"))
    for p in dated:
        assert p.start is not None
        px, py = axis.x(statements_day(p, freq)), y(p.mean)
        points.append((px, py))
        dots.append(Dot(px, py, _radius(p.count), _period_title(p, p.label)))
    # ticks at the first day of each period: a dot sits inside its period, at the mean
    # date of its statements
    chart.x_ticks += _thin([Tick(axis.x(p.start), p.label) for p in dated if p.start])
    chart.series.append(Series("mean stance", "stance", _path(points), tuple(dots)))
    middle = (chart.left + chart.right) / 2
    for d in shifts:
        s = d.shift
        x = axis.x(_dt.date.fromisoformat(s.date))
        chart.markers.append(
            Marker(
                x,
                f"shift {s.date}",
                f"Narrative shift on {s.date}: {s.before:+.2f} → {s.after:+.2f} "
                f"(score {s.score:.2f})",
                "end" if x > middle else "start",
            )
        )
    return chart


def _radius(count: int) -> float:
    return round(min(9.0, 3.5 + 1.5 * count**0.5), 1)


def _period_title(p: TimelinePeriod, label: str) -> str:
    n = f"{p.count} statement{'s' if p.count != 1 else ''}"
    return f"{label}: mean {p.mean:+.2f} ({n})"


#: Counts drawn as stacked bars under the dyad chart, bottom to top.
COUNT_KINDS: tuple[tuple[str, str], ...] = (
    ("attacks", "attacks"),
    ("threats", "threats"),
    ("refusals", "refusals"),
    ("offers", "offers"),
)


def dyad_chart(rows: Sequence[DyadPeriod], *, a: str, b: str, freq: str = "month") -> Chart:
    """The escalation index of each direction per period, and under it the counts of
    threats, offers, refusals and attacks between the two sides (both directions)."""
    height = HEIGHT + BAR_PANEL
    chart = Chart(
        title=f"Escalation between {a} and {b}",
        description=(
            f"Escalation index per period for {a}→{b} and {b}→{a} (higher means more "
            "escalation; one full-scale attack adds 1, an offer takes about 0.5 away), and "
            "below it the number of attacks, threats, refusals and offers in both directions."
        ),
        height=height,
        bottom=HEIGHT - MARGIN_BOTTOM,
        y_caption_top="more escalation",
        y_caption_bottom="less",
    )
    if not rows:
        return chart
    days = sorted({r.start for r in rows})
    axis = TimeAxis([period_middle(d, freq) for d in days], chart.left, chart.right)
    at = lambda day: axis.x(period_middle(day, freq))  # noqa: E731
    values = [r.index for r in rows if r.direction != "both"] or [0.0]
    lo = min(0.0, min(values))
    hi = max(0.5, max(values))
    pad = (hi - lo) * 0.08
    lo, hi = lo - (pad if lo < 0 else 0), hi + pad
    y = lambda v: _scale(v, lo, hi, chart.top, chart.bottom)  # noqa: E731
    chart.y_ticks = [Tick(y(v), f"{v:+.1f}" if v else "0") for v in _nice_ticks(lo, hi)]
    chart.zero_y = y(0.0)
    for direction, css in ((f"{a}→{b}", "forward"), (f"{b}→{a}", "backward")):
        mine = [r for r in rows if r.direction == direction]
        if not mine:
            continue
        pts = [(at(r.start), y(r.index)) for r in mine]
        dots = tuple(
            Dot(px, py, 4.0, f"{r.label} {direction}: index {r.index:+.2f}, {r.signals} signals")
            for (px, py), r in zip(pts, mine, strict=True)
        )
        chart.series.append(Series(direction, css, _path(pts), dots))
        chart.legend.append((css, f"{direction} escalation index"))
    both = [r for r in rows if r.direction == "both"]
    top, bottom = HEIGHT - MARGIN_BOTTOM + 50, height - 12
    most = max([sum(getattr(r, k) for k, _ in COUNT_KINDS) for r in both] or [0]) or 1
    width = max(6.0, min(28.0, (chart.right - chart.left) / max(1, len(days)) * 0.5))
    for r in both:
        x = at(r.start) - width / 2
        base = float(bottom)
        for kind, css in COUNT_KINDS:
            n = getattr(r, kind)
            if not n:
                continue
            h = round(n / most * (bottom - top), 1)
            base -= h
            chart.bars.append(Bar(round(x, 1), round(base, 1), round(width, 1), h, css,
                                  f"{r.label}: {n} {kind}"))  # fmt: skip
    chart.bar_ticks = [Tick(float(bottom), "0"), Tick(float(top), str(most))]
    chart.legend += [(css, kind) for kind, css in COUNT_KINDS]
    chart.x_ticks = _thin([Tick(at(d), _label_of(rows, d)) for d in days])
    return chart


def _label_of(rows: Sequence[DyadPeriod], day: _dt.date) -> str:
    return next(r.label for r in rows if r.start == day)


def _nice_ticks(lo: float, hi: float) -> list[float]:
    span = hi - lo
    step = next(s for s in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 50) if span / s <= 6)
    first = int(lo / step) * step
    ticks = []
    v = first
    while v <= hi + 1e-9:
        if v >= lo - 1e-9:
            ticks.append(round(v, 3))
        v += step
    return ticks


def score_bar_width(score: float, *, full: float = 200.0) -> float:
    """Width of a scenario's score bar (0..1 scores; clamped)."""
    return round(max(0.0, min(1.0, score)) * full, 1)
