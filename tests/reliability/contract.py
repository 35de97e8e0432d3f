"""The SIGNALS.md contract every record must keep, whatever the input."""

from __future__ import annotations

from offramp.nlp.actor_table import is_valid_code
from offramp.records import EVENT_TYPES, TRACKED_ISSUES, Document, Signal


def check_records(document: Document, signals: list[Signal]) -> None:
    """Assert that each record points at its evidence exactly and has valid values."""
    text = document.text
    for s in signals:
        assert s.doc_id == document.id
        assert 0 <= s.start < s.end <= len(text), (s.start, s.end, len(text))
        assert s.text == text[s.start : s.end]
        for actor in (s.source, s.target, s.speaker):
            if actor is not None:
                assert is_valid_code(actor.code), actor
        if s.condition is not None and s.condition.actor is not None:
            assert is_valid_code(s.condition.actor.code), s.condition
        assert s.event_type is None or s.event_type in EVENT_TYPES, s.event_type
        if s.alternative is not None:
            assert s.alternative.event_type is None or s.alternative.event_type in EVENT_TYPES
        for stance in s.stances:
            assert stance.issue in TRACKED_ISSUES and -1.0 <= stance.value <= 1.0, stance
        assert -10.0 <= s.intensity <= 10.0, s.intensity
        assert 0.0 <= s.confidence <= 1.0, s.confidence
        s.to_dict()  # serialisable as a SIGNALS.md record
