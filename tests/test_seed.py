"""End to end on the founding article (../shared/seed): the signals it was founded for."""

from tests.conftest import only


def test_seed_conditional_offer_with_threat_as_alternative(seed_signals):
    agree = only(seed_signals, source="RUSGOV", event_type="AGREE")
    assert agree, [s.to_dict() for s in seed_signals]
    offer = [s for s in agree if s.condition is not None]
    assert offer, "the AGREE has no condition"
    s = offer[0]
    assert s.condition.actor is not None and s.condition.actor.code == "UKRGOV"
    assert s.alternative is not None and s.alternative.event_type == "THREATEN"
    assert "willing to discuss" in s.text
    assert not s.hypothetical


def test_seed_war_aims_positive_for_russia(seed_signals):
    values = [
        s.stance("war_aims")
        for s in seed_signals
        if s.source.country == "RUS" and not s.past and not s.attributed_by and s.stance("war_aims")
    ]
    assert values and max(values) == 1.0


def test_seed_commentary_is_attributed_and_gives_russia_no_event(seed_signals):
    for phrase in (
        "seen by the outside world as a clear sign of easing",
        "seems more like setting himself up a way down",
    ):
        covering = [s for s in seed_signals if phrase in s.text]
        assert covering, phrase
        assert any(s.attributed_by for s in covering), phrase
        assert not [s for s in covering if s.event_type and s.source.country == "RUS"], phrase


def test_seed_earlier_position_is_past(seed_signals):
    past = [s for s in seed_signals if s.past]
    assert past and past[0].stance("war_aims") == -1.0
