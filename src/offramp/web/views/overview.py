"""``/`` and ``/api/overview``: what is in the store and what moved lately.

The latest signals, the largest narrative shifts (by how far the stance moved) and the
most active pairs of actors, with the store's counts. Page and JSON come from
:func:`overview_data`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from offramp.analysis.shifts import find_shifts
from offramp.store import SignalFilter, Store, StoreStats
from offramp.web.queries import PairActivity, StoredSignal, active_pairs, signal_page
from offramp.web.settings import OVERVIEW_ITEMS
from offramp.web.views.common import ShiftView, ctx, label, reading, shift_views

router = APIRouter()


@dataclass(frozen=True, slots=True)
class ActorActivity:
    key: str
    label: str
    signals: int

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "signals": self.signals}


@dataclass(frozen=True, slots=True)
class Overview:
    stats: StoreStats
    latest: list[StoredSignal]
    shifts: list[ShiftView]
    pairs: list[PairActivity]
    actors: list[ActorActivity]

    def to_dict(self) -> dict[str, Any]:
        s = self.stats
        return {
            "documents": s.documents,
            "signals": s.signals,
            "first_date": s.first_date.isoformat() if s.first_date else None,
            "last_date": s.last_date.isoformat() if s.last_date else None,
            "extractor_versions": s.extractor_versions,
            "latest_signals": [x.to_dict() for x in self.latest],
            "largest_shifts": [x.to_dict() for x in self.shifts],
            "active_dyads": [x.to_dict() for x in self.pairs],
            "active_actors": [x.to_dict() for x in self.actors],
        }


def overview_data(store: Store, *, items: int = OVERVIEW_ITEMS) -> Overview:
    """The overview of a store: counts, latest signals, largest shifts, busiest pairs."""
    shifts = shift_views(find_shifts(store.stance_series()))
    shifts.sort(key=lambda v: (-v.size, -v.detected.shift.score, v.detected.shift.date))
    keys = sorted(store.actor_keys().items(), key=lambda kv: (-kv[1], kv[0]))[:items]
    return Overview(
        stats=store.stats(),
        latest=signal_page(store, SignalFilter(), offset=0, limit=items).items,
        shifts=shifts[:items],
        pairs=active_pairs(store, limit=items),
        actors=[ActorActivity(k, label(k), n) for k, n in keys],
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request) -> HTMLResponse:
    with reading(request) as store:
        data = overview_data(store)
    return ctx(request).templates.render(
        request, "overview.html", {"title": "Overview", "data": data}
    )


@router.get("/api/overview", tags=["overview"], summary="Counts, latest signals, largest shifts")
def overview_api(request: Request) -> dict[str, Any]:
    """What the overview page shows: store counts, the latest signals, the largest narrative
    shifts and the most active pairs of actors."""
    with reading(request) as store:
        return overview_data(store).to_dict()
