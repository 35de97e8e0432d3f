"""What keeps the dashboard safe to point at hostile text and to expose on a network.

* **Headers** (:class:`SecurityHeaders`): a Content-Security-Policy that allows scripts,
  styles and images from the server itself only (no inline scripts, no inline styles, no
  plugins, no framing), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy:
  same-origin`` (other sites never see the dashboard's URLs and the filters in them; with
  ``no-referrer`` browsers would send ``Origin: null`` on the dashboard's own form posts,
  which the cross-site check must refuse), ``X-Frame-Options: DENY`` and a same-origin
  opener policy.
* **Body size** (:class:`BodyLimit`): a request whose ``Content-Length`` is over the limit is
  refused before a byte of it is read, and a body sent without one is counted as it arrives
  and refused the moment it passes the limit.
* **Token** (:func:`check_token`): writes need the server's ``OFFRAMP_TOKEN``; it is
  compared in constant time, and without one configured the server has no writes at all.
* **Cross-site requests** (:class:`Csrf`): HTML forms that write carry a signed token that
  must equal the one in a ``SameSite=Strict`` cookie (a double-submit cookie), and a
  request whose ``Origin`` or ``Sec-Fetch-Site`` says it comes from another site is
  refused. The JSON API's writes need the bearer token, which a browser never sends by
  itself, so they need no cookie check.

Escaping is the templates' job: Jinja's autoescape is on for every template
(:mod:`offramp.web.templating`), and SVG charts are rendered through templates too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from offramp.web.errors import WebError

#: The policy of every page: everything from this server, nothing inline, no framing.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

#: The API documentation page (Swagger UI) sets style attributes from its scripts' markup.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

BASE_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response."""

    def __init__(self, app: ASGIApp, *, docs_paths: Iterable[str] = ("/docs",)) -> None:
        self.app = app
        self.docs_paths = tuple(docs_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] in self.docs_paths else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                for name, value in (*BASE_HEADERS, (b"content-security-policy", csp.encode())):
                    if name not in present:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with 413.

    The declared length is checked before anything is read; an undeclared (chunked) body
    is counted while it streams in, so the server never holds more than the limit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                await self._refuse(scope, send, 400, "invalid Content-Length header")
                return
            if too_big:
                await self._refuse(scope, send, 413, self._message())
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, send, 413, self._message())

    def _message(self) -> str:
        return (
            f"the request body is larger than this server accepts ({self.max_bytes:,} bytes); "
            "send fewer or shorter documents per request"
        )

    async def _refuse(self, scope: Scope, send: Send, status: int, text: str) -> None:
        code = "too_large" if status == 413 else "bad_request"
        body = json.dumps({"error": {"status": status, "code": code, "message": text}}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                    *BASE_HEADERS,
                    (b"content-security-policy", CSP.encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


# -- the write token ---------------------------------------------------------------------------


def check_token(expected: str | None, presented: str | None) -> None:
    """Allow a write only with the server's token.

    Raises:
        WebError: 403 when the server has no token (writes are off), 401 when none or
            the wrong one was presented.
    """
    if not expected:
        raise WebError(
            403,
            "writes_disabled",
            "this server is read-only: start it with the environment variable "
            "OFFRAMP_TOKEN set to allow uploads and board edits",
        )
    if not presented:
        raise WebError(
            401,
            "token_required",
            "this needs the server's access token: send the header "
            "'Authorization: Bearer <OFFRAMP_TOKEN>' (or fill in the token field of the form)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8")):
        raise WebError(
            401,
            "wrong_token",
            "the access token is not the one this server was started with",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer ...`` header, if any."""
    value = request.headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


# -- cross-site request forgery ----------------------------------------------------------------

CSRF_COOKIE = "offramp_csrf"
CSRF_FIELD = "csrf_token"


class Csrf:
    """Signed double-submit tokens for the HTML forms that write.

    The token is ``nonce.signature`` (an HMAC of the nonce under a secret made when the
    server starts), kept in a ``SameSite=Strict``, ``HttpOnly`` cookie for the browser
    session and repeated in a hidden form field. A post is accepted when the two are equal
    and the signature holds, so another site can neither read nor plant a working pair.
    """

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._secret, nonce.encode(), hashlib.sha256).hexdigest()[:32]

    def new_token(self) -> str:
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign(nonce)}"

    def valid(self, token: str | None) -> bool:
        if not token or token.count(".") != 1:
            return False
        nonce, sig = token.split(".")
        return hmac.compare_digest(sig.encode(), self._sign(nonce).encode())

    def token_for(self, request: Request) -> tuple[str, bool]:
        """The token for a form on this page, and whether the cookie must be (re)set."""
        existing = request.cookies.get(CSRF_COOKIE)
        if self.valid(existing):
            assert existing is not None
            return existing, False
        return self.new_token(), True

    def set_cookie(self, response: Response, token: str, *, secure: bool) -> None:
        response.set_cookie(
            CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/"
        )

    def check(self, request: Request, form: Any) -> None:
        """Refuse a form post that is cross-site or whose token does not match.

        Raises:
            WebError: 403 with a message saying to reload the form.
        """
        refuse_cross_site(request)
        cookie = request.cookies.get(CSRF_COOKIE)
        field = form.get(CSRF_FIELD) if form is not None else None
        if (
            not isinstance(field, str)
            or not cookie
            or not hmac.compare_digest(field.encode(), cookie.encode())
            or not self.valid(cookie)
        ):
            raise WebError(
                403,
                "csrf",
                "this form has expired or was not sent from this dashboard; reload the page "
                "and submit it again (cookies must be allowed for this site)",
            )


def refuse_cross_site(request: Request) -> None:
    """Refuse a request a browser marks as coming from another site."""
    site = request.headers.get("sec-fetch-site")
    if site == "cross-site":
        raise WebError(403, "cross_site", "cross-site form posts are not accepted")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if urlsplit(origin).netloc.lower() != host.lower():
            raise WebError(403, "cross_site", "cross-site form posts are not accepted")
    elif origin == "null":
        raise WebError(403, "cross_site", "form posts from an opaque origin are not accepted")
