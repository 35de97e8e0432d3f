"""Assembling a brief from the store: which signals, timelines, dyad and board it shows.

Sections, in order: key points; headline signals; conditional offers and threats; stance
timelines with narrative shifts; the dyad's escalation; the scenario board
(:mod:`.brief_board`); sources.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from offramp.__about__ import EXTRACTOR_VERSION
from offramp.analysis.actors import label_for, resolve_actor
from offramp.analysis.boards import Board, default_board
from offramp.analysis.escalation import dyad_escalation, dyad_signals
from offramp.analysis.scenarios import BoardScore, score_board
from offramp.analysis.shifts import DetectedShift, find_shifts
from offramp.analysis.timelines import TimelinePeriod, stance_timeline
from offramp.errors import usage_error
from offramp.records import TRACKED_ISSUES, Signal
from offramp.report import charts
from offramp.report.brief_board import board_section
from offramp.report.brief_model import (
    Brief,
    Chart,
    DyadView,
    KeyPoint,
    Quote,
    ShiftView,
    SignalView,
    Sources,
    TimelineView,
)
from offramp.store import SignalFilter, StancePoint, Store
from offramp.store.keys import series_key

#: Headline signals a brief leads with.
MAX_HEADLINES = 6
#: Stance timelines (actor and issue pairs) drawn at most.
MAX_TIMELINES = 6
#: Conditional offers and threats listed at most (newest first).
MAX_CONDITIONALS = 20
#: Quotes cited on each side of a narrative shift.
MAX_SHIFT_QUOTES = 3


# -- assembling ------------------------------------------------------------------------------------


def build_brief(
    store: Store,
    *,
    actor: str | None = None,
    dyad: Sequence[str] | None = None,
    since: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
    board: Board | None = None,
) -> Brief:
    """Assemble a brief from the store.

    ``actor`` and the two ``dyad`` sides take what the command line takes (``RUS``,
    ``Russia``, ``PSEREB``, ``Hamas``); ``since``/``until`` limit the signals, timelines and
    escalation shown, and ``until`` is also the board's as-of date (the board itself weighs
    all evidence up to then, with its recency decay).

    Raises:
        UsageError: an unknown actor (with close matches) or ``since`` after ``until``.
    """
    since_s, until_s = _day(since, "since"), _day(until, "until")
    if since_s and until_s and since_s > until_s:
        raise usage_error(
            "E312", option="--since", value=since_s, other_option="--until", other=until_s
        )
    known = store.actor_keys()
    key = resolve_actor(actor, known_keys=known).key if actor else None
    sides = _sides(dyad, known)
    stats = store.stats()
    sources = Sources(store)
    as_of = _dt.date.fromisoformat(until_s) if until_s else stats.last_date
    scored = score_board(store, board or default_board(), as_of=as_of)
    brief = Brief(
        title=_title(key, sides),
        scope=_scope(key, sides, since_s, until_s),
        since=since_s,
        until=until_s,
        as_of=as_of.isoformat() if as_of else None,
        store_summary=(
            f"{stats.documents} documents, {stats.signals} signals"
            + (f", dated {stats.first_date} to {stats.last_date}" if stats.first_date else "")
        ),
        extractor=", ".join(sorted(stats.extractor_versions)) or EXTRACTOR_VERSION,
    )
    keys = [key] if key else list(sides or ())
    signals = _scope_signals(store, keys, since_s, until_s)
    brief.timelines = _timelines(store, keys, since_s, until_s, sources)
    if sides is None and key is not None:
        counterpart = _counterpart(signals, key)
        if counterpart:
            sides, inferred = (key, counterpart), True
        else:
            inferred = False
    else:
        inferred = False
    if sides:
        brief.dyad = _dyad(store, sides, since_s, until_s, inferred)
    shift_spans = {
        (q.doc_id, q.start) for t in brief.timelines for s in t.shifts for q in s.after_quotes
    }
    brief.headlines = _headlines(signals, scored, shift_spans, sources)
    conditionals = [s for s in reversed(signals) if s.condition or s.alternative]
    brief.conditionals = [_signal_view(s, sources) for s in conditionals[:MAX_CONDITIONALS]]
    brief.conditionals_more = max(0, len(conditionals) - MAX_CONDITIONALS)
    brief.board = board_section(scored, sources)
    brief.key_points = _key_points(brief, scored)
    brief.sources = sources.listed()
    return brief


def _day(value: str | _dt.date | None, option: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise usage_error("E301", option=f"--{option}", value=value) from None


def _sides(dyad: Sequence[str] | None, known: dict[str, int]) -> tuple[str, str] | None:
    if not dyad:
        return None
    if len(dyad) != 2:
        raise usage_error("E302", option="--dyad", valid="two actors, e.g. RUS UKR", value=dyad)
    a = resolve_actor(dyad[0], known_keys=known).key
    b = resolve_actor(dyad[1], known_keys=known).key
    return a, b


def _title(key: str | None, sides: tuple[str, str] | None) -> str:
    if key:
        return f"Brief: {_name(key)}"
    if sides:
        return f"Brief: {_name(sides[0])} and {_name(sides[1])}"
    return "Brief: all actors in the store"


def _name(key: str) -> str:
    """``Russia`` for RUS, ``Hamas`` for PSEREB (the label without its parenthesis)."""
    return label_for(key).split(" (")[0]


def _scope(
    key: str | None, sides: tuple[str, str] | None, since: str | None, until: str | None
) -> str:
    who = label_for(key) if key else "every actor"
    if sides and not key:
        who = f"{label_for(sides[0])} and {label_for(sides[1])}"
    when = f"from {since}" if since else "from the first stored signal"
    when += f" to {until}" if until else " to the latest"
    return f"{who}; {when}"


def _scope_signals(
    store: Store, keys: Sequence[str], since: str | None, until: str | None
) -> list[Signal]:
    """The actors' own signals (all signals without actors), commentary and reported past
    positions left out, oldest first."""
    filters = [SignalFilter(actor=k, since=since, until=until) for k in keys] or [
        SignalFilter(since=since, until=until)
    ]
    out = [s for f in filters for s in store.iter_signals(f) if not s.attributed_by and not s.past]
    out.sort(key=lambda s: (s.date or "", s.doc_id, s.start))
    return out


def _counterpart(signals: Sequence[Signal], key: str) -> str | None:
    """The country the actor directs the most conflict and cooperation at (sum of
    intensities' sizes), for the escalation chart when no dyad is given."""
    totals: dict[str, float] = {}
    for s in signals:
        other = s.target.country if s.target else None
        if other and other != key and series_key(s.target) != key:
            totals[other] = totals.get(other, 0.0) + abs(s.intensity)
    return max(totals, key=lambda k: (totals[k], k)) if totals else None


def _signal_view(s: Signal, sources: Sources) -> SignalView:
    flags = [f for f, on in (("negated", s.negated), ("hypothetical", s.hypothetical)) if on]
    return SignalView(
        quote=sources.quote(s.doc_id, s.start, s.end, s.text, s.date),
        actor=_actor(s.source),
        speaker=_actor(s.speaker) if s.speaker else None,
        target=_actor(s.target) if s.target else None,
        kind=s.event_type or "stance",
        flags=tuple(flags),
        condition=s.condition.text if s.condition else None,
        condition_actor=s.condition.actor.code if s.condition and s.condition.actor else None,
        alternative=s.alternative.text if s.alternative else None,
        alternative_type=s.alternative.event_type if s.alternative else None,
        stances=", ".join(f"{st.issue} {st.value:+.1f}" for st in s.stances),
    )


def _actor(a: object) -> str:
    code = getattr(a, "code", None)
    name = getattr(a, "name", None)
    if not code:
        return "—"
    return f"{code} ({name})" if name and name != code else str(code)


def _headlines(
    signals: Sequence[Signal],
    scored: BoardScore,
    shift_spans: set[tuple[str, int]],
    sources: Sources,
) -> list[SignalView]:
    """The signals a reader should see first: conditional offers and threats, statements
    that carry a narrative shift, evidence the board leans on, and strong acts."""
    weight: dict[tuple[str, int], float] = {}
    for se in scored.evidence:
        for c in se.evidence.members:
            weight[(c.doc_id, c.start)] = weight.get((c.doc_id, c.start), 0.0) + se.contribution

    def salience(s: Signal) -> float:
        return (
            abs(s.intensity) / 10.0
            + (1.5 if s.condition or s.alternative else 0.0)
            + (1.0 if (s.doc_id, s.start) in shift_spans else 0.0)
            + weight.get((s.doc_id, s.start), 0.0)
            + 0.25 * sum(abs(st.value) for st in s.stances)
        )

    best: dict[tuple[str, int, int], Signal] = {}
    for s in signals:
        span = (s.doc_id, s.start, s.end)
        if span not in best or salience(s) > salience(best[span]):
            best[span] = s
    ranked = sorted(best.values(), key=lambda s: (-salience(s), s.date or "", s.doc_id, s.start))
    return [_signal_view(s, sources) for s in ranked[:MAX_HEADLINES]]


def _timelines(
    store: Store,
    keys: Sequence[str],
    since: str | None,
    until: str | None,
    sources: Sources,
) -> list[TimelineView]:
    """The actors' stance timelines (every issue they spoke on); for the whole store, the
    series with a narrative shift first, then the most documented. Charts are drawn only
    for the timelines shown."""
    points = [p for k in keys for p in store.stance_series(k)] if keys else store.stance_series()
    series: dict[tuple[str, str], list[StancePoint]] = {}
    for p in points:
        if _known_by(p, until):
            series.setdefault((p.source_key, p.issue), []).append(p)
    if keys:
        order = {issue: n for n, issue in enumerate(TRACKED_ISSUES)}
        pairs = sorted(
            series, key=lambda k: (list(keys).index(k[0]), order.get(k[1], len(order)), k[1])
        )
    else:
        own = {k: sum(1 for p in v if not p.attributed_by) for k, v in series.items()}
        pairs = sorted(series, key=lambda k: (-own[k], k))
    found = []
    for key, issue in pairs:
        shifts = [
            d
            for d in find_shifts(series[(key, issue)], actor=key, issue=issue)
            if (since is None or d.shift.date >= since) and (until is None or d.shift.date <= until)
        ]
        shown = [p for p in series[(key, issue)] if _in_range(p, since, until)]
        periods = stance_timeline(shown, actor=key)
        if periods:
            found.append((key, issue, shifts, periods))
    if not keys:
        found.sort(key=lambda f: 0 if f[2] else 1)  # stable: shifts first, then by size
    return [_timeline(*f, sources) for f in found[:MAX_TIMELINES]]


def _timeline(
    key: str,
    issue: str,
    shifts: Sequence[DetectedShift],
    periods: Sequence[TimelinePeriod],
    sources: Sources,
) -> TimelineView:
    label = _name(key)
    return TimelineView(
        actor=key,
        label=label,
        issue=issue,
        chart=Chart(
            f"stance-{key.lower()}-{issue.replace('_', '-')}",
            f"{label}: own statements on {issue}, monthly mean and narrative shifts",
            charts.stance_chart(periods, shifts, actor=label, issue=issue),
        ),
        shifts=tuple(_shift_view(d, label, sources) for d in shifts),
        periods=tuple((p.label, p.count, p.mean) for p in periods),
    )


def _known_by(p: StancePoint, until: str | None) -> bool:
    if until is None:
        return True
    day = p.doc_date or p.date
    return day is not None and day.isoformat() <= until


def _in_range(p: StancePoint, since: str | None, until: str | None) -> bool:
    day = p.date or p.doc_date
    if day is None:
        return False
    d = day.isoformat()
    return (since is None or d >= since) and (until is None or d <= until)


def _shift_view(d: DetectedShift, label: str, sources: Sources) -> ShiftView:
    s = d.shift

    def quotes(refs: Sequence[dict[str, object]]) -> tuple[Quote, ...]:
        return tuple(
            sources.quote(
                str(r["doc_id"]),
                int(str(r["start"])),
                int(str(r["end"])),
                str(r["text"]),
                str(r["date"]) if r["date"] else None,
            )
            for r in refs
        )

    return ShiftView(
        actor=label,
        issue=s.issue,
        date=s.date,
        before=s.before,
        after=s.after,
        score=s.score,
        n_before=d.n_before,
        n_after=d.n_after,
        before_quotes=quotes(s.evidence_before[-MAX_SHIFT_QUOTES:]),
        after_quotes=quotes(s.evidence_after[:MAX_SHIFT_QUOTES]),
    )


def _dyad(
    store: Store, sides: tuple[str, str], since: str | None, until: str | None, inferred: bool
) -> DyadView:
    a, b = sides
    rows = dyad_escalation(dyad_signals(store, a, b, since=since, until=until), a, b)
    return DyadView(
        a=a,
        b=b,
        inferred=inferred,
        chart=Chart(
            f"dyad-{a.lower()}-{b.lower()}",
            f"Escalation index {a} and {b} per month, each direction and both",
            charts.dyad_chart(rows, a, b),
        ),
        rows=tuple(rows),
    )


def _key_points(brief: Brief, scored: BoardScore) -> list[KeyPoint]:
    """The bottom line: the board's leader and its movement, shifts, the latest conditional
    signal, the dyad's latest period, and what the ranking hinges on."""
    points: list[KeyPoint] = []
    board = brief.board
    if board and scored.evidence and board.scenarios:
        top = board.scenarios[0]
        text = (
            f"Scenario board: “{top.name}” ranks first as of {board.as_of} "
            f"(score {top.score:.2f}; weighted inconsistency {top.inconsistency:.2f})."
        )
        if len(board.leaders) > 1:
            text = (
                f"Scenario board: {' and '.join(f'“{n}”' for n in board.leaders)} tie for "
                f"first place as of {board.as_of} (weighted inconsistency "
                f"{top.inconsistency:.2f}): the evidence does not tell them apart."
            )
        elif top.before and top.before[1] != top.rank:
            leader = scored.history[-2].top
            text += f" On {top.before[0]} it ranked {top.before[1]} and “{leader}” led."
        points.append(KeyPoint(text))
    for t in brief.timelines:
        for s in t.shifts:
            points.append(
                KeyPoint(
                    f"Narrative shift: {s.actor} on {s.issue}, {s.date}, from {s.before:+.2f} "
                    f"to {s.after:+.2f} ({s.n_before} statements before, {s.n_after} after).",
                    s.after_quotes[0] if s.after_quotes else None,
                )
            )
    if brief.conditionals:
        c = brief.conditionals[0]
        cond = f" on the condition that {c.condition}" if c.condition else ""
        alt = (
            f"; otherwise ({c.alternative_type or 'unclear'}): {c.alternative}"
            if c.alternative
            else ""
        )
        points.append(
            KeyPoint(f"Latest conditional signal: {c.actor} {c.kind}{cond}{alt}.", c.quote)
        )
    if brief.dyad and brief.dyad.rows:
        last = [r for r in brief.dyad.rows if r.direction == "both"][-1]
        points.append(
            KeyPoint(
                f"Escalation {brief.dyad.a} ↔ {brief.dyad.b} in {last.label}: index "
                f"{last.index:+.2f} over {_count(last.signals, 'signal')} "
                f"({_count(last.threats, 'threat')}, {_count(last.offers, 'offer')}, "
                f"{_count(last.refusals, 'refusal')}, {_count(last.attacks, 'attack')})."
            )
        )
    if board and board.changes_top:
        r = board.changes_top[0]
        n = len(board.changes_top)
        more = (
            f" ({_count(n - 1, 'other piece')} of evidence would too; see the board)"
            if n > 1
            else ""
        )
        points.append(
            KeyPoint(
                f"The ranking is fragile: leaving out this sentence would put “{r.top_without}” "
                f"first{more}.",
                r.quote,
            )
        )
    elif board and scored.evidence and len(board.leaders) == 1:
        points.append(
            KeyPoint(
                "No single piece of evidence changes the top scenario when left out "
                f"(lead {board.lead:.2f})."
            )
        )
    return points


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
