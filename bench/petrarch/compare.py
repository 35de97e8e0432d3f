"""Run Offramp on PETRARCH2's unit-test sentences and compare its PLOVER events with theirs.

PETRARCH2's validation suite (``PETR.UnitTest.records.xml``) gives, for each sentence, the
CAMEO-style events PETRARCH should code: ``<EventCoding sourcecode= targetcode= eventcode=>``,
or ``noevents="True"``, or ``error=`` (the coder must reject the record). This script codes
every ``<Text>`` with one :class:`offramp.Coder` (the record's date as publication date and the
converted actor file from ``convert_actors.py`` as ``actor_files``), maps the expected codes
to PLOVER and reports how far the two agree.

Two readings of the expected codes:

* ``cameo`` (the headline): Offramp's ``data/cameo_plover.toml``, PLOVER's CAMEO-to-PLOVER
  table, by longest prefix; codes with no listed prefix (WEIS 212, 223, test codes 9xx) are
  *unmapped* and left out.
* ``intended``: ``code_readings.toml`` beside this script: the suite's verb dictionary is
  mostly WEIS, so WEIS codes are read as WEIS and test-pattern labels are left out.

Measures (per reading), over records that are not ``error=`` records:

* single-event records (one expected event): Offramp *hits* when one of its signals has that
  PLOVER type; *exact* when it has no other type;
* multi-event records: Jaccard overlap of the two sets of types, and how many records share
  at least one type / contain every expected type;
* no-event records (``noevents``, no coding, or only codes PLOVER has no event for): how often
  Offramp finds an event anyway; and how often it finds none where PETRARCH expects one;
* actors, for expected events whose type Offramp found: source and target agreement after
  mapping Offramp's codes back to PETRARCH's (``<actors>.codes.json``): the root (country or
  fictional country) and the full code (root plus sector, where PETRARCH's agent maps to an
  Offramp sector, see ``convert_actors.SECTOR_MAP``);
* a confusion table, a breakdown by the record's ``category``, per-code agreement, and the
  main disagreements with examples.

Offramp's signals count when they are not ``negated`` (a negated act is one reported as not
done); hypothetical ones count, as PETRARCH codes "is about to restore ties" as the act.

Example:
    python bench/petrarch/compare.py \\
        --records ../shared/data/petrarch2_unittest/PETR.UnitTest.records.xml \\
        --actors bench/petrarch/out/petr_actors.jsonl --json bench/petrarch/out/report.json
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_RECORDS = HERE.parents[2] / "shared/data/petrarch2_unittest/PETR.UnitTest.records.xml"
DEFAULT_READINGS = HERE / "code_readings.toml"
NONE = "none"  # PLOVER has no event for this code
NO_EVENT = "(none)"  # a table label: no event expected / found
#: Category spellings in the suite that belong to another category.
CATEGORY_ALIASES = {"AGENTS": "AGENT", "COMPOUNDx": "COMPOUND"}
CATEGORY_ORDER = (
    "SYNSET",
    "COMPOUND",
    "DEMO",
    "PATTERN",
    "AGENT",
    "VERB",
    "DATE",
    "MODIFY",
    "ACTOR",
    "PARSING",
    "ERROR",
)


# ---------------------------------------------------------------------------------------------
# The records


@dataclass
class Expected:
    """One expected PETRARCH event."""

    source: str
    target: str
    code: str


@dataclass
class Record:
    """One ``<Sentence>`` of the suite."""

    id: str
    category: str
    date: str | None  # YYYY-MM-DD
    text: str
    events: list[Expected] = field(default_factory=list)
    noevents: bool = False
    error: str | None = None


def _unquote(code: str | None) -> str:
    return (code or "").strip()


def read_records(path: Path) -> list[Record]:
    """Parse PETRARCH's validation XML into records (a sentence with no coding is noevents)."""
    root = ET.parse(path).getroot()
    out = []
    for s in root.iter("Sentence"):
        raw_date = (s.get("date") or "").strip()
        date = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}" if len(raw_date) == 8 else None
        category = s.get("category", "").strip()
        rec = Record(
            id=s.get("id", "").strip(),
            category=CATEGORY_ALIASES.get(category, category),
            date=date,
            text=" ".join((s.findtext("Text") or "").split()),
        )
        codings = s.findall("EventCoding")
        for ec in codings:
            if ec.get("error"):
                rec.error = ec.get("error")
            elif (ec.get("noevents") or "").strip().lower() == "true":
                rec.noevents = True
            elif ec.get("eventcode"):
                rec.events.append(
                    Expected(
                        _unquote(ec.get("sourcecode")),
                        _unquote(ec.get("targetcode")),
                        ec.get("eventcode", "").strip(),
                    )
                )
        if not codings:
            rec.noevents = True
        out.append(rec)
    return out


