"""Analyst briefs: what the store says about an actor or a dyad, as a page a person forwards.

A brief leads with key points and headline signals (quotes with their sources), then
conditional offers and threats, stance timelines with narrative shifts, the dyad's
escalation chart, and the scenario board with the evidence behind each score.
:mod:`.brief_model` assembles the content; this module renders it:

* **HTML**: one self-contained file — inline CSS, charts as base64 ``data:`` PNGs, no
  scripts, no fonts or styles from the network — that opens offline. Jinja2 autoescapes
  every value, because quotes come from articles anyone can write.
* **Markdown**: the same content; charts are PNG files next to the ``.md`` file
  (:func:`write_brief`), or ``data:`` URIs when no directory is given. Every value is
  escaped for Markdown (HTML characters, link and emphasis syntax, table pipes).

Example:
    >>> write_brief(Store.open("offramp.duckdb"), "brief.html", actor="RUS")  # doctest: +SKIP
    [PosixPath('brief.html')]
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from offramp.analysis.boards import Board
from offramp.errors import usage_error
from offramp.report.brief_model import Brief, Quote
from offramp.store import Store

#: Brief formats by file-name ending.
FORMATS: dict[str, str] = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def render_brief(
    store: Store,
    *,
    actor: str | None = None,
    dyad: Sequence[str] | None = None,
    since: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
    board: Board | None = None,
    fmt: str = "html",
    image_dir: str | Path | None = None,
    image_prefix: str = "brief",
) -> str:
    """The brief as an HTML page or a Markdown document.

    For Markdown, charts are written as ``{image_prefix}-{chart}.png`` into ``image_dir``
    and linked by file name; without ``image_dir`` they are embedded as ``data:`` URIs.

    Raises:
        UsageError: an unknown format or actor, a bad date, or ``since`` after ``until``.
    """
    if fmt not in ("html", "md"):
        raise usage_error("E302", option="format", valid="html, md", value=fmt)
    brief = build_brief(store, actor=actor, dyad=dyad, since=since, until=until, board=board)
    if fmt == "html":
        return render_html(brief)
    return render_markdown(brief, image_dir=image_dir, image_prefix=image_prefix)


def write_brief(
    store: Store,
    out: str | Path,
    *,
    actor: str | None = None,
    dyad: Sequence[str] | None = None,
    since: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
    board: Board | None = None,
) -> list[Path]:
    """Write the brief to ``out`` (its ending decides the format: .html or .md), and for
    Markdown its charts next to it; returns the files written."""
    path = Path(out)
    fmt = brief_format(path)
    brief = build_brief(store, actor=actor, dyad=dyad, since=since, until=until, board=board)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        path.write_text(render_html(brief), encoding="utf-8")
        return [path]
    images = _image_files(brief, path.parent, path.stem)
    for chart in brief.charts:
        images[chart.name].write_bytes(chart.png)
    text = render_markdown(brief, image_dir=path.parent, image_prefix=path.stem, write=False)
    path.write_text(text, encoding="utf-8")
    return [path, *images.values()]


def build_brief(
    store: Store,
    *,
    actor: str | None = None,
    dyad: Sequence[str] | None = None,
    since: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
    board: Board | None = None,
) -> Brief:
    """The brief's content (:func:`offramp.report.brief_sections.build_brief`); imported on
    first use, because drawing needs matplotlib and checking a file name does not."""
    from offramp.report.brief_sections import build_brief as build

    return build(store, actor=actor, dyad=dyad, since=since, until=until, board=board)


def brief_format(path: str | Path) -> str:
    """``html`` or ``md`` from a file name's ending.

    Raises:
        UsageError: any other ending (E303), with the valid ones listed.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise usage_error("E303", value=str(path), valid=", ".join(FORMATS))
    return FORMATS[suffix]


def render_html(brief: Brief) -> str:
    """One self-contained, escaped HTML page."""
    return _html_env().get_template("brief.html.j2").render(b=brief)


def render_markdown(
    brief: Brief,
    *,
    image_dir: str | Path | None = None,
    image_prefix: str = "brief",
    write: bool = True,
) -> str:
    """Markdown; charts go to ``image_dir`` (written unless ``write`` is False) or inline."""
    if image_dir is None:
        links = {c.name: Markup(c.data_uri) for c in brief.charts}
    else:
        files = _image_files(brief, Path(image_dir), image_prefix)
        if write:
            Path(image_dir).mkdir(parents=True, exist_ok=True)
            for chart in brief.charts:
                files[chart.name].write_bytes(chart.png)
        links = {name: Markup(p.name) for name, p in files.items()}
    return _md_env().get_template("brief.md.j2").render(b=brief, images=links)


def md_escape(value: object) -> str:
    """A value as literal Markdown text on one line: HTML characters become entities, and
    link, emphasis, code and table syntax is backslash-escaped. Markup passes unchanged."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _image_files(brief: Brief, directory: Path, prefix: str) -> dict[str, Path]:
    return {c.name: directory / f"{prefix}-{c.name}.png" for c in brief.charts}


def _signed(value: float) -> str:
    return f"{value:+.2f}"


def _html_env() -> Environment:
    env = Environment(
        loader=PackageLoader("offramp.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["signed"] = _signed
    return env


def _md_quote(q: Quote) -> Markup:
    """``“text” [n]`` with the text escaped (a Markup value, so it is not escaped twice)."""
    return Markup(f"“{md_escape(q.text)}” [{q.source}]")


def _md_env() -> Environment:
    env = Environment(
        loader=PackageLoader("offramp.report", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        finalize=md_escape,
        keep_trailing_newline=True,
    )
    env.filters["signed"] = _signed
    env.globals["quote"] = _md_quote
    return env
