"""Convert a PETRARCH/TABARI actor dictionary into an Offramp actor file (JSONL).

PETRARCH2's unit tests (``PETR.UnitTest.records.xml``) code mostly fictional actors (Arnor,
Gondor, Osgiliath, Bree, Frodo ...) from their own dictionary, ``PETR.Validate.actors.txt``.
This script turns that dictionary into a file for Offramp's ``--actors`` option, plus a
sidecar JSON (``<output>.codes.json``) that ``compare.py`` uses to map Offramp's codes back
into PETRARCH's.

The PETRARCH actor format (read from the file itself and from PETRARCH2's reader)::

    GONDOR [GON]              an entry: a phrase and its code; "_" joins words
    +MINAS_TIRITH             a synonym of the entry above
    ZIMBABWE                  an entry whose codes follow on their own lines,
        [RHO <790606]         ... with date restrictions: "<date" (before), ">date" (after),
        [ZBW]                 "date-date" (between); dates are YYYYMMDD or TABARI's YYMMDD
    THE_SHIRE [FRO/BIL/SAM]   one phrase, several actors
    BOROMIR [---]             a null code: the phrase is recognised but not coded
    # comment, <!-- comment -->, and " #" ends a line

Codes are a three-letter root (a country, or a fictional "country" such as GON) followed by
three-letter agent chunks (GOV, MIL, ...): ``OSGMIL``, ``HGWGOVMED``. Organisation codes start
with IGO/NGO/IMG and the like (``IGOEEU``, ``IMGMOSALQ``).

How each entry becomes Offramp data (Offramp's format: ``offramp/nlp/actor_table.py``):

* **Real or fictional.** A root is *real* when one of its entries' phrases is already an
  Offramp actor (``EGYPT [UAR]`` -> EGY, ``ZIMBABWE [RHO ...]`` -> ZWE), when a phrase is a
  TABARI stem of one (``ARGENTIN`` -> Argentina; a phrase without a final ``_`` is a stem in
  TABARI, at least 5 letters here), or when it is a predecessor state listed in
  :data:`LEGACY_ROOTS` (``GMW`` West Germany -> DEU). Every other root is *fictional*.
* **Fictional roots get ISO3 codes.** Offramp accepts only ISO 3166-1 alpha-3 codes for
  countries (``ISO3`` in ``actor_table.py``, no user-assigned range apart from XKX), so each
  fictional root is given, one-to-one, an ISO3 code that the packaged table does not use
  (territories such as ABW, AIA, ...), in alphabetical order of the roots. ``ERI`` (Eriador)
  is fictional even though ERI is Eritrea's code: no Eriador phrase names Eritrea.
* **Bare codes** (``GONDOR [GON]``, ``FRODO [HOB]``) become *names* of the root's country:
  in PETRARCH a phrase with a bare code *is* that actor, and Offramp codes a country name
  as the country's government (``GONGOV``), which ``compare.py`` accepts for a bare ``GON``.
* **Codes with agent chunks** (``CIRITH UNGOL [MORMIL]``) become organisations with code
  root + sector, the sector being the last chunk that names an Offramp sector
  (:data:`SECTOR_MAP`); with no such chunk (``ITHILEN TELEVISION [ITHTV]``), the phrase is
  another name of the root's country.
* **Dated codes** (``GOLLUM``, ``SAM_GAMGEE``) become one person entry per dated code, with
  ``valid_from``/``valid_until``; a bare dated code takes sector GOV, as a country name would.
  Undated defaults of dated entries are written last.
* **Real actors** are not redefined: phrases Offramp already knows are left alone (their
  Offramp codes are recorded for the back-mapping), unknown synonyms are added (a country
  entry for a known ISO3 only adds aliases; an organisation gets a new entry with the same
  code, so the packaged one is not replaced).
* **Not expressible** in Offramp, and skipped with a note: null codes (``---``, ``+++``,
  ``###``), organisations without an Offramp code (``GROUP OF 77 [G77]``,
  ``INTERPOL [IGOCOPITP]``: Offramp's IGO/NGO codes are a closed list), and the second and
  later actors of a multi-actor phrase (``[FRO/BIL/SAM]`` keeps FRO: an Offramp alias means
  one actor).

Agents (``PETR.Validate.agents.txt``: ``MINISTER [~GOV]``) are not converted: Offramp's actor
files have no agent syntax; sectors come from the noun phrase through the packaged
``sectors.toml``. ``agents.py`` beside this script measures how Offramp codes PETRARCH's agent
phrases instead.

The script needs only the standard library and Offramp's own actor-table module (no spaCy).

Example:
    python bench/petrarch/convert_actors.py \\
        ../shared/data/petrarch2_unittest/PETR.Validate.actors.txt \\
        -o bench/petrarch/out/petr_actors.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from offramp.nlp.actor_table import IGO_CODES, ISO3, ActorTable, Alias, normalize_alias

#: PETRARCH/CAMEO agent codes -> Offramp sectors (SIGNALS.md). Offramp codes police,
#: legislators, judges and intelligence services as GOV (``data/sectors.toml``), students and
#: workers as CVL. Codes missing here (REL, ELI, MUS, ...) have no Offramp sector.
SECTOR_MAP: dict[str, str] = {
    "GOV": "GOV",
    "MIL": "MIL",
    "REB": "REB",
    "OPP": "OPP",
    "MED": "MED",
    "BUS": "BUS",
    "NGO": "NGO",
    "CVL": "CVL",
    "CIV": "CVL",
    "COP": "GOV",
    "LEG": "GOV",
    "JUD": "GOV",
    "SPY": "GOV",
    "MOP": "OPP",
    "EDU": "CVL",
    "LAB": "CVL",
    "HRI": "NGO",
    "UAF": "REB",
}

#: Roots of real states that no phrase in the file resolves to an Offramp actor: former names
#: and predecessor states (West Germany, the USSR, Zaire), mapped to today's ISO3 codes.
LEGACY_ROOTS: dict[str, str] = {"GMW": "DEU", "USR": "RUS", "COD": "COD"}

#: Non-country PETRARCH codes for real organisations that Offramp knows under another code.
LEGACY_ORGS: dict[str, str] = {"EEC": "EU"}

#: PETRARCH codes that mean "recognised but not coded".
NULL_CODES = frozenset({"---", "+++", "###"})

#: Words kept in lower case when a PETRARCH phrase (written in capitals) is title-cased.
_LOWER_WORDS = frozenset({"of", "the", "and", "de", "al", "for"})

_DATE_ONE = re.compile(r"^([<>])\s*(\d{6,8})$")
_DATE_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")


# ---------------------------------------------------------------------------------------------
# Reading the PETRARCH file


@dataclass
class PetrCode:
    """One code of an entry, with its date restriction (ISO dates, inclusive)."""

    codes: tuple[str, ...]  # "GON", or ("FRO", "BIL", "SAM") for a multi-actor phrase
    valid_from: str | None = None
    valid_until: str | None = None

    @property
    def dated(self) -> bool:
        return bool(self.valid_from or self.valid_until)


@dataclass
class PetrEntry:
    """One PETRARCH actor entry: its phrases (the head first) and its codes."""

    phrases: list[str]
    codes: list[PetrCode] = field(default_factory=list)
    stems: list[bool] = field(default_factory=list)  # phrase written without a final "_"
    line: int = 0


def petr_date(text: str) -> dt.date:
    """A PETRARCH date: YYYYMMDD, or TABARI's YYMMDD (00-30 is 20YY, else 19YY).

    Example:
        >>> petr_date("950601"), petr_date("20080120")
        (datetime.date(1995, 6, 1), datetime.date(2008, 1, 20))
    """
    if len(text) <= 7:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(text: str) -> PetrCode:
    """``"HOBGOV 19950601 - 19990815"`` -> codes and inclusive validity dates.

    "<date" ends the day before the date and ">date" starts the day after it (PETRARCH's
    ranges that share an end date, e.g. ``20121109-20130119`` then ``>20130119``, then do not
    overlap).

    Example:
        >>> parse_code("HOB < 950601")
        PetrCode(codes=('HOB',), valid_from=None, valid_until='1995-05-31')
    """
    parts = text.strip().split(None, 1)
    codes = tuple(c.strip().upper() for c in parts[0].split("/") if c.strip())
    out = PetrCode(codes)
    if len(parts) == 2:
        rest = parts[1].strip()
        one = _DATE_ONE.match(rest)
        both = _DATE_RANGE.match(rest)
        if one:
            day = petr_date(one.group(2))
            if one.group(1) == "<":
                out.valid_until = (day - dt.timedelta(days=1)).isoformat()
            else:
                out.valid_from = (day + dt.timedelta(days=1)).isoformat()
        elif both:
            out.valid_from = petr_date(both.group(1)).isoformat()
            out.valid_until = petr_date(both.group(2)).isoformat()
        else:
            raise ValueError(f"unreadable date restriction {rest!r}")
    return out


def strip_comments(lines: Iterable[str]) -> Iterable[tuple[int, str]]:
    """(line number, text) of the lines PETRARCH reads: comments and blank lines removed."""
    in_comment = False
    for n, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("<!"):
            # PETRARCH skips a line that starts a comment; a comment left open runs on.
            in_comment = "-->" not in stripped and stripped.startswith("<!--")
            continue
        if "#" in line:
            line = line[: line.index("#")]
        if "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail.split("-->", 1)[1]
            else:
                line, in_comment = head, True
        if line.strip():
            yield n, line.strip()


def _phrase(text: str) -> tuple[str, bool]:
    """A PETRARCH phrase -> (text with spaces, whether it is a TABARI stem)."""
    stem = not text.endswith("_")
    words = text.replace("_", " ").split()
    return " ".join(words), stem


def read_petrarch_actors(text: str) -> list[PetrEntry]:
    """Parse a PETRARCH actor dictionary into entries.

    Example:
        >>> [e.phrases for e in read_petrarch_actors("GONDOR [GON]\\n+MINAS_TIRITH\\n")]
        [['GONDOR', 'MINAS TIRITH']]
    """
    entries: list[PetrEntry] = []
    current: PetrEntry | None = None
    for n, line in strip_comments(text.splitlines()):
        if line.startswith("["):
            if current is None:
                raise ValueError(f"line {n}: a code with no entry above it")
            current.codes.append(parse_code(line[1 : line.index("]")]))
            continue
        if line.startswith("+"):
            if current is None:
                raise ValueError(f"line {n}: a synonym with no entry above it")
            phrase, stem = _phrase(line[1:].strip())
            if phrase:
                current.phrases.append(phrase)
                current.stems.append(stem)
            continue
        code = None
        match = re.search(r"\[([^\]]*)\]\s*$", line)
        if match:
            code = match.group(1)
            line = line[: match.start()].strip()
        phrase, stem = _phrase(line)
        current = PetrEntry([phrase], stems=[stem], line=n)
        if code is not None:
            current.codes.append(parse_code(code))
        entries.append(current)
    return entries


# ---------------------------------------------------------------------------------------------
# Codes


def split_code(code: str) -> tuple[str, list[str]]:
    """``"HGWGOVMED"`` -> ``("HGW", ["GOV", "MED"])``: the root and its three-letter chunks."""
    code = code.upper()
    return code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]


def sector_of(code: str) -> str | None:
    """The Offramp sector of a PETRARCH code: its last chunk that maps to one.

    Example:
        >>> sector_of("HGWGOVMED"), sector_of("GONCOP"), sector_of("ARNREL"), sector_of("GON")
        ('MED', 'GOV', None, None)
    """
    _, chunks = split_code(code)
    mapped = [SECTOR_MAP[c] for c in chunks if c in SECTOR_MAP]
    return mapped[-1] if mapped else None


def title_case(phrase: str) -> str:
    """A PETRARCH phrase (capitals) as a name: "MINAS TIRITH" -> "Minas Tirith".

    Words with a full stop or a digit, and words of one or two letters, stay as written
    (``U.N.``, ``K.U.``, ``G77``, ``KU``), so Offramp matches them as acronyms.

    Example:
        >>> title_case("PRINCE OF DOL AMROTH"), title_case("THE KU"), title_case("BARAD-DUR")
        ('Prince of Dol Amroth', 'The KU', 'Barad-Dur')
    """
    out = []
    for i, word in enumerate(phrase.split()):
        if any(c in word for c in ".0123456789") or (len(word) <= 2 and word.lower() != "of"):
            out.append(word)
        elif i > 0 and word.lower() in _LOWER_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(p.capitalize() for p in word.split("-")))
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Conversion


@dataclass
class Conversion:
    """The Offramp actor lines and the code mapping for ``compare.py``."""

    lines: list[dict] = field(default_factory=list)
    root_iso: dict[str, str] = field(default_factory=dict)  # PETRARCH root -> ISO3
    fictional: dict[str, str] = field(default_factory=dict)  # fictional root -> ISO3
    org_codes: dict[str, list[str]] = field(default_factory=dict)  # Offramp code -> PETRARCH
    alias_codes: dict[str, str] = field(default_factory=dict)  # normalised phrase -> PETRARCH
    notes: list[str] = field(default_factory=list)

    def add_org(self, offramp: str, petrarch: str) -> None:
        """Record that Offramp's organisation code ``offramp`` stands for ``petrarch``."""
        codes = self.org_codes.setdefault(offramp, [])
        if petrarch not in codes:
            codes.append(petrarch)

    def sidecar(self) -> dict:
        iso_roots: dict[str, list[str]] = {}
        for root, iso in sorted(self.root_iso.items()):
            iso_roots.setdefault(iso, []).append(root)
        return {
            "root_iso": dict(sorted(self.root_iso.items())),
            "iso_roots": dict(sorted(iso_roots.items())),
            "fictional": dict(sorted(self.fictional.items())),
            "org_codes": dict(sorted(self.org_codes.items())),
            "alias_codes": dict(sorted(self.alias_codes.items())),
            "sector_map": SECTOR_MAP,
            "notes": self.notes,
        }


