"""HTML pages: main text without boilerplate, metadata, charsets, and no network."""

from __future__ import annotations

import socket

import pytest

from .helpers import only_problem, where_codes

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Kremlin says Moscow is ready to discuss mediation | World News Daily</title>
  <meta property="og:title" content="Kremlin says Moscow is ready to discuss mediation">
  <meta property="og:site_name" content="World News Daily">
  <meta property="article:published_time" content="2025-03-14T20:30:26Z">
  <link rel="canonical" href="https://news.example.com/world/2025/03/14/kremlin-mediation">
  <script>window.dataLayer = [];</script>
  <style>body { font-family: sans-serif; }</style>
</head>
<body>
  <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
  <header>
    <a class="logo" href="/">World News Daily</a>
    <nav>
      <ul>
        <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
        <li><a href="/business">Business</a></li><li><a href="/subscribe">Subscribe today</a></li>
      </ul>
    </nav>
  </header>
  <main>
    <article>
      <h1>Kremlin says Moscow is ready to discuss mediation</h1>
      <p class="byline">By Anna Petrova, Moscow</p>
      <p>Russia is willing to discuss the mediation proposal on the condition that Kyiv
      withdraws its forces from the four regions, the Kremlin spokesman said on Friday.</p>
      <p>Otherwise, Russia will continue to exert pressure on the battlefield, he told
      reporters in Moscow, adding that the offer would not stay open indefinitely.</p>
      <p>Ukrainian officials rejected the demand within hours, calling it an ultimatum and
      saying that no negotiations could begin while Russian troops remained on Ukrainian
      soil. The talks were last held in Istanbul on 16 May 2022.</p>
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul>
        <li><a href="/a">Markets rally on ceasefire hopes</a></li>
        <li><a href="/b">Ten things to know this week</a></li>
      </ul>
    </aside>
  </main>
  <footer>
    <p>© 2025 World News Daily. All rights reserved.</p>
    <ul>
      <li><a href="/privacy">Privacy policy</a></li><li><a href="/cookies">Cookie settings</a></li>
      <li><a href="/contact">Contact us</a></li>
    </ul>
  </footer>
