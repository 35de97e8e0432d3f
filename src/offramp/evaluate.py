"""Measure extraction against a gold file with the project's own scorer.

``offramp eval`` codes the documents of a gold file (``../shared/eval/dev.jsonl`` format),
scores the records with the evaluation scorer (``score.py``, loaded from where it lives so
that the figures are exactly the scorer's), and adds what a developer needs to improve
the extractor: a confusion matrix of event types over matched items and the worst misses
with their evidence.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from offramp.errors import UsageError
from offramp.extract.coder import Coder
from offramp.records import EVENT_TYPES, Document

#: Where the scorer is looked for when no path is given (a checkout with ../shared beside it).
SCORER_CANDIDATES = ("../shared/eval/score.py", "shared/eval/score.py")

#: The headline figures and the bars the accuracy issue sets for them.
BARS: dict[str, float] = {
    "event_detection_f1": 0.80,
    "event_type_acc": 0.85,
    "source_acc": 0.85,
    "source_country_acc": 0.90,
    "target_acc": 0.75,
    "negated_acc": 0.95,
    "condition_f1": 0.80,
    "condition_actor_acc": 0.80,
    "alternative_f1": 0.75,
    "stance_sign_acc": 0.85,
    "stance_recall": 0.70,
    "attribution_rate": 0.95,
}

_COMPARED = ("source", "target", "event_type", "negated", "hypothetical", "speaker")


@dataclass
class Miss:
    """A gold item the extractor got wrong, with what it produced instead."""

    doc_id: str
    span: str
    gold: dict[str, Any]
    predicted: dict[str, Any] | None
    wrong: list[str]
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "span": self.span,
            "wrong": self.wrong,
            "gold": self.gold,
            "predicted": self.predicted,
            "evidence": self.evidence,
        }


@dataclass
class EvalResult:
    figures: dict[str, Any]
    confusion: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    predictions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "figures": self.figures,
            "bars": {
                k: {"bar": v, "value": self.figures.get(k), "met": _met(self.figures.get(k), v)}
                for k, v in BARS.items()
            },
            "confusion": {g: dict(c) for g, c in self.confusion.items()},
            "misses": [m.to_dict() for m in self.misses],
            "unmatched_predictions": self.extra,
            "documents": self.documents,
            "predictions": self.predictions,
        }


def find_scorer(path: str | None = None) -> Path:
    """The scorer's path: the one given, ``OFFRAMP_SCORER``, or ../shared/eval/score.py."""
    candidates = [path] if path else [os.environ.get("OFFRAMP_SCORER"), *SCORER_CANDIDATES]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    where = path or " or ".join(SCORER_CANDIDATES)
    raise UsageError(
        f"the evaluation scorer was not found at {where}; pass --scorer PATH/TO/score.py"
    )


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("offramp_scorer", path)
    if spec is None or spec.loader is None:
        raise UsageError(f"{path} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(
    gold_path: str | Path, *, coder: Coder, scorer_path: str | None = None, worst: int = 25
) -> EvalResult:
    """Code the gold file's documents, score them, and collect the confusion and misses."""
    scorer = load_scorer(find_scorer(scorer_path))
    try:
        docs = scorer.load_signal_gold(str(gold_path))
    except scorer.InputError as err:
        raise UsageError(f"cannot use {gold_path} as a gold file: {err}") from None
    documents = [
        Document(
            id=d["id"],
            text=d["text"],
            published=d["published"].isoformat() if d["published"] else None,
        )
        for d in docs
    ]
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(tmp) / "pred.jsonl"
        n = 0
        with pred_path.open("w", encoding="utf-8") as out:
            for _, signals in coder.iter_code(documents):
                for s in signals:
                    out.write(s.to_json() + "\n")
                    n += 1
        by_id = {d["id"]: d for d in docs}
        preds, _stats = scorer.load_signal_predictions(str(pred_path), by_id)
    figures = scorer.score_signals(docs, preds)
    result = EvalResult(figures=figures, documents=len(docs), predictions=n)
    _analyse(scorer, docs, preds, result, worst)
    return result


def _analyse(
    scorer: ModuleType,
    docs: list[dict],
    preds: dict[str, list[dict]],
    result: EvalResult,
    worst: int,
) -> None:
    confusion: dict[str, Counter[str]] = {t: Counter() for t in (*EVENT_TYPES, "(none)")}
    misses: list[Miss] = []
    for d in docs:
        items, ps = d["items"], preds.get(d["id"], [])
        g2p = scorer.match_doc(items, ps)
        used = set(g2p.values())
        for gi, g in enumerate(items):
            if g["optional"]:
                continue
            p = ps[g2p[gi]] if gi in g2p else None
            if g["event_type"] or (p is not None and p["event_type"]):
                confusion[g["event_type"] or "(none)"][
                    (p["event_type"] or "(none)") if p else "(missed)"
                ] += 1
            wrong = _wrong_fields(g, p)
            if wrong:
                misses.append(
                    Miss(
                        d["id"],
                        g["span"],
                        _brief(g),
                        _brief(p) if p else None,
                        wrong,
                        (p["evidence"] if p else _sentence_of(d["text"], g["span"]))[:300],
                    )
                )
        for pi, p in enumerate(ps):
            if pi not in used and p["event_type"]:
                result.extra.append(
                    {"doc_id": d["id"], **_brief(p), "evidence": (p["evidence"] or "")[:300]}
                )
    misses.sort(key=lambda m: (-(m.predicted is None) * 10 - len(m.wrong), m.doc_id))
    result.confusion = {k: v for k, v in confusion.items() if v}
    result.misses = misses[:worst]


