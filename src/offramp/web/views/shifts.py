"""``/shifts`` and ``/api/shifts``: narrative shifts, as ``offramp shifts`` finds them.

A shift is where an actor's own stance on an issue changed direction and stayed, dated at
the first statement of the new stance, with the statements before and after
(docs/SHIFTS.md explains the method).
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from offramp.analysis.actors import resolve_issue
from offramp.analysis.shifts import find_shifts
from offramp.errors import OfframpError
from offramp.store import Store
from offramp.web.errors import from_offramp_error
from offramp.web.filters import invalid
from offramp.web.settings import MAX_FILTER_CHARS
from offramp.web.views.common import ShiftView, actor_or_404, ctx, reading, shift_views

router = APIRouter()


def shifts_data(
    store: Store, *, actor: str | None = None, issue: str | None = None, since: str | None = None
) -> list[ShiftView]:
    """Shifts of one actor / issue (or all), dated on or after ``since``; newest first."""
    key = actor_or_404(store, actor).key if actor else None
    iss = None
    if issue:
        try:
            iss = resolve_issue(issue, known=store.issues())
        except OfframpError as err:
            raise from_offramp_error(err) from None
    day = None
    if since:
        try:
            day = _dt.date.fromisoformat(since)
        except ValueError:
            raise invalid("since", since, "a date like 2025-11-22") from None
    found = find_shifts(store.stance_series(key, iss), actor=key, issue=iss, since=day)
    return list(reversed(shift_views(found)))


_Text = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)]


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


@router.get("/shifts", response_class=HTMLResponse, include_in_schema=False)
def shifts_page(
    request: Request, actor: _Text = None, issue: _Text = None, since: _Text = None
) -> HTMLResponse:
    with reading(request) as store:
        shifts = shifts_data(store, actor=_blank(actor), issue=_blank(issue), since=_blank(since))
        issues = store.issues()
    return ctx(request).templates.render(
        request,
        "shifts.html",
        {
            "title": "Narrative shifts",
            "shifts": shifts,
            "issues": issues,
            "raw": {"actor": actor or "", "issue": issue or "", "since": since or ""},
        },
    )


@router.get("/api/shifts", tags=["shifts"], summary="Narrative shifts")
def shifts_api(
    request: Request,
    actor: Annotated[
        str | None,
        Query(max_length=MAX_FILTER_CHARS, description="Only this actor (RUS, Russia, Hamas)."),
    ] = None,
    issue: Annotated[
        str | None, Query(max_length=MAX_FILTER_CHARS, description="Only this issue.")
    ] = None,
    since: Annotated[
        str | None,
        Query(
            max_length=MAX_FILTER_CHARS,
            description="Only shifts dated on or after this day (YYYY-MM-DD); detection "
            "still reads the whole series.",
        ),
    ] = None,
) -> dict[str, Any]:
    """SIGNALS.md shift records (newest first), each with the actor's label and how many
    statements stand before and after it."""
    with reading(request) as store:
        shifts = shifts_data(store, actor=_blank(actor), issue=_blank(issue), since=_blank(since))
    return {"count": len(shifts), "shifts": [s.to_dict() for s in shifts]}
