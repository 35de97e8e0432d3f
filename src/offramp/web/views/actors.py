"""``/actors`` (who is in the store), ``/actors/{code}`` and ``/api/actors/{code}/timeline``.

An actor's page shows, for each issue it has spoken on, its stance period by period with
its narrative shifts marked, and then its signals with their quotes. ``code`` is read as
the command line reads actors: ``RUS``, ``RUSGOV``, ``Russia`` and ``the Kremlin`` all mean
the series ``RUS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from offramp.analysis.actors import ActorMatch, resolve_issue
from offramp.analysis.shifts import DetectedShift, find_shifts
from offramp.analysis.timelines import TimelinePeriod, stance_timeline
from offramp.errors import OfframpError
from offramp.store import SignalFilter, Store
from offramp.web.charts import ISSUE_POLES, Chart, stance_chart
from offramp.web.errors import from_offramp_error
from offramp.web.filters import check_freq
from offramp.web.queries import SignalPage, signal_page
from offramp.web.settings import MAX_FILTER_CHARS
from offramp.web.templating import actor_url
from offramp.web.views.common import actor_or_404, ctx, label, reading

router = APIRouter()

#: Signals listed on an actor's page (the explorer has the rest).
ACTOR_SIGNALS = 25


@dataclass(frozen=True, slots=True)
class IssueTimeline:
    issue: str
    periods: list[TimelinePeriod]
    shifts: list[DetectedShift]
    chart: Chart

    @property
    def poles(self) -> tuple[str, str]:
        return ISSUE_POLES.get(self.issue, ("-1", "+1"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "issue": self.issue,
            "periods": [p.to_dict() for p in self.periods],
            "shifts": [d.to_dict() for d in self.shifts],
        }


@dataclass(frozen=True, slots=True)
class ActorTimeline:
    match: ActorMatch
    freq: str
    issues: list[IssueTimeline]

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": {
                "key": self.match.key,
                "label": self.match.label,
                "understood": self.match.how,
            },
            "freq": self.freq,
            "issues": [i.to_dict() for i in self.issues],
        }


def timeline_data(
    store: Store, match: ActorMatch, *, issue: str | None = None, freq: str = "month"
) -> ActorTimeline:
    """The actor's stance per period on each issue (or one), with its shifts."""
    issues = [issue] if issue else store.issues()
    out = []
    for iss in issues:
        points = store.stance_series(match.key, iss)
        periods = stance_timeline(points, actor=match.key, freq=freq)
        if not periods and not issue:
            continue
        shifts = find_shifts(points, actor=match.key, issue=iss)
        out.append(
            IssueTimeline(
                iss,
                periods,
                shifts,
                stance_chart(periods, shifts, actor=match.key, issue=iss, freq=freq),
            )
        )
    return ActorTimeline(match, freq, out)


def _issue(store: Store, issue: str | None) -> str | None:
    if not issue:
        return None
    try:
        return resolve_issue(issue, known=store.issues())
    except OfframpError as err:
        raise from_offramp_error(err) from None


@router.get("/actors", response_class=HTMLResponse, include_in_schema=False)
def actors_page(
    request: Request, q: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)] = None
) -> Response:
    """Every actor in the store; ``?q=Russia`` goes straight to that actor's page."""
    with reading(request) as store:
        if q and q.strip():
            match = actor_or_404(store, q)
            return RedirectResponse(actor_url(match.key), status_code=303)
        keys = sorted(store.actor_keys().items(), key=lambda kv: (-kv[1], kv[0]))
    actors = [(k, label(k), n) for k, n in keys]
    return ctx(request).templates.render(
        request, "actors.html", {"title": "Actors", "actors": actors}
    )


@router.get("/actors/{code}", response_class=HTMLResponse, include_in_schema=False)
def actor_page(
    request: Request,
    code: str,
    freq: Annotated[str, Query(max_length=10)] = "month",
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> HTMLResponse:
    with reading(request) as store:
        match = actor_or_404(store, code[:MAX_FILTER_CHARS])
        data = timeline_data(store, match, freq=check_freq(freq))
        signals: SignalPage = signal_page(
            store, SignalFilter(actor=match.key), offset=offset, limit=ACTOR_SIGNALS
        )
    return ctx(request).templates.render(
        request,
        "actor.html",
        {"title": match.label, "data": data, "signals": signals, "freq": freq},
    )


@router.get(
    "/api/actors/{code}/timeline",
    tags=["actors"],
    summary="An actor's stance per period on each issue, with its shifts",
)
def actor_timeline_api(
    request: Request,
    code: str,
    issue: Annotated[
        str | None, Query(max_length=MAX_FILTER_CHARS, description="Only this issue.")
    ] = None,
    freq: Annotated[str, Query(max_length=10, description="month or week.")] = "month",
) -> dict[str, Any]:
    """For each issue the actor has spoken on (or only `issue`): the mean stance of its own
    statements per period with the evidence, and its narrative shifts (SIGNALS.md shift
    records). `code` is a country code (RUS), an actor code (RUSGOV) or a name (Russia);
    an unknown actor is a 404 that lists close matches."""
    with reading(request) as store:
        match = actor_or_404(store, code[:MAX_FILTER_CHARS])
        return timeline_data(
            store, match, issue=_issue(store, issue), freq=check_freq(freq)
        ).to_dict()
