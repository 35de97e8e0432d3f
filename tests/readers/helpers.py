"""Small helpers shared by the reader tests (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import json
from typing import Any

from offramp.readers import ReadReport


def jsonl(*records: Any) -> str:
    """JSON Lines text: dicts are dumped, strings are taken as raw lines."""
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def where_codes(report: ReadReport) -> list[tuple[str, str]]:
    """(where, code) of each problem, the shape most assertions need."""
    return [(p.where, p.code) for p in report.problems]


def only_problem(report: ReadReport):
    """The single problem in ``report`` (fails the test if there is not exactly one)."""
    assert len(report.problems) == 1, [str(p) for p in report.problems]
    return report.problems[0]
