"""The application factory: :func:`create_app` builds the dashboard and API for one store.

Example:
    >>> app = create_app("offramp.duckdb")  # doctest: +SKIP
    >>> import uvicorn; uvicorn.run(app, host="127.0.0.1", port=8000)  # doctest: +SKIP

Safe defaults: the store is read-only to the server, writes (uploads, board edits) exist
only when a token is given, every page and answer carries the security headers, and
request bodies are capped. docs/WEB.md describes the security model.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from offramp.__about__ import __version__
from offramp.errors import OfframpError
from offramp.web.errors import WebError, from_offramp_error
from offramp.web.gate import StoreReader
from offramp.web.security import BodyLimit, Csrf, SecurityHeaders
from offramp.web.settings import KEEP_OPEN_SECONDS, MAX_UPLOAD_BYTES
from offramp.web.templating import Templates, static_dir
from offramp.web.uploads import Ingester

API_DESCRIPTION = """
Offramp's evidence store over HTTP: signal records (PLOVER events, conditional offers and
threats, stances), narrative shifts, actor stance timelines, dyad escalation and the
scenario board. Every record carries the quote it came from.

Reads need nothing. Writes (`POST /api/documents`, `PUT /api/scenarios/board`) need the
server's token in an `Authorization: Bearer <token>` header; a server started without
`OFFRAMP_TOKEN` has no writes. Errors are JSON: `{"error": {"status", "code", "message"}}`.
"""


@dataclass
class WebContext:
    """What every view needs, kept on ``app.state.offramp``."""

    db_path: Path
    reader: StoreReader
    templates: Templates
    csrf: Csrf
    ingester: Ingester
    token: str | None
    max_upload_bytes: int
    boards_dir: Path


def context(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.offramp
    return ctx


def create_app(
    db_path: str | os.PathLike[str],
    *,
    token: str | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    boards_dir: str | os.PathLike[str] | None = None,
    actor_files: Sequence[str] = (),
    keep_open_seconds: float = KEEP_OPEN_SECONDS,
) -> FastAPI:
    """The dashboard and API for the store at ``db_path``.

    Args:
        db_path: the Offramp store (DuckDB file); opened read-only.
        token: the secret that allows writes; None makes the server read-only.
        max_upload_bytes: the largest request body accepted.
        boards_dir: where the edited scenario board is kept (default: ``<db>.boards``
            beside the store). Only the server chooses file names in it.
        actor_files: extra actor dictionaries, used when uploads are coded.
        keep_open_seconds: how long an idle server keeps its read connection open.
    """
    db = Path(db_path)
    reader = StoreReader(db, keep_open_seconds=keep_open_seconds)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        reader.close()

    app = FastAPI(
        title="Offramp",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,  # served by views.apidocs from vendored files, not a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.offramp = WebContext(
        db_path=db,
        reader=reader,
        templates=Templates(),
        csrf=Csrf(),
        ingester=Ingester(db, actor_files=actor_files),
        token=token or None,
        max_upload_bytes=max_upload_bytes,
        boards_dir=Path(boards_dir) if boards_dir else db.with_name(db.name + ".boards"),
    )
    app.mount("/static", StaticFiles(directory=str(static_dir())), name="static")
    _install_error_handlers(app)
    from offramp.web.views import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def wants_json(request: Request) -> bool:
    """API paths and the OpenAPI document answer in JSON; pages answer in HTML."""
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


def error_response(request: Request, err: WebError) -> Response:
    if wants_json(request):
        return JSONResponse(err.to_dict(), status_code=err.status, headers=err.headers)
    ctx = context(request)
    return ctx.templates.render(
        request,
        "error.html",
        {"error": err, "title": _TITLES.get(err.status, "Something went wrong")},
        status=err.status,
        headers=err.headers,
    )


_PAGES = (
    "the pages are /, /signals, /actors/CODE, /dyads/A/B, /documents/ID, /scenarios "
    "and the API under /api (see /docs)"
)

_TITLES = {
    400: "Bad request",
    401: "Access token needed",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "Busy",
    413: "Too large",
    422: "Cannot use these values",
    500: "Something went wrong",
    503: "The store is not available",
    504: "Took too long",
}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def on_web_error(request: Request, err: WebError) -> Response:
        return error_response(request, err)

    @app.exception_handler(OfframpError)
    async def on_offramp_error(request: Request, err: OfframpError) -> Response:
        return error_response(request, from_offramp_error(err))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, err: RequestValidationError) -> Response:
        details = [_detail(e) for e in err.errors()]
        message = "; ".join(d["message"] for d in details) or "invalid request"
        return error_response(request, WebError(422, "invalid_parameter", message, details=details))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, err: StarletteHTTPException) -> Response:
        if err.status_code == 404:
            web = WebError(404, "not_found", f"nothing at {request.url.path[:200]!r}; {_PAGES}")
        elif err.status_code == 405:
            web = WebError(405, "method_not_allowed", f"{request.method} is not allowed here")
        else:
            web = WebError(err.status_code, "http_error", str(err.detail))
        return error_response(request, web)


def _detail(error: dict[str, Any]) -> dict[str, Any]:
    """One validation error as ``{"parameter", "message"}``, worded for a person."""
    loc = [str(x) for x in error.get("loc", ()) if x not in ("query", "path", "body")]
    name = ".".join(loc) or "request"
    msg = str(error.get("msg", "invalid value"))
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        msg = f"is longer than {ctx.get('max_length')} characters"
    elif kind in ("less_than_equal", "greater_than_equal"):
        msg = f"must be {'at most' if kind == 'less_than_equal' else 'at least'} " + str(
            ctx.get("le", ctx.get("ge"))
        )
    elif kind.startswith("int_"):
        msg = "must be a whole number"
    return {"parameter": name, "message": f"{name} {msg}"}
