"""What Offramp's pipeline components write on a spaCy ``Doc``.

Each component reads what the earlier ones wrote and adds its own part:

- ``doc._.mentions``: actor mentions (``offramp_actors``);
- ``doc._.frames``: reporting frames, who said what (``offramp_speech``);
- ``doc._.events``: event and stance items (``offramp_events``, then refined by
  ``offramp_conditions``, ``offramp_commentary``, ``offramp_temporal``, ``offramp_stances``).

Token indices are into the ``Doc``; character offsets are taken at the end, when items
become :class:`offramp.records.Signal` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from offramp.records import Actor


@dataclass(slots=True, eq=False)
class Mention:
    """A stretch of text that names (or refers back to) an actor."""

    start: int
    end: int
    head: int
    actor: Actor
    #: country | person | organisation | generic | pronoun | thing
    kind: str
    #: a place named as the place itself ("in Kyiv", "Kyiv was hit"), not as its government
    place: bool = False
    #: a defence ministry or minister: MIL when it speaks of military action, else GOV
    defence: bool = False
    #: how it was resolved: alias | compositional | coreference | context
    via: str = "alias"
    plural: bool = False

    @property
    def code(self) -> str:
        return self.actor.code


@dataclass(slots=True)
class Frame:
    """A reporting frame: ``speaker`` said what is in tokens ``[start, end)``."""

    verb: int
    speaker: Mention | None
    start: int
    end: int
    #: say | according_to | quote | interpret
    kind: str = "say"
    #: for commentary frames: who interprets ("analysts", "outside world", "author")
    interpreter: str | None = None


@dataclass(slots=True)
class ConditionItem:
    text: str
    actor: Mention | None
    negative: bool = False
    marker: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class AlternativeItem:
    text: str
    event_type: str | None
    start: int = 0
    end: int = 0


@dataclass(slots=True, eq=False)
class EventItem:
    """One signal in the making: an event or a stance found in one clause."""

    pred: int
    sent_start: int
    sent_end: int
    clause_start: int
    clause_end: int
    act: str | None = None
    event_type: str | None = None
    mood: str = "done"
    negated: bool = False
    hypothetical: bool = False
    source: Mention | None = None
    target: Mention | None = None
    speaker: Mention | None = None
    #: True when the predicate is itself a speech act (accuse, reject, urge, warn ...)
    speech_act: bool = False
    condition: ConditionItem | None = None
    alternative: AlternativeItem | None = None
    stances: dict[str, float] = field(default_factory=dict)
    past: bool = False
    date: str | None = None
    attributed_by: str | None = None
    confidence: float = 0.6
    #: set when a later component decides the item must not be output
    dropped: bool = False
    #: the item is the "otherwise ..." clause of another item's alternative
    is_alternative_clause: bool = False
    #: object noun phrase head (used by stance and target rules)
    obj: int | None = None
    notes: list[str] = field(default_factory=list)


_EXTENSIONS = {
    "mentions": list,
    "mention_at": dict,
    "frames": list,
    "events": list,
    "doc_date": lambda: None,
}


def register_extensions() -> None:
    """Register Offramp's ``Doc`` extensions (idempotent)."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def init_doc(doc: Doc) -> None:
    """Give a fresh ``Doc`` empty Offramp annotations."""
    for name, factory in _EXTENSIONS.items():
        if getattr(doc._, name) is None:
            setattr(doc._, name, factory())
