"""The Jinja environment: autoescape always on, and the few helpers templates need.

Every value a template prints is escaped, whatever the template's file name; nothing in
Offramp marks text as safe HTML, so a quote carrying ``<script>`` shows as text. Links
made from stored values go through :func:`doc_url`, :func:`actor_url` (path segments
percent-encoded) and :func:`safe_link` (only ``http`` and ``https`` URLs become links, so a
``javascript:`` URL in a document's metadata is shown, never followed).
"""

from __future__ import annotations

import datetime as _dt
import functools
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from offramp.__about__ import __version__
from offramp.records import QUAD_CLASS
from offramp.store.keys import series_key
from offramp.web.charts import score_bar_width

#: The stylesheet, with the package version in its name so browsers never keep a stale one.
STYLESHEET = "offramp-web-1.css"


def templates_dir() -> Path:
    return Path(str(resources.files("offramp.web") / "templates"))


def static_dir() -> Path:
    return Path(str(resources.files("offramp.web") / "static"))


def doc_url(doc_id: str, at: int | None = None) -> str:
    """The document page of ``doc_id`` (any characters, percent-encoded); with ``at``, the
    evidence starting at that offset is highlighted and scrolled to."""
    url = "/documents/" + quote(str(doc_id), safe="")
    return url + (f"?at={int(at)}#at-{int(at)}" if at is not None else "")


def actor_url(key: str) -> str:
    return "/actors/" + quote(key, safe="")


def dyad_url(a: str, b: str) -> str:
    return f"/dyads/{quote(a, safe='')}/{quote(b, safe='')}"


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (show it as text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


#: Sector codes in words, for actor names on pages.
SECTOR_WORDS: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "REB": "armed group",
    "OPP": "opposition",
    "CVL": "civilians",
    "MED": "media",
    "BUS": "business",
    "NGO": "NGO",
    "IGO": "international organisation",
}


@functools.lru_cache(maxsize=4096)
def actor_title(code: str) -> str:
    """A readable name for an actor code: ``Russia · government``, ``European Union``.

    The name as written in the text ("he", "Kyiv", "the army") is shown beside it; this is
    what the code means, so that readers need not know the codes.
    """
    from offramp.nlp.actor_table import default_table
    from offramp.store.keys import is_country_sector_code

    table = default_table()
    if is_country_sector_code(code):
        country = table.country_name(code[:3]) or code[:3]
        return f"{country} · {SECTOR_WORDS.get(code[3:], code[3:])}"
    entry = table.entry_for_code(code)
    if entry is not None and entry.kind != "person":
        return entry.name
    return code


def signed(value: float | None, digits: int = 2) -> str:
    """``+0.50``, ``-1.00``; an em dash for no value."""
    if value is None:
        return "—"
    return f"{value:+.{digits}f}"


def short(text: str | None, width: int = 220) -> str:
    """One line of at most ``width`` characters (for tables)."""
    if not text:
        return ""
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def compact(value: Any) -> str:
    """A value on one line: ``escalation +1.0``, ``0.8``, ``a, b``."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {compact(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(compact(v) for v in value)
    if isinstance(value, bool) or value is None:
        return "—" if value is None else ("yes" if value else "no")
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def day(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, _dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        doc_url=doc_url,
        actor_url=actor_url,
        dyad_url=dyad_url,
        safe_link=safe_link,
        series_key=series_key,
        actor_title=actor_title,
        quad_class=lambda event_type: QUAD_CLASS.get(event_type or "", ""),
        score_width=lambda score: score_bar_width(float(score or 0), full=220.0),
        version=__version__,
        stylesheet=f"/static/{STYLESHEET}",
    )
    env.filters.update(signed=signed, short=short, day=day, compact=compact)
    return env


class Templates:
    """Renders pages; every page gets ``request`` and the navigation state."""

    def __init__(self) -> None:
        self.env = make_environment()

    def render(
        self,
        request: Request,
        name: str,
        context: dict[str, Any],
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> HTMLResponse:
        page = self.env.get_template(name)
        html = page.render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status, headers=headers)
