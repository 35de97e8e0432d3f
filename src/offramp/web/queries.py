"""The few reads the dashboard needs beyond the store's own: a page of signals in either
date order, and activity per pair of actors.

They reuse the store's filter SQL (:func:`offramp.store.queries.signal_where`): user
values travel only as ``?`` parameters, and the only text put into SQL is chosen here
from constants (the sort order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from offramp.records import Signal
from offramp.store import SignalFilter, Store
from offramp.store import queries as q
from offramp.store.keys import is_country_sector_code
from offramp.store.rows import SIGNAL_COLUMNS, row_to_signal

#: Sort orders the explorer offers, by name.
ORDERS: dict[str, str] = {
    "newest": (
        "COALESCE(s.date, d.published_date) DESC NULLS LAST, s.doc_id DESC, s.seq DESC, s.id"
    ),
    "oldest": q.SIGNAL_ORDER,
}

_COLUMNS = ", ".join(f's."{c}"' for c in SIGNAL_COLUMNS)

_PAGE = f"""
SELECT {_COLUMNS}, d.published, d.title, d.source AS doc_source, d.url
FROM signals s JOIN documents d ON d.id = s.doc_id
WHERE {{where}}
ORDER BY {{order}}
LIMIT ? OFFSET ?
"""

#: Signals between two different actors (no commentary, no past stances), per pair of
#: series keys, with how many were threats, attacks, offers and refusals.
_PAIR_ACTIVITY = """
SELECT s.source_key, s.target_key, count(*) AS n, sum(s.intensity) AS total,
       count(*) FILTER (WHERE s.event_type = 'THREATEN' AND NOT s.negated) AS threats,
       count(*) FILTER (WHERE s.event_type = 'ASSAULT' AND NOT s.negated) AS attacks,
       count(*) FILTER (WHERE s.event_type = 'AGREE' AND NOT s.negated) AS offers,
       count(*) FILTER (WHERE s.event_type = 'REJECT' AND NOT s.negated) AS refusals
FROM signals s
WHERE s.target_key IS NOT NULL AND s.attributed_by IS NULL AND NOT s.past
GROUP BY 1, 2
"""

_DOC_SIGNALS = f"""
SELECT {_COLUMNS}, d.published, d.title, d.source AS doc_source, d.url
FROM signals s JOIN documents d ON d.id = s.doc_id
WHERE s.doc_id = ?
ORDER BY s.start, s.seq
"""

_DOC_COUNT = "SELECT count(*) FROM documents"


@dataclass(frozen=True, slots=True)
class StoredSignal:
    """A signal with its store id and the document it came from."""

    id: str
    signal: Signal
    doc_title: str | None
    doc_published: str | None
    doc_source: str | None
    doc_url: str | None

    def to_dict(self) -> dict[str, Any]:
        """The SIGNALS.md record plus ``id`` and a ``document`` summary."""
        return {
            "id": self.id,
            **self.signal.to_dict(),
            "document": {
                "id": self.signal.doc_id,
                "title": self.doc_title,
                "published": self.doc_published,
                "source": self.doc_source,
                "url": self.doc_url,
            },
        }


@dataclass(frozen=True, slots=True)
class SignalPage:
    items: list[StoredSignal]
    total: int
    offset: int
    limit: int

    @property
    def truncated(self) -> bool:
        """True when more signals matched than this page holds after ``offset``."""
        return self.offset + len(self.items) < self.total

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.truncated else None

    @property
    def prev_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


def signal_page(
    store: Store, f: SignalFilter, *, offset: int, limit: int, order: str = "newest"
) -> SignalPage:
    """One page of the signals matching ``f`` and how many match in all."""
    where, params = q.signal_where(f)
    sql = _PAGE.format(where=where, order=ORDERS[order])
    with store.connection() as con:
        row = con.execute(q.COUNT_SIGNALS.format(where=where), params).fetchone()
        total = int(row[0]) if row else 0
        rows = con.execute(sql, [*params, limit, offset]).fetchall() if total > offset else []
        items = _with_stances(con, rows)
    return SignalPage(items, total, offset, limit)


def document_signals(store: Store, doc_id: str) -> list[StoredSignal]:
    """Every signal of one document, in text order."""
    with store.connection() as con:
        rows = con.execute(_DOC_SIGNALS, [doc_id]).fetchall()
        return _with_stances(con, rows)


def document_count(store: Store) -> int:
    with store.connection() as con:
        row = con.execute(_DOC_COUNT).fetchone()
    return int(row[0]) if row else 0


def _with_stances(con: Any, rows: list[tuple[Any, ...]]) -> list[StoredSignal]:
    names = (*SIGNAL_COLUMNS, *q.SIGNAL_DOCUMENT_COLUMNS)
    ids = [r[0] for r in rows]
    stances: dict[str, list[tuple[str, float]]] = {}
    if ids:
        for sid, issue, value in con.execute(q.STANCES_OF_SIGNALS, [ids]).fetchall():
            stances.setdefault(sid, []).append((issue, value))
    out = []
    for r in rows:
        data = dict(zip(names, r, strict=True))
        out.append(
            StoredSignal(
                id=data["id"],
                signal=row_to_signal(data, stances.get(data["id"], [])),
                doc_title=data["title"],
                doc_published=data["published"],
                doc_source=data["doc_source"],
                doc_url=data["url"],
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class PairActivity:
    """How much two sides did to each other (both directions added up)."""

    a: str
    b: str
    signals: int
    index: float
    threats: int
    attacks: int
    offers: int
    refusals: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "signals": self.signals,
            "index": self.index,
            "threats": self.threats,
            "attacks": self.attacks,
            "offers": self.offers,
            "refusals": self.refusals,
        }


def dyad_side(key: str) -> str:
    """The dyad side a series key belongs to: civilians count with their country (an
    attack on Ukrainian towns is an act against Ukraine), everyone else as themselves."""
    if is_country_sector_code(key) and key.endswith("CVL"):
        return key[:3]
    return key


def active_pairs(store: Store, *, limit: int) -> list[PairActivity]:
    """The pairs of sides with the most signals between them, most active first."""
    with store.connection() as con:
        rows = con.execute(_PAIR_ACTIVITY).fetchall()
    sums: dict[tuple[str, str], list[float]] = {}
    for src, dst, n, total, threats, attacks, offers, refusals in rows:
        a, b = dyad_side(src), dyad_side(dst)
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        acc = sums.setdefault(key, [0, 0.0, 0, 0, 0, 0])
        for i, v in enumerate((n, total or 0.0, threats, attacks, offers, refusals)):
            acc[i] += v
    pairs = [
        PairActivity(
            a,
            b,
            int(acc[0]),
            round(-acc[1] / 10.0, 2),
            int(acc[2]),
            int(acc[3]),
            int(acc[4]),
            int(acc[5]),
        )
        for (a, b), acc in sums.items()
    ]
    pairs.sort(key=lambda p: (-p.signals, -p.index, p.a, p.b))
    return pairs[:limit]
