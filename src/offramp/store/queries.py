"""Every SQL statement the store runs, by name.

User values only ever travel as ``?`` parameters; the only SQL built at run time is the
WHERE clause of :func:`signal_where`, assembled from the fixed fragments in
:data:`FILTER_SQL`.
"""

from __future__ import annotations

from typing import Any

from offramp.store.models import SignalFilter
from offramp.store.rows import DOCUMENT_COLUMNS, SIGNAL_COLUMNS


def _cols(columns: tuple[str, ...], alias: str) -> str:
    return ", ".join(f'{alias}."{c}"' for c in columns)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


# -- documents ---------------------------------------------------------------------------------

CONTENT_HASHES = """
SELECT id, content_hash FROM documents
WHERE id IN (SELECT unnest(CAST(? AS VARCHAR[])))
"""

INSERT_DOCUMENT = f"INSERT INTO documents VALUES ({_marks(len(DOCUMENT_COLUMNS))})"

DELETE_DOCUMENT = "DELETE FROM documents WHERE id = ?"

DELETE_STANCES_OF_DOCUMENT = """
DELETE FROM signal_stances WHERE signal_id IN (SELECT id FROM signals WHERE doc_id = ?)
"""

DELETE_SIGNALS_OF_DOCUMENT = "DELETE FROM signals WHERE doc_id = ?"

DOCUMENT = f"""
SELECT {_cols(DOCUMENT_COLUMNS, "d")},
       (SELECT count(*) FROM signals s WHERE s.doc_id = d.id) AS signal_count
FROM documents d WHERE d.id = ?
"""

#: Documents after a given id (keyset pages), optionally only those coded by another
#: extractor version. Parameters: all?, version, after_id, limit.
DOCUMENTS_TO_RECODE = f"""
SELECT {_cols(DOCUMENT_COLUMNS, "d")} FROM documents d
WHERE (? OR d.extractor_version <> ?) AND d.id > ?
ORDER BY d.id
LIMIT ?
"""

# -- signals -----------------------------------------------------------------------------------

INSERT_SIGNAL = f"INSERT INTO signals VALUES ({_marks(len(SIGNAL_COLUMNS))})"

INSERT_STANCE = "INSERT INTO signal_stances VALUES (?, ?, ?, ?)"

#: The sort key of a signal: its own date, else its document's, then document order.
SIGNAL_ORDER = "COALESCE(s.date, d.published_date) NULLS LAST, s.doc_id, s.seq, s.id"

#: Document columns read along with each signal (names as in ``Store.iter_rows``).
SIGNAL_DOCUMENT_COLUMNS: tuple[str, ...] = ("published", "title", "doc_source", "url")

SELECT_SIGNALS = f"""
SELECT {_cols(SIGNAL_COLUMNS, "s")}, d.published, d.title, d.source AS doc_source, d.url
FROM signals s JOIN documents d ON d.id = s.doc_id
WHERE {{where}}
ORDER BY {SIGNAL_ORDER}
LIMIT ? OFFSET ?
"""

COUNT_SIGNALS = """
SELECT count(*) FROM signals s JOIN documents d ON d.id = s.doc_id WHERE {where}
"""

STANCES_OF_SIGNALS = """
SELECT signal_id, issue, value FROM signal_stances
WHERE signal_id IN (SELECT unnest(CAST(? AS VARCHAR[])))
ORDER BY signal_id, seq
"""

#: Stance points, optionally for one series and one issue. Parameters: actor (or NULL),
#: issue (or NULL).
STANCE_POINTS = """
SELECT s.id, s.doc_id, s.start, s."end", s.text, x.issue, x.value, s.date,
       d.published_date, s.past, s.source_code, s.source_key,
       s.speaker_key,
       s.attributed_by, s.event_type
FROM signals s
JOIN signal_stances x ON x.signal_id = s.id
JOIN documents d ON d.id = s.doc_id
WHERE (CAST(? AS VARCHAR) IS NULL OR s.source_key = ?)
  AND (CAST(? AS VARCHAR) IS NULL OR x.issue = ?)
ORDER BY s.source_key, x.issue, COALESCE(s.date, d.published_date), s.doc_id, s.seq
"""

# -- overview ----------------------------------------------------------------------------------

STATS = """
SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM signals),
       (SELECT min(date) FROM signals), (SELECT max(date) FROM signals)
"""

EXTRACTOR_VERSIONS = """
SELECT extractor_version, count(*) FROM documents GROUP BY 1 ORDER BY 1
"""

ACTOR_KEYS = """
SELECT key, count(*) FROM (
    SELECT source_key AS key FROM signals
    UNION ALL
    SELECT target_key FROM signals WHERE target_key IS NOT NULL
) GROUP BY key ORDER BY key
"""

ISSUES = "SELECT DISTINCT issue FROM signal_stances ORDER BY issue"

# -- filters -----------------------------------------------------------------------------------

#: The WHERE fragment of each :class:`SignalFilter` field; each takes one parameter.
FILTER_SQL: dict[str, str] = {
    "actor": "s.source_key = ?",
    "target": "s.target_key = ?",
    "source_country": "s.source_country = ?",
    "target_country": "s.target_country = ?",
    "source_code": "s.source_code = ?",
    "event_type": "s.event_type = ?",
    "issue": "EXISTS (SELECT 1 FROM signal_stances x WHERE x.signal_id = s.id AND x.issue = ?)",
    "since": "s.date >= CAST(? AS DATE)",
    "until": "s.date <= CAST(? AS DATE)",
    "text": "strpos(lower(s.text), lower(?)) > 0",
    "doc_id": "s.doc_id = ?",
}

#: ``event_type="NONE"`` selects records without an event (pure stances and commentary).
NO_EVENT = "NONE"


def signal_where(f: SignalFilter) -> tuple[str, list[Any]]:
    """The WHERE clause and its parameters for a filter (``TRUE`` when nothing is set)."""
    parts: list[str] = []
    params: list[Any] = []
    for name, fragment in FILTER_SQL.items():
        value = getattr(f, name)
        if value is None:
            continue
        if name == "event_type" and str(value).upper() == NO_EVENT:
            parts.append("s.event_type IS NULL")
            continue
        parts.append(fragment)
        params.append(value)
    return (" AND ".join(parts) or "TRUE"), params
