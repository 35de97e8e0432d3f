"""What several views share: store access for a request, actor labels, shift summaries."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from offramp.analysis.actors import ActorMatch, label_for, resolve_actor
from offramp.analysis.shifts import DetectedShift
from offramp.errors import OfframpError
from offramp.store import Store
from offramp.web.app import WebContext, context
from offramp.web.errors import WebError, from_offramp_error


@contextlib.contextmanager
def reading(request: Request) -> Iterator[Store]:
    """The store, read-only, for this request."""
    with context(request).reader.reading() as store:
        yield store


def ctx(request: Request) -> WebContext:
    return context(request)


def actor_or_404(store: Store, text: str) -> ActorMatch:
    """The series ``text`` names (as the CLI reads actors), or a 404 listing close matches."""
    try:
        return resolve_actor(text, known_keys=store.actor_keys())
    except OfframpError as err:
        raise from_offramp_error(err) from None


def label(key: str) -> str:
    """``Russia (RUS: government, military and state media)``."""
    try:
        return label_for(key)
    except Exception:  # a label is decoration: never fail a page over one
        return key


@dataclass(frozen=True, slots=True)
class ShiftView:
    """A detected shift with what a page shows beside the record."""

    detected: DetectedShift
    label: str

    @property
    def size(self) -> float:
        return abs(self.detected.shift.after - self.detected.shift.before)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.detected.to_dict(),
            "actor_label": self.label,
            "statements_before": self.detected.n_before,
            "statements_after": self.detected.n_after,
        }


def shift_views(found: list[DetectedShift]) -> list[ShiftView]:
    return [ShiftView(d, label(d.shift.actor)) for d in found]


def bad_request(message: str) -> WebError:
    return WebError(422, "invalid_parameter", message)
