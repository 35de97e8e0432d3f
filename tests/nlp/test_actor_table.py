"""Tests for offramp.nlp.actor_table: the packaged actor dictionary and its loader.

These load the real data file; user files are written to a temporary directory.
"""

from __future__ import annotations

import doctest
import json
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pytest

from offramp.errors import ConfigError
from offramp.nlp import actor_table
from offramp.nlp.actor_table import (
    ALIAS_ROLES,
    ENTRY_KINDS,
    ISO3,
    ActorTable,
    default_table,
    is_valid_code,
    normalize_alias,
    parse_code,
)

DEFAULT_FILE = files("offramp.data").joinpath("actors.jsonl")

#: The 193 UN member states; the table must also cover Kosovo, Palestine, Taiwan, Western
#: Sahara and the Vatican.
UN_MEMBERS = frozenset(
    str.split(
        """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
    BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
    COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD
    GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
    LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE
    MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
    QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
    SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA
    USA URY UZB VUT VEN VNM YEM ZMB ZWE
    """
    )
)
EXTRA_TERRITORIES = frozenset({"XKX", "PSE", "TWN", "ESH", "VAT"})

#: Aliases that knowingly mean actors with different codes at the same time. Every entry needs
#: a reason; anything else that collides is a data error.
ALLOWED_COLLISIONS: dict[str, set[str]] = {
    # "Brussels" stands for the EU in news ("Brussels said"); it is also Belgium's capital.
    # Lookups list the EU alias first, so resolution prefers the EU.
    "brussels": {"EU", "BELGOV"},
}


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return ActorTable.load()


