"""The actor dictionary: names, aliases and codes of the actors Offramp resolves.

The table is a JSONL data file shipped in the package (``offramp/data/actors.jsonl``) plus
any files the user adds (the CLI's ``--actors FILE``). Each line is one JSON object:

* ``{"type": "country", "country": "RUS", "names": [...], "adjectives": [...], "people": [...],
  "capitals": [...], "seats": [...], "places": [...]}`` - names, capitals and seats stand for the
  government (code ``RUSGOV``); adjectives are demonyms ("Russian troops": the sector comes from
  the noun); people are the population; places tell which country a story is set in.
* ``{"type": "person", "name": "Vladimir Putin", "aliases": ["Putin"], "code": "RUSGOV",
  "role": "President of Russia", "valid_from": "2012-05-07", "valid_until": null}`` - one entry
  per office; dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
* ``{"type": "organisation", "name": "Hamas", "aliases": [...], "code": "PSEREB"}`` - a line
  without ``type`` is an organisation.
* ``{"type": "comment", "text": "..."}`` lines and blank lines are skipped; any entry may carry a
  ``"note"`` for human readers.

Later files override earlier ones: an alias defined in a user file replaces every earlier
meaning of that alias, a person or organisation with the same type and name replaces the earlier
entries of that name, and a country entry for a known ISO3 code adds its aliases to that country.

Lookups are exact matches after normalisation (case, curly apostrophes, accents, hyphens and a
leading "the" do not matter). Aliases that are also common English words ("US", "WHO", "Turkey",
"Amnesty") do not match text written in lower case, and the acronyms among them match only text
in capitals, so "us" and "who" in running text never resolve.

Example:
    >>> table = ActorTable.load()
    >>> [(a.entry.code, a.role) for a in table.lookup("the Kremlin")]
    [('RUSGOV', 'seat')]
    >>> table.place_country("Goma")
    'COD'
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.resources
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from offramp.errors import MESSAGES, ConfigError, config_error

# ---------------------------------------------------------------------------------------------
# Constants


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: ISO 3166-1 alpha-3 codes, plus XKX (Kosovo, user-assigned but universal in event data).
ISO3: frozenset[str] = _words(
    """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD
    BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR
    COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH
    ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL
    GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR
    JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR
    MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL
    NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY
    PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP
    SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA
    UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE XKX
    """
)

#: Sectors that follow a country code (``RUS`` + ``GOV``).
COUNTRY_SECTORS: tuple[str, ...] = ("GOV", "MIL", "REB", "OPP", "CVL", "MED", "BUS", "NGO")

#: International and non-governmental organisations coded without a country.
IGO_CODES: frozenset[str] = _words(
    """
    UNO NATO EU AU IAEA OSCE ASEAN ECOWAS SADC EAC IGAD OIC GCC ARL CSTO SCO CIS OAS ICC ICJ IMF
    WBK ICRC MSF AMN HRW OPCW WHO
    """
)

#: The organisation codes above that are NGOs (sector ``NGO``); the others are ``IGO``.
NGO_CODES: frozenset[str] = frozenset({"ICRC", "MSF", "AMN", "HRW"})

#: Kinds of entries in an actor file (``comment`` lines are skipped).
ENTRY_KINDS: tuple[str, ...] = ("country", "person", "organisation")

#: Alias roles, in the order :meth:`ActorTable.lookup` lists them. ``alias`` is a person's or
#: organisation's name or alias; the others belong to countries: ``name`` (the country's names,
#: standing for its government), ``seat``, ``capital``, ``adjective`` (demonyms), ``people`` and
#: ``place``.
ALIAS_ROLES: tuple[str, ...] = ("alias", "name", "seat", "capital", "adjective", "people", "place")

#: Where the packaged table lives.
DEFAULT_PACKAGE = "offramp.data"
DEFAULT_FILE = "actors.jsonl"

#: Aliases whose lower-case spelling is an everyday English word ("Turkey", "Nice", "US",
#: "WHO", "LeT"). They never match text written all in lower case; those written with two or
#: more capitals in the data file (acronyms) match only text written the same way or in capitals.
COMMON_WORDS: frozenset[str] = _words(
    """
    acre afar alphabet amnesty au bermuda bordeaux car cayenne chad china chequers cologne
    conservatives cork dire errs fez guernsey guinea hue is java jersey let lima limerick madeira
    male memorial meta mocha nice pa panama pec perm plan pole poles polish raw ream reunion rota
    sac sake shape spa split swede tabasco tapa tine trump turkey tusk us who beehive
    """
)

_FIELDS: dict[str, tuple[str, ...]] = {
    "country": (
        "type",
        "country",
        "names",
        "adjectives",
        "people",
        "capitals",
        "seats",
        "places",
        "note",
    ),
    "person": ("type", "name", "aliases", "code", "role", "valid_from", "valid_until", "note"),
    "organisation": (
        "type",
        "name",
        "aliases",
        "code",
        "role",
        "valid_from",
        "valid_until",
        "note",
    ),
}
_COUNTRY_LISTS: tuple[tuple[str, str], ...] = (
    ("names", "name"),
    ("adjectives", "adjective"),
    ("people", "people"),
    ("capitals", "capital"),
    ("seats", "seat"),
    ("places", "place"),
)
_TYPE_SPELLINGS = {"organization": "organisation", "org": "organisation"}
_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014\u2212]")
_ROLE_RANK = {role: i for i, role in enumerate(ALIAS_ROLES)}


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor: a country (its government), a person in one office, or an organisation."""

    kind: str  # "country" | "person" | "organisation"
    name: str  # canonical display name ("Russia", "Vladimir Putin", "Hamas")
    code: str | None  # "RUSGOV", "PSEREB", "UNO"; a country's code is its government's
    country: str | None  # ISO3, or None for IGO/NGO codes
    sector: str | None  # "GOV", "MIL", ... or "IGO"/"NGO" for organisation codes
    role: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    source_file: str | None = None  # "actors.jsonl:123", for messages

    def valid_on(self, day: _dt.date | str) -> bool:
        """Whether the entry holds on ``day`` (a date or ``YYYY-MM-DD``); undated entries always do.

        Partial dates cover their whole period: ``valid_until="2025-10"`` holds on 2025-10-31.
        """
        iso = day.isoformat()[:10] if isinstance(day, _dt.date) else str(day)[:10]
        if self.valid_from and iso < _pad(self.valid_from, low=True):
            return False
        return not (self.valid_until and iso > _pad(self.valid_until, low=False))