# ---------------------------------------------------------------------------------------------
# Code readings


def load_cameo_table() -> dict[str, str]:
    """Offramp's CAMEO-prefix -> PLOVER table (``offramp/data/cameo_plover.toml``)."""
    text = importlib.resources.files("offramp.data").joinpath("cameo_plover.toml").read_text()
    return tomllib.loads(text)["prefix"]


def cameo_type(code: str, table: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code by longest listed prefix; None if no prefix is listed.

    Example:
        >>> t = {"04": "CONSULT", "12": "REJECT", "01": "none"}
        >>> cameo_type("041", t), cameo_type("1221", t), cameo_type("223", t)
        ('CONSULT', 'REJECT', None)
    """
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def make_intended(readings: dict, cameo: dict[str, str]) -> Callable[[str], str | None]:
    """The "as intended" reading (rules in ``code_readings.toml``)."""
    test = set(readings["test"]["codes"])
    cameo_codes = set(readings["cameo"]["codes"])
    weis = readings["weis"]
    defined = set(weis["defined"])

    def intended(code: str) -> str | None:
        if code in test:
            return None
        if code in cameo_codes or (len(code) == 4 and code.isdigit()):
            return cameo_type(code, cameo)
        family = code[:2]
        if len(code) == 3 and (
            code in defined or (code.endswith("0") and family in weis["family"])
        ):
            return weis["codes"].get(code, weis["family"][family])
        return None

    return intended


# ---------------------------------------------------------------------------------------------
# Actors


class ActorMap:
    """Offramp actors -> PETRARCH codes, and the comparison of the two.

    Uses the sidecar written by ``convert_actors.py`` (``<actors>.codes.json``).
    """

    def __init__(self, sidecar: dict) -> None:
        self.iso_roots: dict[str, list[str]] = sidecar["iso_roots"]
        self.roots = set(sidecar["root_iso"])
        self.org_codes: dict[str, list[str]] = sidecar["org_codes"]
        self.alias_codes: dict[str, str] = sidecar["alias_codes"]
        self.sector_map: dict[str, str] = sidecar["sector_map"]

    def expected_sector(self, code: str) -> str | None:
        """Offramp sector of a PETRARCH code: its last agent chunk that maps to one."""
        chunks = [code[i : i + 3] for i in range(3, len(code), 3)]
        mapped = [self.sector_map[c] for c in chunks if c in self.sector_map]
        return mapped[-1] if mapped else None

    def candidates(self, actor) -> tuple[list[tuple[str, str | None]], list[str]]:
        """(country-like (root, sector) pairs, organisation codes) an Offramp actor stands for."""
        if actor is None:
            return [], []
        from offramp.nlp.actor_table import normalize_alias

        orgs = []
        alias = self.alias_codes.get(normalize_alias(actor.name or ""))
        if alias:
            orgs.append(alias)
        orgs.extend(self.org_codes.get(actor.code or "", []))
        roots = []
        if actor.country:
            roots = [(r, actor.sector) for r in self.iso_roots.get(actor.country, [actor.country])]
        return roots, orgs

    def compare(self, expected: str, actor) -> tuple[bool, bool] | None:
        """(root agrees, full code agrees), or None when ``expected`` cannot be compared.

        ``---`` (PETRARCH's unknown actor) matches any root, or no actor; a PETRARCH code with no
        agent that maps to an Offramp sector (``GON``, ``ARNREL``) matches any sector.
        """
        if not expected or expected.startswith('"') or expected.startswith("#"):
            return None
        root = expected[:3]
        roots, orgs = self.candidates(actor)
        if root == "---":
            want = self.expected_sector(expected)
            if actor is None:
                return True, want is None
            return True, want is None or any(s == want for _, s in roots)
        if root not in self.roots:  # organisation-style codes: IGOEEU, NGO, IMGMOSALQ ...
            ok = any(
                o == expected or o.startswith(expected) or expected.startswith(o) for o in orgs
            )
            return ok, ok
        root_ok = any(r == root for r, _ in roots) or any(o[:3] == root for o in orgs)
        want = self.expected_sector(expected)
        code_ok = root_ok and (want is None or any(r == root and s == want for r, s in roots))
        return root_ok, code_ok


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Scored:
    """One record under one reading."""

    id: str
    category: str
    kind: str  # error | none | single | multi | unmapped
    expected: list[str]  # PLOVER types, one per expected event (unmapped ones left out)
    predicted: list[str]  # PLOVER types of Offramp's non-negated signals, in text order
    codes: list[str]
    hit: bool | None = None
    exact: bool | None = None
    jaccard: float | None = None
    all_found: bool | None = None
    actors: list[dict] = field(default_factory=list)


def score_record(
    rec: Record, signals: list, reading: Callable[[str], str | None], actors: ActorMap
) -> Scored:
    """Score one record's Offramp signals against its expected events under ``reading``."""
    live = [s for s in signals if s.event_type and not s.negated]
    predicted = [s.event_type for s in live]
    codes = [e.code for e in rec.events]
    mapped = [(e, reading(e.code)) for e in rec.events]
    usable = [(e, t) for e, t in mapped if t is not None]
    expected = [t for _, t in usable if t != NONE]
    if rec.error:
        kind = "error"
    elif rec.noevents or (usable and not expected):
        kind = "none"
    elif not usable:
        kind = "unmapped"
    else:
        kind = "single" if len(usable) == 1 else "multi"
    out = Scored(rec.id, rec.category, kind, expected, predicted, codes)
    if kind in ("single", "multi"):
        exp, pred = set(expected), set(predicted)
        out.hit = bool(exp & pred)
        out.exact = exp == pred
        out.all_found = exp <= pred
        out.jaccard = len(exp & pred) / len(exp | pred) if exp | pred else 1.0
        for e, t in usable:
            if t == NONE or t not in pred:
                continue
            best = None
            for s in live:
                if s.event_type != t:
                    continue
                src = actors.compare(e.source, s.source)
                tgt = actors.compare(e.target, s.target)
                rank = sum(2 * bool(x and x[1]) + bool(x and x[0]) for x in (src, tgt))
                if best is None or rank > best[0]:
                    best = (rank, src, tgt)
            if best:
                out.actors.append(
                    {
                        "code": e.code,
                        "source": e.source,
                        "target": e.target,
                        "src": best[1],
                        "tgt": best[2],
                    }
                )
    return out


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.1f}%)" if d else f"{n}/0"