def _wrong_fields(g: dict, p: dict | None) -> list[str]:
    if p is None:
        return ["missed"]
    if g["attributed_by"]:
        out = [k for k in ("source",) if g[k] != p[k]]
        if not p["attributed_by"]:
            out.append("attributed_by")
        if p["event_type"]:
            out.append("event_type (commentary must not be an event)")
        return out
    out = [k for k in _COMPARED if g[k] != p[k]]
    if (g["condition"] is None) != (p["condition"] is None):
        out.append("condition")
    elif g["condition"] and g["condition"]["actor"] != p["condition"]["actor"]:
        out.append("condition.actor")
    if (g["alternative"] is None) != (p["alternative"] is None):
        out.append("alternative")
    signs = {k: (v > 0) - (v < 0) for k, v in g["stances"].items()}
    psigns = {k: (v > 0) - (v < 0) for k, v in p["stances"].items()}
    if signs != psigns:
        out.append("stances")
    return out


def _brief(x: dict) -> dict[str, Any]:
    return {
        "source": x["source"],
        "target": x["target"],
        "event_type": x["event_type"],
        "negated": x["negated"],
        "hypothetical": x["hypothetical"],
        "speaker": x["speaker"],
        "condition": x["condition"]["actor"] if x["condition"] else None,
        "alternative": x["alternative"]["event_type"] if x["alternative"] else None,
        "stances": x["stances"],
        "attributed_by": x["attributed_by"],
    }


def _sentence_of(text: str, span: str) -> str:
    i = text.find(span)
    if i < 0:
        return span
    start = max(text.rfind(". ", 0, i) + 2, 0) if text.rfind(". ", 0, i) >= 0 else 0
    end = text.find(". ", i)
    return text[start : end + 1 if end >= 0 else len(text)]


def _met(value: Any, bar: float) -> bool | None:
    return None if value is None else value >= bar


def format_report(result: EvalResult, *, gold_path: str) -> str:
    """A readable report: headline figures against the bars, confusion matrix, worst misses."""
    f = result.figures
    lines = [
        f"Offramp evaluation on {gold_path}: {result.documents} documents, "
        f"{f['counts']['gold_items']} gold items, {result.predictions} records predicted",
        "",
    ]
    lines.append(f"  {'figure':30s} {'value':>7s} {'bar':>6s}")
    for key, bar in BARS.items():
        v = f.get(key)
        mark = "" if v is None else ("ok" if v >= bar else "BELOW")
        lines.append(f"  {key:30s} {_fmt(v):>7s} {bar:>6.2f}  {mark}")
    others = (
        "event_f1",
        "speaker_acc",
        "hypothetical_acc",
        "alternative_type_acc",
        "stance_precision",
        "attributed_by_recall",
        "past_date_acc",
    )
    lines.append("")
    lines.extend(f"  {k:30s} {_fmt(f.get(k)):>7s}" for k in others)
    lines += ["", "Event types, gold (rows) against predicted (columns) on matched items:"]
    cols = sorted({c for row in result.confusion.values() for c in row})
    lines.append("  " + " " * 10 + " ".join(f"{c[:8]:>8s}" for c in cols))
    for g, row in result.confusion.items():
        lines.append(f"  {g[:10]:10s}" + " ".join(f"{row.get(c, 0) or '.':>8}" for c in cols))
    lines += ["", f"Worst misses ({len(result.misses)} shown):"]
    for m in result.misses:
        lines.append(f"  {m.doc_id}  {m.span!r}  wrong: {', '.join(m.wrong)}")
        lines.append(f"      gold: {_short(m.gold)}")
        lines.append(f"      got:  {_short(m.predicted) if m.predicted else '-'}")
    if result.extra:
        lines += ["", f"Predicted events matching no gold item: {len(result.extra)}"]
        for e in result.extra[:10]:
            who = f"{e['source']} {e['event_type']} -> {e['target']}"
            lines.append(f"  {e['doc_id']}  {who}: {e['evidence'][:100]!r}")
    return "\n".join(lines)


def _short(x: dict[str, Any] | None) -> str:
    if x is None:
        return "-"
    flags = "".join(
        f for f, on in ((" negated", x["negated"]), (" hypothetical", x["hypothetical"])) if on
    )
    parts = [f"{x['source']}->{x['target']} {x['event_type']}{flags}", f"speaker {x['speaker']}"]
    if x.get("condition") or x.get("alternative"):
        parts.append(f"condition {x['condition']} otherwise {x['alternative']}")
    if x.get("stances"):
        parts.append("stances " + json.dumps(x["stances"]))
    if x.get("attributed_by"):
        parts.append(f"by {x['attributed_by']}")
    return "; ".join(parts)


def _fmt(v: Any) -> str:
    return "n/a" if v is None else f"{v:.3f}"
