"""Scenario boards: the question, the scenarios and the indicators an analyst weighs.

A board is a TOML file (docs/SCENARIOS.md explains every key and how to write one)::

    question = "Where is the war heading over the coming months?"

    [settings]               # optional
    half_life_days = 90      # recency: evidence this old counts half
    superseded_weight = 0.0  # stances an actor has since abandoned (a narrative shift)

    [[scenarios]]
    name = "limited negotiations"
    description = "Russia enters talks while keeping up military pressure."

    [[indicators]]
    id = "rus_war_aims"
    actor = "RUS"            # or a list; a country stands for its government, military, media
    issue = "war_aims"       # or event_type = "ASSAULT" (or a list of PLOVER types)
    target = "UKR"           # optional, event indicators: at whom
    weight = 1.0             # relevance
    expect = { "limited negotiations" = "+", "further advance" = "-" }

Each indicator says, per scenario, which direction of evidence the scenario expects:
``+`` (a positive stance, or the event happening), ``-`` (a negative stance, or fewer
such events), ``0`` (it says nothing about that scenario; the same as leaving the
scenario out; ``±`` is accepted as a synonym). Files are read with the standard library's
:mod:`tomllib`, and every mistake is a :class:`~offramp.errors.ConfigError` that names the
file and the key and lists what is valid, because a board is written by hand.

Example:
    >>> board = default_board()
    >>> [s.name for s in board.scenarios]  # doctest: +NORMALIZE_WHITESPACE
    ['further advance', 'limited negotiations', 'frozen line', 'escalation']
"""

from __future__ import annotations

import datetime as _dt
import difflib
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from offramp.errors import ConfigError, OfframpError, config_error
from offramp.records import EVENT_TYPES, TRACKED_ISSUES

#: The board ``offramp scenarios`` and ``offramp brief`` use without ``--board``.
DEFAULT_BOARD = "war_termination.toml"

#: Words a board may use for an expected direction, and what each means.
DIRECTIONS: dict[str, int] = {"+": 1, "-": -1, "0": 0, "±": 0, "+-": 0, "−": -1}
#: The directions as listed in messages.
DIRECTION_HELP = "'+' (expects it), '-' (expects the opposite), '0' (says nothing)"

#: Default recency half-life in days: a statement three months old counts half.
DEFAULT_HALF_LIFE_DAYS = 90.0
#: Default weight of stance evidence from before the actor's latest narrative shift.
DEFAULT_SUPERSEDED_WEIGHT = 0.0

_TOP_KEYS = ("question", "description", "settings", "scenarios", "indicators")
_SETTING_KEYS = ("half_life_days", "superseded_weight")
_SCENARIO_KEYS = ("name", "description")
_INDICATOR_KEYS = (
    "id",
    "label",
    "actor",
    "issue",
    "event_type",
    "target",
    "weight",
    "expect",
    "since",
    "until",
    "within_days",
)


@dataclass(frozen=True, slots=True)
class Scenario:
    """One way things could go: a short name (the key used everywhere) and what it means."""

    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Indicator:
    """What evidence bears on the board, and which direction each scenario expects.

    ``actors`` and ``targets`` are series keys (``RUS`` stands for RUSGOV, RUSMIL and
    RUSMED; ``PSEREB`` for itself). An indicator reads either the stance on ``issue`` or
    the events of ``event_types``. ``expect`` maps scenario names to +1, -1 or 0 (scenarios
    it does not list are 0).
    """

    id: str
    actors: tuple[str, ...]
    expect: Mapping[str, int]
    issue: str | None = None
    event_types: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    label: str = ""
    weight: float = 1.0
    since: _dt.date | None = None
    until: _dt.date | None = None
    within_days: int | None = None

    def direction(self, scenario: str) -> int:
        """+1, -1 or 0: what ``scenario`` expects of this indicator."""
        return self.expect.get(scenario, 0)

    @property
    def kind(self) -> str:
        """``stance`` or ``event``."""
        return "stance" if self.issue else "event"

    def describe(self) -> str:
        """``Russia on war_aims`` style label: the board's own, else one built from the keys."""
        if self.label:
            return self.label
        who = "/".join(self.actors)
        if self.issue:
            return f"{who} stance on {self.issue}"
        to = f" against {'/'.join(self.targets)}" if self.targets else ""
        return f"{who} {'/'.join(self.event_types)}{to}"

    def to_dict(self, scenarios: Sequence[Scenario] = ()) -> dict[str, Any]:
        names = [s.name for s in scenarios] or list(self.expect)
        return {
            "id": self.id,
            "label": self.describe(),
            "actors": list(self.actors),
            "issue": self.issue,
            "event_types": list(self.event_types),
            "targets": list(self.targets),
            "weight": self.weight,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "within_days": self.within_days,
            "expect": {n: direction_symbol(self.direction(n)) for n in names},
        }


