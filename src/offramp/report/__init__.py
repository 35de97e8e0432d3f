"""Reports from the store: exports of signals (briefs and charts come later)."""

from offramp.report.export import COLUMNS, FORMATS, export_rows, export_signals

__all__ = ["COLUMNS", "FORMATS", "export_rows", "export_signals"]
