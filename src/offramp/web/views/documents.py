"""``/documents/{id}``, ``/api/documents/{id}``, ``POST /api/documents`` and ``/upload``.

The document page shows a stored text with every evidence span highlighted (each in a
``<mark>``) and the signals found in it. Uploads, from the JSON API with the bearer token
or from the ``/upload`` form with the token and a CSRF check, are ingested by a separate
process through the store's normal ingest path (:mod:`offramp.web.uploads`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import UploadFile

from offramp.store import Store, StoredDocument
from offramp.web.errors import WebError, not_found
from offramp.web.highlight import Piece, pieces
from offramp.web.queries import StoredSignal, document_signals
from offramp.web.security import CSRF_FIELD, check_token
from offramp.web.settings import MAX_DOCUMENTS_PER_UPLOAD, MAX_FILTER_CHARS
from offramp.web.templating import doc_url
from offramp.web.uploads import check_document, check_documents
from offramp.web.views.common import ctx, reading

router = APIRouter()

#: The bearer scheme as OpenAPI shows it ("Authorize" in /docs); checked by check_token.
bearer = HTTPBearer(auto_error=False, description="The server's OFFRAMP_TOKEN.")


@dataclass(frozen=True, slots=True)
class DocumentView:
    stored: StoredDocument
    signals: list[StoredSignal]
    pieces: list[Piece]
    #: Signals whose offsets do not match the stored text (not highlighted).
    misplaced: list[str]

    def to_dict(self) -> dict[str, Any]:
        d = self.stored
        return {
            **d.document.to_dict(),
            "content_hash": d.content_hash,
            "extractor_version": d.extractor_version,
            "ingested_at": d.ingested_at.isoformat() if d.ingested_at else None,
            "signals": [s.to_dict() for s in self.signals],
        }

    def describe(self, piece: Piece) -> str:
        """What was coded from a highlighted piece, for its tooltip."""
        by_id = {s.id: s.signal for s in self.signals}
        parts = []
        for sid in piece.signals:
            s = by_id[sid]
            what = s.event_type or "stance"
            who = s.source.code + (f" → {s.target.code}" if s.target else "")
            stances = ", ".join(f"{x.issue} {x.value:+.1f}" for x in s.stances)
            parts.append(f"{what}: {who}" + (f" ({stances})" if stances else ""))
        return "; ".join(parts)

    def starting_at(self, start: int) -> list[StoredSignal]:
        """Signals whose evidence begins at ``start`` (anchors for links into the text)."""
        return [s for s in self.signals if s.signal.start == start and s.id not in self.misplaced]


def document_data(store: Store, doc_id: str) -> DocumentView:
    """A stored document, its signals, and its text cut into highlighted pieces."""
    stored = store.document(doc_id)
    if stored is None:
        raise not_found(
            "document", doc_id, "the signal explorer (/signals) links to every document"
        )
    signals = document_signals(store, doc_id)
    text = stored.document.text
    misplaced = [s.id for s in signals if text[s.signal.start : s.signal.end] != s.signal.text]
    spans = [(s.signal.start, s.signal.end, s.id) for s in signals if s.id not in misplaced]
    return DocumentView(stored, signals, pieces(text, spans), misplaced)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
def document_page(
    request: Request,
    doc_id: str,
    focus: Annotated[str | None, Query(max_length=64)] = None,
    at: Annotated[int | None, Query(ge=0, le=10**9)] = None,
) -> HTMLResponse:
    with reading(request) as store:
        data = document_data(store, doc_id[:MAX_FILTER_CHARS])
    title = data.stored.document.title or data.stored.document.id
    return ctx(request).templates.render(
        request, "document.html", {"title": title, "data": data, "focus": focus, "at": at}
    )


@router.get("/api/documents/{doc_id:path}", tags=["documents"], summary="A stored document")
def document_api(request: Request, doc_id: str) -> dict[str, Any]:
    """The document's text and provenance, and its signals in text order (each with its
    `start`/`end` offsets into `text`)."""
    with reading(request) as store:
        return document_data(store, doc_id[:MAX_FILTER_CHARS]).to_dict()


_DOCUMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "id": {"type": "string", "description": "Unique id; made from the text if absent."},
        "text": {"type": "string", "description": "The article or statement."},
        "published": {"type": "string", "example": "2025-11-22"},
        "source": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": "string"},
    },
    "additionalProperties": False,
}


@router.post(
    "/api/documents",
    tags=["documents"],
    summary="Upload documents to code and store (token required)",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            _DOCUMENT_SCHEMA,
                            {
                                "type": "array",
                                "items": _DOCUMENT_SCHEMA,
                                "maxItems": MAX_DOCUMENTS_PER_UPLOAD,
                            },
                        ]
                    },
                    "example": {
                        "id": "statement-1",
                        "published": "2025-11-22",
                        "text": "Kyiv said it was ready to resume talks with Moscow.",
                    },
                }
            },
        }
    },
)
async def upload_api(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> JSONResponse:
    """Code the documents and store them (a JSON object, or a list of up to 100), as
    `offramp ingest` does: a document stored before with the same content is left alone,
    one whose content changed is replaced. Needs `Authorization: Bearer <OFFRAMP_TOKEN>`.
    Answers 409 while another ingest writes to the store, 413 for a body over the limit."""
    context = ctx(request)
    check_token(context.token, credentials.credentials if credentials else None)
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise WebError(415, "unsupported_media_type", "send the documents as application/json")
    try:
        payload = json.loads(await request.body())
    except ValueError as err:
        raise WebError(422, "invalid_json", f"the body is not valid JSON ({err})") from None
    documents = check_documents(payload)
    outcome = await run_in_threadpool(context.ingester.ingest, documents)
    with reading(request) as store:
        stored = {d["id"]: store.document(d["id"]) for d in documents}
    return JSONResponse(
        {
            "result": outcome.to_dict(),
            "documents": [
                {
                    "id": doc_id,
                    "url": doc_url(doc_id),
                    "signals": s.signals if s else None,
                }
                for doc_id, s in stored.items()
            ],
        },
        status_code=201,
    )


# -- the upload form ---------------------------------------------------------------------------

_FORM_FIELDS = ("id", "title", "published", "source", "url", "text")


def _form_page(
    request: Request, values: dict[str, str], error: WebError | None = None
) -> HTMLResponse:
    context = ctx(request)
    token, fresh = context.csrf.token_for(request)
    response = context.templates.render(
        request,
        "upload.html",
        {
            "title": "Add a document",
            "values": values,
            "error": error,
            "csrf_field": CSRF_FIELD,
            "csrf_token": token,
            "writable": bool(context.token),
        },
        status=error.status if error else 200,
    )
    if fresh:
        context.csrf.set_cookie(response, token, secure=request.url.scheme == "https")
    return response


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_form(request: Request) -> HTMLResponse:
    return _form_page(request, {})


@router.post("/upload", include_in_schema=False)
async def upload_form_post(request: Request) -> Response:
    context = ctx(request)
    form = await request.form(max_files=1, max_fields=20, max_part_size=context.max_upload_bytes)
    values = {k: v for k in _FORM_FIELDS if isinstance(v := form.get(k), str)}
    try:
        context.csrf.check(request, form)
        token = form.get("token")
        check_token(context.token, token if isinstance(token, str) else None)
        upload = form.get("file")
        if (
            isinstance(upload, UploadFile)
            and upload.filename
            and not values.get("text", "").strip()
        ):
            raw = await upload.read()
            try:
                values["text"] = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise WebError(
                    422, "invalid_document", "the file is not UTF-8 text; upload a .txt file"
                ) from None
        doc = check_document({k: v for k, v in values.items() if v})
        await run_in_threadpool(context.ingester.ingest, [doc])
    except WebError as err:
        return _form_page(request, values, err)
    finally:
        await form.close()
    return RedirectResponse(doc_url(doc["id"]) + "?uploaded=1", status_code=303)
