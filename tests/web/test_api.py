"""The JSON API against a real store: every endpoint, filters, paging, errors, OpenAPI."""

from __future__ import annotations

import csv
import io

import pytest


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    return body["error"]


# -- signals -----------------------------------------------------------------------------------


def test_api_signals_first_page_has_totals_and_records(client):
    r = client.get("/api/signals")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] > 50 and body["count"] == 50 and body["limit"] == 50
    assert body["truncated"] is True and body["next"].startswith("/api/signals?")
    first = body["signals"][0]
    assert {"id", "doc_id", "start", "end", "text", "source", "stances", "document"} <= set(first)
    dates = [s["date"] for s in body["signals"] if s["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_api_signals_pages_follow_next_to_the_end(client):
    seen: list[str] = []
    url = "/api/signals?limit=20&order=oldest"
    pages = 0
    while url:
        body = client.get(url).json()
        seen += [s["id"] for s in body["signals"]]
        url = body["next"]
        pages += 1
        assert pages < 50
    assert len(seen) == len(set(seen)) == body["total"]
    assert body["truncated"] is False and body["next"] is None


def test_api_signals_offset_past_the_end_is_empty_not_an_error(client):
    body = client.get("/api/signals?offset=100000").json()
    assert body["signals"] == [] and body["truncated"] is False and body["total"] > 0


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("actor=Russia", lambda s: s["source"]["country"] == "RUS"),
        ("actor=the%20Kremlin&type=threaten", lambda s: s["event_type"] == "THREATEN"),
        ("type=NONE", lambda s: s["event_type"] is None),
        ("issue=war_aims", lambda s: any(x["issue"] == "war_aims" for x in s["stances"])),
        ("since=2025-11-01&until=2025-11-30", lambda s: "2025-11-01" <= s["date"] <= "2025-11-30"),
        ("text=CEASEFIRE", lambda s: "ceasefire" in s["text"].lower()),
        ("doc=sample-01", lambda s: s["doc_id"] == "sample-01"),
        ("target=Ukraine", lambda s: s["target"]["country"] == "UKR"),
    ],
)
def test_api_signals_filters_are_the_cli_filters(client, query, check):
    body = client.get(f"/api/signals?{query}&limit=500").json()
    assert body["signals"], query
    assert all(check(s) for s in body["signals"]), query


def test_api_signals_says_what_it_understood(client):
    body = client.get("/api/signals?actor=Moscow").json()
    assert body["understood"] == [
        "actor: Russia (RUS: government, military and state media), from the name 'Moscow'"
    ]
    assert body["filters"] == {"actor": "Moscow"}


@pytest.mark.parametrize(
    "value",
    ["' OR 1=1 --", "'; DROP TABLE signals; --", "%", "_", "\\", "<script>alert(1)</script>"],
)
def test_api_signals_hostile_text_values_are_data(client, value):
    r = client.get("/api/signals", params={"text": value, "limit": 500})
    assert r.status_code == 200
    body = r.json()
    # matched literally (no SQL, no LIKE wildcards): every hit contains the value as typed
    assert all(value.lower() in s["text"].lower() for s in body["signals"])
    if value.startswith("'"):
        assert body["total"] == 0
    # and the store is still whole
    assert client.get("/api/signals").json()["total"] > 50


def test_api_signals_sql_in_the_stored_text_is_found_as_text(client):
    body = client.get("/api/signals", params={"text": "DROP TABLE signals"}).json()
    assert body["total"] == 1 and body["signals"][0]["source"]["code"] == "PSEREB"


@pytest.mark.parametrize(
    ("params", "code", "words"),
    [
        ({"actor": "' OR 1=1 --"}, "E310", "unknown actor"),
        ({"target": "Narnia"}, "E310", "unknown actor"),
        ({"issue": "' OR 1=1 --"}, "E311", "unknown issue"),
        ({"type": "BOMB"}, "invalid_parameter", "type must be one of AGREE"),
        ({"since": "2025-13-45"}, "invalid_parameter", "a date like 2025-11-22"),
        ({"since": "2025-12-01", "until": "2025-01-01"}, "invalid_parameter", "swap them"),
        ({"text": "x" * 5000}, "invalid_parameter", "longer than 200 characters"),
        ({"text": "a\x00b"}, "invalid_parameter", "control character"),
        ({"limit": "0"}, "invalid_parameter", "limit must be at least 1"),
        ({"limit": "100000"}, "invalid_parameter", "limit must be at most 500"),
        ({"offset": "-1"}, "invalid_parameter", "offset must be at least 0"),
        ({"limit": "ten"}, "invalid_parameter", "limit must be a whole number"),
        ({"order": "random()"}, "invalid_parameter", "newest or oldest"),
    ],
)
def test_api_signals_bad_values_are_422_with_a_message(client, params, code, words):
    r = client.get("/api/signals", params=params)
    assert r.status_code == 422, r.text
    err = error_of(r)
    assert err["code"] == code
    assert words in err["message"]


def test_api_signals_unknown_actor_suggests_close_matches(client):
    err = error_of(client.get("/api/signals?actor=Rusia"))
    assert "did you mean" in err["message"] and "RUS" in err["message"]


def test_api_signals_csv_has_the_export_columns_and_every_match(client):
    from offramp.report.export import COLUMN_NAMES

    r = client.get("/api/signals.csv?actor=Russia&limit=1")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == list(COLUMN_NAMES)
    total = client.get("/api/signals?actor=Russia").json()["total"]
    assert len(rows) == total == int(r.headers["x-offramp-total"])  # limit is ignored
    assert r.headers["x-offramp-truncated"] == "false"


