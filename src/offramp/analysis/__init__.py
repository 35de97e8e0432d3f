"""Analysis over stored signals: stance timelines, narrative shifts, dyad escalation.

Pure functions over lists of :class:`~offramp.store.StancePoint` or
:class:`~offramp.records.Signal`, so they run the same on a store's reads and on
records built by hand in a test.
"""

from offramp.analysis.actors import ActorMatch, resolve_actor, resolve_issue
from offramp.analysis.escalation import DyadPeriod, dyad_escalation
from offramp.analysis.shifts import DetectedShift, ShiftParams, detect_shifts, find_shifts
from offramp.analysis.statements import Statement, own_statements, stance_points
from offramp.analysis.timelines import FREQUENCIES, TimelinePeriod, stance_timeline

__all__ = [
    "FREQUENCIES",
    "ActorMatch",
    "DetectedShift",
    "DyadPeriod",
    "ShiftParams",
    "Statement",
    "TimelinePeriod",
    "detect_shifts",
    "dyad_escalation",
    "find_shifts",
    "own_statements",
    "resolve_actor",
    "resolve_issue",
    "stance_points",
    "stance_timeline",
]
