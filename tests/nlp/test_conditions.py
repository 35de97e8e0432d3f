"""Conditions and alternatives: coercive diplomacy, also across sentence boundaries."""

from spacy.tokens import Doc

from offramp.nlp.pipeline import OFFRAMP_COMPONENTS
from tests.conftest import code_one, only


def test_conditions_provided_that_and_otherwise(coder):
    text = (
        "Moscow said it was ready to resume talks with Kyiv provided that Ukraine withdrew its troops. "
        "Otherwise, the Russian army would keep advancing."
    )
    agree = only(code_one(coder, text), event_type="AGREE")
    assert agree, "no AGREE"
    s = agree[0]
    assert s.condition is not None and s.condition.actor.code == "UKRGOV"
    assert s.alternative is not None and s.alternative.event_type == "THREATEN"
    assert not s.hypothetical


def test_conditions_unless_is_stated_as_a_negation(coder):
    signals = code_one(
        coder,
        "India warned that it would take decisive action unless Pakistan handed over the suspects.",
    )
    threat = only(signals, event_type="THREATEN")
    assert threat and threat[0].condition.actor.code == "PAKGOV"
    assert "NOT" in threat[0].condition.text


def test_conditions_if_clause_is_not_an_event_of_its_own(coder):
    signals = code_one(
        coder, "Iran said it would strike Israel if Israel attacked its nuclear sites again."
    )
    events = [s for s in signals if s.event_type]
    assert len(events) == 1 and events[0].event_type == "THREATEN"
    assert events[0].condition.actor.code == "ISRGOV"


def test_conditions_or_face_makes_an_ultimatum(coder):
    signals = code_one(
        coder, "Caracas told ExxonMobil to stop drilling off Essequibo or face the consequences."
    )
    threat = only(signals, event_type="THREATEN")
    assert threat and threat[0].condition is not None
    assert not only(signals, event_type="REQUEST")


def test_conditions_if_not_alternative_of_a_threat(coder):
    text = (
        "Pyongyang said its army would respond with force if Seoul resumed the broadcasts. "
        "If not, it said, the North was prepared to reopen the military hotline."
    )
    threat = only(code_one(coder, text), event_type="THREATEN")
    assert threat and threat[0].alternative is not None
    assert threat[0].alternative.event_type == "AGREE"


def _hand_built(nlp):
    """The seed's unusual parse, built by hand: "on the condition that" is prep -> pobj -> acl,
    and "Otherwise" a plain advmod of the next sentence's root (STACK.md)."""
    words = [
        "Russia",
        "is",
        "willing",
        "to",
        "discuss",
        "the",
        "proposal",
        ",",
        "but",
        "on",
        "the",
        "condition",
        "that",
        "Kyiv",
        "is",
        "willing",
        "to",
        "negotiate",
        ".",
        "Otherwise",
        ",",
        "Russia",
        "will",
        "continue",
        "to",
        "exert",
        "pressure",
        ".",
    ]
    heads = [
        1,
        1,
        1,
        4,
        2,
        6,
        4,
        1,
        1,
        1,
        11,
        9,
        14,
        14,
        11,
        14,
        17,
        15,
        1,
        23,
        23,
        23,
        23,
        23,
        25,
        23,
        25,
        23,
    ]
    deps = [
        "nsubj",
        "ROOT",
        "acomp",
        "aux",
        "xcomp",
        "det",
        "dobj",
        "punct",
        "cc",
        "conj",
        "det",
        "pobj",
        "mark",
        "nsubj",
        "acl",
        "acomp",
        "aux",
        "xcomp",
        "punct",
        "advmod",
        "punct",
        "nsubj",
        "aux",
        "ROOT",
        "aux",
        "xcomp",
        "dobj",
        "punct",
    ]
    pos = [
        "PROPN",
        "AUX",
        "ADJ",
        "PART",
        "VERB",
        "DET",
        "NOUN",
        "PUNCT",
        "CCONJ",
        "ADP",
        "DET",
        "NOUN",
        "SCONJ",
        "PROPN",
        "AUX",
        "ADJ",
        "PART",
        "VERB",
        "PUNCT",
        "ADV",
        "PUNCT",
        "PROPN",
        "AUX",
        "VERB",
        "PART",
        "VERB",
        "NOUN",
        "PUNCT",
    ]
    tags = [
        "NNP",
        "VBZ",
        "JJ",
        "TO",
        "VB",
        "DT",
        "NN",
        ",",
        "CC",
        "IN",
        "DT",
        "NN",
        "IN",
        "NNP",
        "VBZ",
        "JJ",
        "TO",
        "VB",
        ".",
        "RB",
        ",",
        "NNP",
        "MD",
        "VB",
        "TO",
        "VB",
        "NN",
        ".",
    ]
    lemmas = [
        "Russia",
        "be",
        "willing",
        "to",
        "discuss",
        "the",
        "proposal",
        ",",
        "but",
        "on",
        "the",
        "condition",
        "that",
        "Kyiv",
        "be",
        "willing",
        "to",
        "negotiate",
        ".",
        "otherwise",
        ",",
        "Russia",
        "will",
        "continue",
        "to",
        "exert",
        "pressure",
        ".",
    ]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        ents=["B-GPE"] + ["O"] * 12 + ["B-PERSON"] + ["O"] * 7 + ["B-GPE"] + ["O"] * 6,
    )
    doc._.doc_date = "2025-11-22"
    for name in OFFRAMP_COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return doc


def test_conditions_on_a_hand_built_parse_of_the_seed_sentence(nlp):
    doc = _hand_built(nlp)
    items = [it for it in doc._.events if not it.dropped and it.event_type == "AGREE"]
    assert items, [(doc[it.pred].text, it.event_type) for it in doc._.events]
    agree = items[0]
    assert agree.source.actor.code == "RUSGOV"
    assert agree.condition is not None and agree.condition.actor.actor.code == "UKRGOV"
    assert agree.alternative is not None and agree.alternative.event_type == "THREATEN"