def test_api_signals_csv_cells_cannot_start_a_formula(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/signals.csv?doc=hostile-1").text)))
    assert rows
    for row in rows:
        assert row["headline"].startswith("'=HYPERLINK")
        assert float(row["event_intensity"]) < 0  # numbers stay numbers


# -- shifts, actors, dyads ---------------------------------------------------------------------


def test_api_shifts_finds_the_russian_war_aims_shift(client):
    body = client.get("/api/shifts").json()
    hit = [s for s in body["shifts"] if s["actor"] == "RUS" and s["issue"] == "war_aims"]
    assert hit and hit[0]["date"] == "2025-11-22"
    assert hit[0]["before"] < 0 < hit[0]["after"]
    assert hit[0]["evidence_before"] and hit[0]["evidence_after"]
    assert body["count"] == len(body["shifts"])


def test_api_shifts_filters_and_errors(client):
    assert client.get("/api/shifts?actor=Russia&issue=war_aims").json()["count"] >= 1
    assert client.get("/api/shifts?since=2030-01-01").json()["count"] == 0
    assert error_of(client.get("/api/shifts?actor=Atlantis"))["code"] == "E310"
    assert error_of(client.get("/api/shifts?issue=weather"))["code"] == "E311"


def test_api_actor_timeline_per_issue_with_shift(client):
    body = client.get("/api/actors/Russia/timeline").json()
    assert body["actor"]["key"] == "RUS"
    issues = {i["issue"]: i for i in body["issues"]}
    war = issues["war_aims"]
    assert war["periods"] and all(
        {"period", "mean", "count", "evidence"} <= set(p) for p in war["periods"]
    )
    assert [s["date"] for s in war["shifts"]] == ["2025-11-22"]
    one = client.get("/api/actors/RUS/timeline?issue=war_aims&freq=week").json()
    assert [i["issue"] for i in one["issues"]] == ["war_aims"]
    assert one["issues"][0]["periods"][-1]["period"].startswith("2025-W")


def test_api_actor_unknown_is_404_with_suggestions(client):
    r = client.get("/api/actors/Rusia/timeline")
    assert r.status_code == 404
    err = error_of(r)
    assert err["code"] == "E310" and "did you mean" in err["message"]
    assert error_of(client.get("/api/actors/RUS/timeline?issue=weather"))["code"] == "E311"
    assert client.get("/api/actors/RUS/timeline?freq=year").status_code == 422


def test_api_dyad_rows_and_lists(client):
    body = client.get("/api/dyads/Russia/Ukraine").json()
    assert body["a"]["key"] == "RUS" and body["b"]["key"] == "UKR"
    directions = {p["direction"] for p in body["periods"]}
    assert {"RUS→UKR", "both"} <= directions
    assert body["threats"] and all("id" in s for s in body["threats"])
    both = [p for p in body["periods"] if p["direction"] == "both"]
    assert sum(p["threats"] for p in both) == len(body["threats"])
    assert sum(p["refusals"] for p in both) == len(body["refusals"])


def test_api_dyad_errors(client):
    assert error_of(client.get("/api/dyads/RUS/Atlantis"))["code"] == "E310"
    r = client.get("/api/dyads/RUS/Russia")
    assert r.status_code == 422 and "two different actors" in error_of(r)["message"]
    assert client.get("/api/dyads/RUS/UKR?since=yesterday").status_code == 422


# -- documents ---------------------------------------------------------------------------------


def test_api_document_with_signals_and_offsets(client):
    body = client.get("/api/documents/sample-01").json()
    assert body["id"] == "sample-01" and body["signals"]
    for s in body["signals"]:
        assert body["text"][s["start"] : s["end"]] == s["text"]


def test_api_document_ids_with_slashes_and_markup(client):
    from urllib.parse import quote

    doc_id = 'hostile/2 <i>"quoted"</i>'
    body = client.get("/api/documents/" + quote(doc_id, safe="")).json()
    assert body["id"] == doc_id


def test_api_document_unknown_is_404(client):
    r = client.get("/api/documents/no-such-doc")
    assert r.status_code == 404
    assert "no document 'no-such-doc'" in error_of(r)["message"]


def test_api_overview_and_health(client):
    body = client.get("/api/overview").json()
    assert body["documents"] >= 20 and body["signals"] > 50
    assert body["latest_signals"] and body["largest_shifts"] and body["active_dyads"]
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["writable"] is True


def test_api_unknown_path_is_a_json_404(client):
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and error_of(r)["code"] == "not_found"


def test_api_store_missing_is_503_saying_how_to_create_it(tmp_path):
    from .conftest import make_client

    with make_client(tmp_path / "none.duckdb") as c:
        r = c.get("/api/signals")
        assert r.status_code == 503
        assert "offramp ingest" in error_of(r)["message"]
        page = c.get("/")
        assert page.status_code == 503 and "offramp ingest" in page.text


# -- OpenAPI -----------------------------------------------------------------------------------


def test_api_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/signals",
        "/api/signals.csv",
        "/api/shifts",
        "/api/actors/{code}/timeline",
        "/api/dyads/{a}/{b}",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/scenarios",
        "/api/scenarios/board",
    ):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/signals"]["get"]["parameters"]}
    assert params == {
        "actor",
        "target",
        "type",
        "issue",
        "since",
        "until",
        "text",
        "doc",
        "limit",
        "offset",
        "order",
    }
    assert paths["/api/documents"]["post"]["security"]
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


def test_api_docs_page_loads_swagger_from_this_server(client):
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle-5.35.0.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    js = client.get("/static/vendor/swagger-ui-bundle-5.35.0.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert client.get("/api", follow_redirects=False).headers["location"] == "/docs"