@dataclass(frozen=True, slots=True)
class Alias:
    """A way of writing an actor, as found in the data file."""

    text: str  # as written in the data file ("the Kremlin", "U.S.")
    entry: ActorEntry
    role: str  # one of ALIAS_ROLES; a person's or organisation's own name is an "alias" too


# ---------------------------------------------------------------------------------------------
# Helpers


def normalize_alias(text: str) -> str:
    """The key aliases are matched on: case-folded, accents and hyphens dropped, curly
    apostrophes straightened, spaces collapsed and a leading "the " removed.

    Example:
        >>> normalize_alias("The  Kremlin"), normalize_alias("Côte d’Ivoire")
        ('kremlin', "cote d'ivoire")
    """
    if not text.isascii():
        text = text.translate(_APOSTROPHES)
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    if not text.isascii() or "-" in text:
        text = _DASHES.sub(" ", text)
    text = " ".join(text.split()).casefold()
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    return text


def parse_code(code: str, *, where: str | None = None) -> tuple[str, str | None, str]:
    """Validate an actor code; return ``(code, country, sector)``.

    Raises :class:`ConfigError` (E203, E204, E211) for codes outside the convention.

    Example:
        >>> parse_code("rusgov"), parse_code("UNO"), parse_code("HRW")
        (('RUSGOV', 'RUS', 'GOV'), ('UNO', None, 'IGO'), ('HRW', None, 'NGO'))
    """
    norm = code.strip().upper()
    if norm in IGO_CODES:
        return norm, None, "NGO" if norm in NGO_CODES else "IGO"
    if norm in ISO3:
        raise config_error("E211", where=where, value=norm)
    if len(norm) > 3 and norm[:3] in ISO3:
        if norm[3:] in COUNTRY_SECTORS:
            return norm, norm[:3], norm[3:]
        raise config_error("E204", where=where, sector=norm[3:], valid=", ".join(COUNTRY_SECTORS))
    # E203's field is named "code", like the first parameter of config_error() and message()
    raise ConfigError(MESSAGES["E203"].format(code=code), where=where, code="E203")


def is_valid_code(code: str) -> bool:
    """Whether ``code`` follows the convention (ISO3 + sector, or an IGO/NGO code)."""
    try:
        parse_code(code)
    except ConfigError:
        return False
    return True


def _pad(date: str, *, low: bool) -> str:
    if len(date) == 4:
        return date + ("-01-01" if low else "-12-31")
    if len(date) == 7:
        return date + ("-01" if low else "-31")
    return date