@dataclass(frozen=True, slots=True)
class BoardSettings:
    """How evidence is weighed over time (docs/SCENARIOS.md, "Weights")."""

    #: Evidence this many days older than the as-of date counts half; 0 turns decay off.
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS
    #: Multiplier for stance evidence dated before the actor's latest narrative shift on
    #: that issue: it describes a position the actor has since left.
    superseded_weight: float = DEFAULT_SUPERSEDED_WEIGHT

    def to_dict(self) -> dict[str, Any]:
        return {
            "half_life_days": self.half_life_days,
            "superseded_weight": self.superseded_weight,
        }


@dataclass(frozen=True, slots=True)
class Board:
    """A question, the scenarios that answer it, and the indicators that tell them apart."""

    question: str
    scenarios: tuple[Scenario, ...]
    indicators: tuple[Indicator, ...]
    #: Where the board came from: a file path, or ``package:war_termination.toml``.
    path: str = ""
    description: str = ""
    settings: BoardSettings = field(default_factory=BoardSettings)

    @property
    def names(self) -> list[str]:
        """Scenario names in board order."""
        return [s.name for s in self.scenarios]

    def scenario(self, name: str) -> Scenario:
        for s in self.scenarios:
            if s.name == name:
                return s
        raise KeyError(name)


def direction_symbol(value: int) -> str:
    """``+``, ``-`` or ``±`` for +1, -1 and 0."""
    return {1: "+", -1: "-"}.get(value, "±")


# -- reading -----------------------------------------------------------------------------------


def default_board() -> Board:
    """The packaged war-termination board (the founding article's three scenarios plus
    escalation)."""
    return packaged_board(DEFAULT_BOARD)


def packaged_board(name: str) -> Board:
    """A board shipped in ``offramp/data/boards`` (``war_termination.toml``,
    ``gaza_ceasefire.toml``)."""
    ref = resources.files("offramp").joinpath("data", "boards", name)
    try:
        text = ref.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise config_error(
            "E220", where=f"package:{name}", detail=f"no packaged board {name!r}"
        ) from None
    return parse_board(text, where=f"package:{name}")


def load_board(path: str | Path) -> Board:
    """Read and check a board file.

    Raises:
        ConfigError: the file cannot be read, is not TOML, or a key is missing, unknown or
            has a value Offramp cannot use; the message names the file and the key and
            lists the valid values.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise config_error("E220", where=str(p), detail="no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise config_error("E220", where=str(p), detail=str(err)) from None
    return parse_board(text, where=str(p))


def parse_board(text: str, *, where: str = "<board>") -> Board:
    """A board from TOML text; ``where`` names it in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise config_error("E221", where=where, detail=str(err)) from None
    return _Reader(where).board(data)