def summarise(scored: list[Scored]) -> dict:
    """The numbers of one reading."""
    by_kind = Counter(s.kind for s in scored)
    single = [s for s in scored if s.kind == "single"]
    multi = [s for s in scored if s.kind == "multi"]
    none = [s for s in scored if s.kind == "none"]
    evented = single + multi
    actor_rows = [a for s in evented for a in s.actors]

    def actor_rate(key: str, level: int) -> tuple[int, int]:
        vals = [a[key][level] for a in actor_rows if a[key] is not None]
        return sum(vals), len(vals)

    with_actors = [s for s in evented if s.actors]

    def some(s: Scored, test: Callable[[dict], bool]) -> bool:
        return any(test(a) for a in s.actors)

    return {
        "kinds": dict(by_kind),
        "expected_events": sum(len(s.codes) for s in scored if s.kind != "error"),
        "single_hits": sum(s.hit for s in single),
        "single_exact": sum(s.exact for s in single),
        "single_n": len(single),
        "multi_n": len(multi),
        "multi_mean_jaccard": sum(s.jaccard for s in multi) / len(multi) if multi else None,
        "multi_any": sum(s.hit for s in multi),
        "multi_all": sum(s.all_found for s in multi),
        "evented_all_found": sum(s.all_found for s in evented),
        "evented_n": len(evented),
        "missed_all": sum(1 for s in evented if not s.predicted),
        "none_n": len(none),
        "none_false_positive": sum(1 for s in none if s.predicted),
        "source_root": actor_rate("src", 0),
        "source_code": actor_rate("src", 1),
        "target_root": actor_rate("tgt", 0),
        "target_code": actor_rate("tgt", 1),
        # per record: does some expected event (of a type Offramp found) agree?
        "records_with_actors": len(with_actors),
        "records_source_root": sum(
            some(s, lambda a: bool(a["src"] and a["src"][0])) for s in with_actors
        ),
        "records_target_root": sum(
            some(s, lambda a: bool(a["tgt"] and a["tgt"][0])) for s in with_actors
        ),
        "records_both_codes": sum(
            some(s, lambda a: bool(a["src"] and a["src"][1] and a["tgt"] and a["tgt"][1]))
            for s in with_actors
        ),
    }