</body>
</html>
"""

BOILERPLATE = [
    "Home",
    "Subscribe today",
    "Business",
    "Related stories",
    "Markets rally",
    "All rights reserved",
    "Privacy policy",
    "Cookie settings",
    "Contact us",
    "We use cookies",
    "dataLayer",
    "font-family",
]


def test_html_main_text_extracted_without_boilerplate(write, read):
    write("kremlin-mediation.html", NEWS_PAGE)
    (doc,), report = read(["kremlin-mediation.html"])
    assert report.problems == []
    assert doc.id == "kremlin-mediation"
    assert doc.origin == "kremlin-mediation.html"
    assert "Russia is willing to discuss the mediation proposal" in doc.text
    assert "Otherwise, Russia will continue to exert pressure" in doc.text
    assert "Ukrainian officials rejected the demand" in doc.text
    for phrase in BOILERPLATE:
        assert phrase not in doc.text, phrase


def test_html_metadata_gives_title_url_source_and_date(write, read):
    write("page.html", NEWS_PAGE)
    (doc,), _ = read(["page.html"])
    assert doc.title == "Kremlin says Moscow is ready to discuss mediation"
    assert doc.url == "https://news.example.com/world/2025/03/14/kremlin-mediation"
    assert doc.source == "World News Daily"
    assert doc.published == "2025-03-14"


def test_html_date_argument_wins_over_the_page_date(write, read):
    write("page.htm", NEWS_PAGE)
    (doc,), _ = read(["page.htm"], date="2025-03-20")
    assert doc.published == "2025-03-20"


def test_html_date_in_the_text_alone_is_not_taken_as_published(write, read):
    # The article mentions 16 May 2022; only the page's markup may date the page (here the
    # publication time and the canonical URL, which has the date in its path, are removed).
    page = NEWS_PAGE.replace(
        '<meta property="article:published_time" content="2025-03-14T20:30:26Z">', ""
    ).replace(
        '<link rel="canonical" href="https://news.example.com/world/2025/03/14/kremlin-mediation">',
        "",
    )
    assert "2022" in page
    write("undated.html", page)
    (doc,), _ = read(["undated.html"])
    assert doc.published is None


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Loading</title><script>render()</script></head><body></body></html>",
        "<html><body><div id='app'></div><noscript></noscript></body></html>",
    ],
    ids=["script-only", "empty-app-shell"],
)
def test_html_page_without_text_is_a_problem(write, read, page):
    write("app.html", page)
    write("next.txt", "Kyiv rejected the plan.")
    docs, report = read(["app.html", "next.txt"])
    assert [d.id for d in docs] == ["next"]
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("app.html", "E111")
    assert "JavaScript" in problem.message


def test_html_declared_windows_1252_is_decoded(write, read):
    body = "<p>Le minist\xe8re a d\xe9clar\xe9 : \x93nous ne n\xe9gocierons pas\x94.</p>" * 3
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"</head><body><article>{body}</article></body></html>"
    )
    write("fr.html", page.encode("latin-1"))
    (doc,), report = read(["fr.html"])
    assert report.problems == []
    assert "Le ministère a déclaré : “nous ne négocierons pas”." in doc.text


def test_html_iso_8859_1_label_read_as_windows_1252(write, read):
    body = "<p>\x93Caf\xe9\x94 talks.</p>"
    page = (
        '<html><head><meta charset="ISO-8859-1"></head>'
        f"<body><article>{body}</article></body></html>"
    )
    write("l1.html", page.encode("latin-1"))
    (doc,), _ = read(["l1.html"])
    assert "“Café” talks." in doc.text


def test_html_undeclared_non_utf8_page_is_a_problem(write, read):
    write("legacy.html", b"<html><body><p>Caf\xe9 talks</p></body></html>")
    _, report = read(["legacy.html"])
    problem = only_problem(report)
    assert (problem.where, problem.code) == ("legacy.html", "E107")
    assert "byte 0xe9" in problem.message and "declares no charset" in problem.message


def test_html_bytes_invalid_in_the_declared_charset_are_a_problem(write, read):
    write(
        "bad.html",
        b'<html><head><meta charset="ascii-not-really"></head><body>\xff\xfe</body></html>',
    )
    write(
        "bad2.html",
        b'<html><head><meta charset="shift_jis"></head><body><p>\x81\x39</p></body></html>',
    )
    _, report = read(["bad.html", "bad2.html"])
    assert where_codes(report) == [("bad.html", "E107"), ("bad2.html", "E117")]
    assert "shift_jis" in report.problems[1].message


def test_html_utf16_page_with_bom_is_read(write, read):
    write("u16.html", NEWS_PAGE.encode("utf-16"))
    (doc,), report = read(["u16.html"])
    assert report.problems == []
    assert "Ukrainian officials rejected the demand" in doc.text


def test_html_fragment_and_xml_declaration_are_read(write, read):
    write("fragment.html", "<p>Kyiv said it would not negotiate while troops remained.</p>")
    xhtml = '<?xml version="1.0" encoding="iso-8859-1"?>\n' + NEWS_PAGE.split("\n", 1)[1]
    write("xhtml.html", xhtml.encode("latin-1", "replace"))
    docs, report = read(["fragment.html", "xhtml.html"])
    assert report.problems == []
    assert docs[0].text == "Kyiv said it would not negotiate while troops remained."
    assert "Ukrainian officials rejected the demand" in docs[1].text


def test_html_binary_file_is_a_problem(write, read):
    write("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    _, report = read(["photo.html"])
    assert where_codes(report) == [("photo.html", "E113")]


def test_html_reading_never_opens_a_network_connection(write, read, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the HTML reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    write("page.html", NEWS_PAGE)
    write("just-a-url.html", "https://news.example.com/world/2025/03/14/kremlin-mediation")
    docs, _ = read(["page.html", "just-a-url.html"])
    assert docs[0].id == "page"
