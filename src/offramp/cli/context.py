"""What the store and analysis commands share: opening the store, reading actor and issue
arguments, and telling the user what was understood."""

from __future__ import annotations

import click

from offramp.analysis.actors import ActorMatch, resolve_actor, resolve_issue
from offramp.errors import usage_error
from offramp.store import Store


def note(text: str) -> None:
    """A line for the person at the terminal (standard error, so output stays clean)."""
    click.echo(text, err=True)


def open_store(db: str) -> Store:
    """The store at ``db``, read-only; a clear error when there is none."""
    return Store.open(db, read_only=True)


def actor_argument(store: Store, text: str, *, what: str = "actor") -> ActorMatch:
    """Resolve an actor argument and say what it matched."""
    match = resolve_actor(text, known_keys=store.actor_keys())
    note(f"{what}: {match.describe()}")
    return match


def issue_argument(store: Store, text: str) -> str:
    return resolve_issue(text, known=store.issues())


def check_range(since: str | None, until: str | None) -> None:
    if since and until and since > until:
        raise usage_error(
            "E312", option="--since", value=since, other_option="--until", other=until
        )