def _case_ok(alias_text: str, query: str) -> bool:
    """The common-word rule (see :data:`COMMON_WORDS`)."""
    if normalize_alias(alias_text) not in COMMON_WORDS:
        return True
    query = query.strip()
    if query[:4].lower() == "the ":
        query = query[4:].lstrip()
    if sum(c.isupper() for c in alias_text) >= 2:
        return query == alias_text or query.isupper()
    return not query.islower()


def _kind_name(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), f"a {type(value).__name__}"
    )


# ---------------------------------------------------------------------------------------------
# Parsing one file


@dataclass(slots=True)
class _Parsed:
    """The entries and aliases of one file, before they are merged into the table."""

    new_entries: list[ActorEntry] = field(default_factory=list)
    # (alias text, entry or ISO3 of a country defined in an earlier file, role)
    aliases: list[tuple[str, ActorEntry | str, str]] = field(default_factory=list)


class _FileParser:
    def __init__(self, display: str, known_countries: Iterable[str]) -> None:
        self.display = display
        self.known_countries = set(known_countries)
        self.seen: dict[tuple[str, ...], int] = {}
        self.out = _Parsed()

    def parse(self, text: str) -> _Parsed:
        for lineno, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if not stripped:
                continue
            where = f"{self.display}:{lineno}"
            try:
                obj = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise config_error(
                    "E201", where=where, detail=f"{exc.msg} at column {exc.colno}"
                ) from None
            if not isinstance(obj, dict):
                raise config_error("E214", where=where, kind=_kind_name(obj))
            self._entry(obj, where, lineno)
        return self.out

    def _entry(self, obj: dict[str, Any], where: str, lineno: int) -> None:
        kind = obj.get("type", "organisation")
        if isinstance(kind, str):
            kind = _TYPE_SPELLINGS.get(kind.strip().lower(), kind.strip().lower())
        if kind == "comment":
            return
        if kind not in ENTRY_KINDS:
            raise config_error(
                "E205",
                where=where,
                kind=obj.get("type"),
                valid=", ".join((*ENTRY_KINDS, "comment")),
            )
        for key in obj:
            if key not in _FIELDS[kind]:
                raise config_error(
                    "E207", where=where, field=key, kind=kind, valid=", ".join(_FIELDS[kind])
                )
        _optional_str(obj, "note", where)
        if kind == "country":
            self._country(obj, where, lineno)
        else:
            self._named(kind, obj, where, lineno)

    def _country(self, obj: dict[str, Any], where: str, lineno: int) -> None:
        raw = obj.get("country")
        if raw is None or raw == "":
            raise config_error(
                "E202", where=where, field="'country' (an ISO 3166-1 alpha-3 code such as RUS)"
            )
        if not isinstance(raw, str):
            raise config_error(
                "E206", where=where, field="country", expected="a string", kind=_kind_name(raw)
            )
        iso = raw.strip().upper()
        if iso not in ISO3:
            raise config_error("E208", where=where, value=raw)
        self._once(("country", iso), f"country {iso}", lineno, where)
        lists = {key: _str_list(obj, key, where) for key, _ in _COUNTRY_LISTS}
        target: ActorEntry | str
        if iso in self.known_countries:
            target = iso  # extends a country defined in an earlier file
        else:
            if not lists["names"]:
                raise config_error(
                    "E202", where=where, field=f"'names' (country {iso} is new here)"
                )
            target = ActorEntry(
                kind="country",
                name=lists["names"][0],
                code=f"{iso}GOV",
                country=iso,
                sector="GOV",
                source_file=where,
            )
            self.out.new_entries.append(target)
            self.known_countries.add(iso)
        for key, role in _COUNTRY_LISTS:
            self.out.aliases.extend((text, target, role) for text in lists[key])

    def _named(self, kind: str, obj: dict[str, Any], where: str, lineno: int) -> None:
        name = obj.get("name")
        if not isinstance(name, str) or not name.strip():
            if name is None or name == "":
                raise config_error("E202", where=where, field="a 'name'")
            raise config_error(
                "E206", where=where, field="name", expected="a string", kind=_kind_name(name)
            )
        name = name.strip()
        raw_code = obj.get("code")
        if raw_code is None or raw_code == "":
            raise config_error("E202", where=where, field="a 'code' (e.g. RUSGOV, PSEREB, UNO)")
        if not isinstance(raw_code, str):
            raise config_error(
                "E206", where=where, field="code", expected="a string", kind=_kind_name(raw_code)
            )
        code, country, sector = parse_code(raw_code, where=where)
        role = _optional_str(obj, "role", where)
        valid_from = _date(obj, "valid_from", where)
        valid_until = _date(obj, "valid_until", where)
        if valid_from and valid_until and _pad(valid_from, low=True) > _pad(valid_until, low=False):
            raise config_error("E210", where=where, valid_from=valid_from, valid_until=valid_until)
        what = f"{kind} {name!r}" + (f" ({role})" if role else "")
        self._once((kind, name.casefold(), role or "", valid_from or ""), what, lineno, where)
        entry = ActorEntry(
            kind=kind,
            name=name,
            code=code,
            country=country,
            sector=sector,
            role=role,
            valid_from=valid_from,
            valid_until=valid_until,
            source_file=where,
        )
        self.out.new_entries.append(entry)
        self.out.aliases.append((name, entry, "alias"))
        self.out.aliases.extend((text, entry, "alias") for text in _str_list(obj, "aliases", where))

    def _once(self, key: tuple[str, ...], what: str, lineno: int, where: str) -> None:
        first = self.seen.setdefault(key, lineno)
        if first != lineno:
            raise config_error("E213", where=where, what=what, first=first)


