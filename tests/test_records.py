"""The signal record speaks SIGNALS.md exactly."""

import json

from offramp.records import Actor, Alternative, Condition, Signal, Stance, parse_date

SIGNAL_FIELDS = {
    "doc_id", "start", "end", "text", "date", "speaker", "source", "target", "event_type",
    "negated", "hypothetical", "condition", "alternative", "stances", "intensity", "past",
    "attributed_by", "confidence",
}  # fmt: skip


def _signal() -> Signal:
    rus = Actor("Russia", "RUSGOV", "RUS", "GOV")
    return Signal(
        doc_id="d1",
        start=0,
        end=10,
        text="0123456789",
        source=rus,
        date="2025-11-22",
        speaker=Actor("Putin", "RUSGOV", "RUS", "GOV"),
        target=Actor("Trump", "USAGOV", "USA", "GOV"),
        event_type="AGREE",
        condition=Condition("Kyiv is willing", Actor("Kyiv", "UKRGOV", "UKR", "GOV")),
        alternative=Alternative("Russia will continue to exert pressure", "THREATEN"),
        stances=[Stance("negotiation", 0.5)],
        intensity=3.9,
        confidence=0.8,
    )


def test_records_signal_fields_match_signals_md():
    d = _signal().to_dict()
    assert set(d) == SIGNAL_FIELDS
    assert set(d["source"]) == {"name", "code", "country", "sector"}
    assert d["condition"]["actor"]["code"] == "UKRGOV"
    assert d["alternative"] == {
        "text": "Russia will continue to exert pressure",
        "event_type": "THREATEN",
    }
    assert d["stances"] == [{"issue": "negotiation", "value": 0.5}]


def test_records_signal_round_trips_through_json():
    s = _signal()
    again = Signal.from_dict(json.loads(s.to_json()))
    assert again == s
    assert again.stance("negotiation") == 0.5
    assert again.stance("war_aims") is None


def test_records_parse_date_accepts_dates_and_timestamps():
    assert parse_date("2025-03-14 20:30:26Z").isoformat() == "2025-03-14"
    assert parse_date("2025-11-22").isoformat() == "2025-11-22"
    assert parse_date("22/11/2025") is None
    assert parse_date(None) is None
