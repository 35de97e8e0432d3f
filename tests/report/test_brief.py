"""Briefs rendered as a user gets them, parsed back and checked: sections, quotes that are
stored evidence, real images, escaped hostile text."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import pytest

from offramp.errors import UsageError
from offramp.report.brief import brief_format, md_escape, render_brief, write_brief
from offramp.report.charts import PNG_SIGNATURE
from offramp.store import Store

SECTIONS = ("key-points", "headlines", "conditionals", "timelines", "dyad", "board", "sources")


class Page(HTMLParser):
    """What the tests read from a brief: quotes with their offsets, images, text by
    section, table rows, and every tag and attribute."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.quotes: list[dict[str, str]] = []
        self.images: list[str] = []
        self.sections: dict[str, str] = {}
        self.rows: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._quote: dict[str, str] | None = None
        self._section: str | None = None
        self._row: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "q" and a.get("class") == "quote":
            self._quote = {
                "doc": a["data-doc"],
                "start": a["data-start"],
                "end": a["data-end"],
                "text": "",
            }
        elif tag == "img":
            self.images.append(a["src"] or "")
        elif tag == "section":
            self._section = a["id"]
            self.sections[self._section] = ""
        elif tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        if tag == "q" and self._quote is not None:
            self.quotes.append(self._quote)
            self._quote = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(" ".join("".join(self._row).split()))
            self._row = None

    def handle_data(self, data):
        if self._quote is not None:
            self._quote["text"] += data
        if self._section:
            self.sections[self._section] += data
        if self._row is not None:
            self._row.append(data)


@pytest.fixture(scope="module")
def founding_html(seed_db):
    return render_brief(Store.open(seed_db), actor="RUS", dyad=("RUS", "UKR"))


def test_brief_html_founding_case(seed_db, founding_html):
    page = Page(founding_html)
    assert list(page.sections) == list(SECTIONS)
    # the conditional offer: condition on Kyiv, the threat as its alternative
    offer = next(r for r in page.rows if "willing to discuss the mediation proposal" in r)
    assert "Kyiv is willing to enter negotiations [UKRGOV]" in offer
    assert "THREATEN: Russia will continue to exert pressure on the battlefield" in offer
    # the war_aims shift, dated, with quotes before and after
    timelines = page.sections["timelines"]
    assert (
        "Russia: war_aims" in timelines and "Narrative shift on 2025-11-22: -1.00 → +" in timelines
    )
    shift = next(
        r
        for r in page.rows
        if "generally satisfied with the current front" in r and "before" not in r
    )
    assert "had not yet been achieved" in shift and "In the past, the Russian side" in shift
    # the scenario table: limited negotiations first, up from third on 2025-10-31
    board = [
        r for r in page.rows if re.match(r"^\d=? (further advance|limited|frozen|escalation)", r)
    ]
    assert board[0].startswith("1 limited negotiations") and "▲ from 3 since 2025-10-31" in board[0]
    assert (
        "Scenario board: “limited negotiations” ranks first as of 2025-11-22"
        in page.sections["key-points"]
    )
    assert "What the ranking hinges on" in page.sections["board"]
    # charts: stance timelines, dyad, board and its history, all real PNGs inside the page
    assert len(page.images) == 6
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        png = base64.b64decode(src.split(",", 1)[1], validate=True)
        assert png[:8] == PNG_SIGNATURE and len(png) > 5000
        assert int.from_bytes(png[16:20], "big") > 600  # width in pixels
    # every quote is stored evidence: exactly the document's text at its offsets
    store = Store.open(seed_db)
    assert len(page.quotes) > 20
    for q in page.quotes:
        doc = store.document(q["doc"])
        assert doc is not None and q["text"] in doc.document.text
        assert doc.document.text[int(q["start"]) : int(q["end"])] == q["text"]
    # self-contained: nothing is loaded from elsewhere, nothing runs
    assert not any(tag in ("script", "link", "iframe", "object") for tag, _ in page.tags)
    assert (
        not any((a.get("src") or "").startswith(("http", "//")) for _, a in page.tags)
        and "@import" not in founding_html
        and "url(" not in founding_html
    )


