"""What the user meant by an actor or an issue on the command line.

``RUS``, ``RUSGOV``, ``Russia``, ``Moscow`` and ``Putin`` all mean the series ``RUS``
(see :mod:`offramp.store.keys`); ``Hamas`` and ``PSEREB`` mean ``PSEREB``. Names are
looked up in the actor dictionary (:class:`~offramp.nlp.actor_table.ActorTable`); codes
that occur in the store are accepted as they are, so actors from a user's own dictionary
work too. Anything else is an error that lists close matches.

Example:
    >>> resolve_actor("Russia").key
    'RUS'
    >>> resolve_actor("Hamas").key
    'PSEREB'
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass

from offramp.errors import OfframpError, usage_error
from offramp.nlp.actor_table import ISO3, ActorTable, default_table, normalize_alias
from offramp.records import TRACKED_ISSUES
from offramp.store.keys import is_country_key, series_key_of_code

#: How many close matches an "unknown actor" message lists.
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """A resolved actor: its series key and how to describe it to the user."""

    key: str
    label: str
    #: How the text was understood, e.g. ``"the name 'Moscow'"``.
    how: str

    def describe(self) -> str:
        """``Russia (RUS: government, military and state media), from the name 'Moscow'``."""
        return f"{self.label}, from {self.how}"


def resolve_actor(
    text: str, *, known_keys: Collection[str] = (), table: ActorTable | None = None
) -> ActorMatch:
    """The series ``text`` stands for.

    Args:
        text: a country code, an actor code or a name.
        known_keys: series keys present in the store; accepted even when the actor
            dictionary does not know them, and offered as suggestions.
        table: the actor dictionary (default: the packaged one).

    Raises:
        UsageError: ``text`` matches nothing (E310); the message lists close matches.
    """
    table = table or default_table()
    raw = text.strip()
    code = raw.upper()
    if not raw:
        raise usage_error("E310", value=text, suggestion="")
    if code in known_keys or code in ISO3:
        return ActorMatch(code, label_for(code, table), f"the code {code}")
    if _looks_like_code(code, table):
        key = series_key_of_code(code)
        return ActorMatch(key, label_for(key, table), f"the code {code}")
    for alias in table.lookup(raw):
        entry = alias.entry
        if entry.code:
            key = series_key_of_code(entry.code)
            return ActorMatch(key, label_for(key, table), f"the name {raw!r}")
    raise usage_error("E310", value=raw, suggestion=_suggest(raw, known_keys, table))


def label_for(key: str, table: ActorTable | None = None) -> str:
    """``Russia (RUS: government, military and state media)``, ``Hamas (PSEREB)``."""
    table = table or default_table()
    if is_country_key(key):
        name = table.country_name(key) or key
        return f"{name} ({key}: government, military and state media)"
    entry = table.entry_for_code(key)
    if entry is not None and entry.kind != "person":
        return f"{entry.name} ({key})"
    if len(key) > 3 and key[3:] in _SECTOR_WORDS:
        name = table.country_name(key[:3]) or key[:3]
        return f"{name}: {_SECTOR_WORDS[key[3:]]} ({key})"
    return key


_SECTOR_WORDS = {
    "REB": "armed groups",
    "OPP": "opposition",
    "CVL": "civilians",
    "BUS": "business",
    "NGO": "non-governmental organisations",
}


def resolve_issue(text: str, *, known: Collection[str] = ()) -> str:
    """A tracked issue (or one found in the store), case-insensitive.

    Raises:
        UsageError: an unknown issue (E311), with the valid ones listed.
    """
    issue = text.strip().lower()
    valid = sorted({*TRACKED_ISSUES, *known})
    if issue in valid:
        return issue
    close = difflib.get_close_matches(issue, valid, n=1)
    suggestion = f" (did you mean {close[0]}?)" if close else ""
    raise usage_error("E311", value=text, suggestion=suggestion, valid=", ".join(valid))


def actor_suggestion(text: str, *, known_keys: Collection[str] = ()) -> str:
    """`` (did you mean Russia (RUS), Rwanda (RWA)?)`` for an unknown actor, or ``""``."""
    return _suggest(text, known_keys, default_table())


def _looks_like_code(code: str, table: ActorTable) -> bool:
    if table.entry_for_code(code) is not None:
        return True
    return len(code) > 3 and code[:3] in ISO3 and code[3:] in _SECTORS


_SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS", "NGO"})


def _suggest(text: str, known_keys: Collection[str], table: ActorTable) -> str:
    """`` (did you mean Russia (RUS), Rwanda (RWA)?)`` or an empty string."""
    choices: dict[str, str] = {}
    for alias in table.aliases:
        if alias.role in ("alias", "name", "seat", "capital") and alias.entry.code:
            choices.setdefault(normalize_alias(alias.text), alias.text)
    for key in known_keys:
        choices.setdefault(key.lower(), key)
    hits = difflib.get_close_matches(
        normalize_alias(text), list(choices), n=MAX_SUGGESTIONS, cutoff=0.6
    )
    names = []
    for hit in hits:
        shown = choices[hit]
        try:
            key = resolve_actor(shown, known_keys=known_keys, table=table).key
        except OfframpError:  # a suggestion that does not resolve is simply not offered
            continue
        item = f"{shown} ({key})" if shown.upper() != key else key
        if item not in names:
            names.append(item)
    return f" (did you mean {', '.join(names)}?)" if names else ""
