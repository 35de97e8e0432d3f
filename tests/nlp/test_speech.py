"""Reported speech: the speaker (who said it) is kept apart from the source (who acts)."""

from tests.conftest import code_one, only


def test_speech_chain_gives_inner_subject_as_source(coder):
    signals = code_one(
        coder,
        "Ukraine's defence ministry said that Moscow had accused Kyiv of staging a provocation.",
    )
    accuse = only(signals, event_type="ACCUSE")
    assert accuse, signals
    assert accuse[0].source.code == "RUSGOV"
    assert accuse[0].target.code == "UKRGOV"
    assert accuse[0].speaker.country == "UKR"


def test_speech_reported_act_has_reporter_as_speaker(coder):
    signals = code_one(
        coder, "Lebanese officials said Israeli troops had shelled two villages near the border."
    )
    assault = only(signals, event_type="ASSAULT")
    assert assault and assault[0].source.code == "ISRMIL"
    assert assault[0].speaker.code == "LBNGOV"


def test_speech_first_person_in_a_quotation_is_the_speaker(coder):
    signals = code_one(
        coder, '"We will not give up a single village," Azerbaijan\'s president told reporters.'
    )
    rejects = only(signals, event_type="REJECT")
    assert rejects and rejects[0].source.code == "AZEGOV"


def test_speech_act_without_reporter_is_its_own_speaker(coder):
    signals = code_one(coder, "Japan condemned the missile launch.")
    assert only(signals, event_type="ACCUSE", source="JPNGOV", speaker="JPNGOV")