def test_brief_markdown_writes_charts_next_to_it(seed_db, tmp_path):
    out = tmp_path / "out" / "brief.md"
    files = write_brief(Store.open(seed_db), out, actor="Russia")
    text = out.read_text()
    assert files[0] == out and len(files) == 7
    for heading in ("## Key points", "## Headline signals", "## Conditional offers and threats",
                    "## Stance timelines and narrative shifts", "## Dyad escalation: RUS ↔ UKR",
                    "## Scenario board", "## Sources"):  # fmt: skip
        assert heading in text
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert sorted(links) == sorted(p.name for p in files[1:])
    for p in files[1:]:
        assert (
            p.parent == out.parent
            and p.read_bytes()[:8] == PNG_SIGNATURE
            and p.stat().st_size > 5000
        )
    assert (
        "| 2025-11-22 | RUSGOV (Russia) → USAGOV (US President Trump) | AGREE | Kyiv is willing"
        in text
    )
    assert "THREATEN: Russia will continue to exert pressure on the battlefield" in text
    assert "**Narrative shift on 2025-11-22:**" in text
    assert "| 1 | limited negotiations | 1.00 | 0.00 |" in text
    # without a folder, charts are embedded
    inline = render_brief(Store.open(seed_db), actor="RUS", fmt="md")
    assert inline.count("](data:image/png;base64,") == 6


def test_brief_escapes_hostile_text(hostile_db, tmp_path):
    store = Store.open(hostile_db)
    html = render_brief(store, actor="Azerbaijan")
    page = Page(html)
    # the attack strings appear as text, never as markup
    assert "<script>alert(1)</script>" in " ".join(q["text"] for q in page.quotes)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html and "<img src=x" not in html and "<svg" not in html
    assert "<b>signs</b>" not in html and "&lt;b&gt;signs&lt;/b&gt;" in html
    assert "onerror=alert" not in re.sub(r"&lt;img[^&]*&gt;", "", html)
    assert not any(tag in ("script", "svg") for tag, _ in page.tags)
    assert all(src.startswith("data:image/png;base64,") for src in page.images)  # charts only
    assert not any(name.startswith("on") for _, a in page.tags for name in a)
    # a javascript: URL is shown as nothing, an https URL is a link, escaped
    hrefs = [a.get("href") or "" for tag, a in page.tags if tag == "a"]
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert "https://example.org/a?b=1&c=<2>" in hrefs
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html  # the title
    md = render_brief(store, actor="Azerbaijan", fmt="md")
    assert "<script" not in md and "<img" not in md and "<b>signs" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\[x\\](javascript:alert(1))" in md
    assert not re.search(r"(?<!\\)\]\(javascript", md)  # no live Markdown link


def test_brief_formats_and_errors(seed_db):
    assert brief_format("a/brief.HTML") == "html" and brief_format("b.md") == "md"
    with pytest.raises(
        UsageError,
        match=r"cannot tell the brief's format from 'brief.pdf'; end the file name in .html, .htm, .md, .markdown",
    ):
        brief_format("brief.pdf")
    store = Store.open(seed_db)
    with pytest.raises(UsageError, match="unknown actor 'Rusia' \\(did you mean Russia \\(RUS\\)"):
        render_brief(store, actor="Rusia")
    with pytest.raises(UsageError, match="--since \\(2025-12-01\\) is after --until"):
        render_brief(store, since="2025-12-01", until="2025-11-01")
    with pytest.raises(UsageError, match="must be one of html, md"):
        render_brief(store, fmt="pdf")
    assert (
        md_escape("a_b *c* [d](e) | <f> & g\nh")
        == "a\\_b \\*c\\* \\[d\\](e) \\| &lt;f&gt; &amp; g h"
    )


def test_brief_whole_store_and_empty_period(seed_db):
    store = Store.open(seed_db)
    page = Page(render_brief(store))
    assert "Brief: all actors in the store" in render_brief(store, until="2025-06-01")
    assert "war_aims" in page.sections["timelines"]
    early = Page(render_brief(store, actor="RUS", until="2025-05-01"))
    assert "No signals of these actors in this period." in early.sections["headlines"]
    assert "No stored signal bears on this board" in early.sections["board"]
