"""Dates and earlier positions."""

from offramp import Document
from tests.conftest import only


def test_temporal_past_position_is_stance_only_and_flagged(coder):
    text = "In the past, the Kremlin always insisted that the goals of the operation had not been achieved."
    signals = coder.code(Document(id="p", text=text, published="2025-11-22"))
    past = [s for s in signals if s.past]
    assert past and past[0].event_type is None
    assert past[0].stance("war_aims") == -1.0


def test_temporal_last_spring_dates_the_past_stance_before_publication(coder):
    text = "Last spring, Russia's army chief had warned that the army still faced a long road to its objectives."
    signals = coder.code(Document(id="p", text=text, published="2026-02-25"))
    past = [s for s in signals if s.past]
    assert past and past[0].date is not None and past[0].date < "2026-02-25"


def test_temporal_weekday_is_resolved_against_publication(coder):
    # 2025-11-22 is a Saturday; "on Tuesday" is 2025-11-18
    signals = coder.code(
        Document(
            id="w", text="Hungary vetoed the sanctions package on Tuesday.", published="2025-11-22"
        )
    )
    events = [s for s in signals if s.event_type]
    assert events and events[0].date == "2025-11-18"


def test_temporal_document_date_is_the_default(coder):
    signals = coder.code(
        Document(id="d", text="Hungary vetoed the sanctions package.", published="2025-11-22")
    )
    assert only(signals, date="2025-11-22")
