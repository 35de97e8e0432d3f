"""What a brief shows, as plain data for the templates: sections, quotes and sources.

Every statement in a brief rests on a quote, and every quote is a stored signal's
evidence span (``document.text[start:end]``), carried with its document id, offsets and a
numbered :class:`Source`. Nothing here formats HTML or Markdown (:mod:`.brief` renders)
or reads the store beyond documents' provenance (:mod:`.brief_sections` assembles).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from urllib.parse import urlparse

from offramp.analysis.escalation import DyadPeriod
from offramp.store import Store


@dataclass(frozen=True, slots=True)
class Chart:
    """A PNG image with a file-name stem and the text that describes it."""

    name: str
    alt: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True, slots=True)
class Source:
    """A document cited in the brief, numbered in order of first citation."""

    number: int
    doc_id: str
    title: str | None
    publisher: str | None
    published: str | None
    #: The document's URL when it is http(s); other schemes are not made into links.
    url: str | None


@dataclass(frozen=True, slots=True)
class Quote:
    """Evidence text exactly as stored, with where it is in which document."""

    text: str
    doc_id: str
    start: int
    end: int
    date: str | None
    source: int


@dataclass(frozen=True, slots=True)
class SignalView:
    quote: Quote
    actor: str
    speaker: str | None
    target: str | None
    kind: str
    flags: tuple[str, ...]
    condition: str | None
    condition_actor: str | None
    alternative: str | None
    alternative_type: str | None
    stances: str


@dataclass(frozen=True, slots=True)
class ShiftView:
    actor: str
    issue: str
    date: str
    before: float
    after: float
    score: float
    n_before: int
    n_after: int
    before_quotes: tuple[Quote, ...]
    after_quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class TimelineView:
    actor: str
    label: str
    issue: str
    chart: Chart
    shifts: tuple[ShiftView, ...]
    periods: tuple[tuple[str, int, float], ...]


@dataclass(frozen=True, slots=True)
class DyadView:
    a: str
    b: str
    inferred: bool
    chart: Chart
    rows: tuple[DyadPeriod, ...]


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """A row of the evidence matrix, numbered E1, E2, ... for references."""

    number: str
    quote: Quote
    indicator: str
    observed: str
    weight: float
    diagnosticity: float
    contribution: float
    basis: str
    ratings: tuple[str, ...]
    superseded_by: str | None


@dataclass(frozen=True, slots=True)
class IndicatorView:
    id: str
    label: str
    measure: str
    weight: float
    expect: tuple[str, ...]
    evidence: int


@dataclass(frozen=True, slots=True)
class ScenarioView:
    name: str
    description: str
    rank: int
    tied: bool
    score: float
    consistency: float
    inconsistency: float
    #: (matrix row number, w × D) of the evidence for and against it, largest first.
    supporting: tuple[tuple[str, float], ...]
    contradicting: tuple[tuple[str, float], ...]
    #: (date, rank) at the previous history point, to show movement.
    before: tuple[str, int] | None


@dataclass(frozen=True, slots=True)
class RemovalView:
    quote: Quote
    top_without: str
    lead_without: float
    change: float


@dataclass(frozen=True, slots=True)
class BoardView:
    question: str
    description: str
    path: str
    as_of: str | None
    names: tuple[str, ...]
    scenarios: tuple[ScenarioView, ...]
    indicators: tuple[IndicatorView, ...]
    matrix: tuple[EvidenceView, ...]
    matrix_more: int
    superseded: int
    shifts: tuple[str, ...]
    lead: float
    #: Scenarios sharing the first rank (more than one: the evidence does not separate them).
    leaders: tuple[str, ...]
    changes_top: tuple[RemovalView, ...]
    influential: tuple[RemovalView, ...]
    history: tuple[tuple[str, str, tuple[float, ...]], ...]
    board_chart: Chart
    history_chart: Chart
    half_life_days: float


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: str
    quote: Quote | None = None


@dataclass(slots=True)
class Brief:
    """Everything a brief shows, in order."""

    title: str
    scope: str
    since: str | None
    until: str | None
    as_of: str | None
    store_summary: str
    extractor: str
    key_points: list[KeyPoint] = field(default_factory=list)
    headlines: list[SignalView] = field(default_factory=list)
    conditionals: list[SignalView] = field(default_factory=list)
    conditionals_more: int = 0
    timelines: list[TimelineView] = field(default_factory=list)
    dyad: DyadView | None = None
    board: BoardView | None = None
    sources: list[Source] = field(default_factory=list)

    @property
    def charts(self) -> list[Chart]:
        out = [t.chart for t in self.timelines]
        if self.dyad:
            out.append(self.dyad.chart)
        if self.board:
            out += [self.board.board_chart, self.board.history_chart]
        return out


class Sources:
    """Numbers documents in order of first citation and keeps their provenance."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.numbers: dict[str, Source] = {}

    def cite(self, doc_id: str) -> int:
        if doc_id not in self.numbers:
            stored = self.store.document(doc_id)
            d = stored.document if stored else None
            self.numbers[doc_id] = Source(
                number=len(self.numbers) + 1,
                doc_id=doc_id,
                title=d.title if d else None,
                publisher=d.source if d else None,
                published=d.published if d else None,
                url=_safe_url(d.url if d else None),
            )
        return self.numbers[doc_id].number

    def quote(self, doc_id: str, start: int, end: int, text: str, date: str | None) -> Quote:
        return Quote(text, doc_id, start, end, date, self.cite(doc_id))

    def listed(self) -> list[Source]:
        return sorted(self.numbers.values(), key=lambda s: s.number)


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links: a ``javascript:`` URL from a hostile page must not."""
    if not url:
        return None
    try:
        scheme = urlparse(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