class _Reader:
    """Checks a parsed board, raising the first problem with the key path that has it."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, code: str, **fields: object) -> ConfigError:
        return config_error(code, where=self.where, **fields)

    def board(self, data: dict[str, Any]) -> Board:
        self.keys(data, _TOP_KEYS, "the board")
        question = self.text(data, "question", "question", required=True)
        description = self.text(data, "description", "description")
        settings = self.settings(data.get("settings", {}))
        raw_scenarios = self.table_list(data, "scenarios", "[[scenarios]] with a name each")
        scenarios = tuple(self.scenario(i, s) for i, s in enumerate(raw_scenarios))
        if len(scenarios) < 2:
            raise self.fail("E235", count=len(scenarios))
        self.unique("scenario", [s.name for s in scenarios])
        raw_indicators = self.table_list(data, "indicators", "[[indicators]] with an id each")
        names = [s.name for s in scenarios]
        indicators = tuple(self.indicator(i, x, names) for i, x in enumerate(raw_indicators))
        self.unique("indicator", [x.id for x in indicators])
        return Board(
            question=question,
            scenarios=scenarios,
            indicators=indicators,
            path=self.where,
            description=description,
            settings=settings,
        )

    # -- sections ----------------------------------------------------------------------------

    def settings(self, data: object) -> BoardSettings:
        if not isinstance(data, dict):
            raise self.fail("E223", key="settings", expected="a table", got=_kind(data))
        self.keys(data, _SETTING_KEYS, "[settings]")
        half_life = self.number(data, "half_life_days", "settings.half_life_days")
        superseded = self.number(data, "superseded_weight", "settings.superseded_weight")
        if superseded is not None and superseded > 1:
            raise self.fail(
                "E223",
                key="settings.superseded_weight",
                expected="a number from 0 to 1",
                got=repr(superseded),
            )
        return BoardSettings(
            half_life_days=DEFAULT_HALF_LIFE_DAYS if half_life is None else half_life,
            superseded_weight=DEFAULT_SUPERSEDED_WEIGHT if superseded is None else superseded,
        )

    def scenario(self, i: int, data: object) -> Scenario:
        key = f"scenarios[{i + 1}]"
        if not isinstance(data, dict):
            raise self.fail("E223", key=key, expected="a table", got=_kind(data))
        self.keys(data, _SCENARIO_KEYS, key)
        name = self.text(data, "name", f"{key}.name", required=True)
        return Scenario(name=name, description=self.text(data, "description", f"{key}.description"))

    def indicator(self, i: int, data: object, scenarios: list[str]) -> Indicator:
        key = f"indicators[{i + 1}]"
        if not isinstance(data, dict):
            raise self.fail("E223", key=key, expected="a table", got=_kind(data))
        ident = self.text(data, "id", f"{key}.id", required=True)
        key = f"indicator {ident!r}"
        self.keys(data, _INDICATOR_KEYS, key)
        actors = self.actors(data, "actor", key, required=True)
        targets = self.actors(data, "target", key, required=False)
        issue, event_types = self.measure(data, key)
        weight = self.number(data, "weight", f"{key}: weight")
        since = self.date(data, "since", key)
        until = self.date(data, "until", key)
        if since and until and since > until:
            raise self.fail(
                "E234", key=f"{key}: since", value=since, other_key="until", other=until
            )
        within = data.get("within_days")
        if within is not None and (not isinstance(within, int) or within <= 0):
            raise self.fail(
                "E223",
                key=f"{key}: within_days",
                expected="a whole number of days above 0",
                got=repr(within),
            )
        expect = self.expect(data, key, scenarios)
        return Indicator(
            id=ident,
            actors=actors,
            expect=expect,
            issue=issue,
            event_types=event_types,
            targets=targets,
            label=self.text(data, "label", f"{key}: label"),
            weight=1.0 if weight is None else weight,
            since=since,
            until=until,
            within_days=within,
        )

    # -- values ------------------------------------------------------------------------------

    def measure(self, data: dict[str, Any], key: str) -> tuple[str | None, tuple[str, ...]]:
        """(issue, ()) or (None, event types)."""
        has_issue, has_event = "issue" in data, "event_type" in data
        if has_issue == has_event:
            raise self.fail("E226", key=key)
        if has_issue:
            raw = data["issue"]
            if not isinstance(raw, str):
                raise self.fail("E223", key=f"{key}: issue", expected="a string", got=_kind(raw))
            issue = raw.strip().lower()
            if issue not in TRACKED_ISSUES:
                raise self.fail(
                    "E227",
                    key=key,
                    value=raw,
                    suggestion=_did_you_mean(issue, TRACKED_ISSUES),
                    valid=", ".join(TRACKED_ISSUES),
                )
            return issue, ()
        types = []
        for raw in self.strings(data["event_type"], f"{key}: event_type"):
            code = raw.strip().upper()
            if code not in EVENT_TYPES:
                raise self.fail(
                    "E228",
                    key=key,
                    value=raw,
                    suggestion=_did_you_mean(code, EVENT_TYPES),
                    valid=", ".join(EVENT_TYPES),
                )
            types.append(code)
        return None, tuple(dict.fromkeys(types))

    def actors(
        self, data: dict[str, Any], name: str, key: str, *, required: bool
    ) -> tuple[str, ...]:
        from offramp.analysis.actors import actor_suggestion, resolve_actor

        if name not in data:
            if required:
                raise self.fail(
                    "E222",
                    key=f"{key}: {name}",
                    hint='say whose statements or acts it reads, e.g. actor = "RUS"',
                )
            return ()
        keys = []
        for raw in self.strings(data[name], f"{key}: {name}"):
            try:
                keys.append(resolve_actor(raw).key)
            except OfframpError:
                raise self.fail(
                    "E229", key=f"{key}: {name}", value=raw, suggestion=actor_suggestion(raw)
                ) from None
        return tuple(dict.fromkeys(keys))

    def expect(self, data: dict[str, Any], key: str, scenarios: list[str]) -> dict[str, int]:
        raw = data.get("expect")
        if raw is None:
            raise self.fail(
                "E222",
                key=f"{key}: expect",
                hint='say what each scenario expects, e.g. expect = { "frozen line" = "-" }',
            )
        if not isinstance(raw, dict):
            raise self.fail("E223", key=f"{key}: expect", expected="a table", got=_kind(raw))
        out: dict[str, int] = {}
        for name, value in raw.items():
            if name not in scenarios:
                raise self.fail(
                    "E230",
                    key=f"{key}: expect",
                    value=name,
                    suggestion=_did_you_mean(name, scenarios),
                    valid=", ".join(repr(s) for s in scenarios),
                )
            word = value.strip() if isinstance(value, str) else value
            if not isinstance(word, str) or word not in DIRECTIONS:
                raise self.fail(
                    "E231", key=f"{key}: expect.{name!r}", value=value, valid=DIRECTION_HELP
                )
            out[name] = DIRECTIONS[word]
        if len({out.get(s, 0) for s in scenarios}) < 2:
            raise self.fail("E232", key=key)
        return {s: out[s] for s in scenarios if out.get(s, 0) != 0}

    def text(self, data: dict[str, Any], name: str, key: str, *, required: bool = False) -> str:
        value = data.get(name)
        if value is None:
            if required:
                raise self.fail("E222", key=key, hint=f'add {name} = "..."')
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail("E223", key=key, expected="a non-empty string", got=_kind(value))
        return value.strip()

    def number(self, data: dict[str, Any], name: str, key: str) -> float | None:
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail("E223", key=key, expected="a number of at least 0", got=repr(value))
        return float(value)

    def date(self, data: dict[str, Any], name: str, key: str) -> _dt.date | None:
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        try:
            return _dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail("E233", key=f"{key}: {name}", value=value) from None

    def strings(self, value: object, key: str) -> list[str]:
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(v, str) and v.strip() for v in items):
            raise self.fail(
                "E223", key=key, expected="a string or a list of strings", got=repr(value)
            )
        return [str(v) for v in items]

    def table_list(self, data: dict[str, Any], name: str, hint: str) -> list[Any]:
        value = data.get(name)
        if value is None:
            raise self.fail("E222", key=name, hint=f"add {hint}")
        if not isinstance(value, list):
            raise self.fail(
                "E223", key=name, expected=f"an array of tables ([[{name}]])", got=_kind(value)
            )
        return value

    def keys(self, data: dict[str, Any], valid: Sequence[str], where: str) -> None:
        for k in data:
            if k not in valid:
                raise self.fail(
                    "E224",
                    key=k,
                    section=where,
                    suggestion=_did_you_mean(k, valid),
                    valid=", ".join(valid),
                )

    def unique(self, what: str, names: list[str]) -> None:
        seen: set[str] = set()
        for n in names:
            if n in seen:
                raise self.fail("E225", what=what, name=n)
            seen.add(n)


def _did_you_mean(value: str, valid: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(valid), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
