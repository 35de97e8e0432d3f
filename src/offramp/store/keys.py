"""Series keys: which actor a stance series, a filter or a dyad side is about.

A state speaks through its government, its armed forces and its state media, so
``RUSGOV``, ``RUSMIL`` and ``RUSMED`` all belong to the series ``RUS``. Armed groups,
opposition, civilians, firms and NGOs keep their full code (``PSEREB``, ``UKRCVL``), and
international organisations their own code (``UNO``, ``NATO``).

Example:
    >>> series_key_of_code("RUSMIL"), series_key_of_code("PSEREB"), series_key_of_code("UNO")
    ('RUS', 'PSEREB', 'UNO')
"""

from __future__ import annotations

from offramp.nlp.actor_table import ISO3
from offramp.records import Actor

#: Sectors that speak for their country: their statements form the country's series.
STATE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "MED"})

#: Sectors that can follow a three-letter country code.
_COUNTRY_SECTORS: frozenset[str] = frozenset(
    {"GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS", "NGO"}
)


def series_key(actor: Actor | None) -> str | None:
    """The series an actor's statements belong to (None for no actor)."""
    if actor is None:
        return None
    if actor.country and (actor.sector in STATE_SECTORS or actor.sector is None):
        return actor.country.upper()
    return series_key_of_code(actor.code)


def series_key_of_code(code: str) -> str:
    """The series of an actor code: ``RUSGOV`` -> ``RUS``, ``PSEREB`` -> ``PSEREB``."""
    norm = code.strip().upper()
    if len(norm) > 3 and norm[3:] in STATE_SECTORS and norm[:3] in ISO3:
        return norm[:3]
    return norm


def is_country_key(key: str) -> bool:
    """True for a country series (``RUS``); False for ``PSEREB``, ``UNO``, ``NATO``."""
    return key in ISO3


def is_country_sector_code(code: str) -> bool:
    """True for ``RUSGOV``-style codes (a country and a sector)."""
    return len(code) > 3 and code[:3] in ISO3 and code[3:] in _COUNTRY_SECTORS