def _str_list(obj: dict[str, Any], key: str, where: str) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        bad = (
            value
            if not isinstance(value, list)
            else next((v for v in value if not (isinstance(v, str) and v.strip())), value)
        )
        kind = "an empty string" if bad == "" else _kind_name(bad)
        if isinstance(value, list) and bad is not value:
            kind = f"a list containing {kind}"
        raise config_error(
            "E206", where=where, field=key, expected="a list of non-empty strings", kind=kind
        )
    return [v.strip() for v in value]


def _optional_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise config_error(
            "E206", where=where, field=key, expected="a string", kind=_kind_name(value)
        )
    return value.strip() or None


def _date(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = _optional_str(obj, key, where)
    if value is not None and not _DATE.match(value):
        raise config_error("E209", where=where, field=key, value=value)
    return value


def _read_text(path: str | os.PathLike[str]) -> str:
    display = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise config_error("E212", where=display, detail=exc.strerror or str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise config_error(
            "E212", where=f"{display}:{line}", detail=f"not UTF-8: {exc.reason}"
        ) from None


# ---------------------------------------------------------------------------------------------
# The table


class ActorTable:
    """Actor entries and their aliases, with lookups by alias, ISO3 and code.

    Build one with :meth:`load` (the packaged table plus user files), or use
    :func:`default_table` for the shared packaged one.
    """

    __slots__ = ("_by_code", "_countries", "_index", "aliases", "entries")

    def __init__(self, entries: Sequence[ActorEntry], aliases: Sequence[Alias]) -> None:
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        self.aliases: tuple[Alias, ...] = tuple(aliases)
        index: dict[str, list[Alias]] = {}
        seen: set[tuple[str, int, str]] = set()
        for alias in self.aliases:
            key = normalize_alias(alias.text)
            mark = (key, id(alias.entry), alias.role)
            if mark in seen:
                continue
            seen.add(mark)
            index.setdefault(key, []).append(alias)
        for hits in index.values():
            if len(hits) > 1:
                hits.sort(key=lambda a: _ROLE_RANK[a.role])  # stable: file order within a role
        self._index = index
        self._countries = {e.country: e for e in self.entries if e.kind == "country" and e.country}
        by_code: dict[str, ActorEntry] = {}
        for rank in ("country", "organisation", "person"):
            for e in self.entries:
                if e.kind == rank and e.code:
                    by_code.setdefault(e.code, e)
        self._by_code = by_code

    def __repr__(self) -> str:
        return f"ActorTable({len(self.entries)} entries, {len(self.aliases)} aliases)"

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        extra_files: Sequence[str | os.PathLike[str]] = (),
        *,
        include_default: bool = True,
    ) -> ActorTable:
        """The packaged table (unless ``include_default=False``) followed by ``extra_files``.

        Each later file overrides earlier ones: an alias it defines replaces every earlier
        meaning of that alias; a person or organisation with the same type and name replaces the
        earlier entries of that name; a country entry for a known ISO3 adds aliases to it.
        Raises :class:`ConfigError` naming ``file:line`` for any invalid line.

        Example:
            >>> ActorTable.load().lookup("Hamas")[0].entry.code
            'PSEREB'
        """
        if isinstance(extra_files, str | os.PathLike):
            extra_files = [extra_files]  # one path given on its own
        sources: list[tuple[str, str]] = []
        if include_default:
            sources.append((_default_text(), DEFAULT_FILE))
        for path in extra_files:
            sources.append((_read_text(path), os.fspath(path)))
        entries: list[ActorEntry] = []
        aliases: list[Alias] = []
        countries: dict[str, ActorEntry] = {}
        for layer, (text, display) in enumerate(sources):
            parsed = _FileParser(display, countries).parse(text)
            if layer > 0:
                entries, aliases = _apply_overrides(entries, aliases, parsed)
            for entry in parsed.new_entries:
                entries.append(entry)
                if entry.kind == "country" and entry.country:
                    countries[entry.country] = entry
            for text_, target, role in parsed.aliases:
                entry = countries[target] if isinstance(target, str) else target
                aliases.append(Alias(text_, entry, role))
        return cls(entries, aliases)

    # -- lookups -------------------------------------------------------------------------------

    def lookup(self, text: str, *, on: _dt.date | str | None = None) -> list[Alias]:
        """Every alias written as ``text``, persons and organisations first, then a country's
        names, seats, capitals, demonyms, people and places (see :data:`ALIAS_ROLES`).

        Matching ignores case, accents, hyphens, curly apostrophes and a leading "the", except
        for common-word aliases (see :data:`COMMON_WORDS`). With ``on`` (a date or
        ``YYYY-MM-DD``), only entries valid on that day are returned.

        Example:
            >>> [(a.entry.name, a.role) for a in default_table().lookup("Russian")]
            [('Russia', 'adjective')]
        """
        hits = self._index.get(normalize_alias(text))
        if not hits:
            return []
        out = [a for a in hits if _case_ok(a.text, text)]
        if on is not None:
            out = [a for a in out if a.entry.valid_on(on)]
        return out

    def country(self, iso3: str) -> ActorEntry | None:
        """The country entry for ``iso3`` (its code is the government's, e.g. ``RUSGOV``)."""
        return self._countries.get(iso3.strip().upper())

    def entry_for_code(self, code: str) -> ActorEntry | None:
        """An entry with this code: the country for ``XXXGOV``, else the first organisation,
        else the first person (``"UNO"`` gives the United Nations, ``"PSEREB"`` Hamas)."""
        return self._by_code.get(code.strip().upper())

    def place_country(self, text: str) -> str | None:
        """ISO3 of the country a place, capital, seat or country name belongs to; ``None`` if
        ``text`` is not a known place or names places in different countries.

        Example:
            >>> default_table().place_country("Kupiansk")
            'UKR'
        """
        found = {
            a.entry.country
            for a in self.lookup(text)
            if a.entry.kind == "country" and a.role in ("name", "capital", "seat", "place")
        }
        return found.pop() if len(found) == 1 else None

    def country_adjective(self, iso3: str) -> str | None:
        """The first demonym listed for ``iso3`` ("Russian" for RUS), or ``None``."""
        return self._first(iso3, "adjective")

    def country_name(self, iso3: str) -> str | None:
        """The display name of country ``iso3`` ("Russia"), or ``None``."""
        entry = self.country(iso3)
        return entry.name if entry else None

    def aliases_of(self, entry: ActorEntry) -> list[Alias]:
        """All aliases that point to ``entry``, in file order."""
        return [a for a in self.aliases if a.entry is entry]

    def _first(self, iso3: str, role: str) -> str | None:
        entry = self.country(iso3)
        if entry is None:
            return None
        return next((a.text for a in self.aliases if a.entry is entry and a.role == role), None)


def _apply_overrides(
    entries: list[ActorEntry], aliases: list[Alias], parsed: _Parsed
) -> tuple[list[ActorEntry], list[Alias]]:
    """Drop what a later file redefines: same-named persons/organisations, and every earlier
    meaning of the aliases it lists."""
    replaced = {(e.kind, e.name.casefold()) for e in parsed.new_entries if e.kind != "country"}
    keys = {normalize_alias(text) for text, _, _ in parsed.aliases}
    gone = {id(e) for e in entries if (e.kind, e.name.casefold()) in replaced}
    entries = [e for e in entries if id(e) not in gone]
    aliases = [
        a for a in aliases if id(a.entry) not in gone and normalize_alias(a.text) not in keys
    ]
    return entries, aliases


def _default_text() -> str:
    resource = importlib.resources.files(DEFAULT_PACKAGE).joinpath(DEFAULT_FILE)
    return resource.read_text(encoding="utf-8")


@functools.cache
def default_table() -> ActorTable:
    """The packaged actor table, loaded once per process."""
    return ActorTable.load()
