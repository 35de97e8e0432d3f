"""``/dyads/{a}/{b}`` and ``/api/dyads/{a}/{b}``: how much two sides escalate.

The escalation index per period in each direction (README, "Dyad escalation"), the counts
of threats, offers, refusals and attacks, and those signals with their quotes. A country
(``RUS``, ``Russia``) stands for all its actors, civilians included; any other code for
itself. Page and JSON come from :func:`dyad_data`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from offramp.analysis.actors import ActorMatch
from offramp.analysis.escalation import DyadPeriod, dyad_escalation
from offramp.records import Signal
from offramp.store import SignalFilter, Store
from offramp.store.keys import is_country_key
from offramp.web.charts import Chart, dyad_chart
from offramp.web.errors import WebError
from offramp.web.filters import check_freq, invalid
from offramp.web.queries import StoredSignal, signal_page
from offramp.web.settings import MAX_FILTER_CHARS
from offramp.web.templating import dyad_url
from offramp.web.views.common import actor_or_404, ctx, reading

router = APIRouter()

#: Signals read per direction; the page says when a dyad has more.
MAX_DYAD_SIGNALS = 5000

#: The lists under the chart: name, what counts, and a sentence for the reader.
KINDS: tuple[tuple[str, str], ...] = (
    ("threats", "Threats: stated intent to use force or pressure, and offers whose stated "
     "alternative is a threat."),
    ("offers", "Offers: expressed willingness to talk, agree or yield (PLOVER AGREE)."),
    ("refusals", "Refusals: rejected proposals, ruled-out talks (PLOVER REJECT)."),
    ("attacks", "Attacks: force used (PLOVER ASSAULT)."),
)  # fmt: skip


def side_filter(src: str, dst: str, since: str | None, until: str | None) -> SignalFilter:
    """Signals from side ``src`` to side ``dst``: whole countries for country keys (the
    same reading as ``offramp dyad``)."""
    return SignalFilter(
        source_country=src if is_country_key(src) else None,
        actor=None if is_country_key(src) else src,
        target_country=dst if is_country_key(dst) else None,
        target=None if is_country_key(dst) else dst,
        since=since,
        until=until,
    )


def kinds_of(s: Signal) -> set[str]:
    """The lists a signal belongs to, counted as the escalation index counts them: a
    conditional offer whose stated alternative is a threat is both an offer and a threat."""
    if s.negated or s.hypothetical or s.attributed_by or s.past:
        return set()
    kinds = set()
    if s.event_type == "THREATEN" or (s.alternative and s.alternative.event_type == "THREATEN"):
        kinds.add("threats")
    kind = {"AGREE": "offers", "REJECT": "refusals", "ASSAULT": "attacks"}.get(s.event_type or "")
    if kind:
        kinds.add(kind)
    return kinds


@dataclass(frozen=True, slots=True)
class DyadView:
    a: ActorMatch
    b: ActorMatch
    freq: str
    since: str | None
    until: str | None
    rows: list[DyadPeriod]
    signals: list[StoredSignal]
    truncated: bool
    chart: Chart

    def of_kind(self, kind: str) -> list[StoredSignal]:
        return [s for s in self.signals if kind in kinds_of(s.signal)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": {"key": self.a.key, "label": self.a.label},
            "b": {"key": self.b.key, "label": self.b.label},
            "freq": self.freq,
            "since": self.since,
            "until": self.until,
            "periods": [r.to_dict() for r in self.rows],
            "signals_read": len(self.signals),
            "truncated": self.truncated,
            **{kind: [s.to_dict() for s in self.of_kind(kind)] for kind, _ in KINDS},
        }


def dyad_data(
    store: Store,
    a: ActorMatch,
    b: ActorMatch,
    *,
    freq: str = "month",
    since: str | None = None,
    until: str | None = None,
) -> DyadView:
    """The escalation table and the signals between two sides."""
    signals: list[StoredSignal] = []
    truncated = False
    for src, dst in ((a.key, b.key), (b.key, a.key)):
        page = signal_page(
            store, side_filter(src, dst, since, until), offset=0, limit=MAX_DYAD_SIGNALS,
            order="oldest",
        )  # fmt: skip
        signals += page.items
        truncated |= page.truncated
    rows = dyad_escalation([s.signal for s in signals], a.key, b.key, freq=freq)
    return DyadView(
        a,
        b,
        freq,
        since,
        until,
        rows,
        signals,
        truncated,
        dyad_chart(rows, a=a.key, b=b.key, freq=freq),
    )


def _day(name: str, value: str | None) -> str | None:
    import datetime as _dt

    if not value or not value.strip():
        return None
    try:
        return _dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise invalid(name, value, "a date like 2025-11-22") from None


def _sides(store: Store, a: str, b: str) -> tuple[ActorMatch, ActorMatch]:
    ma, mb = actor_or_404(store, a[:MAX_FILTER_CHARS]), actor_or_404(store, b[:MAX_FILTER_CHARS])
    if ma.key == mb.key:
        raise WebError(
            422, "invalid_parameter", f"both sides are {ma.key}; a dyad needs two different actors"
        )
    return ma, mb


_Date = Annotated[
    str | None, Query(max_length=MAX_FILTER_CHARS, description="YYYY-MM-DD (optional).")
]
_Freq = Annotated[str, Query(max_length=10, description="month or week.")]


@router.get("/dyads", include_in_schema=False)
def dyad_form(
    request: Request,
    a: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)] = None,
    b: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)] = None,
) -> Response:
    """The "compare two actors" form posts here; go to that dyad's page."""
    if not (a and a.strip() and b and b.strip()):
        raise WebError(422, "invalid_parameter", "give two actors, e.g. Russia and Ukraine")
    with reading(request) as store:
        ma, mb = _sides(store, a, b)
    return RedirectResponse(dyad_url(ma.key, mb.key), status_code=303)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
def dyad_page(
    request: Request,
    a: str,
    b: str,
    freq: _Freq = "month",
    since: _Date = None,
    until: _Date = None,
) -> HTMLResponse:
    with reading(request) as store:
        ma, mb = _sides(store, a, b)
        data = dyad_data(
            store,
            ma,
            mb,
            freq=check_freq(freq),
            since=_day("since", since),
            until=_day("until", until),
        )
    return ctx(request).templates.render(
        request,
        "dyad.html",
        {"title": f"{ma.key} and {mb.key}", "data": data, "kinds": KINDS},
    )


@router.get("/api/dyads/{a}/{b}", tags=["dyads"], summary="Escalation index of two sides")
def dyad_api(
    request: Request,
    a: str,
    b: str,
    freq: _Freq = "month",
    since: _Date = None,
    until: _Date = None,
) -> dict[str, Any]:
    """Per period and direction (A→B, B→A, both): signals, escalation index (higher is more
    escalation), tone and the counts of threats, offers, refusals and attacks; then those
    signals. A and B are actors as elsewhere (RUS, Russia, PSEREB, Hamas)."""
    with reading(request) as store:
        ma, mb = _sides(store, a, b)
        return dyad_data(
            store,
            ma,
            mb,
            freq=check_freq(freq),
            since=_day("since", since),
            until=_day("until", until),
        ).to_dict()
