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


def test_stances_welcoming_mediation_is_negotiation_positive(coder):
    signals = code_one(coder, "Armenia welcomed Washington's mediation between Baku and Yerevan.")
    assert _stance(signals, "negotiation") == [1.0]


def test_stances_praise_of_soldiers_carries_no_stance(coder):
    signals = code_one(coder, "Zelensky praised Ukrainian air-defence crews.")
    assert _stance(signals, "negotiation") == []


def test_stances_turning_down_a_summit_is_negotiation_negative(coder):
    signals = code_one(coder, "Mali's junta turned down an ECOWAS invitation to a security summit.")
    assert _stance(signals, "negotiation") == [-1.0]


def test_stances_withdrawal_as_part_of_a_ceasefire_is_also_a_peace_move(coder):
    signals = code_one(
        coder,
        "M23 said it was prepared to pull out of Uvira as part of a ceasefire provided that "
        "the Congolese army withdrew its militias.",
    )
    assert _stance(signals, "negotiation") == [0.5]
    assert _stance(signals, "escalation") == [-0.5]


def test_stances_withdrawal_alone_is_restraint_only(coder):
    signals = code_one(
        coder, "M23 said it would pull its fighters back from Rubaya if the army stopped shelling."
    )
    assert _stance(signals, "negotiation") == []
    assert _stance(signals, "escalation") == [-0.5]


def test_stances_second_half_of_a_conditional_offer_is_not_a_second_stance(coder):
    signals = code_one(
        coder,
        "Putin said that Russia is willing to discuss the mediation proposal and is prepared to "
        "end the conflict peacefully, but on the condition that Kyiv is willing to negotiate.",
    )
    assert _stance(signals, "negotiation") == [0.5]


def test_stances_a_meeting_of_allies_is_not_a_peace_move(coder):
    signals = code_one(
        coder,
        "Putin met Belarusian President Alexander Lukashenko to discuss economic cooperation.",
    )
    assert _stance(signals, "negotiation") == []


def test_stances_discussing_a_country_is_not_talking_to_it(coder):
    signals = code_one(coder, "G7 foreign ministers discussed China's role in global security.")
    assert _stance(signals, "negotiation") == []
