"""Errors as the dashboard and the API show them.

A request that cannot be served ends in :class:`WebError`, with an HTTP status, a short
code and a message that says what to do. The API answers with JSON::

    {"error": {"status": 404, "code": "E310", "message": "unknown actor 'XYZ' ..."}}

and pages with the same message on an error page. Offramp's own errors (unknown actor,
busy store, ...) keep their ``E###`` code; errors of the web layer use a word
(``not_found``, ``invalid_parameter``, ``token_required``).
"""

from __future__ import annotations

from typing import Any

from offramp.errors import OfframpError, StoreError, UsageError


class WebError(Exception):
    """An HTTP error with a message for a person."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return {"error": body}


#: Store errors and their HTTP status: no store yet, busy, not ours, too new, old.
_STORE_STATUS: dict[str, int] = {
    "E401": 503,
    "E402": 503,
    "E403": 409,
    "E404": 500,
    "E405": 500,
    "E406": 500,
    "E407": 503,
}


def from_offramp_error(err: OfframpError) -> WebError:
    """The HTTP form of one of Offramp's own errors."""
    # The message names the server's file path only for the store, which the operator
    # chose; it carries no request data beyond the value the user typed.
    message = err.message
    if isinstance(err, StoreError):
        status = _STORE_STATUS.get(err.code, 500)
        headers = {"Retry-After": "5"} if err.code in ("E402", "E403") else None
        return WebError(status, err.code, message, headers=headers)
    if isinstance(err, UsageError):
        status = 404 if err.code == "E310" else 422
        return WebError(status, err.code, message)
    return WebError(422, err.code, message)


def not_found(what: str, value: str, hint: str = "") -> WebError:
    text = f"no {what} {value!r} in this store"
    return WebError(404, "not_found", text + (f"; {hint}" if hint else ""))
