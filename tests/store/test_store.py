"""The store against a real DuckDB file: idempotent ingest, replacement, recoding, filters."""

from __future__ import annotations

import json

import duckdb
import pytest

from offramp import Document, StoreError
from offramp.__about__ import EXTRACTOR_VERSION
from offramp.store import SignalFilter, Store
from offramp.store.ingest import ingest_documents, recode_documents
from offramp.store.schema import MIGRATIONS, SCHEMA_VERSION

DOCS = [
    Document(
        id="d1",
        text="Kremlin spokesman Dmitry Peskov said the special military operation would "
        "continue until its goals were achieved.",
        published="2025-06-05",
        source="test",
        title="Peskov",
    ),
    Document(
        id="d2",
        text="Iran's Revolutionary Guards warned that any new attack on Iranian soil would be "
        "met with a devastating response.",
        published="2025-07-02",
    ),
    Document(
        id="d3",
        text="Hamas said it was ready to accept a deal that ends the war. The Kremlin said "
        "Russia was ready to supply grain to six African countries.",
        published="2025-08-10",
    ),
]


@pytest.fixture
def db(tmp_path):
    return tmp_path / "store.duckdb"


def counts(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return tuple(
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "signals", "signal_stances")
        )


def test_store_ingest_twice_changes_nothing(coder, db):
    store = Store.open(db, read_only=False)
    first = ingest_documents(store, DOCS, coder)
    before = counts(db)
    ids = [s.text for s in Store.open(db).signals()]
    second = ingest_documents(store, DOCS, coder)
    assert (first.added, first.replaced, first.unchanged) == (3, 0, 0)
    assert first.signals == before[1] > 0
    assert (second.added, second.replaced, second.unchanged, second.signals) == (0, 0, 3, 0)
    assert counts(db) == before
    assert [s.text for s in Store.open(db).signals()] == ids


def test_store_ingest_skips_coding_unchanged_documents(coder, db):
    store = Store.open(db, read_only=False)
    ingest_documents(store, DOCS, coder)
    coded = []
    ingest_documents(store, DOCS, coder, on_document=coded.append)
    assert [d.id for d in coded] == ["d1", "d2", "d3"]  # reported, but taken from the store
    assert store.ingest([]).documents == 0


def test_store_changed_document_replaces_its_signals(coder, db):
    store = Store.open(db, read_only=False)
    ingest_documents(store, DOCS, coder)
    old = Store.open(db).signals(SignalFilter(doc_id="d2"))
    changed = Document(
        id="d2",
        text="Iran said it would suspend military drills near the Strait of Hormuz.",
        published="2025-07-02",
    )
    result = ingest_documents(store, [changed], coder)
    new = Store.open(db).signals(SignalFilter(doc_id="d2"))
    assert (result.added, result.replaced, result.unchanged) == (0, 1, 0)
    assert new and all("Hormuz" in s.text for s in new)
    assert not {s.text for s in old} & {s.text for s in new}
    assert Store.open(db).document("d2").document.text == changed.text
    # the other documents' signals are untouched
    assert Store.open(db).count_signals(SignalFilter(doc_id="d1")) > 0


def test_store_changed_date_counts_as_changed(coder, db):
    store = Store.open(db, read_only=False)
    ingest_documents(store, DOCS[:1], coder)
    moved = Document(id="d1", text=DOCS[0].text, published="2025-06-06")
    assert ingest_documents(store, [moved], coder).replaced == 1
    assert {s.date for s in Store.open(db).signals()} == {"2025-06-06"}


def test_store_replacement_is_one_transaction(coder, db):
    """A batch that fails half-way leaves the store as it was."""
    store = Store.open(db, read_only=False)
    ingest_documents(store, DOCS, coder)
    before = counts(db)
    pairs = list(coder.iter_code([Document(id="d1", text="Moscow rejected the plan.")]))

    def broken():
        yield from pairs
        raise RuntimeError("the coder crashed")

    with pytest.raises(RuntimeError):
        store.ingest(broken(), batch_size=10)
    assert counts(db) == before
    assert Store.open(db).document("d1").document.text == DOCS[0].text


