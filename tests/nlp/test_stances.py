"""Stances on the tracked issues, and stance-only items."""

from tests.conftest import code_one


def _stance(signals, issue):
    return [s.stance(issue) for s in signals if s.stance(issue) is not None]


def test_stances_satisfied_is_war_aims_positive(coder):
    signals = code_one(
        coder,
        "Russia's defence minister said the army was satisfied with the progress of the offensive.",
    )
    assert _stance(signals, "war_aims") and _stance(signals, "war_aims")[0] > 0


def test_stances_goals_not_achieved_is_war_aims_negative(coder):
    signals = code_one(coder, "Netanyahu said Israel's goals in Gaza had not yet been achieved.")
    assert _stance(signals, "war_aims") and _stance(signals, "war_aims")[0] < 0


def test_stances_every_threat_is_escalation_positive(coder):
    signals = code_one(
        coder, "China warned that it would take resolute countermeasures against Taipei."
    )
    assert _stance(signals, "escalation") == [1.0]


def test_stances_conditional_offer_of_talks_is_hedged(coder):
    signals = code_one(
        coder,
        "Pakistan said it was ready to hold talks with India if New Delhi ended its hostile rhetoric.",
    )
    assert _stance(signals, "negotiation") == [0.5]


def test_stances_refusing_talks_is_negotiation_negative(coder):
    signals = code_one(coder, "Ethiopia's government ruled out negotiations with the Fano militia.")
    assert _stance(signals, "negotiation") == [-1.0]


def test_stances_avoiding_war_is_escalation_negative(coder):
    signals = code_one(
        coder, "Iran's president said Tehran wanted to avoid a wider war in the region."
    )
    assert _stance(signals, "escalation") and _stance(signals, "escalation")[0] < 0
