"""``/scenarios`` and ``/api/scenarios``: the scenario board, scored against the store.

A board asks a question ("How does the war end within a year?") and lists scenarios; the
scoring (:mod:`offramp.analysis.scenarios`) weighs the stored evidence for and against each
one, ranks them, and says how sensitive the ranking is. This module only shows the
result and keeps the board.

The board in use is the one uploaded last (kept as ``board.toml`` in the server's boards
directory, a name chosen here and never taken from a request), or the built-in default
board. Replacing it needs the token: ``PUT /api/scenarios/board`` with the bearer token,
or the form on the page with the token and a CSRF check.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.security import HTTPAuthorizationCredentials
from starlette.datastructures import UploadFile

from offramp.analysis.scenarios import Board, default_board, load_board, score_board
from offramp.errors import OfframpError
from offramp.web.app import WebContext
from offramp.web.errors import WebError, from_offramp_error
from offramp.web.filters import invalid
from offramp.web.security import CSRF_FIELD, check_token
from offramp.web.settings import MAX_BOARD_BYTES
from offramp.web.views.common import ctx, reading
from offramp.web.views.documents import bearer

router = APIRouter()

#: The one file name the edited board is kept under.
BOARD_FILE = "board.toml"


def board_path(context: WebContext) -> Path:
    return context.boards_dir / BOARD_FILE


def current_board(context: WebContext) -> tuple[Board, bool]:
    """The board in use and whether it is an uploaded one (False: the built-in default)."""
    path = board_path(context)
    try:
        if path.is_file():
            return load_board(path), True
        return default_board(), False
    except OfframpError as err:
        raise from_offramp_error(err) from None


def scenarios_data(request: Request, as_of: str | None) -> dict[str, Any]:
    """The board scored against the store (``BoardScore.to_dict()``), plus ``custom_board``."""
    context = ctx(request)
    board, custom = current_board(context)
    day = _as_of(as_of)
    with reading(request) as store:
        try:
            score = score_board(store, board, as_of=day)
        except OfframpError as err:
            raise from_offramp_error(err) from None
    data: dict[str, Any] = dict(score.to_dict())
    data["custom_board"] = custom
    return data


def _as_of(value: str | None) -> _dt.date | None:
    if not value or not value.strip():
        return None
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise invalid("as_of", value, "a date like 2025-11-22") from None


_AsOf = Annotated[
    str | None,
    Query(max_length=40, description="Score with the evidence known on this day (YYYY-MM-DD)."),
]


@router.get("/scenarios", response_class=HTMLResponse, include_in_schema=False)
def scenarios_page(request: Request, as_of: _AsOf = None) -> HTMLResponse:
    return _page(request, as_of=as_of)


def _page(
    request: Request,
    *,
    as_of: str | None = None,
    error: WebError | None = None,
    board_text: str = "",
) -> HTMLResponse:
    context = ctx(request)
    data: dict[str, Any] | None = None
    problem = error
    try:
        data = scenarios_data(request, as_of)
    except WebError as err:
        problem = problem or err
    token, fresh = context.csrf.token_for(request)
    path = board_path(context)
    if not board_text and path.is_file():
        board_text = path.read_text(encoding="utf-8", errors="replace")
    response = context.templates.render(
        request,
        "scenarios.html",
        {
            "title": "Scenario board",
            "data": data,
            "error": problem,
            "as_of": as_of or "",
            "csrf_field": CSRF_FIELD,
            "csrf_token": token,
            "writable": bool(context.token),
            "board_text": board_text,
            "max_board_bytes": MAX_BOARD_BYTES,
        },
        status=problem.status if problem else 200,
    )
    if fresh:
        context.csrf.set_cookie(response, token, secure=request.url.scheme == "https")
    return response


@router.get("/api/scenarios", tags=["scenarios"], summary="The scenario board, scored")
def scenarios_api(request: Request, as_of: _AsOf = None) -> dict[str, Any]:
    """The board's question and its scenarios ranked by score, each with the evidence
    consistent and inconsistent with it (quotes with document offsets), how sensitive the
    ranking is, and its history. `custom_board` says whether an uploaded board is in use."""
    return scenarios_data(request, as_of)


# -- editing the board -------------------------------------------------------------------------


def save_board(context: WebContext, text: str) -> None:
    """Check ``text`` as a board and make it the board in use.

    It is written to a temporary file in the boards directory, loaded with the scoring
    module's own loader (so an invalid board is refused with its message), and then moved
    over ``board.toml`` in one step.

    Raises:
        WebError: 413 over the size limit, 422 for a board the loader refuses.
    """
    if len(text.encode("utf-8")) > MAX_BOARD_BYTES:
        raise WebError(413, "too_large", f"a board may be at most {MAX_BOARD_BYTES:,} bytes")
    if not text.strip():
        raise WebError(422, "invalid_board", "the board is empty; upload a TOML board file")
    context.boards_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".board-", suffix=".toml", dir=context.boards_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            load_board(Path(tmp))
        except OfframpError as err:
            raise WebError(422, err.code, f"this board cannot be used: {err.message}") from None
        except (ValueError, KeyError, TypeError) as err:
            raise WebError(422, "invalid_board", f"this board cannot be used: {err}") from None
        os.replace(tmp, board_path(context))
    finally:
        Path(tmp).unlink(missing_ok=True)


@router.get(
    "/api/scenarios/board",
    tags=["scenarios"],
    summary="The uploaded board (TOML)",
    response_class=PlainTextResponse,
)
def board_get(request: Request) -> Response:
    """The uploaded board as TOML; 404 while the built-in default board is in use."""
    path = board_path(ctx(request))
    if not path.is_file():
        raise WebError(404, "not_found", "no board was uploaded; the built-in default is in use")
    return PlainTextResponse(path.read_text(encoding="utf-8"), media_type="application/toml")


@router.put(
    "/api/scenarios/board",
    tags=["scenarios"],
    summary="Replace the board (token required)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/toml": {"schema": {"type": "string"}}},
        }
    },
)
async def board_put(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> JSONResponse:
    """Replace the scenario board with the TOML in the body (the format `load_board`
    reads). Needs `Authorization: Bearer <OFFRAMP_TOKEN>`."""
    context = ctx(request)
    check_token(context.token, credentials.credentials if credentials else None)
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WebError(422, "invalid_board", "the board must be UTF-8 text") from None
    await run_in_threadpool(save_board, context, text)
    return JSONResponse({"saved": True, "board": "/api/scenarios/board"})


@router.delete(
    "/api/scenarios/board", tags=["scenarios"], summary="Go back to the default board (token)"
)
def board_delete(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> dict[str, Any]:
    """Remove the uploaded board; the built-in default is used again."""
    context = ctx(request)
    check_token(context.token, credentials.credentials if credentials else None)
    board_path(context).unlink(missing_ok=True)
    return {"saved": False, "default": True}


@router.post("/scenarios/board", include_in_schema=False)
async def board_form_post(request: Request) -> Response:
    context = ctx(request)
    form = await request.form(max_files=1, max_fields=10, max_part_size=MAX_BOARD_BYTES)
    text = form.get("board")
    board_text = text if isinstance(text, str) else ""
    try:
        context.csrf.check(request, form)
        token = form.get("token")
        check_token(context.token, token if isinstance(token, str) else None)
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename and not board_text.strip():
            try:
                board_text = (await upload.read()).decode("utf-8")
            except UnicodeDecodeError:
                raise WebError(422, "invalid_board", "the board file must be UTF-8 text") from None
        if form.get("action") == "reset":
            board_path(context).unlink(missing_ok=True)
        else:
            await run_in_threadpool(save_board, context, board_text)
    except WebError as err:
        problem = err
        return await run_in_threadpool(lambda: _page(request, error=problem, board_text=board_text))
    finally:
        await form.close()
    return RedirectResponse("/scenarios?saved=1", status_code=303)
