"""The process that ingests uploaded documents: ``python -m offramp.web.ingest_worker DB``.

The web server never opens the store read-write. An upload is handed to this short-lived
process, which takes the store's ingest lock (``<db>.lock``) and runs the normal ingest
path (:func:`offramp.store.ingest.ingest_documents`), exactly as ``offramp ingest`` does,
so an upload and a command-line ingest can never write at once and the server's readers
get in between batches.

Standard input: ``{"documents": [{"id", "text", "published"?, "source"?, "title"?,
"url"?}, ...], "actor_files": [...]}``. Standard output: one JSON object, ``{"result":
{"added", "replaced", "unchanged", "signals"}}`` (exit 0) or ``{"error": {"code",
"message"}}`` (exit 2).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from offramp.errors import OfframpError
from offramp.records import Document


def run(db: Path, payload: dict[str, Any]) -> dict[str, Any]:
    from offramp.store import Store
    from offramp.store.lock import IngestLock

    documents = [
        Document(
            id=str(d["id"]),
            text=str(d["text"]),
            published=d.get("published"),
            source=d.get("source"),
            title=d.get("title"),
            url=d.get("url"),
            origin="upload",
        )
        for d in payload["documents"]
    ]
    with IngestLock(db, wait=False):
        # The language pipeline loads only once the store is ours (it takes seconds).
        from offramp.extract.coder import Coder
        from offramp.store.ingest import ingest_documents

        store = Store.open(db, read_only=False)
        coder = Coder(actor_files=tuple(payload.get("actor_files") or ()))
        result = ingest_documents(store, documents, coder)
    return {
        "result": {
            "added": result.added,
            "replaced": result.replaced,
            "unchanged": result.unchanged,
            "signals": result.signals,
        }
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m offramp.web.ingest_worker DB < upload.json", file=sys.stderr)
        return 2
    try:
        payload = json.load(sys.stdin)
        out = run(Path(argv[1]), payload)
    except OfframpError as err:
        print(json.dumps({"error": {"code": err.code, "message": err.message}}))
        return 2
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
