"""The scenario board page and API, scored by the real ``offramp.analysis.scenarios``.

Every test runs the app against the web store (``web_db``: the sample corpus, the two
hostile documents of ``hostile.jsonl`` and, when ../shared has it, the founding article)
with its own boards directory. The boards are real TOML boards, checked by the real
loader: the built-in default, a small board whose question and descriptions carry markup,
and broken ones the loader refuses.
"""

from __future__ import annotations

import datetime as _dt
import json
import re

import pytest

from .conftest import TOKEN, make_client

AUTH = {"Authorization": f"Bearer {TOKEN}"}
AS_OF = "2025-11-30"

#: Two scenarios that read Russia's stances on talks and on escalation, and Hamas's on
#: talks, in opposite directions: the hostile documents bear on all three indicators.
#: The question and a description carry markup that must come out as text.
BOARD = """question = "How does the war in Ukraine end <i>within</i> a year?"

[[scenarios]]
name = "Negotiated ceasefire"
description = "Both sides accept talks and a ceasefire line."

[[scenarios]]
name = "War of attrition"
description = "Fighting continues <b>without</b> talks <script>window.__pwned='board'</script>."

[[indicators]]
id = "rus_talks"
actor = "RUS"
issue = "negotiation"
expect = { "Negotiated ceasefire" = "+", "War of attrition" = "-" }

[[indicators]]
id = "rus_force"
actor = "RUS"
issue = "escalation"
expect = { "Negotiated ceasefire" = "-", "War of attrition" = "+" }

[[indicators]]
id = "hamas_talks"
actor = "Hamas"
issue = "negotiation"
expect = { "Negotiated ceasefire" = "+", "War of attrition" = "-" }
"""

#: Boards the loader refuses, with a word of the message that says why.
INVALID_BOARDS = [
    ("question = 'x'", "scenarios is missing"),
    ("[[[", "not valid TOML"),
    (
        'question = "q"\n[[scenarios]]\nname = "only one"\n'
        '[[indicators]]\nid = "i"\nactor = "RUS"\nissue = "negotiation"\n'
        'expect = { "only one" = "+" }\n',
        "at least two scenarios",
    ),
    ('question = "q"\n[[scenarios]]\nname = "a"\n[[scenarios]]\nname = "b"\n', "indicators"),
    (BOARD.replace('actor = "RUS"', 'actor = "Atlantis"', 1), "Atlantis"),
]

RANK = re.compile(r'<span class="rank">#(\d+)</span> ([^<]*)</h3>')


@pytest.fixture
def boards(tmp_path):
    """The boards directory of the app under test (empty: the default board is in use)."""
    return tmp_path / "boards"


@pytest.fixture
def app(web_db, boards):
    with make_client(web_db, boards_dir=boards) as c:
        yield c


def upload(app, text: str) -> None:
    r = app.put("/api/scenarios/board", content=text.encode("utf-8"), headers=AUTH)
    assert r.status_code == 200, r.text


def scored(web_db, board, as_of: str | None) -> dict:
    """What ``offramp.analysis.scenarios`` makes of ``board``, read straight from the store."""
    from offramp.analysis.scenarios import score_board
    from offramp.store import Store

    day = _dt.date.fromisoformat(as_of) if as_of else None
    return json.loads(json.dumps(score_board(Store.open(web_db), board, as_of=day).to_dict()))


def ranked_on_page(html: str) -> list[tuple[int, str]]:
    return [(int(rank), name) for rank, name in RANK.findall(html)]


def test_scenarios_api_returns_the_scored_board(app, web_db):
    from offramp.analysis.scenarios import default_board
    from offramp.store import Store

    board = default_board()
    r = app.get(f"/api/scenarios?as_of={AS_OF}")
    assert r.status_code == 200
    body = r.json()
    assert body.pop("custom_board") is False
    assert body == scored(web_db, board, AS_OF)
    assert body["question"] == board.question and body["as_of"] == AS_OF
    ranks = [s["rank"] for s in body["scenarios"]]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    assert sorted(s["name"] for s in body["scenarios"]) == sorted(board.names)
    evidence = [e for s in body["scenarios"] for e in s["evidence"]]
    assert evidence, "the sample corpus bears on the default board"
    for e in evidence:
        assert {"doc_id", "start", "end", "text", "date", "weight", "diagnosticity"} <= set(e)
        assert e["when"] <= AS_OF  # only what had been published by then
    latest = app.get("/api/scenarios").json()
    assert latest["as_of"] == Store.open(web_db).stats().last_date.isoformat()
    for bad in ("soon", "2025-02-30"):
        r = app.get(f"/api/scenarios?as_of={bad}")
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_parameter"


def test_scenarios_page_ranks_and_escapes(app):
    from markupsafe import escape

    upload(app, BOARD)
    body = app.get(f"/api/scenarios?as_of={AS_OF}").json()
    assert body["custom_board"] is True
    # The hostile document's first sentence is a Russian threat: evidence on the board.
    hostile = [e for s in body["scenarios"] for e in s["evidence"] if e["doc_id"] == "hostile-1"]
    assert any("<script>window.__pwned='text'" in e["text"] for e in hostile), hostile
    assert any(e["start"] == 0 for e in hostile)

    r = app.get(f"/scenarios?as_of={AS_OF}")
    assert r.status_code == 200
    html = r.text
    ranks = ranked_on_page(html)
    assert ranks == [(s["rank"], s["name"]) for s in body["scenarios"]]
    assert len(ranks) == 2 and ranks[0][0] == 1
    assert "How does the war in Ukraine end &lt;i&gt;within&lt;/i&gt; a year?" in html
    assert "Fighting continues &lt;b&gt;without&lt;/b&gt; talks &lt;script&gt;" in html
    assert "&lt;script&gt;window.__pwned=&#39;text&#39;;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    for e in hostile:
        assert str(escape(e["text"])) in html
    for raw in ("<script>window", "<b>without</b>", "<i>within</i>", "<img src=x", "<svg onload"):
        assert raw not in html, raw
    assert 'href="/documents/hostile-1?at=0#at-0"' in html
    assert "How sensitive is the ranking" in html and "History" in html