def test_store_recode_after_version_bump(coder, db):
    store = Store.open(db, read_only=False)
    pairs = list(coder.iter_code(DOCS))
    store.ingest(pairs, extractor_version="offramp-extract/0.0.1")
    assert store.stats().extractor_versions == {"offramp-extract/0.0.1": 3}
    assert [d.id for d in store.documents_to_recode()] == ["d1", "d2", "d3"]
    result = recode_documents(store, coder, batch_size=2)
    assert (result.replaced, result.added) == (3, 0)
    assert store.stats().extractor_versions == {EXTRACTOR_VERSION: 3}
    assert list(store.documents_to_recode()) == []
    assert recode_documents(store, coder).documents == 0
    assert recode_documents(store, coder, everything=True).replaced == 3


def test_store_records_extractor_version_and_time_per_signal(coder, db):
    store = Store.open(db, read_only=False)
    ingest_documents(store, DOCS, coder)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT DISTINCT extractor_version FROM signals").fetchall()
        missing = con.execute("SELECT count(*) FROM signals WHERE ingested_at IS NULL").fetchone()
    assert rows == [(EXTRACTOR_VERSION,)]
    assert missing == (0,)
    stored = store.document("d1")
    assert stored.extractor_version == EXTRACTOR_VERSION
    assert stored.content_hash and stored.signals >= 1
    assert stored.document.title == "Peskov" and stored.document.source == "test"
    assert store.document("nope") is None


def test_store_round_trips_every_signal_field(coder, db, seed_signals):
    seed = Document(id="seed", text="x", published="2025-11-22")
    store = Store.open(db, read_only=False)
    store.ingest([(seed, seed_signals)])
    back = Store.open(db).signals(SignalFilter(doc_id="seed"))
    key = lambda s: (s.start, s.end, s.source.code, s.event_type)  # noqa: E731
    assert sorted((s.to_dict() for s in back), key=lambda d: json.dumps(d, sort_keys=True)) == (
        sorted((s.to_dict() for s in seed_signals), key=lambda d: json.dumps(d, sort_keys=True))
    )
    assert [key(s) for s in back] == [key(s) for s in seed_signals]  # document order kept


def test_store_signal_ids_are_stable_and_unique(coder, db, tmp_path):
    other = tmp_path / "other.duckdb"
    for path in (db, other):
        ingest_documents(Store.open(path, read_only=False), DOCS, coder)
    q = "SELECT id FROM signals ORDER BY id"
    with duckdb.connect(str(db), read_only=True) as a, duckdb.connect(str(other)) as b:
        ids_a, ids_b = a.execute(q).fetchall(), b.execute(q).fetchall()
    assert ids_a == ids_b and len(set(ids_a)) == len(ids_a)


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (SignalFilter(actor="RUS"), lambda s: s.source.country == "RUS"),
        (SignalFilter(actor="PSEREB"), lambda s: s.source.code == "PSEREB"),
        (SignalFilter(target="UKR"), lambda s: s.target and s.target.country == "UKR"),
        (SignalFilter(source_country="IRN"), lambda s: s.source.country == "IRN"),
        (SignalFilter(target_country="UKR"), lambda s: s.target and s.target.country == "UKR"),
        (SignalFilter(source_code="RUSGOV"), lambda s: s.source.code == "RUSGOV"),
        (SignalFilter(event_type="THREATEN"), lambda s: s.event_type == "THREATEN"),
        (SignalFilter(event_type="NONE"), lambda s: s.event_type is None),
        (SignalFilter(issue="war_aims"), lambda s: s.stance("war_aims") is not None),
        (SignalFilter(since="2025-12-01"), lambda s: s.date >= "2025-12-01"),
        (SignalFilter(until="2025-06-30"), lambda s: s.date <= "2025-06-30"),
        (SignalFilter(text="CEASEFIRE"), lambda s: "ceasefire" in s.text.lower()),
        (SignalFilter(doc_id="tl1-09"), lambda s: s.doc_id == "tl1-09"),
        (
            SignalFilter(actor="RUS", issue="negotiation", since="2025-10-01", until="2026-01-31"),
            lambda s: s.source.country == "RUS" and s.stance("negotiation") is not None,
        ),
    ],
)
def test_store_filters(timelines_db, filters, check):
    store = Store.open(timelines_db)
    everything = store.signals()
    found = store.signals(filters)
    assert found, filters
    assert all(check(s) for s in found)
    assert len(found) == sum(1 for s in everything if check(s) and _in_range(s, filters))
    assert store.count_signals(filters) == len(found)
    assert list(store.iter_signals(filters)) == list(found)


