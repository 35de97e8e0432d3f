"""Actor resolution: dictionary names, noun phrases, metonyms, places and pronouns."""

import pytest


def _codes(nlp, text):
    doc = nlp(text)
    return {m.actor.name: (m.actor.code, m.place) for m in doc._.mentions}, doc


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("The Kremlin rejected the plan.", "Kremlin", "RUSGOV"),
        ("Kyiv said the talks had failed.", "Kyiv", "UKRGOV"),
        ("Ukraine's foreign ministry issued a statement.", "Ukraine's foreign ministry", "UKRGOV"),
        ("Indian army officials said the border was calm.", "Indian army officials", "INDMIL"),
        ("Pakistani troops crossed the river.", "Pakistani troops", "PAKMIL"),
        ("Hamas said it would respond.", "Hamas", "PSEREB"),
        ("The UN Security Council met on Friday.", "UN Security Council", "UNO"),
        ("Vladimir Putin spoke to reporters.", "Vladimir Putin", "RUSGOV"),
    ],
)
def test_actors_resolve_names_and_phrases(nlp, text, name, code):
    mentions, _ = _codes(nlp, text)
    assert mentions[name][0] == code


def test_actors_collective_takes_the_actor_of_its_of_phrase(nlp):
    doc = nlp("The city was struck by a wave of Russian drones.")
    assert any(m.actor.code == "RUSMIL" for m in doc._.mentions)


def test_actors_capital_after_in_is_a_place_not_the_government(nlp):
    mentions, _ = _codes(nlp, "Diplomats met in Moscow on Monday.")
    _, place = mentions["Moscow"]
    assert place is True


def test_actors_ner_label_is_only_a_hint(nlp):
    # the small English model tags "Kyiv" as PERSON; the dictionary decides
    mentions, _ = _codes(nlp, "Kyiv rejected the proposal.")
    assert mentions["Kyiv"][0] == "UKRGOV"


def test_actors_pronoun_refers_back_to_the_subject(nlp):
    doc = nlp("Guyana's government said it would not be intimidated.")
    it = [m for m in doc._.mentions if m.actor.name == "it"]
    assert it and it[0].actor.code == "GUYGOV"


def test_actors_possessive_pronoun_gives_the_country(nlp):
    doc = nlp("Pakistan's military said its soldiers had not fired.")
    soldiers = [m for m in doc._.mentions if doc[m.head].lower_ == "soldiers"]
    assert soldiers and soldiers[0].actor.code == "PAKMIL"


def test_actors_user_file_adds_an_actor(tmp_path):
    from offramp import Coder

    f = tmp_path / "extra.jsonl"
    f.write_text(
        '{"name": "Free Valley Front", "code": "MLIREB", "aliases": ["Free Valley Front", "FVF"]}\n'
    )
    signals = Coder(actor_files=[f]).code(
        "The Free Valley Front rejected the government's offer of talks."
    )
    assert signals and signals[0].source.code == "MLIREB"


def test_actors_last_word_of_a_name_refers_back_to_it(nlp):
    doc = nlp("The Polisario Front rejected the plan. Later the Front called for talks.")
    short = [m for m in doc._.mentions if m.actor.name == "Front"]
    assert [m.actor.code for m in short] == ["ESHREB"]


def test_actors_lower_case_front_is_not_a_name(nlp):
    doc = nlp("The Polisario Front said the situation at the front was calm.")
    assert [m.actor.name for m in doc._.mentions if m.actor.code == "ESHREB"] == ["Polisario Front"]


def test_actors_us_in_capitals_is_the_country_not_a_pronoun(nlp):
    doc = nlp("The US rejected the plan. Give us peace, the protesters said.")
    assert [(m.actor.name, m.actor.code) for m in doc._.mentions][:1] == [("US", "USAGOV")]
    assert all(m.actor.code != "USAGOV" for m in doc._.mentions if m.actor.name == "us")


def test_actors_the_army_in_what_rebels_say_is_their_own_countrys(coder):
    signals = coder.code(
        "The Rapid Support Forces said they had accepted a truce proposed by the United "
        "States, but warned that any army offensive would be met with force."
    )
    threat = next(s for s in signals if s.event_type == "THREATEN")
    assert threat.target is not None and threat.target.code == "SDNMIL"


def test_actors_military_personnel_of_an_army_are_military(nlp):
    doc = nlp("Thailand's army denied that its gunners had opened fire.")
    gunners = next(m for m in doc._.mentions if "gunners" in m.actor.name)
    assert gunners.actor.code == "THAMIL"


def test_actors_a_person_named_again_by_surname(nlp):
    doc = nlp("Taliban spokesman Zabihullah Mujahid spoke on Monday. Mujahid rejected the charge.")
    again = [m for m in doc._.mentions if m.actor.name == "Mujahid"]
    assert [(m.start, m.actor.code) for m in again] == [(8, "AFGGOV")]