def confusion(scored: list[Scored]) -> dict[str, Counter]:
    """Expected type -> Counter of Offramp's type, for single-event and no-event records.

    Offramp's type is the expected one when it has it, else its first signal's, else none.
    """
    table: dict[str, Counter] = defaultdict(Counter)
    for s in scored:
        if s.kind == "single":
            want = s.expected[0]
            got = want if want in s.predicted else (s.predicted[0] if s.predicted else NO_EVENT)
            table[want][got] += 1
        elif s.kind == "none":
            table[NO_EVENT][s.predicted[0] if s.predicted else NO_EVENT] += 1
    return table


def by_category(scored: list[Scored]) -> dict[str, dict]:
    """Per-category counts and agreement."""
    groups: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        groups[s.category].append(s)
    order = [c for c in CATEGORY_ORDER if c in groups] + sorted(set(groups) - set(CATEGORY_ORDER))
    out = {}
    for cat in order:
        rows = groups[cat]
        single = [s for s in rows if s.kind == "single"]
        multi = [s for s in rows if s.kind == "multi"]
        none = [s for s in rows if s.kind == "none"]
        out[cat] = {
            "records": len(rows),
            "error": sum(s.kind == "error" for s in rows),
            "unmapped": sum(s.kind == "unmapped" for s in rows),
            "single": (sum(s.hit for s in single), len(single)),
            "multi_any": (sum(s.hit for s in multi), len(multi)),
            "multi_jaccard": sum(s.jaccard for s in multi) / len(multi) if multi else None,
            "none_fp": (sum(bool(s.predicted) for s in none), len(none)),
        }
    return out


def per_code(scored: list[Scored], reading: Callable[[str], str | None]) -> dict[str, dict]:
    """Per expected code: events, its PLOVER type, and Offramp's types on those records."""
    out: dict[str, dict] = {}
    for s in scored:
        if s.kind == "error":
            continue
        for code in dict.fromkeys(s.codes):
            row = out.setdefault(
                code, {"plover": reading(code), "records": 0, "hits": 0, "got": Counter()}
            )
            row["records"] += 1
            row["hits"] += int(row["plover"] in s.predicted)
            for t in dict.fromkeys(s.predicted) or [NO_EVENT]:
                row["got"][t] += 1
    return dict(sorted(out.items()))