@pytest.fixture(scope="module")
def raw_lines() -> list[tuple[int, dict]]:
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    return [(n, json.loads(line)) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def write(tmp_path: Path, name: str, *lines: str | dict) -> Path:
    path = tmp_path / name
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def codes(hits) -> list[str]:
    return [a.entry.code for a in hits]


# -- the packaged file --------------------------------------------------------------------------


def test_actor_table_default_loads(table: ActorTable) -> None:
    kinds = defaultdict(int)
    for entry in table.entries:
        kinds[entry.kind] += 1
    assert kinds["country"] >= 198
    assert kinds["person"] >= 400
    assert kinds["organisation"] >= 150
    assert {a.role for a in table.aliases} <= set(ALIAS_ROLES)
    assert all(e.source_file and e.source_file.startswith("actors.jsonl:") for e in table.entries)


def test_actor_table_raw_file_is_jsonl_of_known_types(raw_lines) -> None:
    for lineno, obj in raw_lines:
        assert isinstance(obj, dict), f"line {lineno}"
        assert obj.get("type") in (*ENTRY_KINDS, "comment"), f"line {lineno}: {obj.get('type')}"


def test_actor_table_every_code_is_valid(table: ActorTable) -> None:
    for e in table.entries:
        assert is_valid_code(e.code), e
        assert parse_code(e.code) == (e.code, e.country, e.sector), e
        assert e.country is None or e.country in ISO3, e


def test_actor_table_no_duplicate_entries(raw_lines) -> None:
    seen: dict[tuple, int] = {}
    for lineno, obj in raw_lines:
        kind = obj["type"]
        if kind == "comment":
            continue
        if kind == "country":
            key: tuple = (kind, obj["country"])
        else:
            # One person may hold several offices: one entry per office (role and dates).
            key = (kind, obj["name"].casefold(), obj.get("role"), obj.get("valid_from"))
        assert key not in seen, f"line {lineno} duplicates line {seen[key]}: {key}"
        seen[key] = lineno


def test_actor_table_no_alias_listed_twice_in_an_entry(raw_lines) -> None:
    lists = ("names", "adjectives", "people", "capitals", "seats", "places", "aliases")
    for lineno, obj in raw_lines:
        for key in lists:
            # spelling variants ("Durres", "Durrës") are kept for exact-text matchers
            values = [v.casefold() for v in obj.get(key, [])]
            dupes = {v for v in values if values.count(v) > 1}
            assert not dupes, f"line {lineno}: {key} repeats {dupes}"


def _overlap(a, b) -> bool:
    """Whether two entries' validity periods overlap (touching at one date does not count)."""

    def bounds(e):
        low = actor_table._pad(e.valid_from, low=True) if e.valid_from else "0000"
        high = actor_table._pad(e.valid_until, low=False) if e.valid_until else "9999"
        return low, high

    (lo1, hi1), (lo2, hi2) = bounds(a), bounds(b)
    return lo1 < hi2 and lo2 < hi1


def test_actor_table_alias_collisions_are_allow_listed(table: ActorTable) -> None:
    by_key = defaultdict(list)
    for alias in table.aliases:
        by_key[normalize_alias(alias.text)].append(alias)
    found: dict[str, set[str]] = {}
    for key, hits in by_key.items():
        clash = {
            c
            for i, a in enumerate(hits)
            for b in hits[i + 1 :]
            if a.entry.code != b.entry.code and _overlap(a.entry, b.entry)
            for c in (a.entry.code, b.entry.code)
        }
        if clash:
            found[key] = clash
    unexpected = {k: sorted(v) for k, v in found.items() if ALLOWED_COLLISIONS.get(k) != v}
    assert not unexpected, f"aliases meaning different actors at the same time: {unexpected}"
    stale = set(ALLOWED_COLLISIONS) - set(found)
    assert not stale, f"allow-listed collisions that no longer occur: {stale}"


def test_actor_table_covers_every_un_member_and_the_extras(table: ActorTable) -> None:
    have = {e.country for e in table.entries if e.kind == "country"}
    wanted = UN_MEMBERS | EXTRA_TERRITORIES
    assert have >= wanted, sorted(wanted - have)
    assert len(UN_MEMBERS) == 193


def test_actor_table_countries_have_names_adjectives_and_a_capital(raw_lines) -> None:
    for lineno, obj in raw_lines:
        if obj["type"] == "country":
            for key in ("names", "adjectives", "capitals"):
                assert obj.get(key), f"line {lineno} ({obj['country']}) has no {key}"


def test_actor_table_persons_have_roles_and_ordered_dates(table: ActorTable) -> None:
    for e in table.entries:
        if e.kind == "person":
            assert e.role, e
            if e.valid_from and e.valid_until:
                assert e.valid_from[:10] <= e.valid_until[:10] or len(e.valid_until) < 10, e


# -- lookups ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "role"),
    [
        ("Moscow", "RUSGOV", "capital"),
        ("the Kremlin", "RUSGOV", "seat"),
        ("Kremlin", "RUSGOV", "seat"),
        ("Russian", "RUSGOV", "adjective"),
        ("Russians", "RUSGOV", "people"),
        ("Putin", "RUSGOV", "alias"),
        ("Vladimir Putin", "RUSGOV", "alias"),
        ("Hamas", "PSEREB", "alias"),
        ("UN Security Council", "UNO", "alias"),
        ("U.S.", "USAGOV", "name"),
        ("US", "USAGOV", "name"),
        ("Kyiv", "UKRGOV", "capital"),
        ("Kiev", "UKRGOV", "capital"),
        ("Goma", "CODGOV", "place"),
        ("Pentagon", "USAMIL", "alias"),
        ("Revolutionary Guards", "IRNMIL", "alias"),
        ("KCNA", "PRKMED", "alias"),
        ("Palestinian Prisoners' Society", "PSENGO", "alias"),
        ("Rapid Support Forces", "SDNREB", "alias"),
        ("M23", "CODREB", "alias"),
        ("Hemedti", "SDNREB", "alias"),
        ("Pristina", "XKXGOV", "capital"),
        ("Bankova", "UKRGOV", "seat"),
        ("Houthi", "YEMREB", "alias"),
    ],
)
def test_actor_table_lookup(table: ActorTable, text: str, code: str, role: str) -> None:
    hits = table.lookup(text)
    assert hits, text
    assert (hits[0].entry.code, hits[0].role) == (code, role), [
        (a.entry.code, a.role) for a in hits
    ]


def test_actor_table_lookup_fields(table: ActorTable) -> None:
    hamas = table.lookup("Hamas")[0].entry
    assert (hamas.kind, hamas.country, hamas.sector) == ("organisation", "PSE", "REB")
    un = table.lookup("UN")[0].entry
    assert (un.code, un.country, un.sector) == ("UNO", None, "IGO")
    hrw = table.lookup("Human Rights Watch")[0].entry
    assert (hrw.code, hrw.sector) == ("HRW", "NGO")
    russia = table.lookup("Russia")[0].entry
    assert (russia.kind, russia.code, russia.country, russia.sector) == (
        "country",
        "RUSGOV",
        "RUS",
        "GOV",
    )
    assert table.lookup("Russian")[0].text == "Russian"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the Kremlin", "KREMLIN"),
        ("Côte d’Ivoire", "Cote d'Ivoire"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Élysée", "Elysee"),
        ("The  White   House", "white house"),
    ],
)
def test_actor_table_lookup_normalisation(table: ActorTable, a: str, b: str) -> None:
    assert table.lookup(a)
    assert codes(table.lookup(a)) == codes(table.lookup(b))


