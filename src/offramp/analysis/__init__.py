"""Analysis over stored signals: stance timelines, narrative shifts, dyad escalation and
scenario boards.

Pure functions over lists of :class:`~offramp.store.StancePoint` or
:class:`~offramp.records.Signal`, so they run the same on a store's reads and on
records built by hand in a test.
"""

from offramp.analysis.actors import ActorMatch, resolve_actor, resolve_issue
from offramp.analysis.escalation import DyadPeriod, dyad_escalation
from offramp.analysis.scenarios import (
    Board,
    BoardScore,
    Indicator,
    Scenario,
    default_board,
    load_board,
    score_board,
)
from offramp.analysis.shifts import DetectedShift, ShiftParams, detect_shifts, find_shifts
from offramp.analysis.statements import Statement, own_statements, stance_points
from offramp.analysis.timelines import FREQUENCIES, TimelinePeriod, stance_timeline

__all__ = [
    "FREQUENCIES",
    "ActorMatch",
    "Board",
    "BoardScore",
    "DetectedShift",
    "DyadPeriod",
    "Indicator",
    "Scenario",
    "ShiftParams",
    "Statement",
    "TimelinePeriod",
    "default_board",
    "detect_shifts",
    "dyad_escalation",
    "find_shifts",
    "load_board",
    "own_statements",
    "resolve_actor",
    "resolve_issue",
    "score_board",
    "stance_points",
    "stance_timeline",
]
