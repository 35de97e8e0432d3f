"""``/docs``: the interactive API documentation (Swagger UI), served from vendored files.

FastAPI's own docs page loads Swagger UI from a CDN and starts it with an inline script;
this one loads ``static/vendor/swagger-ui-bundle-5.35.0.js`` and a small start-up script
from this server, so it works offline and under the Content-Security-Policy. ``/api``
redirects here, and ``/api/health`` says whether the store can be read.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from offramp.__about__ import __version__
from offramp.web.views.common import ctx, reading

router = APIRouter()

SWAGGER_VERSION = "5.35.0"


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    return ctx(request).templates.render(
        request, "apidocs.html", {"title": "API documentation", "swagger": SWAGGER_VERSION}
    )


@router.get("/api", include_in_schema=False)
def api_root() -> RedirectResponse:
    return RedirectResponse("/docs", status_code=307)


@router.get("/api/health", tags=["overview"], summary="Is the store readable?")
def health(request: Request) -> dict[str, Any]:
    """`ok` with the store's counts, or an error (503) saying why the store cannot be read."""
    with reading(request) as store:
        stats = store.stats()
    return {
        "status": "ok",
        "version": __version__,
        "documents": stats.documents,
        "signals": stats.signals,
        "writable": bool(ctx(request).token),
    }