def disagreements(
    scored: list[Scored], records: dict[str, Record], limit: int = 3
) -> list[tuple[str, str, int, list[tuple[str, str]]]]:
    """(expected, got, count, examples) for single/no-event records where the types differ."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in scored:
        if s.kind == "single" and not s.hit:
            groups[(s.expected[0], "/".join(dict.fromkeys(s.predicted)) or NO_EVENT)].append(s.id)
        elif s.kind == "none" and s.predicted:
            groups[(NO_EVENT, "/".join(dict.fromkeys(s.predicted)))].append(s.id)
        elif s.kind == "multi" and not s.hit:
            want = "+".join(sorted(set(s.expected)))
            groups[(want, "/".join(dict.fromkeys(s.predicted)) or NO_EVENT)].append(s.id)
    rows = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [
        (want, got, len(ids), [(i, records[i].text) for i in ids[:limit]])
        for (want, got), ids in rows
    ]


# ---------------------------------------------------------------------------------------------
# Output


def format_table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join(line.format(*map(str, r)) for r in [header, *rows])


def format_confusion(table: dict[str, Counter]) -> str:
    cols = sorted({c for row in table.values() for c in row}, key=lambda c: (c == NO_EVENT, c))
    rows_order = sorted(table, key=lambda r: (r == NO_EVENT, r))
    short = {c: c[:4] if c != NO_EVENT else "none" for c in cols}
    rows = [
        [f"{r} (n={sum(table[r].values())})", *[table[r].get(c) or "." for c in cols]]
        for r in rows_order
    ]
    return format_table(rows, ["expected \\ Offramp", *[short[c] for c in cols]])


def format_reading(name: str, title: str, result: dict, records: dict[str, Record]) -> str:
    sm = result["summary"]
    k = sm["kinds"]
    out = [f"== Reading '{name}': {title} ==", ""]
    out.append(
        f"records scored: {sm['single_n']} single-event, {sm['multi_n']} multi-event, "
        f"{sm['none_n']} no-event; left out: {k.get('unmapped', 0)} whose codes have no "
        f"PLOVER type in this reading, {k.get('error', 0)} error records"
    )
    out.append(
        "single-event records, Offramp has the expected type: "
        f"{_pct(sm['single_hits'], sm['single_n'])}; and no other type: "
        f"{_pct(sm['single_exact'], sm['single_n'])}"
    )
    if sm["multi_n"]:
        out.append(
            f"multi-event records: mean Jaccard {sm['multi_mean_jaccard']:.2f}; share a type: "
            f"{_pct(sm['multi_any'], sm['multi_n'])}; every expected type found: "
            f"{_pct(sm['multi_all'], sm['multi_n'])}"
        )
    out.append(
        "all records with expected events, every expected type found: "
        f"{_pct(sm['evented_all_found'], sm['evented_n'])}"
    )
    out.append(
        f"PETRARCH expects an event, Offramp finds none: {_pct(sm['missed_all'], sm['evented_n'])}"
    )
    out.append(
        "PETRARCH expects no (PLOVER) event, Offramp finds one: "
        f"{_pct(sm['none_false_positive'], sm['none_n'])}"
    )
    out.append(
        "actors of expected events whose type Offramp found (root / full code): "
        f"source {_pct(*sm['source_root'])} / {_pct(*sm['source_code'])}; "
        f"target {_pct(*sm['target_root'])} / {_pct(*sm['target_code'])}"
    )
    n = sm["records_with_actors"]
    out.append(
        f"  per record ({n} records with a found type; some expected event agrees): source root "
        f"{_pct(sm['records_source_root'], n)}, target root {_pct(sm['records_target_root'], n)}, "
        f"source and target full codes {_pct(sm['records_both_codes'], n)}"
    )
    out += ["", "Confusion (single-event and no-event records):", format_confusion(result["conf"])]
    cat_rows = []
    for cat, c in result["categories"].items():
        cat_rows.append(
            [
                cat,
                c["records"],
                c["error"] or ".",
                c["unmapped"] or ".",
                f"{c['single'][0]}/{c['single'][1]}" if c["single"][1] else ".",
                f"{c['multi_any'][0]}/{c['multi_any'][1]}" if c["multi_any"][1] else ".",
                f"{c['multi_jaccard']:.2f}" if c["multi_jaccard"] is not None else ".",
                f"{c['none_fp'][0]}/{c['none_fp'][1]}" if c["none_fp"][1] else ".",
            ]
        )
    out += [
        "",
        "By category (single: hits/records; multi: records sharing a type; "
        "none FP: Offramp event where none is expected):",
        format_table(
            cat_rows,
            ["category", "records", "error", "unmapped", "single", "multi", "jacc", "none FP"],
        ),
    ]
    code_rows = []
    for code, row in result["codes"].items():
        got = ", ".join(f"{t}:{n}" for t, n in row["got"].most_common(3))
        plover = row["plover"] or "-"
        hits = f"{row['hits']}/{row['records']}" if row["plover"] not in (None, NONE) else "."
        code_rows.append([code, plover, row["records"], hits, got])
    out += [
        "",
        "Per expected code (records with the code; Offramp's types on them):",
        format_table(code_rows, ["code", "PLOVER", "records", "hits", "Offramp types"]),
    ]
    out += ["", "Main disagreements (expected -> Offramp, records, examples):"]
    for want, got, n, examples in result["disagreements"][:14]:
        out.append(f"  {want} -> {got}: {n}")
        for rid, text in examples:
            out.append(f"      {rid}: {text[:110]}{'...' if len(text) > 110 else ''}")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Main


def run_offramp(records: list[Record], actor_files: Iterable[str]) -> tuple[dict, float, float]:
    """Code every record with one Coder; (record id -> signals, load seconds, code seconds)."""
    from offramp import Coder, Document

    coder = Coder(actor_files=list(actor_files))
    t0 = time.perf_counter()
    coder.nlp  # noqa: B018 - load the pipeline before timing the coding
    t1 = time.perf_counter()
    docs = [Document(id=r.id, text=r.text, published=r.date) for r in records]
    signals = {doc.id: sigs for doc, sigs in coder.iter_code(docs)}
    t2 = time.perf_counter()
    return signals, t1 - t0, t2 - t1


def provenance() -> str:
    """Where the imported Offramp comes from, with its git commit when it is a work tree."""
    import offramp

    src = Path(offramp.__file__).resolve().parent
    try:
        sha = subprocess.run(
            ["git", "-C", str(src), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(src), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"offramp from {src} (not a git work tree)"
    return f"offramp from {src} at git {sha}{' + uncommitted changes' if dirty else ''}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare Offramp's PLOVER events with PETRARCH2's unit-test codings."
    )
    parser.add_argument(
        "--records", type=Path, default=DEFAULT_RECORDS, help="PETR.UnitTest.records.xml"
    )
    parser.add_argument(
        "--actors",
        type=Path,
        required=True,
        help="Offramp actor file from convert_actors.py (its .codes.json must sit beside it)",
    )
    parser.add_argument("--readings", type=Path, default=DEFAULT_READINGS)
    parser.add_argument("--json", type=Path, help="also write the full results as JSON")
    args = parser.parse_args(argv)

    from offramp import EXTRACTOR_VERSION, __version__

    records = read_records(args.records)
    by_id = {r.id: r for r in records}
    if len(by_id) != len(records):  # the suite repeats two ids (AGENTS-18, AGENTS-19)
        for i, r in enumerate(records):
            if sum(1 for x in records if x.id == r.id) > 1:
                r.id = f"{r.id}#{i}"
        by_id = {r.id: r for r in records}
    sidecar = json.loads(args.actors.with_name(args.actors.name + ".codes.json").read_text())
    actor_map = ActorMap(sidecar)
    cameo = load_cameo_table()
    readings_doc = tomllib.loads(args.readings.read_text())
    readings: dict[str, tuple[str, Callable[[str], str | None]]] = {
        "cameo": (
            "CAMEO -> PLOVER by Offramp's cameo_plover.toml",
            lambda c: cameo_type(c, cameo),
        ),
        "intended": (
            "WEIS codes as WEIS, test labels left out (code_readings.toml)",
            make_intended(readings_doc, cameo),
        ),
    }

    signals, load_s, code_s = run_offramp(records, [str(args.actors)])

    results = {}
    for name, (_, reading) in readings.items():
        scored = [score_record(r, signals[r.id], reading, actor_map) for r in records]
        results[name] = {
            "summary": summarise(scored),
            "conf": confusion(scored),
            "categories": by_category(scored),
            "codes": per_code(scored, reading),
            "disagreements": disagreements(scored, by_id),
            "records": scored,
        }

    errors = [r for r in records if r.error]
    n_events = sum(len(r.events) for r in records)
    head = [
        f"PETRARCH2 unit tests vs Offramp {__version__} (extractor {EXTRACTOR_VERSION})",
        provenance(),
        f"records: {len(records)} ({sum(bool(r.events) for r in records)} with expected events, "
        f"{sum(r.noevents for r in records)} noevents, {len(errors)} error=); "
        f"expected events: {n_events}; categories: "
        + ", ".join(f"{c} {n}" for c, n in Counter(r.category for r in records).most_common()),
        f"time: pipeline load {load_s:.1f} s, coding {code_s:.1f} s "
        f"({1000 * code_s / len(records):.1f} ms per sentence)",
        "error= records (PETRARCH must reject: dateline, bad parse, discards): Offramp signals on "
        f"{sum(1 for r in errors if any(s.event_type for s in signals[r.id]))}/{len(errors)}",
        "",
    ]
    body = [
        format_reading(name, title, results[name], by_id) for name, (title, _) in readings.items()
    ]
    print("\n".join(head) + "\n" + "\n\n".join(body))

    if args.json:
        payload = {
            "offramp_version": __version__,
            "extractor_version": EXTRACTOR_VERSION,
            "provenance": provenance(),
            "records_file": str(args.records),
            "actors_file": str(args.actors),
            "records": len(records),
            "expected_events": n_events,
            "timing_s": {"load": round(load_s, 2), "code": round(code_s, 2)},
            "readings": {
                name: {
                    "title": readings[name][0],
                    "summary": res["summary"],
                    "confusion": {k: dict(v) for k, v in res["conf"].items()},
                    "categories": res["categories"],
                    "codes": {
                        c: {**row, "got": dict(row["got"])} for c, row in res["codes"].items()
                    },
                    "disagreements": [
                        {"expected": w, "got": g, "n": n, "examples": [i for i, _ in ex]}
                        for w, g, n, ex in res["disagreements"]
                    ],
                    "records": [asdict(s) for s in res["records"]],
                }
                for name, res in results.items()
            },
            "signals": {
                rid: [
                    {
                        "event_type": s.event_type,
                        "negated": s.negated,
                        "hypothetical": s.hypothetical,
                        "source": s.source.code if s.source else None,
                        "target": s.target.code if s.target else None,
                        "text": s.text,
                    }
                    for s in sigs
                ]
                for rid, sigs in signals.items()
            },
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