def _free_iso3(table: ActorTable, avoid: Iterable[str]) -> list[str]:
    """ISO3 codes with no country in the packaged table, minus ``avoid``, sorted."""
    used = {e.country for e in table.entries if e.kind == "country"}
    return sorted(ISO3 - used - set(avoid) - {"XKX"})


def _stem_country(table: ActorTable, stem: str) -> str | None:
    """ISO3 of the one country whose name, adjective or people word starts with ``stem``."""
    key = normalize_alias(stem)
    if len(key) < 5 or " " in key:
        return None
    found = {
        a.entry.country
        for a in table.aliases
        if a.entry.kind == "country"
        and a.role in ("name", "adjective", "people")
        and normalize_alias(a.text).startswith(key)
    }
    return found.pop() if len(found) == 1 else None


def _resolve(table: ActorTable, phrase: str) -> Alias | None:
    """The packaged table's first reading of ``phrase`` (an Alias), or None."""
    hits = table.lookup(title_case(phrase))
    return hits[0] if hits else None


def convert(entries: list[PetrEntry], table: ActorTable | None = None) -> Conversion:
    """Turn PETRARCH entries into Offramp actor lines (see the module docstring)."""
    table = table or ActorTable.load()
    conv = Conversion()
    all_codes = [c for e in entries for pc in e.codes for c in pc.codes if c not in NULL_CODES]
    roots = {split_code(c)[0] for c in all_codes}

    # 1. Which roots are real: a phrase Offramp knows, a TABARI stem of one, or a legacy state.
    for entry in entries:
        entry_roots = {split_code(c)[0] for pc in entry.codes for c in pc.codes[:1]}
        for phrase, stem in zip(entry.phrases, entry.stems, strict=True):
            hit = _resolve(table, phrase)
            iso = hit.entry.country if hit and hit.entry.kind == "country" else None
            if iso is None and stem:
                iso = _stem_country(table, phrase)
            if iso:
                for root in entry_roots - NULL_CODES:
                    conv.root_iso.setdefault(root, iso)
    for root, iso in LEGACY_ROOTS.items():
        if root in roots:
            conv.root_iso.setdefault(root, iso)
    # organisation-style roots (IGO..., NGO, IMG...) are never countries
    org_like = {r for r in roots if r in ("IGO", "NGO", "NGM", "IMG", "IBR") or r in IGO_CODES}
    fictional = sorted(roots - set(conv.root_iso) - org_like - {"EEC", "G77", "UNO", "IMF"})
    pool = _free_iso3(table, avoid=roots)
    if len(pool) < len(fictional):
        raise SystemExit(f"only {len(pool)} free ISO3 codes for {len(fictional)} fictional roots")
    conv.fictional = dict(zip(fictional, pool, strict=False))
    conv.root_iso.update(conv.fictional)

    # 2. Lines. Country names are gathered per ISO3 so each country is one line.
    names: dict[str, list[str]] = {}
    persons: list[dict] = []
    defaults: list[dict] = []
    orgs: list[dict] = []
    for entry in entries:
        _convert_entry(entry, table, conv, names, persons, defaults, orgs)

    conv.lines.append(
        {
            "type": "comment",
            "text": "Converted from a PETRARCH actor dictionary by convert_actors.py;"
            " fictional roots use ISO3 codes the packaged table leaves free: "
            + ", ".join(f"{r}={i}" for r, i in sorted(conv.fictional.items())),
        }
    )
    for iso, phrases in names.items():
        root = next((r for r, i in conv.fictional.items() if i == iso), None)
        line: dict = {"type": "country", "country": iso, "names": _unique(phrases)}
        if root:
            line["note"] = f"PETRARCH root {root} (fictional)"
        conv.lines.append(line)
    conv.lines.extend(orgs)
    conv.lines.extend(persons)
    conv.lines.extend(defaults)
    return conv


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = normalize_alias(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _convert_entry(
    entry: PetrEntry,
    table: ActorTable,
    conv: Conversion,
    names: dict[str, list[str]],
    persons: list[dict],
    defaults: list[dict],
    orgs: list[dict],
) -> None:
    head = title_case(entry.phrases[0])
    where = f"line {entry.line} ({entry.phrases[0]})"
    codes = [pc for pc in entry.codes if pc.codes and pc.codes[0] not in NULL_CODES]
    if not codes:
        conv.notes.append(f"{where}: null code only, not converted")
        return
    for pc in codes:
        if len(pc.codes) > 1:
            conv.notes.append(
                f"{where}: one phrase for several actors {'/'.join(pc.codes)}; kept {pc.codes[0]}"
            )
    known: list[str] = []  # phrases Offramp already resolves
    unknown: list[str] = []
    for phrase, stem in zip(entry.phrases, entry.stems, strict=True):
        hit = _resolve(table, phrase)
        if hit is None:
            if not (stem and _stem_country(table, phrase)):  # "ARGENTIN": Offramp has the words
                unknown.append(title_case(phrase))
            continue
        known.append(phrase)
        petr = codes[-1].codes[0]  # the undated (last) code describes the phrase best
        if hit.entry.kind != "country" and hit.entry.code:
            conv.alias_codes[normalize_alias(phrase)] = petr
            if hit.entry.country is None:
                conv.add_org(hit.entry.code, petr)
    if not unknown:
        return
    dated = [pc for pc in codes if pc.dated]
    undated = [pc for pc in codes if not pc.dated]
    if dated:
        for pc in dated:
            line = _person(head, unknown, pc.codes[0], conv, where, pc)
            if line:
                persons.append(line)
        for pc in undated:
            line = _person(head, unknown, pc.codes[0], conv, where, None)
            if line:
                line["note"] = "undated default of a dated PETRARCH entry (written last)"
                defaults.append(line)
        return
    code = undated[-1].codes[0]
    root, chunks = split_code(code)
    iso = conv.root_iso.get(root)
    sector = sector_of(code)
    if iso is None:
        org = LEGACY_ORGS.get(code) or (code if code in IGO_CODES else None)
        if org is None:
            conv.notes.append(f"{where}: code {code} has no Offramp equivalent, not converted")
            return
        orgs.append({"name": unknown[0], "aliases": unknown[1:] or None, "code": org})
        conv.add_org(org, code)
        for phrase in unknown:
            conv.alias_codes[normalize_alias(phrase)] = code
        return
    if not chunks or sector is None:
        if chunks:
            conv.notes.append(f"{where}: {code}: no Offramp sector in {chunks}; named as {root}")
        names.setdefault(iso, []).extend(unknown)
        return
    orgs.append({"name": unknown[0], "aliases": unknown[1:] or None, "code": f"{iso}{sector}"})


def _person(
    head: str, phrases: list[str], code: str, conv: Conversion, where: str, pc: PetrCode | None
) -> dict | None:
    root, _ = split_code(code)
    iso = conv.root_iso.get(root)
    if iso is None:
        conv.notes.append(f"{where}: dated code {code} has no Offramp equivalent, skipped")
        return None
    sector = sector_of(code) or "GOV"
    line: dict = {
        "type": "person",
        "name": head,
        "aliases": [p for p in phrases if p != head] or None,
        "code": f"{iso}{sector}",
        "role": f"PETRARCH {code}",
    }
    if pc is not None:
        line["valid_from"] = pc.valid_from
        line["valid_until"] = pc.valid_until
    return line


# ---------------------------------------------------------------------------------------------
# CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Convert a PETRARCH actor dictionary into an Offramp --actors JSONL file.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="The code mapping for compare.py is written next to OUTPUT as OUTPUT.codes.json.",
    )
    parser.add_argument("actors", type=Path, help="PETRARCH actor dictionary (PETR.*.actors.txt)")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="Offramp actor file to write (JSONL)"
    )
    args = parser.parse_args(argv)

    entries = read_petrarch_actors(args.actors.read_text(encoding="utf-8"))
    conv = convert(entries)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as fh:
        for line in conv.lines:
            clean = {k: v for k, v in line.items() if v is not None}
            fh.write(json.dumps(clean, ensure_ascii=False) + "\n")
    sidecar = args.output.with_name(args.output.name + ".codes.json")
    sidecar.write_text(json.dumps(conv.sidecar(), indent=1) + "\n", encoding="utf-8")
    ActorTable.load([args.output])  # Offramp's own validation: raises on any invalid line

    print(f"{len(entries)} PETRARCH entries -> {len(conv.lines)} Offramp lines in {args.output}")
    print(f"code mapping: {sidecar}")
    print("fictional roots: " + ", ".join(f"{r}->{i}" for r, i in conv.fictional.items()))
    real = {r: i for r, i in conv.root_iso.items() if r not in conv.fictional and r != i}
    print("real roots with other ISO3 codes: " + ", ".join(f"{r}->{i}" for r, i in real.items()))
    for note in conv.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
