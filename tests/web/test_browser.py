"""End to end in headless Chromium (Debian's ``chromium``), driven by Playwright.

Each page is opened against a live server on a loopback port and a screenshot is kept
(in ``$OFFRAMP_SCREENSHOTS`` when set, else a temporary directory); the tests then use
the filters, page through results, download CSV and JSON, check that the SVG charts are
drawn, that evidence spans are highlighted, and that hostile text never runs.

Skipped, with the reason, when ``/usr/bin/chromium`` is missing or cannot be started;
``make test`` installs it (as root). Playwright never downloads a browser here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import TOKEN, LiveServer

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Chromium at /usr/bin/chromium: apt-get install -y chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests need Playwright: pip install playwright"
    )
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
    except Exception as err:
        pw.stop()
        pytest.skip(f"Playwright could not start /usr/bin/chromium: {str(err).splitlines()[0]}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="session")
def shots(tmp_path_factory):
    where = os.environ.get("OFFRAMP_SCREENSHOTS")
    if where:
        path = Path(where)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


class Watched:
    """A page that records console errors, page errors and dialogs."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    watched = Watched(context.new_page())
    yield watched
    context.close()


PAGES = [
    ("overview", "/"),
    ("signals", "/signals"),
    ("signals-filtered", "/signals?actor=Russia&type=THREATEN"),
    ("shifts", "/shifts"),
    ("actors", "/actors"),
    ("actor", "/actors/RUS"),
    ("dyad", "/dyads/RUS/UKR"),
    ("document", "/documents/000_0890086fbc084842"),
    ("document-hostile", "/documents/hostile-1"),
    ("upload", "/upload"),
    ("docs", "/docs"),
]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[n for n, _ in PAGES])
def test_browser_every_page_loads_without_errors(page, shots, name, path):
    if (
        name == "document"
        and "000_0890086fbc084842" not in page.page.context.request.get(path).text()
    ):
        pytest.skip("the founding article is not in the store (../shared is absent)")
    response = page.page.goto(path)
    assert response.status == 200
    page.page.wait_for_load_state("networkidle")
    if name == "docs":
        page.page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    page.page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert page.errors == [], page.errors
    assert page.dialogs == []
    assert page.page.locator("h1").first.inner_text().strip()


def test_browser_filters_change_the_results(page):
    p = page.page
    p.goto("/signals")
    everything = int(p.locator("#result-count").inner_text().split()[0])
    p.fill("#f-actor", "Russia")
    p.select_option("#f-type", "THREATEN")
    p.click("#filters button[type=submit]")
    p.wait_for_url("**/signals?*actor=Russia*")
    filtered = int(p.locator("#result-count").inner_text().split()[0])
    assert 0 < filtered < everything
    badges = p.locator("table.signals tbody .badge.verbal_conflict").all_inner_texts()
    assert badges and set(badges) == {"THREATEN"}
    assert "actor: Russia (RUS" in p.locator(".understood").inner_text()
    # the form keeps what was chosen
    assert p.input_value("#f-actor") == "Russia" and p.input_value("#f-type") == "THREATEN"
    assert page.errors == []


def test_browser_text_search_finds_the_quote(page):
    p = page.page
    p.goto("/signals")
    p.fill("#f-text", "ceasefire")
    p.press("#f-text", "Enter")
    p.wait_for_url("**text=ceasefire*")
    quotes = p.locator("table.signals td.quote q").all_inner_texts()
    assert quotes and all("ceasefire" in q.lower() for q in quotes)


def test_browser_pagination(page):
    p = page.page
    p.goto("/signals?limit=25")
    first_page = p.locator("table.signals tbody tr").first.inner_text()
    assert p.locator("table.signals tbody tr").count() == 25
    p.click("a[rel=next]")
    p.wait_for_url("**offset=25*")
    assert p.locator("table.signals tbody tr").first.inner_text() != first_page
    assert "Showing 26–" in p.locator(".pager .muted").last.inner_text()
    p.click("a[rel=prev]")
    p.wait_for_url("**/signals?limit=25")
    assert p.locator("table.signals tbody tr").first.inner_text() == first_page