def test_actor_table_common_words_need_their_capitals(table: ActorTable) -> None:
    for text in ("us", "who", "turkey", "is", "let"):
        assert table.lookup(text) == [], text
    assert codes(table.lookup("WHO")) == ["WHO"]
    assert codes(table.lookup("Turkey")) == ["TURGOV"]
    assert codes(table.lookup("IS")) == ["SYRREB"]


def test_actor_table_lookup_on_a_date(table: ActorTable) -> None:
    assert codes(table.lookup("Kallas")) == ["ESTGOV", "EU"]
    assert codes(table.lookup("Kallas", on="2023-06-01")) == ["ESTGOV"]
    assert codes(table.lookup("Kallas", on="2025-06-01")) == ["EU"]
    assert {a.entry.role for a in table.lookup("Shoigu", on="2023-01-01")} == {
        "Defence Minister of Russia"
    }
    assert table.lookup("Joe Biden", on="2025-06-01") == []
    # partial dates cover their whole month or year
    hanegbi = table.lookup("Tzachi Hanegbi")[0].entry
    assert hanegbi.valid_until == "2025-10" and hanegbi.valid_on("2025-10-31")


def test_actor_table_helpers(table: ActorTable) -> None:
    assert table.country("RUS").name == "Russia"
    assert table.country("rus") is table.country("RUS")
    assert table.country("ATA") is None
    assert table.entry_for_code("RUSGOV") is table.country("RUS")
    assert table.entry_for_code("PSEREB").name == "Hamas"
    assert table.entry_for_code("UNO").name == "United Nations"
    assert table.country_adjective("RUS") == "Russian"
    assert table.country_name("XKX") == "Kosovo"
    russia = table.country("RUS")
    assert {"Moscow", "Kremlin", "Russian"} <= {a.text for a in table.aliases_of(russia)}


@pytest.mark.parametrize(
    ("place", "iso3"),
    [
        ("Goma", "COD"),
        ("Kupiansk", "UKR"),
        ("Gaza", "PSE"),
        ("Jenin", "PSE"),
        ("El Fasher", "SDN"),
        ("Nyala", "SDN"),
        ("Donetsk", "UKR"),
        ("Donbas", "UKR"),
        ("Crimea", "UKR"),
        ("Essequibo", "GUY"),
        ("Second Thomas Shoal", "PHL"),
        ("Kyiv", "UKR"),
        ("Ukraine", "UKR"),
        ("Brussels", "BEL"),
        ("Tel Aviv", "ISR"),
    ],
)
def test_actor_table_place_country(table: ActorTable, place: str, iso3: str) -> None:
    assert table.place_country(place) == iso3


def test_actor_table_place_country_unknown(table: ActorTable) -> None:
    assert table.place_country("Atlantis") is None
    assert table.place_country("Hamas") is None  # an organisation, not a place


def test_actor_table_default_table_is_cached() -> None:
    assert default_table() is default_table()


