"""Uploaded documents: checked here, ingested by a separate process.

:func:`check_documents` validates what a client sent (ids, text, dates, lengths) with
messages that name the document and field; :class:`Ingester` hands the documents to
:mod:`offramp.web.ingest_worker` and turns its answer into a result or an HTTP error:
409 when another ingest holds the store, 503 when the store stayed busy, 504 when the
ingest took too long. One upload runs at a time per server.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offramp.web.errors import WebError
from offramp.web.settings import INGEST_TIMEOUT, MAX_DOCUMENTS_PER_UPLOAD

#: Longest id, title, source and url accepted (characters).
FIELD_LIMITS: dict[str, int] = {"id": 200, "title": 500, "source": 200, "url": 2000}
_FIELDS = ("id", "text", "published", "source", "title", "url")


def check_documents(items: Any) -> list[dict[str, Any]]:
    """The uploaded documents, checked: a JSON object or a list of them.

    Raises:
        WebError: 422 naming the document and field that is wrong.
    """
    if isinstance(items, dict) and "documents" in items:
        items = items["documents"]
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list) or not items:
        raise WebError(
            422,
            "invalid_document",
            "send one document as a JSON object, or several as a list: "
            '{"id": "...", "text": "...", "published": "2025-11-22"}',
        )
    if len(items) > MAX_DOCUMENTS_PER_UPLOAD:
        raise WebError(
            413,
            "too_many_documents",
            f"{len(items)} documents in one request; send at most "
            f"{MAX_DOCUMENTS_PER_UPLOAD} at a time",
        )
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        doc = check_document(item, where=f"document {n}")
        if doc["id"] in seen:
            raise WebError(422, "invalid_document", f"document {n}: id {doc['id']!r} appears twice")
        seen.add(doc["id"])
        out.append(doc)
    return out


def check_document(item: Any, *, where: str = "document") -> dict[str, Any]:
    """One document, checked; an id is made from the text when none is given."""
    if not isinstance(item, dict):
        raise WebError(422, "invalid_document", f"{where}: expected a JSON object")
    unknown = sorted(set(item) - set(_FIELDS))
    if unknown:
        raise WebError(
            422,
            "invalid_document",
            f"{where}: unknown field {unknown[0]!r}; the fields are {', '.join(_FIELDS)}",
        )
    doc: dict[str, Any] = {}
    for name in _FIELDS:
        value = item.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise WebError(422, "invalid_document", f"{where}: {name!r} must be a string")
        limit = FIELD_LIMITS.get(name)
        if limit and len(value) > limit:
            raise WebError(
                422, "invalid_document", f"{where}: {name!r} is longer than {limit} characters"
            )
        doc[name] = value.strip() if name != "text" else value
    if not doc.get("text", "").strip():
        raise WebError(422, "invalid_document", f"{where}: 'text' is missing or empty")
    if "\x00" in doc["text"] or any("\x00" in v for v in doc.values()):
        raise WebError(422, "invalid_document", f"{where}: contains a NUL character")
    if "published" in doc:
        try:
            _dt.date.fromisoformat(doc["published"][:10])
        except ValueError:
            raise WebError(
                422,
                "invalid_document",
                f"{where}: 'published' must be a date like 2025-11-22, got "
                f"{doc['published'][:40]!r}",
            ) from None
    if not doc.get("id"):
        digest = hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()[:16]
        doc["id"] = f"upload-{digest}"
    return doc


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    added: int
    replaced: int
    unchanged: int
    signals: int

    def to_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "signals": self.signals,
        }


class Ingester:
    """Runs the ingest worker for one upload at a time."""

    def __init__(
        self,
        db_path: Path,
        *,
        actor_files: Sequence[str] = (),
        timeout: float = INGEST_TIMEOUT,
    ) -> None:
        self.db_path = db_path
        self.actor_files = tuple(actor_files)
        self.timeout = timeout
        self._busy = threading.Lock()

    def ingest(self, documents: list[dict[str, Any]]) -> IngestOutcome:
        """Code and store ``documents`` (already checked).

        Raises:
            WebError: 409 (an upload or an ingest is running), 503 (store busy), 504
                (took too long), 500 (the worker failed).
        """
        if not self._busy.acquire(blocking=False):
            raise WebError(
                409,
                "upload_running",
                "this server is ingesting another upload; try again when it is done",
                headers={"Retry-After": "10"},
            )
        try:
            return self._run(documents)
        finally:
            self._busy.release()

    def _run(self, documents: list[dict[str, Any]]) -> IngestOutcome:
        payload = json.dumps({"documents": documents, "actor_files": list(self.actor_files)})
        try:
            done = subprocess.run(
                [sys.executable, "-m", "offramp.web.ingest_worker", str(self.db_path)],
                input=payload,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise WebError(
                504,
                "ingest_timeout",
                f"the ingest took longer than {self.timeout:g} s and was stopped; "
                "send fewer documents per request",
            ) from None
        try:
            answer = json.loads(done.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            answer = {}
        if done.returncode == 0 and "result" in answer:
            return IngestOutcome(**answer["result"])
        error = answer.get("error") if isinstance(answer, dict) else None
        if isinstance(error, dict):
            code = str(error.get("code"))
            status = {"E403": 409, "E402": 503}.get(code, 500)
            headers = {"Retry-After": "10"} if status in (409, 503) else None
            raise WebError(status, code, str(error.get("message")), headers=headers)
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise WebError(500, "ingest_failed", f"the ingest process failed: {tail[0][:300]}")
