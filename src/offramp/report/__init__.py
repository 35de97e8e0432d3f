"""Reports from the store: exports of signals (:mod:`.export`), analyst briefs (:mod:`.brief`)
and their charts (:mod:`.charts`). Only the exports are imported here, so commands that do
not draw stay fast."""

from offramp.report.export import COLUMNS, FORMATS, export_rows, export_signals

__all__ = ["COLUMNS", "FORMATS", "export_rows", "export_signals"]
