"""Charts are real PNG images, drawn offline and the same every time."""

from __future__ import annotations

import datetime as dt

from offramp.analysis.escalation import DyadPeriod
from offramp.analysis.scenarios import HistoryPoint
from offramp.analysis.statements import Statement
from offramp.analysis.timelines import TimelinePeriod
from offramp.report.charts import PNG_SIGNATURE, dyad_chart, history_chart, stance_chart


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_charts_stance_dyad_history_are_deterministic_pngs():
    day = dt.date(2025, 11, 22)
    periods = [
        TimelinePeriod("2025-11", dt.date(2025, 11, 1), 0.5, 2, (
            Statement(day, 1.0, False, "d", 0), Statement(day, -1.0, True, "d", 9),
        )),
    ]  # fmt: skip
    dyad = [DyadPeriod("2025-11", dt.date(2025, 11, 1), "RUS→UKR", 1, 0.58, -5.8, 1, 0, 0, 0)]
    history = [
        HistoryPoint(day, "a", 1, {"a": 1.0, "b": 0.2}, {"a": 0.0, "b": 0.8}, {"a": 1, "b": 2})
    ]
    for draw in (
        lambda: stance_chart(periods, actor="Russia", issue="war_aims"),
        lambda: dyad_chart(dyad, "RUS", "UKR"),
        lambda: history_chart(history, ["a", "b"]),
    ):
        png = draw()
        width, height = png_size(png)
        assert width > 600 and height > 200 and len(png) > 5000
        assert draw() == png  # deterministic: no timestamps


def test_charts_empty_inputs_still_draw():
    assert png_size(stance_chart([], actor="Russia", issue="negotiation"))[0] > 600
    assert png_size(dyad_chart([], "RUS", "UKR"))[0] > 600
