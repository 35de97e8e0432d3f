"""The scenario board page and API.

Scoring lives in ``offramp.analysis.scenarios`` (another branch). Two kinds of test here:

* **Contract tests** put a test double of that module's interface in place
  (``default_board``, ``load_board``, ``score_board`` returning an object whose
  ``to_dict()`` has the agreed shape) and check the page, the API, board editing, CSRF and
  escaping. The double lives only in this file; it does not score anything.
* **Real-module tests** run only when ``offramp.analysis.scenarios`` is installed.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
import types
from pathlib import Path

import pytest

from .conftest import TOKEN, make_client

HAS_SCENARIOS = importlib.util.find_spec("offramp.analysis.scenarios") is not None
AUTH = {"Authorization": f"Bearer {TOKEN}"}

BOARD = """
question = "How does the war in Ukraine end within a year?"

[[scenarios]]
name = "Negotiated ceasefire"
description = "Both sides accept talks and a ceasefire line."

[[scenarios]]
name = "War of attrition"
description = "Fighting continues <b>without</b> talks."
"""


class FakeScore:
    def __init__(self, board, as_of):
        self.board, self.as_of = board, as_of

    def to_dict(self):
        names = [s["name"] for s in self.board["scenarios"]]
        evidence = {
            "doc_id": "hostile-1",
            "start": 0,
            "end": 106,
            "date": "2025-11-20",
            "text": "Russia threatened to strike Kyiv <script>window.__pwned='board'</script> unless talks resumed.",
            "source": "RUSGOV",
            "event_type": "THREATEN",
            "stance": {"escalation": 1.0},
            "weight": 1.0,
            "diagnosticity": 0.8,
            "consistent_with": names[1:],
            "inconsistent_with": names[:1],
        }
        return {
            "question": self.board["question"],
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "scenarios": [
                {
                    "name": name,
                    "description": s.get("description", ""),
                    "rank": rank,
                    "score": 0.7 if rank == 1 else 0.3,
                    "consistency": 2.0,
                    "inconsistency": 0.5,
                    "evidence": [evidence],
                }
                for rank, (name, s) in enumerate(
                    zip(names, self.board["scenarios"], strict=True), 1
                )
            ],
            "sensitivity": {"most_influential": "hostile-1:0-106", "rank_stable": True},
            "history": [{"as_of": "2025-11-01", "scores": {names[0]: 0.4}}],
        }


def fake_module():
    from offramp.errors import ConfigError

    def load_board(path):
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"invalid TOML ({err})", where=str(path), code="E290") from None
        if "question" not in data or not data.get("scenarios"):
            raise ConfigError(
                "a board needs a question and scenarios", where=str(path), code="E291"
            )
        return data

    module = types.ModuleType("offramp.analysis.scenarios")
    module.default_board = lambda: tomllib.loads(BOARD)
    module.load_board = load_board
    module.score_board = lambda store, board, *, as_of=None: FakeScore(board, as_of)
    return module


@pytest.fixture
def contract(monkeypatch, web_db, tmp_path):
    import offramp.analysis

    module = fake_module()
    monkeypatch.setitem(sys.modules, "offramp.analysis.scenarios", module)
    monkeypatch.setattr(offramp.analysis, "scenarios", module, raising=False)
    with make_client(web_db, boards_dir=tmp_path / "boards") as c:
        c.boards_dir = tmp_path / "boards"
        yield c


def test_scenarios_contract_api_returns_the_scored_board(contract):
    body = contract.get("/api/scenarios?as_of=2025-11-30").json()
    assert body["question"].startswith("How does the war")
    assert body["as_of"] == "2025-11-30" and body["custom_board"] is False
    assert [s["rank"] for s in body["scenarios"]] == [1, 2]
    assert contract.get("/api/scenarios?as_of=soon").status_code == 422


def test_scenarios_contract_page_ranks_and_escapes(contract):
    r = contract.get("/scenarios")
    assert r.status_code == 200
    html = r.text
    assert "#1</span> Negotiated ceasefire" in html
    assert "&lt;script&gt;window.__pwned=&#39;board&#39;&lt;/script&gt;" in html
    assert "<script>window" not in html and "<b>without</b>" not in html
    assert 'href="/documents/hostile-1?at=0#at-0"' in html
    assert "How sensitive is the ranking" in html and "History" in html


def test_scenarios_contract_board_upload_needs_the_token_and_a_valid_board(contract):
    assert contract.put("/api/scenarios/board", content=BOARD).status_code == 401
    bad = contract.put("/api/scenarios/board", content="question = 'x'", headers=AUTH)
    assert bad.status_code == 422 and "cannot be used" in bad.json()["error"]["message"]
    broken = contract.put("/api/scenarios/board", content="[[[", headers=AUTH)
    assert broken.status_code == 422
    assert not (contract.boards_dir / "board.toml").exists()
    new = BOARD.replace("within a year", "by <i>summer</i>")
    ok = contract.put("/api/scenarios/board", content=new, headers=AUTH)
    assert ok.status_code == 200
    assert contract.get("/api/scenarios/board").text == new
    body = contract.get("/api/scenarios").json()
    assert body["custom_board"] is True and "by <i>summer</i>" in body["question"]
    assert "by &lt;i&gt;summer&lt;/i&gt;" in contract.get("/scenarios").text
    assert contract.delete("/api/scenarios/board", headers=AUTH).status_code == 200
    assert contract.get("/api/scenarios").json()["custom_board"] is False
    assert contract.get("/api/scenarios/board").status_code == 404


def test_scenarios_contract_board_form_needs_csrf_and_token(contract):
    from offramp.web.security import CSRF_COOKIE

    page = contract.get("/scenarios")
    csrf = contract.cookies.get(CSRF_COOKIE)
    assert f'value="{csrf}"' in page.text
    r = contract.post("/scenarios/board", data={"board": BOARD, "token": TOKEN})
    assert r.status_code == 403
    r = contract.post(
        "/scenarios/board",
        data={"board": BOARD, "token": "nope-nope-nope-nope", "csrf_token": csrf},
    )
    assert r.status_code == 401
    r = contract.post(
        "/scenarios/board",
        data={"board": BOARD, "token": TOKEN, "csrf_token": csrf, "action": "save"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/scenarios?saved=1"
    assert (contract.boards_dir / "board.toml").read_text() == BOARD


def test_scenarios_board_file_name_never_comes_from_the_request(contract):
    r = contract.put("/api/scenarios/board?name=../../evil", content=BOARD, headers=AUTH)
    assert r.status_code == 200
    assert [p.name for p in contract.boards_dir.iterdir()] == ["board.toml"]


@pytest.mark.skipif(HAS_SCENARIOS, reason="offramp.analysis.scenarios is installed")
def test_scenarios_without_the_scoring_module_say_so(client):
    r = client.get("/api/scenarios")
    assert r.status_code == 501
    assert "offramp.analysis.scenarios is missing" in r.json()["error"]["message"]
    page = client.get("/scenarios")
    assert page.status_code == 501 and "scenario scoring is not part of this" in page.text


@pytest.mark.skipif(not HAS_SCENARIOS, reason="needs offramp.analysis.scenarios (branch scenarios)")
def test_scenarios_real_module_scores_the_default_board(client):
    body = client.get("/api/scenarios").json()
    assert body["question"] and body["scenarios"]
    assert [s["rank"] for s in body["scenarios"]] == sorted(s["rank"] for s in body["scenarios"])
    for s in body["scenarios"]:
        assert {"name", "rank", "score", "consistency", "inconsistency", "evidence"} <= set(s)
        for e in s["evidence"]:
            assert {"doc_id", "start", "end", "text"} <= set(e)
    page = client.get("/scenarios")
    assert page.status_code == 200 and body["scenarios"][0]["name"] in page.text


@pytest.mark.skipif(not HAS_SCENARIOS, reason="needs offramp.analysis.scenarios (branch scenarios)")
def test_scenarios_real_module_refuses_a_broken_board(client):
    r = client.put("/api/scenarios/board", content="[[[", headers=AUTH)
    assert r.status_code == 422
