"""The records Offramp reads and writes: documents in, signal records out.

These classes are the contract of ``SIGNALS.md``: every consumer (the CLI's JSONL, the
store, the web API, the evaluation scorer) speaks them. This module imports the standard
library only, so any part of Offramp may depend on it.

Example:
    >>> a = Actor(name="Kremlin", code="RUSGOV", country="RUS", sector="GOV")
    >>> a.to_dict()["code"]
    'RUSGOV'
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any

#: The 16 PLOVER event types, in PLOVER's order (verbal/material cooperation, then conflict).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: PLOVER's four quad classes, used for summaries and escalation indices.
QUAD_CLASS: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}

#: The issues whose stances Offramp tracks by default (SIGNALS.md, "Tracked issues").
TRACKED_ISSUES: tuple[str, ...] = ("negotiation", "war_aims", "escalation")

#: Actor sectors (SIGNALS.md, "An actor is ...").
SECTORS: tuple[str, ...] = ("GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS", "IGO", "NGO")


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, speaks or is targeted: a name as written and its resolved code."""

    name: str
    code: str
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            name=str(data.get("name") or data.get("code") or ""),
            code=str(data["code"]),
            country=data.get("country"),
            sector=data.get("sector"),
        )


@dataclass(frozen=True, slots=True)
class Condition:
    """What must happen first ("on the condition that Kyiv ...") and who must do it."""

    text: str
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "actor": self.actor.to_dict() if self.actor else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Condition:
        actor = data.get("actor")
        return cls(
            text=str(data.get("text") or ""), actor=Actor.from_dict(actor) if actor else None
        )


@dataclass(frozen=True, slots=True)
class Alternative:
    """What the source says it will do otherwise, typed as a statement of its own."""

    text: str
    event_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "event_type": self.event_type}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alternative:
        return cls(text=str(data.get("text") or ""), event_type=data.get("event_type"))


@dataclass(frozen=True, slots=True)
class Stance:
    """The source's position on a tracked issue, from -1.0 to 1.0 (0.5 marks hedged)."""

    issue: str
    value: float

    def to_dict(self) -> dict[str, Any]:
        return {"issue": self.issue, "value": self.value}


@dataclass(slots=True)
class Document:
    """One article or statement to code. ``id`` is unique within a corpus."""

    id: str
    text: str
    published: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    #: Where the document came from, for error messages ("file.jsonl:12").
    origin: str | None = None

    @property
    def date(self) -> _dt.date | None:
        """The publication date, or None when absent or not a date."""
        return parse_date(self.published)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text, "published": self.published}
        for key in ("source", "title", "url"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(slots=True)
class Signal:
    """One thing an actor did, said, demanded, offered, threatened or claimed.

    Found in one sentence (or one reported-speech span) of a document; ``text`` is
    ``document.text[start:end]``, the evidence behind the record.
    """

    doc_id: str
    start: int
    end: int
    text: str
    source: Actor
    date: str | None = None
    speaker: Actor | None = None
    target: Actor | None = None
    event_type: str | None = None
    negated: bool = False
    hypothetical: bool = False
    condition: Condition | None = None
    alternative: Alternative | None = None
    stances: list[Stance] = field(default_factory=list)
    intensity: float = 0.0
    past: bool = False
    attributed_by: str | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """The record exactly as SIGNALS.md defines it, ready for ``json.dumps``."""
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "date": self.date,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "event_type": self.event_type,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "condition": self.condition.to_dict() if self.condition else None,
            "alternative": self.alternative.to_dict() if self.alternative else None,
            "stances": [s.to_dict() for s in self.stances],
            "intensity": self.intensity,
            "past": self.past,
            "attributed_by": self.attributed_by,
            "confidence": self.confidence,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signal:
        """Rebuild a record from its SIGNALS.md JSON (the inverse of ``to_dict``)."""

        def actor(value: Any) -> Actor | None:
            return Actor.from_dict(value) if isinstance(value, dict) else None

        source = actor(data.get("source"))
        if source is None:
            raise ValueError("a signal record needs a 'source' actor")
        return cls(
            doc_id=str(data["doc_id"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data.get("text") or ""),
            date=data.get("date"),
            speaker=actor(data.get("speaker")),
            source=source,
            target=actor(data.get("target")),
            event_type=data.get("event_type"),
            negated=bool(data.get("negated")),
            hypothetical=bool(data.get("hypothetical")),
            condition=Condition.from_dict(data["condition"]) if data.get("condition") else None,
            alternative=Alternative.from_dict(data["alternative"])
            if data.get("alternative")
            else None,
            stances=[Stance(str(s["issue"]), float(s["value"])) for s in data.get("stances") or []],
            intensity=float(data.get("intensity") or 0.0),
            past=bool(data.get("past")),
            attributed_by=data.get("attributed_by"),
            confidence=float(data.get("confidence") if data.get("confidence") is not None else 0.5),
        )

    def stance(self, issue: str) -> float | None:
        """This record's stance value on ``issue``, or None when it expresses none."""
        for s in self.stances:
            if s.issue == issue:
                return s.value
        return None


@dataclass(frozen=True, slots=True)
class Shift:
    """A narrative shift: an actor's stance on an issue moved from ``before`` to ``after``."""

    actor: str
    issue: str
    date: str
    before: float
    after: float
    evidence_before: tuple[dict[str, Any], ...] = ()
    evidence_after: tuple[dict[str, Any], ...] = ()
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "issue": self.issue,
            "date": self.date,
            "before": self.before,
            "after": self.after,
            "evidence_before": list(self.evidence_before),
            "evidence_after": list(self.evidence_after),
            "score": self.score,
        }


def parse_date(value: object) -> _dt.date | None:
    """``YYYY-MM-DD`` or an ISO timestamp -> date; anything else -> None."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