def _in_range(s, f):
    if f.since and (s.date or "") < f.since:
        return False
    return not (f.until and (s.date or "9") > f.until)


def test_store_limit_sets_truncated(timelines_db):
    store = Store.open(timelines_db)
    total = store.count_signals()
    capped = store.signals(SignalFilter(limit=3))
    assert len(capped) == 3 and capped.truncated
    whole = store.signals(SignalFilter(limit=total))
    assert len(whole) == total and not whole.truncated
    assert len(list(store.iter_signals(SignalFilter(limit=4)))) == 4


def test_store_text_filter_is_a_parameter_not_sql(timelines_db):
    store = Store.open(timelines_db)
    assert store.signals(SignalFilter(text="'; DROP TABLE signals; --")) == []
    assert store.signals(SignalFilter(text="%")) == []
    assert store.count_signals() > 0


def test_store_stance_series_and_keys(timelines_db):
    store = Store.open(timelines_db)
    points = store.stance_series("RUS", "negotiation")
    assert points and {p.source_key for p in points} == {"RUS"}
    assert {p.issue for p in points} == {"negotiation"}
    assert [p.date for p in points] == sorted(p.date for p in points)
    assert {"RUS", "UKR", "IRN", "ISR", "PSEREB"} <= set(store.actor_keys())
    assert store.issues() == ["escalation", "negotiation", "war_aims"]
    stats = store.stats()
    assert stats.documents == 46 and stats.signals == store.count_signals()


def test_store_migrations_are_recorded(db):
    Store.open(db, read_only=False)
    Store.open(db, read_only=False)  # a second open applies nothing twice
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert rows == [(m.version, m.name) for m in MIGRATIONS]
    assert rows[-1][0] == SCHEMA_VERSION


def test_store_open_errors(tmp_path):
    with pytest.raises(StoreError, match=r"no Offramp store here.*offramp ingest") as err:
        Store.open(tmp_path / "missing.duckdb")
    assert err.value.code == "E401"
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    with pytest.raises(StoreError, match="cannot open this file as a DuckDB database"):
        Store.open(junk)
    foreign = tmp_path / "foreign.duckdb"
    with duckdb.connect(str(foreign)) as con:
        con.execute("CREATE TABLE t (x INT)")
    with pytest.raises(StoreError, match="not an Offramp store"):
        Store.open(foreign, read_only=False)
    newer = tmp_path / "newer.duckdb"
    Store.open(newer, read_only=False)
    with duckdb.connect(str(newer)) as con:
        con.execute("INSERT INTO schema_migrations VALUES (99, 'future', now())")
    with pytest.raises(StoreError, match="newer than this Offramp"):
        Store.open(newer)


def test_store_read_only_refuses_writes(coder, db):
    Store.open(db, read_only=False)
    with pytest.raises(StoreError, match="opened read-only"):
        Store.open(db).ingest(coder.iter_code(DOCS[:1]))
