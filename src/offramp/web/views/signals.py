"""``/signals`` (the explorer), ``/api/signals`` and ``/api/signals.csv``.

The explorer filters stored signals the way ``offramp signals`` does, searches the
evidence text, pages through the results and offers them as CSV or JSON. All three
answers come from :func:`signals_data` (CSV from the store's export rows, the columns of
``offramp export``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from offramp.records import TRACKED_ISSUES
from offramp.report.export import COLUMN_NAMES, export_row
from offramp.store import Store
from offramp.web.errors import WebError
from offramp.web.filters import (
    TYPE_CHOICES,
    Resolved,
    SignalQuery,
    parse_query,
    resolve,
    signal_query,
)
from offramp.web.queries import SignalPage, signal_page
from offramp.web.settings import MAX_CSV_ROWS
from offramp.web.views.common import ctx, reading

router = APIRouter()

#: Page sizes the explorer's form offers.
PAGE_SIZES = (25, 50, 100, 250)


@dataclass(frozen=True, slots=True)
class SignalsResult:
    query: SignalQuery
    resolved: Resolved
    page: SignalPage

    def to_dict(self, base: str = "/api/signals") -> dict[str, Any]:
        p = self.page
        nxt = p.next_offset
        return {
            "total": p.total,
            "count": len(p.items),
            "offset": p.offset,
            "limit": p.limit,
            "truncated": p.truncated,
            "next": f"{base}?{self.query.query_string(offset=nxt)}" if nxt is not None else None,
            "understood": list(self.resolved.notes),
            "filters": self.query.filters(),
            "signals": [s.to_dict() for s in p.items],
        }


def signals_data(store: Store, query: SignalQuery) -> SignalsResult:
    """One page of the signals matching ``query``."""
    resolved = resolve(store, query)
    page = signal_page(
        store, resolved.filter, offset=query.offset, limit=query.limit, order=query.order
    )
    return SignalsResult(query, resolved, page)


@router.get("/signals", response_class=HTMLResponse, include_in_schema=False)
def signals_page(request: Request) -> HTMLResponse:
    context: dict[str, Any] = {
        "title": "Signals",
        "raw": dict(request.query_params),
        "types": TYPE_CHOICES,
        "page_sizes": PAGE_SIZES,
        "result": None,
        "error": None,
    }
    status = 200
    with reading(request) as store:
        context["issues"] = sorted({*TRACKED_ISSUES, *store.issues()})
        try:
            query = parse_query(request.query_params)
            context["result"] = signals_data(store, query)
            context["query"] = query
        except WebError as err:
            context["error"] = err
            status = err.status
    return ctx(request).templates.render(request, "signals.html", context, status=status)


@router.get("/api/signals", tags=["signals"], summary="Signals matching filters, a page at a time")
def signals_api(
    request: Request, query: Annotated[SignalQuery, Depends(signal_query)]
) -> dict[str, Any]:
    """Stored signals matching the filters, newest first (or `order=oldest`).

    Each item is a SIGNALS.md record with its store `id` and a `document` summary. `total`
    counts every match; when `truncated` is true, `next` is the URL of the next page.
    """
    with reading(request) as store:
        return signals_data(store, query).to_dict()


@router.get(
    "/api/signals.csv",
    tags=["signals"],
    summary="Signals matching filters as CSV",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
def signals_csv(
    request: Request, query: Annotated[SignalQuery, Depends(signal_query)]
) -> StreamingResponse:
    """Every signal matching the filters (up to the CSV cap) in date order, with the
    columns of `offramp export` (docs/EXPORT.md). `limit` and `offset` are ignored; the
    header `X-Offramp-Truncated: true` says the cap cut the list short."""
    with reading(request) as store:
        resolved = resolve(store, query)
        total = store.count_signals(resolved.filter)
    truncated = total > MAX_CSV_ROWS
    reader = ctx(request).reader
    f = resolved.filter

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMN_NAMES, lineterminator="\r\n")
        writer.writeheader()
        with reader.reading() as store:
            for n, row in enumerate(store.iter_rows(replace(f, limit=MAX_CSV_ROWS))):
                writer.writerow({k: csv_cell(v) for k, v in export_row(row).items()})
                if n % 200 == 199:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="offramp-signals.csv"',
            "X-Offramp-Total": str(total),
            "X-Offramp-Truncated": "true" if truncated else "false",
        },
    )


#: First characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that spreadsheets show as text: quoted evidence starting with ``=`` or
    ``@`` (hostile text can carry formulas) gets a leading apostrophe; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
