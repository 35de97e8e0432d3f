"""A corpus of a few hundred short statements, and the store seen as canonical JSON.

The crash and concurrency tests need many small documents (so an ingest commits many
batches and a kill can land anywhere) and a way to compare two stores exactly. The
statements are generated from templates with a fixed seed: actors, acts, conditions and
plain background sentences without any signal, so some documents store no signals.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

_ACTORS = [
    "Russia", "Ukraine", "Moscow", "Kyiv", "Israel", "Hamas", "Iran", "the United States",
    "China", "Turkey", "the Kremlin", "Pakistan", "India", "NATO", "the European Union",
]  # fmt: skip
_ACTS = [
    "said it was ready to resume talks with {b}",
    "rejected the peace proposal put forward by {b}",
    "threatened to strike {b} if the attacks continued",
    "accused {b} of shelling civilian areas",
    "agreed to a ceasefire with {b}",
    "demanded that {b} withdraw its troops",
    "imposed new sanctions on {b}",
    "held talks with {b} in Geneva",
    "will not negotiate with {b} until its goals are achieved",
    "offered humanitarian aid to {b}",
]
_BACKGROUND = [
    "Temperatures fell sharply overnight across the region.",
    "The market reopened on Monday after the holiday.",
    "Officials expect the figures to be published next week.",
    "Heavy rain is forecast for the weekend.",
]


def make_corpus(path: Path, n: int, *, seed: int = 7) -> list[dict[str, Any]]:
    """Write ``n`` short English documents to the JSON Lines file ``path``; return them."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.25:
                sentences.append(rng.choice(_BACKGROUND))
                continue
            a, b = rng.sample(_ACTORS, 2)
            act = rng.choice(_ACTS).format(b=b)
            sentences.append(f"{a[0].upper()}{a[1:]} {act}.")
        day = 1 + i % 28
        docs.append(
            {"id": f"k{i:04d}", "text": " ".join(sentences), "published": f"2025-06-{day:02d}"}
        )
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return docs


def canonical(db: Path) -> dict[str, list[str]]:
    """Each stored document id -> its signals as sorted canonical JSON, read with a fresh
    read-only store (so it sees only what was committed)."""
    from offramp.store import SignalFilter, Store

    store = Store.open(db)
    with store.connection() as con:
        ids = [r[0] for r in con.execute("SELECT id FROM documents").fetchall()]
    out: dict[str, list[str]] = {doc_id: [] for doc_id in ids}
    for signal in store.iter_signals(SignalFilter(limit=None)):
        out.setdefault(signal.doc_id, []).append(json.dumps(signal.to_dict(), sort_keys=True))
    return {doc_id: sorted(signals) for doc_id, signals in out.items()}


def integrity(db: Path) -> dict[str, int]:
    """Counts that must be zero in a sound store: duplicate documents or signals, signals
    without their document, stances without their signal."""
    from offramp.store import Store

    with Store.open(db).connection() as con:
        one = lambda sql: int(con.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "duplicate_documents": one("SELECT count(*) - count(DISTINCT id) FROM documents"),
            "duplicate_signals": one("SELECT count(*) - count(DISTINCT id) FROM signals"),
            "orphan_signals": one(
                "SELECT count(*) FROM signals WHERE doc_id NOT IN (SELECT id FROM documents)"
            ),
            "orphan_stances": one(
                "SELECT count(*) FROM signal_stances "
                "WHERE signal_id NOT IN (SELECT id FROM signals)"
            ),
        }