def test_browser_csv_and_json_downloads(page, tmp_path):
    p = page.page
    p.goto("/signals?actor=Russia")
    total = int(p.locator("#result-count").inner_text().split()[0])
    with p.expect_download() as info:
        p.click("#download-csv")
    target = tmp_path / "signals.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == total and rows[0]["actor_country"] == "RUS"
    href = p.get_attribute("#download-json", "href")
    body = json.loads(p.context.request.get(href).text())
    assert body["total"] == total and body["signals"][0]["source"]["country"] == "RUS"
    p.click("#download-json")
    assert json.loads(p.locator("body").inner_text())["total"] == total


def test_browser_charts_render_as_svg(page):
    p = page.page
    p.goto("/actors/RUS")
    chart = p.locator("svg.stance-chart#chart-war_aims")
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    line = chart.locator("path.line.stance")
    assert line.get_attribute("d").startswith("M ")
    assert chart.locator("circle.dot").count() >= 3
    marker = chart.locator("g.shift-marker")
    assert marker.count() == 1 and "shift 2025-11-22" in marker.text_content()
    p.goto("/dyads/RUS/UKR")
    dyad = p.locator("svg.dyad-chart")
    assert dyad.locator("path.line").count() >= 1
    assert dyad.locator("rect.bar").count() >= 1
    assert dyad.bounding_box()["width"] > 300


def test_browser_document_highlights_the_exact_evidence_span(page, live_server):
    p = page.page
    doc = json.loads(p.context.request.get("/api/documents/sample-01").text())
    assert doc["signals"]
    p.goto("/documents/sample-01")
    marks = p.locator("#doc-text mark").all_inner_texts()
    for s in doc["signals"]:
        assert s["text"] in marks, s["text"]
    first = doc["signals"][0]
    p.goto(f"/documents/sample-01?focus={first['id']}#s-{first['id']}")
    focused = p.locator("#doc-text mark.focus")
    assert focused.count() >= 1 and focused.first.inner_text() == first["text"]


def test_browser_signal_links_open_the_highlighted_passage(page):
    p = page.page
    p.goto("/signals?doc=sample-01")
    p.locator("table.signals td.doc a").first.click()
    p.wait_for_url("**/documents/sample-01?focus=*")
    assert p.locator("#doc-text mark.focus").count() >= 1


def test_browser_hostile_article_shows_as_text_and_runs_nothing(page):
    p = page.page
    for path in (
        "/documents/hostile-1",
        "/signals?doc=hostile-1",
        "/",
        "/actors/RUS",
        "/dyads/RUS/UKR",
    ):
        p.goto(path)
        p.wait_for_load_state("networkidle")
        assert p.evaluate("typeof window.__pwned") == "undefined", path
        assert p.locator("a[href^='javascript:' i]").count() == 0, path
        assert (
            p.locator(
                "#main script, #main img, #main iframe, [onerror], [onload], [onmouseover]"
            ).count()
            == 0
        )
    p.goto("/documents/hostile-1")
    text = p.locator("#doc-text").inner_text()
    assert "<script>window.__pwned='text';alert('xss')</script>" in text
    assert "<a href=\"javascript:window.__pwned='link'\">click here</a>" in text
    # the javascript: url of the document is shown as text, not made a link
    assert "javascript:window.__pwned='url'" in p.locator(".doc-meta").inner_text()
    assert "<script>window.__pwned='title'</script>" in p.locator("h1").inner_text()
    p.locator("#doc-text mark").first.hover()
    assert page.dialogs == [] and page.errors == []


def test_browser_hostile_document_id_round_trips(page):
    p = page.page
    doc_id = 'hostile/2 <i>"quoted"</i>'
    p.goto("/documents/" + quote(doc_id, safe=""))
    assert p.locator(".doc-meta code").first.inner_text() == doc_id
    assert "DROP TABLE signals" in p.locator("#doc-text mark").first.inner_text()


