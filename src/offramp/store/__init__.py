"""The evidence store: what every actor said, with the quote, in one DuckDB file.

Example:
    >>> from offramp.store import Store, SignalFilter
    >>> store = Store.open("offramp.duckdb")  # doctest: +SKIP
    >>> store.signals(SignalFilter(actor="RUS", issue="war_aims"))  # doctest: +SKIP
"""

from offramp.store.keys import series_key, series_key_of_code
from offramp.store.models import (
    IngestResult,
    SignalFilter,
    SignalList,
    StancePoint,
    StoredDocument,
    StoreStats,
)
from offramp.store.store import DEFAULT_BATCH_SIZE, DEFAULT_DB, Store, default_db_path

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_DB",
    "IngestResult",
    "SignalFilter",
    "SignalList",
    "StancePoint",
    "Store",
    "StoreStats",
    "StoredDocument",
    "default_db_path",
    "series_key",
    "series_key_of_code",
]
