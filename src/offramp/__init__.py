"""Offramp: read what governments, militaries and armed groups say, and turn it into
evidence-linked signals — PLOVER events, conditional offers and threats, stances — with
the quote behind every record.

Example:
    >>> from offramp import Coder
    >>> [s.event_type for s in Coder().code("Moscow rejected the peace plan.")]  # doctest: +SKIP
    ['REJECT']
"""

from offramp.__about__ import EXTRACTOR_VERSION, __version__
from offramp.errors import (
    CodingError,
    ConfigError,
    InputError,
    OfframpError,
    StoreError,
    UsageError,
)
from offramp.records import (
    EVENT_TYPES,
    TRACKED_ISSUES,
    Actor,
    Alternative,
    Condition,
    Document,
    Shift,
    Signal,
    Stance,
)


def __getattr__(name: str) -> object:
    # The Coder pulls in spaCy; import it only when asked for.
    if name == "Coder":
        from offramp.extract.coder import Coder

        return Coder
    if name in ("read_documents", "iter_documents"):
        from offramp import readers

        return getattr(readers, name)
    raise AttributeError(f"module 'offramp' has no attribute {name!r}")


__all__ = [
    "EVENT_TYPES",
    "EXTRACTOR_VERSION",
    "TRACKED_ISSUES",
    "Actor",
    "Alternative",
    "Coder",
    "CodingError",
    "Condition",
    "ConfigError",
    "Document",
    "InputError",
    "OfframpError",
    "Shift",
    "Signal",
    "Stance",
    "StoreError",
    "UsageError",
    "__version__",
    "iter_documents",
    "read_documents",
]
