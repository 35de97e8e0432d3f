"""Commentary: interpretation by others is attributed, and gives the actor no event."""

from tests.conftest import code_one


def test_commentary_analysts_reading_is_not_the_actors_act(coder):
    text = (
        "Analysts said Tehran's decision to postpone the drills suggested that Iran wanted to "
        "avoid a confrontation with Washington."
    )
    signals = code_one(coder, text)
    iran = [s for s in signals if s.source.country == "IRN"]
    assert iran and all(s.event_type is None for s in iran)
    assert any(s.attributed_by for s in iran)


def test_commentary_seen_as_by_the_outside_world(coder):
    signals = code_one(
        coder, "Moscow's remarks are seen by the outside world as a sign of easing tensions."
    )
    rus = [s for s in signals if s.source.country == "RUS"]
    assert (rus and rus[0].attributed_by == "the outside world") or rus[
        0
    ].attributed_by == "outside world"
    assert all(s.event_type is None for s in rus)


def test_commentary_an_actors_own_statement_is_not_commentary(coder):
    signals = code_one(
        coder, "Iran's foreign ministry said the drills were aimed at deterring aggression."
    )
    assert all(s.attributed_by is None for s in signals)
