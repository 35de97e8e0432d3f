"""The signal filters as query parameters, shared by the explorer page and the API.

They are the filters of ``offramp signals`` (``actor``, ``target``, ``type``, ``issue``,
``since``, ``until``, ``text``, ``doc``) plus paging (``limit``, ``offset``) and ``order``.
Values arrive as text, are checked here with messages that say what is expected, and
are resolved the way the command line resolves them (``Russia`` and ``RUSGOV`` mean the
series ``RUS``). An empty value means "no filter", because an HTML form sends empty
fields.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from offramp.analysis.actors import resolve_actor, resolve_issue
from offramp.analysis.timelines import FREQUENCIES
from offramp.errors import OfframpError
from offramp.records import EVENT_TYPES
from offramp.store import SignalFilter, Store
from offramp.store.queries import NO_EVENT
from offramp.web.errors import WebError, from_offramp_error
from offramp.web.queries import ORDERS
from offramp.web.settings import MAX_FILTER_CHARS, MAX_PAGE_SIZE, PAGE_SIZE

#: Event types the ``type`` filter accepts (NONE: stances and commentary without an event).
TYPE_CHOICES: tuple[str, ...] = (*EVENT_TYPES, NO_EVENT)

_Text = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)]


@dataclass(frozen=True, slots=True)
class SignalQuery:
    """The filter values as given, before they are resolved against the store."""

    actor: str | None = None
    target: str | None = None
    type: str | None = None
    issue: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    doc: str | None = None
    limit: int = PAGE_SIZE
    offset: int = 0
    order: str = "newest"

    def filters(self) -> dict[str, str]:
        """The filter values that are set (no paging), e.g. for links and forms."""
        names = ("actor", "target", "type", "issue", "since", "until", "text", "doc")
        return {n: v for n in names if (v := getattr(self, n))}

    def query_string(self, **changes: Any) -> str:
        """This query as a URL query string, with some values changed."""
        q = replace(self, **changes)
        params: dict[str, Any] = dict(q.filters())
        if q.order != "newest":
            params["order"] = q.order
        if q.limit != PAGE_SIZE:
            params["limit"] = q.limit
        if q.offset:
            params["offset"] = q.offset
        return urlencode(params)

    @property
    def is_filtered(self) -> bool:
        return bool(self.filters())


def signal_query(
    actor: Annotated[
        str | None,
        Query(
            max_length=MAX_FILTER_CHARS,
            description="Who acts: a country code (RUS), an actor code (RUSGOV, PSEREB) or "
            "a name Offramp knows (Russia, the Kremlin, Hamas).",
        ),
    ] = None,
    target: Annotated[
        str | None,
        Query(max_length=MAX_FILTER_CHARS, description="At whom the signal is directed."),
    ] = None,
    type: Annotated[
        str | None,
        Query(
            max_length=MAX_FILTER_CHARS,
            description="PLOVER event type (AGREE, THREATEN, ...), or NONE for stances and "
            "commentary without an event.",
        ),
    ] = None,
    issue: Annotated[
        str | None,
        Query(
            max_length=MAX_FILTER_CHARS,
            description="Only signals with a stance on this issue (negotiation, war_aims, ...).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        Query(
            max_length=MAX_FILTER_CHARS,
            description="Only signals dated on or after this day (YYYY-MM-DD).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(
            max_length=MAX_FILTER_CHARS,
            description="Only signals dated on or before this day (YYYY-MM-DD).",
        ),
    ] = None,
    text: Annotated[
        str | None,
        Query(
            max_length=MAX_FILTER_CHARS,
            description="Words the evidence contains (case-insensitive).",
        ),
    ] = None,
    doc: Annotated[
        str | None, Query(max_length=MAX_FILTER_CHARS, description="Only this document's signals.")
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Signals per page.")
    ] = PAGE_SIZE,
    offset: Annotated[
        int, Query(ge=0, le=10**9, description="Signals to skip (see `next` in the answer).")
    ] = 0,
    order: Annotated[
        str,
        Query(max_length=10, description="newest (the default) or oldest first."),
    ] = "newest",
) -> SignalQuery:
    """Read and check the filter parameters (a FastAPI dependency)."""
    values = {
        "actor": actor,
        "target": target,
        "type": type,
        "issue": issue,
        "since": since,
        "until": until,
        "text": text,
        "doc": doc,
    }
    clean = {name: _clean(name, value) for name, value in values.items()}
    if clean["type"]:
        upper = clean["type"].upper()
        if upper not in TYPE_CHOICES:
            raise invalid("type", clean["type"], "one of " + ", ".join(TYPE_CHOICES))
        clean["type"] = upper
    for name in ("since", "until"):
        if clean[name]:
            clean[name] = _date(name, clean[name])
    if clean["since"] and clean["until"] and clean["since"] > clean["until"]:
        raise WebError(
            422,
            "invalid_parameter",
            f"since ({clean['since']}) is after until ({clean['until']}); swap them",
        )
    if order not in ORDERS:
        raise invalid("order", order[:20], " or ".join(ORDERS))
    return SignalQuery(**clean, limit=limit, offset=offset, order=order)


def parse_query(params: Mapping[str, str]) -> SignalQuery:
    """:func:`signal_query` for a page that reads its query string itself (so that it can
    show a bad value next to the form instead of an error page)."""
    ints: dict[str, int] = {}
    for name, default, top in (("limit", PAGE_SIZE, MAX_PAGE_SIZE), ("offset", 0, 10**9)):
        raw = (params.get(name) or "").strip()
        try:
            value = int(raw) if raw else default
        except ValueError:
            raise invalid(name, raw, "a whole number") from None
        low = 1 if name == "limit" else 0
        if not low <= value <= top:
            raise invalid(name, raw, f"between {low} and {top}")
        ints[name] = value
    names = ("actor", "target", "type", "issue", "since", "until", "text", "doc")
    return signal_query(
        **{n: params.get(n) for n in names},
        limit=ints["limit"],
        offset=ints["offset"],
        order=params.get("order") or "newest",
    )


def _clean(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_FILTER_CHARS:
        raise WebError(
            422,
            "invalid_parameter",
            f"{name} is longer than {MAX_FILTER_CHARS} characters; shorten it",
        )
    value = value.strip()
    if not value:
        return None
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise WebError(
            422,
            "invalid_parameter",
            f"{name} contains a control character (such as a NUL byte); remove it",
        )
    return value


def _date(name: str, value: str) -> str:
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise invalid(name, value, "a date like 2025-11-22") from None


def check_freq(freq: str) -> str:
    """``month`` or ``week`` (the periods of timelines and dyads), else a 422."""
    if freq not in FREQUENCIES:
        raise invalid("freq", freq[:20], " or ".join(FREQUENCIES))
    return freq


def invalid(name: str, value: str, expected: str) -> WebError:
    shown = value if len(value) <= 60 else value[:57] + "..."
    return WebError(422, "invalid_parameter", f"{name} must be {expected}, got {shown!r}")


@dataclass(frozen=True, slots=True)
class Resolved:
    """A query resolved against the store: the filter, and what each value was taken to
    mean (shown to the user, as the command line does on standard error)."""

    filter: SignalFilter
    notes: tuple[str, ...]


def resolve(store: Store, query: SignalQuery) -> Resolved:
    """The :class:`SignalFilter` for ``query``; actors and issues as the CLI reads them.

    Raises:
        WebError: 422 for an unknown actor or issue, with close matches listed.
    """
    notes: list[str] = []
    try:
        keys = store.actor_keys() if (query.actor or query.target) else {}
        actor = target = issue = None
        if query.actor:
            m = resolve_actor(query.actor, known_keys=keys)
            actor = m.key
            notes.append(f"actor: {m.describe()}")
        if query.target:
            m = resolve_actor(query.target, known_keys=keys)
            target = m.key
            notes.append(f"target: {m.describe()}")
        if query.issue:
            issue = resolve_issue(query.issue, known=store.issues())
    except OfframpError as err:
        web = from_offramp_error(err)
        raise WebError(422, web.code, web.message) from None
    f = SignalFilter(
        actor=actor,
        target=target,
        event_type=query.type,
        issue=issue,
        since=query.since,
        until=query.until,
        text=query.text,
        doc_id=query.doc,
    )
    return Resolved(f, tuple(notes))