def test_actor_table_docstring_examples() -> None:
    result = doctest.testmod(actor_table, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


# -- user files ---------------------------------------------------------------------------------


def test_actor_table_user_file_overrides_and_adds(tmp_path: Path, table: ActorTable) -> None:
    user = write(
        tmp_path,
        "mine.jsonl",
        "",
        {"type": "comment", "text": "local additions"},
        {"name": "Belgian government", "code": "BELGOV", "aliases": ["Brussels"]},
        {"type": "person", "name": "Jane Example", "aliases": ["Example"], "code": "xkxgov"},
        {"type": "country", "country": "RUS", "places": ["Novaya Example"]},
    )
    mine = ActorTable.load([user])
    # an alias in a user file replaces every default meaning of it
    assert [(a.entry.name, a.role) for a in mine.lookup("Brussels")] == [
        ("Belgian government", "alias")
    ]
    # new actors, codes normalised to capitals
    jane = mine.lookup("Example")[0].entry
    assert (jane.kind, jane.code, jane.country, jane.sector) == ("person", "XKXGOV", "XKX", "GOV")
    assert jane.source_file == f"{user}:4"
    # a country entry for a known ISO3 extends it
    assert mine.place_country("Novaya Example") == "RUS"
    assert mine.lookup("Novaya Example")[0].entry is mine.country("RUS")
    # the rest of the default table is untouched
    assert codes(mine.lookup("Hamas")) == ["PSEREB"]
    assert codes(table.lookup("Brussels")) == ["EU", "BELGOV"]


def test_actor_table_user_entry_replaces_same_named_actor(tmp_path: Path) -> None:
    user = write(
        tmp_path, "putin.jsonl", {"type": "person", "name": "Vladimir Putin", "code": "RUSMIL"}
    )
    mine = ActorTable.load([user])
    assert codes(mine.lookup("Vladimir Putin")) == ["RUSMIL"]
    assert mine.lookup("Putin") == []  # the packaged entry and its aliases are gone


def test_actor_table_later_user_file_wins(tmp_path: Path) -> None:
    first = write(
        tmp_path, "a.jsonl", {"name": "Group A", "code": "MLIREB", "aliases": ["The Group"]}
    )
    second = write(
        tmp_path, "b.jsonl", {"name": "Group B", "code": "NERREB", "aliases": ["the group"]}
    )
    assert codes(ActorTable.load([first, second]).lookup("The Group")) == ["NERREB"]
    assert codes(ActorTable.load([second, first]).lookup("The Group")) == ["MLIREB"]


def test_actor_table_without_default(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        "only.jsonl",
        {"type": "country", "country": "ATA", "names": ["Antarctica"], "capitals": ["McMurdo"]},
        {"type": "organisation", "name": "Penguin Front", "code": "ATAREB"},
    )
    only = ActorTable.load([user], include_default=False)
    assert len(only.entries) == 2
    assert only.lookup("Moscow") == []
    assert only.place_country("McMurdo") == "ATA"
    assert only.entry_for_code("ATAGOV").name == "Antarctica"


GOOD = {"name": "Good Group", "code": "MLIREB"}


@pytest.mark.parametrize(
    ("line", "code", "hint"),
    [
        ("{not json", "E201", "invalid JSON"),
        ("[1, 2]", "E214", "one JSON object"),
        ({"name": "X"}, "E202", "'code'"),
        ({"code": "RUSGOV"}, "E202", "'name'"),
        ({"name": "X", "code": "XYZGOV"}, "E203", "ISO3 country + sector"),
        ({"name": "X", "code": "RUSABC"}, "E204", "GOV, MIL"),
        ({"name": "X", "code": "RUS"}, "E211", "RUSGOV"),
        ({"type": "militia", "name": "X", "code": "RUSREB"}, "E205", "organisation"),
        ({"name": "X", "code": "RUSREB", "alias": ["Y"]}, "E207", "aliases"),
        ({"name": "X", "code": "RUSREB", "aliases": "Y"}, "E206", "list of non-empty strings"),
        ({"name": "X", "code": "RUSREB", "aliases": ["Y", ""]}, "E206", "empty string"),
        ({"name": "X", "code": 7}, "E206", "a string"),
        ({"type": "country", "country": "XYZ", "names": ["X"]}, "E208", "alpha-3"),
        ({"type": "country", "country": "ATA"}, "E202", "'names'"),
        ({"type": "country", "names": ["X"]}, "E202", "'country'"),
        ({"name": "X", "code": "RUSREB", "valid_from": "2025-13-01"}, "E209", "2025-11-22"),
        (
            {"name": "X", "code": "RUSREB", "valid_from": "2025-02", "valid_until": "2024"},
            "E210",
            "after",
        ),
        (GOOD, "E213", "defined twice"),
    ],
)
def test_actor_table_bad_user_file(tmp_path: Path, line, code: str, hint: str) -> None:
    path = write(tmp_path, "bad.jsonl", {"type": "comment", "text": "header"}, GOOD, "", line)
    with pytest.raises(ConfigError) as info:
        ActorTable.load([path])
    err = info.value
    assert err.code == code
    assert err.where == f"{path}:4"
    assert str(err).startswith(f"{path}:4: ")
    assert hint in err.message
    assert "\n" not in str(err)


def test_actor_table_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(ConfigError) as info:
        ActorTable.load([missing])
    assert (info.value.code, info.value.where) == ("E212", str(missing))

    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"name": "ok", "code": "MLIREB"}\n{"name": "Caf\xe9", "code": "MLIREB"}\n')
    with pytest.raises(ConfigError) as info:
        ActorTable.load([latin])
    assert (info.value.code, info.value.where) == ("E212", f"{latin}:2")
    assert "UTF-8" in info.value.message
