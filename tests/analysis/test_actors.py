"""Reading actor and issue arguments: codes, names, and clear errors."""

from __future__ import annotations

import pytest

from offramp import UsageError
from offramp.analysis.actors import label_for, resolve_actor, resolve_issue


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("RUS", "RUS"),
        ("rus", "RUS"),
        ("RUSGOV", "RUS"),
        ("RUSMIL", "RUS"),
        ("Russia", "RUS"),
        ("the Kremlin", "RUS"),
        ("Putin", "RUS"),
        ("Hamas", "PSEREB"),
        ("PSEREB", "PSEREB"),
        ("UKRCVL", "UKRCVL"),
        ("NATO", "NATO"),
        ("Kyiv", "UKR"),
    ],
)
def test_actors_resolve(text, key):
    assert resolve_actor(text).key == key


def test_actors_say_what_they_matched():
    m = resolve_actor("Moscow")
    assert m.describe() == (
        "Russia (RUS: government, military and state media), from the name 'Moscow'"
    )
    assert resolve_actor("RUSGOV").how == "the code RUSGOV"
    assert label_for("PSEREB") == "Hamas (PSEREB)"
    assert label_for("UKRCVL") == "Ukraine: civilians (UKRCVL)"


def test_actors_codes_in_the_store_are_accepted():
    assert resolve_actor("XYZREB", known_keys={"XYZREB"}).key == "XYZREB"


def test_actors_unknown_lists_close_matches():
    with pytest.raises(UsageError, match=r"unknown actor 'Rusia' \(did you mean Russia \(RUS\)"):
        resolve_actor("Rusia")
    with pytest.raises(UsageError, match="Give a country code") as err:
        resolve_actor("qqqq")
    assert err.value.code == "E310"


def test_issues_resolve_or_list_the_valid_ones():
    assert resolve_issue("War_Aims") == "war_aims"
    assert resolve_issue("sanctions", known={"sanctions"}) == "sanctions"
    with pytest.raises(
        UsageError, match=r"did you mean war_aims\?.*escalation, negotiation, war_aims"
    ):
        resolve_issue("waraims")
