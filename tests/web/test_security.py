"""Hostile text stays text, writes need the token, forms need their CSRF token, bodies are
capped, headers are set, and nothing in a request reaches the file system."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from .conftest import TOKEN, make_client

PAGES = [
    "/",
    "/signals",
    "/signals?doc=hostile-1",
    "/shifts",
    "/actors",
    "/actors/RUS",
    "/dyads/RUS/UKR",
    "/documents/hostile-1",
    "/documents/" + quote('hostile/2 <i>"quoted"</i>', safe=""),
    "/upload",
]


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("path", PAGES)
def test_security_hostile_text_is_escaped_on_every_page(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    for tag, attrs in tags_of(r.text):
        assert tag not in ("script", "iframe", "img", "svg") or (
            (tag == "svg" and "chart" in (attrs.get("class") or ""))
            or (tag == "svg" and "scorebar" in (attrs.get("class") or ""))
        ), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    assert "__pwned" not in "".join(str(a) for _, a in tags_of(r.text))


def test_security_hostile_markup_is_shown_as_text(client):
    html = client.get("/documents/hostile-1").text
    assert "&lt;script&gt;window.__pwned=&#39;text&#39;;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    # the javascript: url of the document is shown, not linked
    assert "javascript:window.__pwned=&#39;url&#39;" in html
    assert 'href="javascript:' not in html


def test_security_headers_on_pages_api_errors_and_static(client):
    for path in (
        "/",
        "/api/signals",
        "/api/nothing",
        "/documents/none",
        "/static/offramp-web-1.css",
    ):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "same-origin"


def test_security_no_request_parameter_reaches_the_file_system(client):
    for path in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/documents/..%2f..%2fetc%2fpasswd",
        "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "root:" not in r.text and "create_app" not in r.text


# -- writes need the token ---------------------------------------------------------------------

DOC = {
    "id": "upload-test-1",
    "published": "2025-12-01",
    "text": "Kyiv said it was ready to resume talks with Moscow.",
}


def test_security_upload_without_or_with_a_wrong_token_is_refused(client):
    r = client.post("/api/documents", json=DOC)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in r.json()["error"]["message"]
    r = client.post(
        "/api/documents", json=DOC, headers={"Authorization": "Bearer " + "x" * len(TOKEN)}
    )
    assert r.status_code == 401 and r.json()["error"]["code"] == "wrong_token"
    r = client.post("/api/documents", json=DOC, headers={"Authorization": "Basic " + TOKEN})
    assert r.status_code == 401


def test_security_server_without_a_token_has_no_writes(web_db):
    with make_client(web_db, token=None) as c:
        r = c.post("/api/documents", json=DOC, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403
        assert "OFFRAMP_TOKEN" in r.json()["error"]["message"]
        assert "read-only" in c.get("/upload").text


AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ([], "send one document"),
        ({"id": "x"}, "'text' is missing"),
        ({"text": "x", "published": "yesterday"}, "'published' must be a date"),
        ({"text": "x", "colour": "red"}, "unknown field 'colour'"),
        ({"text": 5}, "'text' must be a string"),
        ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "appears twice"),
    ],
)
def test_security_upload_checks_documents_before_ingesting(client, body, words):
    r = client.post("/api/documents", json=body, headers=AUTH)
    assert r.status_code == 422 and words in r.json()["error"]["message"]


def test_security_upload_needs_json(client):
    r = client.post(
        "/api/documents",
        content=b"text=hello",
        headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 415
    r = client.post(
        "/api/documents", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_json"


def test_security_body_over_the_limit_is_refused_before_reading(web_db):
    with make_client(web_db, max_upload_bytes=10_000) as c:
        big = {"text": "Moscow refused. " * 2000}
        r = c.post("/api/documents", json=big, headers=AUTH)
        assert r.status_code == 413 and "10,000 bytes" in r.json()["error"]["message"]

        def chunks():  # no Content-Length: counted as it streams in
            for _ in range(50):
                yield b"x" * 1000

        r = c.post(
            "/api/documents", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
        )
        assert r.status_code == 413


def test_security_body_limit_middleware_never_reads_past_the_declared_length():
    import asyncio
    import threading

    from offramp.web.security import BodyLimit

    reads = []

    async def app(scope, receive, send):  # pragma: no cover - must not be called
        reads.append("app")

    async def receive():
        reads.append("receive")
        return {"type": "http.request", "body": b"", "more_body": False}

    sent = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "path": "/api/documents", "headers": [(b"content-length", b"999999")]}
    # in a thread of its own: the browser tests' Playwright keeps an event loop in this one
    worker = threading.Thread(
        target=asyncio.run, args=(BodyLimit(app, max_bytes=1000)(scope, receive, send),)
    )
    worker.start()
    worker.join()
    assert reads == [] and sent[0]["status"] == 413


def test_security_token_is_compared_in_constant_time():
    import inspect

    from offramp.web import security

    assert "hmac.compare_digest" in inspect.getsource(security.check_token)


def test_security_upload_ingests_through_the_store_and_answers_409_while_locked(writable_db):
    from offramp.store.lock import IngestLock

    with make_client(writable_db) as c:
        with IngestLock(writable_db):
            r = c.post("/api/documents", json=DOC, headers=AUTH)
        assert r.status_code == 409 and r.json()["error"]["code"] == "E403"
        assert "another ingest" in r.json()["error"]["message"]
        r = c.post("/api/documents", json=[DOC], headers=AUTH)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["result"]["added"] == 1 and body["result"]["signals"] >= 1
        assert body["documents"][0]["url"] == "/documents/upload-test-1"
        stored = c.get("/api/documents/upload-test-1").json()
        assert stored["signals"][0]["source"]["code"] == "UKRGOV"
        again = c.post("/api/documents", json=DOC, headers=AUTH).json()
        assert again["result"]["unchanged"] == 1


# -- HTML forms need the CSRF token ------------------------------------------------------------


def _csrf(c, path="/upload"):
    from offramp.web.security import CSRF_COOKIE

    c.cookies.clear()
    page = c.get(path)
    assert page.status_code == 200
    token = c.cookies.get(CSRF_COOKIE)
    assert token and f'value="{token}"' in page.text
    cookie = page.headers["set-cookie"].lower()
    assert "samesite=strict" in cookie and "httponly" in cookie
    return token


def test_security_form_post_without_the_csrf_token_is_refused(client):
    _csrf(client)
    r = client.post("/upload", data={"text": "Moscow refused.", "token": TOKEN})
    assert r.status_code == 403 and "reload the page" in r.text


def test_security_form_post_with_a_forged_csrf_token_is_refused(client):
    from offramp.web.security import CSRF_COOKIE

    forged = "abc.def"
    client.cookies.set(CSRF_COOKIE, forged)
    r = client.post("/upload", data={"csrf_token": forged, "text": "x", "token": TOKEN})
    assert r.status_code == 403
    client.cookies.clear()


def test_security_form_post_from_another_site_is_refused(client):
    token = _csrf(client)
    r = client.post(
        "/upload",
        data={"csrf_token": token, "text": "x", "token": TOKEN},
        headers={"Origin": "http://evil.example"},
    )
    assert r.status_code == 403 and "cross-site" in r.text
    r = client.post(
        "/upload",
        data={"csrf_token": token, "text": "x", "token": TOKEN},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert r.status_code == 403


def test_security_form_post_with_csrf_but_without_the_access_token_is_refused(client):
    token = _csrf(client)
    r = client.post(
        "/upload",
        data={"csrf_token": token, "text": "Moscow refused.", "token": "wrong-token-123456789"},
    )
    assert r.status_code == 401 and "not the one this server was started with" in r.text
    assert "Moscow refused." in r.text  # the form keeps what was typed