def test_scenarios_page_quotes_a_hostile_document_id_in_evidence_links(app):
    upload(app, BOARD)
    body = app.get(f"/api/scenarios?as_of={AS_OF}").json()
    ids = {e["doc_id"] for s in body["scenarios"] for e in s["evidence"]}
    assert 'hostile/2 <i>"quoted"</i>' in ids  # Hamas ready to accept a ceasefire
    html = app.get(f"/scenarios?as_of={AS_OF}").text
    assert 'href="/documents/hostile%2F2%20%3Ci%3E%22quoted%22%3C%2Fi%3E?at=0#at-0"' in html
    assert '<i>"quoted"</i>' not in html


def test_scenarios_board_upload_needs_the_token_and_a_valid_board(app, boards):
    assert app.put("/api/scenarios/board", content=BOARD).status_code == 401
    wrong = {"Authorization": "Bearer nope-nope-nope-nope"}
    assert app.put("/api/scenarios/board", content=BOARD, headers=wrong).status_code == 401
    for text, why in INVALID_BOARDS:
        bad = app.put("/api/scenarios/board", content=text, headers=AUTH)
        assert bad.status_code == 422, text
        message = bad.json()["error"]["message"]
        assert "cannot be used" in message and why in message, message
        assert str(boards) not in message  # the server's paths stay on the server
    assert not (boards / "board.toml").exists()
    assert list(boards.iterdir()) == []  # no temporary file left behind
    assert app.get("/api/scenarios/board").status_code == 404
    assert app.get("/api/scenarios").json()["custom_board"] is False

    new = BOARD.replace("<i>within</i> a year", "by <i>summer</i>")
    assert new != BOARD
    upload(app, new)
    assert app.get("/api/scenarios/board").text == new
    body = app.get("/api/scenarios").json()
    assert body["custom_board"] is True
    assert body["question"] == "How does the war in Ukraine end by <i>summer</i>?"
    assert {s["name"] for s in body["scenarios"]} == {"Negotiated ceasefire", "War of attrition"}
    assert "by &lt;i&gt;summer&lt;/i&gt;" in app.get("/scenarios").text

    # A refused board leaves the one in use alone.
    assert app.put("/api/scenarios/board", content="[[[", headers=AUTH).status_code == 422
    assert app.get("/api/scenarios/board").text == new

    assert app.delete("/api/scenarios/board").status_code == 401
    assert app.get("/api/scenarios").json()["custom_board"] is True
    assert app.delete("/api/scenarios/board", headers=AUTH).status_code == 200
    body = app.get("/api/scenarios").json()
    assert body["custom_board"] is False and body["question"].startswith("Where is Russia's war")
    assert app.get("/api/scenarios/board").status_code == 404


def test_scenarios_board_form_needs_csrf_and_token(app, boards):
    from offramp.web.security import CSRF_COOKIE

    page = app.get("/scenarios")
    csrf = app.cookies.get(CSRF_COOKIE)
    assert f'value="{csrf}"' in page.text
    r = app.post("/scenarios/board", data={"board": BOARD, "token": TOKEN})
    assert r.status_code == 403
    r = app.post(
        "/scenarios/board",
        data={"board": BOARD, "token": "nope-nope-nope-nope", "csrf_token": csrf},
    )
    assert r.status_code == 401
    assert not (boards / "board.toml").exists()
    r = app.post(
        "/scenarios/board",
        data={"board": "[[[ <b>x</b>", "token": TOKEN, "csrf_token": csrf, "action": "save"},
    )
    assert r.status_code == 422 and "this board cannot be used" in r.text
    assert "[[[ &lt;b&gt;x&lt;/b&gt;</textarea>" in r.text  # the text is kept, as text
    assert not (boards / "board.toml").exists()
    r = app.post(
        "/scenarios/board",
        data={"board": BOARD, "token": TOKEN, "csrf_token": csrf, "action": "save"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/scenarios?saved=1"
    assert (boards / "board.toml").read_text(encoding="utf-8") == BOARD
    assert app.get("/api/scenarios").json()["custom_board"] is True
    saved = app.get("/scenarios?saved=1").text
    assert "The board was saved." in saved and "#1</span>" in saved
    r = app.post(
        "/scenarios/board",
        data={"token": TOKEN, "csrf_token": csrf, "action": "reset"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and not (boards / "board.toml").exists()


def test_scenarios_board_file_name_never_comes_from_the_request(app, boards, tmp_path):
    r = app.put("/api/scenarios/board?name=../../evil", content=BOARD, headers=AUTH)
    assert r.status_code == 200
    assert [p.name for p in boards.iterdir()] == ["board.toml"]

    from offramp.web.security import CSRF_COOKIE

    app.get("/scenarios")
    csrf = app.cookies.get(CSRF_COOKIE)
    other = BOARD.replace("<i>within</i> a year", "by spring")
    assert other != BOARD
    r = app.post(
        "/scenarios/board",
        data={"token": TOKEN, "csrf_token": csrf, "action": "save"},
        files={"file": ("../../evil.toml", other.encode("utf-8"), "application/toml")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert [p.name for p in boards.iterdir()] == ["board.toml"]
    assert (boards / "board.toml").read_text(encoding="utf-8") == other
    for where in (tmp_path, tmp_path.parent):
        assert not list(where.glob("evil*")), list(where.glob("evil*"))
