"""Repairs to the model's lemmas and parses, checked through the acts they let through."""

import pytest

from offramp.nlp.components.repairs import base_forms
from tests.conftest import code_one


@pytest.mark.parametrize(
    ("word", "base"),
    [("staged", "stage"), ("stopped", "stop"), ("carried", "carry"), ("retook", "retake"),
     ("hopes", "hope"), ("shelling", "shell")],
)  # fmt: skip
def test_repairs_base_forms_include_the_verb(word, base):
    assert base in base_forms(word)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("China's Eastern Theater Command staged large-scale drills around Taiwan.", "MOBILIZE"),
        ("Somalia's army later retook the base from al-Shabaab.", "ASSAULT"),
        ("Oman's foreign minister offered to host talks between the two sides.", "AGREE"),
    ],
)
def test_repairs_let_the_act_through(coder, text, event_type):
    types = [s.event_type for s in code_one(coder, text) if s.event_type]
    assert types[:1] == [event_type]


def test_repairs_keep_reduced_relatives_that_are_relatives(nlp):
    doc = nlp("Talks hosted by Oman ended on Monday.")
    assert doc[0].dep_ == "nsubj" and doc[1].dep_ == "acl"


def test_receiving_aid_is_not_giving_it(coder):
    assert not [s for s in code_one(coder, "Malaysia got concessionary loans.") if s.event_type]