@pytest.mark.parametrize(
    ("field", "value", "expect"),
    [
        ("f-actor", "' OR 1=1 --", "unknown actor"),
        ("f-text", "' OR 1=1 --", "0 signals match"),
        ("f-text", "%00", "0 signals match"),
        ("f-doc", "1; DROP TABLE signals", "0 signals match"),
    ],
)
def test_browser_hostile_filter_values_give_clean_answers(page, field, value, expect):
    p = page.page
    p.goto("/signals")
    p.fill(f"#{field}", value)
    p.click("#filters button[type=submit]")
    p.wait_for_load_state("networkidle")
    assert expect in p.locator("#main").inner_text()
    assert page.errors == [] or all("422" in e for e in page.errors)
    p.goto("/signals")
    assert int(p.locator("#result-count").inner_text().split()[0]) > 50  # the store is whole


def test_browser_very_long_and_nul_filter_values_are_refused_with_a_message(page):
    p = page.page
    r = p.goto("/signals?text=" + "x" * 5000)
    assert r.status == 422
    assert "longer than 200 characters" in p.locator(".notice.error").inner_text()
    r = p.goto("/signals?actor=%00")
    assert r.status == 422
    assert "control character" in p.locator(".notice.error").inner_text()
    assert p.input_value("#f-text") == ""  # the page still offers the form


def test_browser_actor_search_box(page):
    p = page.page
    p.goto("/")
    p.fill(".nav-search input", "the Kremlin")
    p.press(".nav-search input", "Enter")
    p.wait_for_url("**/actors/RUS")
    assert "Russia" in p.locator("h1").inner_text()


def test_browser_compare_two_actors_form(page):
    p = page.page
    p.goto("/")
    p.fill("#dyad-a", "Moscow")
    p.fill("#dyad-b", "Kyiv")
    p.click("text=Show pair")
    p.wait_for_url("**/dyads/RUS/UKR")
    assert p.locator("svg.dyad-chart").count() == 1


def test_browser_upload_form_codes_and_shows_the_document(browser, web_db, tmp_path, shots):
    db = tmp_path / "upload.duckdb"
    shutil.copyfile(web_db, db)
    with LiveServer(db, boards_dir=tmp_path / "boards") as server:
        context = browser.new_context(base_url=server.url)
        page = Watched(context.new_page())
        p = page.page
        p.goto("/upload")
        p.fill("#u-title", "Browser upload <b>bold</b>")
        p.fill("#u-published", "2025-12-03")
        p.fill("#u-text", "The Kremlin rejected the European peace plan on Wednesday.")
        p.fill("#u-token", "wrong-token-0123456789")
        p.click("button[type=submit]")
        assert "not the one this server was started with" in p.locator(".notice.error").inner_text()
        assert p.input_value("#u-text").startswith("The Kremlin rejected")
        page.errors.clear()  # the browser logs the 401 of the wrong token
        p.fill("#u-token", TOKEN)
        p.click("button[type=submit]")
        p.wait_for_url("**/documents/upload-*?uploaded=1", timeout=120_000)
        assert "coded and stored" in p.locator(".notice.ok").inner_text()
        assert p.locator("h1").inner_text() == "Browser upload <b>bold</b>"
        assert p.locator("#doc-text mark").count() >= 1
        p.screenshot(path=str(shots / "upload-done.png"), full_page=True)
        assert page.errors == []
        context.close()


def test_browser_scenario_board(page, shots):
    """The built-in board, scored from the store: hostile evidence quotes never run."""
    p = page.page
    r = p.goto("/scenarios")
    assert r.status == 200
    assert p.locator(".scenario").count() >= 1
    assert p.locator(".scenario svg.scorebar rect.fill").count() >= 1
    p.locator(".scenario details summary").first.click()
    p.screenshot(path=str(shots / "scenarios.png"), full_page=True)
    quotes = p.locator(".scenario .evidence-list q", has_text="<script>window.__pwned='text'")
    assert quotes.count() >= 1  # the hostile document's threat, shown as text
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == [] and page.dialogs == []


def test_browser_shift_evidence_links_open_the_passage(page):
    p = page.page
    p.goto("/shifts?actor=Russia")
    link = p.locator("table.shifts td.quote a").last
    link.focus()
    p.keyboard.press("Enter")  # a quote link wraps over lines; follow it as a keyboard user
    p.wait_for_url(re.compile(r"/documents/[^?]+\?at=\d+#at-\d+$"))
    focused = p.locator("#doc-text mark.focus")
    assert focused.count() >= 1 and focused.first.is_visible()
