"""The web layer's small parts: highlighting, charts, links, the read gate, settings."""

from __future__ import annotations

import datetime as _dt
import json
import os

import pytest

from offramp.web.highlight import pieces


def test_highlight_a_lone_span_is_one_piece_with_exactly_its_text():
    text = "Kyiv agreed. Moscow refused. Talks end."
    out = pieces(text, [(13, 28, "b")])
    marked = [p for p in out if p.signals]
    assert [(p.text, p.signals) for p in marked] == [("Moscow refused.", ("b",))]
    assert "".join(p.text for p in out) == text


def test_highlight_overlapping_spans_are_cut_at_every_boundary():
    text = "abcdefghij"
    out = pieces(text, [(0, 6, "x"), (3, 9, "y"), (3, 9, "z")])
    assert [(p.text, p.signals) for p in out] == [
        ("abc", ("x",)),
        ("def", ("x", "y", "z")),
        ("ghi", ("y", "z")),
        ("j", ()),
    ]


def test_highlight_ignores_offsets_outside_the_text():
    assert [p.signals for p in pieces("short", [(2, 99, "a"), (3, 3, "b"), (-1, 2, "c")])] == [()]


def test_charts_stance_chart_draws_periods_and_shift_markers():
    from offramp.analysis.shifts import DetectedShift
    from offramp.analysis.timelines import TimelinePeriod
    from offramp.records import Shift
    from offramp.web.charts import stance_chart

    periods = [
        TimelinePeriod("earlier", None, -1.0, 1),
        TimelinePeriod("2025-06", _dt.date(2025, 6, 1), -1.0, 2),
        TimelinePeriod("2025-11", _dt.date(2025, 11, 1), 0.5, 3),
    ]
    shift = DetectedShift(Shift("RUS", "war_aims", "2025-11-22", -1.0, 0.5, score=0.97), 30.0, 3, 3)
    c = stance_chart(periods, [shift], actor="RUS", issue="war_aims")
    assert c.series[0].path.startswith("M ") and c.series[0].path.count("L") == 1
    assert len(c.series[0].dots) == 3
    assert [m.label for m in c.markers] == ["shift 2025-11-22"]
    june, nov = c.series[0].dots[1], c.series[0].dots[2]
    assert nov.y < june.y  # +0.5 is drawn above -1
    assert c.left <= june.x < c.markers[0].x <= c.right
    assert c.x_ticks[0].label == "earlier"


def test_charts_dyad_chart_has_lines_per_direction_and_count_bars():
    from offramp.analysis.escalation import DyadPeriod
    from offramp.web.charts import dyad_chart

    def row(label, day, direction, index, threats=0, attacks=0):
        return DyadPeriod(label, day, direction, 2, index, -index * 5, threats, 0, 0, attacks)

    d1, d2 = _dt.date(2025, 10, 1), _dt.date(2025, 11, 1)
    rows = [
        row("2025-10", d1, "RUS→UKR", 1.2, threats=1, attacks=1),
        row("2025-10", d1, "UKR→RUS", 0.4),
        row("2025-10", d1, "both", 1.6, threats=1, attacks=1),
        row("2025-11", d2, "RUS→UKR", 0.2, threats=2),
        row("2025-11", d2, "both", 0.2, threats=2),
    ]
    c = dyad_chart(rows, a="RUS", b="UKR")
    assert [s.name for s in c.series] == ["RUS→UKR", "UKR→RUS"]
    assert {b.css for b in c.bars} == {"threats", "attacks"}
    assert all(b.height > 0 for b in c.bars)
    assert dyad_chart([], a="RUS", b="UKR").empty


def test_charts_labels_are_escaped_when_drawn():
    from offramp.analysis.timelines import TimelinePeriod
    from offramp.web.charts import stance_chart
    from offramp.web.templating import make_environment

    chart = stance_chart(
        [TimelinePeriod("2025-06", _dt.date(2025, 6, 1), 1.0, 1)],
        [],
        actor="<script>alert(1)</script>",
        issue="<b>x</b>",
    )
    env = make_environment()
    html = env.from_string(
        '{% from "_charts.html" import stance_chart %}{{ stance_chart(c, "t") }}'
    ).render(c=chart)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    assert "<svg" in html and "<path" in html


def test_templating_links_only_for_http_urls():
    from offramp.web.templating import doc_url, safe_link

    assert safe_link("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil",
        "",
        None,
    ):
        assert safe_link(bad) is None
    assert doc_url('a/b <c>"') == "/documents/a%2Fb%20%3Cc%3E%22"


def test_templating_autoescape_is_on_for_every_template():
    from offramp.web.templating import make_environment

    env = make_environment()
    assert env.from_string("{{ x }}").render(x="<i>") == "&lt;i&gt;"


def test_gate_ingest_running_reads_the_lock_note_without_locking(tmp_path):
    from offramp.store.lock import IngestLock, lock_path
    from offramp.web.gate import ingest_running

    db = tmp_path / "s.duckdb"
    assert not ingest_running(db)
    with IngestLock(db):
        assert ingest_running(db)
    assert not ingest_running(db)
    lock_path(db).write_text(json.dumps({"pid": 2**22 + 12345}))  # a crashed ingest's note
    assert not ingest_running(db)
    lock_path(db).write_text(json.dumps({"pid": os.getpid()}))
    assert ingest_running(db)


def test_gate_keeps_the_file_open_while_busy_and_lets_go_when_idle(web_db):
    import time

    from offramp.web.gate import StoreReader

    reader = StoreReader(web_db, keep_open_seconds=0.3)
    try:
        with reader.reading() as store:
            assert store.stats().documents > 0
        assert reader.holding
        time.sleep(1.0)
        assert not reader.holding
    finally:
        reader.close()


def test_gate_lets_go_of_the_file_when_an_ingest_starts(web_db):
    import time

    from offramp.store.lock import IngestLock
    from offramp.web.gate import StoreReader

    reader = StoreReader(web_db, keep_open_seconds=60)
    try:
        with reader.reading():
            pass
        assert reader.holding
        with IngestLock(web_db):
            time.sleep(0.8)
            assert not reader.holding
            with reader.reading() as store:  # reads still work, without a kept connection
                assert store.stats().signals > 0
            assert not reader.holding
    finally:
        reader.close()


def test_settings_table_lists_every_limit():
    from offramp.web.settings import SETTINGS, settings_markdown

    md = settings_markdown()
    assert all(f"`{s.name}`" in md for s in SETTINGS)


@pytest.mark.parametrize("name", ["max_upload_bytes", "max_page_size", "max_filter_chars"])
def test_settings_are_documented_in_web_md(name):
    from ..conftest import ROOT

    assert f"`{name}`" in (ROOT / "docs" / "WEB.md").read_text()
