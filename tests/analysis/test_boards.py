"""Board files: the packaged boards load, and every mistake is named with its file and key."""

from __future__ import annotations

import datetime as dt

import pytest

from offramp.analysis.boards import default_board, load_board, packaged_board
from offramp.errors import ConfigError

from ..conftest import EXAMPLE_BOARD

GOOD_SCENARIOS = """
question = "Q?"
[[scenarios]]
name = "talks"
[[scenarios]]
name = "war"
"""


def error_of(tmp_path, text: str) -> ConfigError:
    path = tmp_path / "board.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_board(path)
    assert str(path) in str(info.value)  # every message names the file
    return info.value


def indicator(**keys: str) -> str:
    body = {"id": '"rus_talks"', "actor": '"RUS"', "issue": '"negotiation"',
            "expect": '{ "talks" = "+", "war" = "-" }'} | keys  # fmt: skip
    lines = [f"{k} = {v}" for k, v in body.items() if v is not None and v != "DROP"]
    return GOOD_SCENARIOS + "[[indicators]]\n" + "\n".join(lines) + "\n"


def test_boards_default_has_the_articles_scenarios_and_escalation():
    board = default_board()
    assert board.names == ["further advance", "limited negotiations", "frozen line", "escalation"]
    assert board.path == "package:war_termination.toml"
    war_aims = next(i for i in board.indicators if i.id == "rus_war_aims")
    assert war_aims.actors == ("RUS",) and war_aims.issue == "war_aims"
    assert [war_aims.direction(n) for n in board.names] == [-1, 1, 1, -1]
    negotiation = next(i for i in board.indicators if i.id == "rus_negotiation")
    assert negotiation.direction("frozen line") == 0  # "±": says nothing about it
    attacks = next(i for i in board.indicators if i.id == "rus_attacks")
    assert attacks.event_types == ("ASSAULT", "COERCE") and attacks.targets == ("UKR",)
    assert attacks.weight == 0.5
    assert board.settings.half_life_days == 90 and board.settings.superseded_weight == 0


def test_boards_second_example_and_names_resolve_to_series():
    board = packaged_board("gaza_ceasefire.toml")
    assert board.names == ["lasting ceasefire", "phased deal", "renewed offensive"]
    hamas = next(i for i in board.indicators if i.id == "hamas_negotiation")
    assert hamas.actors == ("PSEREB",)  # "Hamas" in the file
    example = load_board_text(EXAMPLE_BOARD)
    assert [i.actors for i in example.indicators] == [("AZE",), ("AZE",), ("ARM",)]


def load_board_text(text: str):
    from offramp.analysis.boards import parse_board

    return parse_board(text, where="example")


def test_boards_optional_keys(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text(indicator(since='"2025-06-01"', until="2025-12-31", within_days="30",
                              weight="0.5", label='"Russia on talks"',
                              actor='["Russia", "Belarus"]'))  # fmt: skip
    ind = load_board(path).indicators[0]
    assert (ind.since, ind.until) == (dt.date(2025, 6, 1), dt.date(2025, 12, 31))
    assert ind.within_days == 30 and ind.weight == 0.5 and ind.actors == ("RUS", "BLR")
    assert ind.describe() == "Russia on talks"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("question = [", "not valid TOML"),
        ("[[scenarios]]\nname = 'a'\n[[scenarios]]\nname = 'b'\n", "question is missing"),
        (
            GOOD_SCENARIOS.replace('name = "war"', 'name = "talks"'),
            "scenario 'talks' is defined twice",
        ),
        ('question = "Q"\n[[scenarios]]\nname = "only"\n', "at least two scenarios"),
        (
            GOOD_SCENARIOS + "[[scenario]]\nname='x'\n",
            "unknown key 'scenario' in the board (did you mean 'scenarios'?); the keys there are",
        ),
        (GOOD_SCENARIOS, "indicators is missing"),
        (
            indicator(wieght="2"),
            "unknown key 'wieght' in indicator 'rus_talks' (did you mean 'weight'?)",
        ),
        (
            indicator(expect='{ "talk" = "+" }'),
            "indicator 'rus_talks': expect: 'talk' is not a scenario of this board (did you mean "
            "'talks'?); the scenarios are 'talks', 'war'",
        ),
        (
            indicator(expect='{ "talks" = "up" }'),
            "expect.'talks': 'up' is not a direction; use one of '+' (expects it), '-'",
        ),
        (
            indicator(expect='{ "talks" = "+", "war" = "+" }'),
            "expects the same under every scenario",
        ),
        (indicator(expect="DROP"), "indicator 'rus_talks': expect is missing"),
        (
            indicator(issue='"peace"'),
            "indicator 'rus_talks': unknown issue 'peace'; the issues are negotiation, war_aims, escalation",
        ),
        (
            indicator(issue="DROP", event_type='"ASAULT"'),
            "unknown event type 'ASAULT' (did you mean 'ASSAULT'?); the PLOVER types are AGREE",
        ),
        (indicator(event_type='"ASSAULT"'), "give exactly one of 'issue'"),
        (indicator(issue="DROP"), "give exactly one of 'issue'"),
        (
            indicator(actor='"Rusia"'),
            "indicator 'rus_talks': actor: unknown actor 'Rusia' (did you mean Russia (RUS)",
        ),
        (indicator(actor="DROP"), "indicator 'rus_talks': actor is missing"),
        (indicator(weight="-1"), "weight must be a number of at least 0, got -1"),
        (indicator(since='"last june"'), "since must be a date like 2025-11-22, got 'last june'"),
        (indicator(since='"2025-09-01"', until='"2025-06-01"'), "is after until"),
        (indicator(within_days="0"), "within_days must be a whole number of days above 0"),
        (
            indicator() + '[[indicators]]\nid = "rus_talks"\nactor = "RUS"\nissue = "war_aims"\n'
            'expect = { "talks" = "+" }\n',
            "indicator 'rus_talks' is defined twice",
        ),
        (
            indicator() + "[settings]\nhalf_life = 30\n",
            "unknown key 'half_life' in [settings] (did you mean 'half_life_days'?)",
        ),
        (indicator() + "[settings]\nsuperseded_weight = 2\n", "a number from 0 to 1"),
    ],
)
def test_boards_validation_messages(tmp_path, text, expected):
    assert expected in str(error_of(tmp_path, text))


def test_boards_missing_file_and_packaged_name(tmp_path):
    with pytest.raises(
        ConfigError, match=r"nope\.toml: cannot read the scenario board \(no such file\) \[E220\]"
    ):
        load_board(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match=r"no packaged board 'nope\.toml'"):
        packaged_board("nope.toml")
