"""Reading, coding and storing in one pass, without coding what is already stored.

:func:`ingest_documents` takes documents in batches, asks the store which of them it
already holds with the same content, codes only the others, and commits each batch in
one transaction. Coding happens while the database file is closed, so readers in other
processes get in between batches. :func:`recode_documents` does the same for stored
documents coded by an older extractor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from offramp.__about__ import EXTRACTOR_VERSION
from offramp.extract.coder import Coder
from offramp.records import Document, Signal
from offramp.store.models import IngestResult
from offramp.store.rows import content_hash
from offramp.store.store import DEFAULT_BATCH_SIZE, Store

#: Called once per document handled (coded or found unchanged), for progress displays.
ProgressCallback = Callable[[Document], None]


def ingest_documents(
    store: Store,
    documents: Iterable[Document],
    coder: Coder,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_document: ProgressCallback | None = None,
) -> IngestResult:
    """Code and store ``documents``; documents already stored unchanged are not coded.

    Example:
        >>> store = Store.open("offramp.duckdb", read_only=False)  # doctest: +SKIP
        >>> ingest_documents(store, read_documents(["corpus.jsonl"]), Coder())  # doctest: +SKIP
        IngestResult(added=12, replaced=0, unchanged=0, signals=57)
    """
    total = IngestResult()
    it = iter(documents)
    while batch := list(islice(it, max(1, batch_size))):
        known = store.content_hashes(d.id for d in batch)
        fresh = [d for d in batch if known.get(d.id) != content_hash(d)]
        skipped = len(batch) - len(fresh)
        total.unchanged += skipped
        if on_document is not None:
            for d in batch:
                if known.get(d.id) == content_hash(d):
                    on_document(d)
        if fresh:
            pairs = _report(coder.iter_code(fresh), on_document)
            total += store.ingest(pairs, batch_size=len(fresh))
    return total


def recode_documents(
    store: Store,
    coder: Coder,
    *,
    everything: bool = False,
    extractor_version: str = EXTRACTOR_VERSION,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_document: ProgressCallback | None = None,
) -> IngestResult:
    """Re-code stored documents whose signals came from another extractor version (all of
    them with ``everything``) and replace their signals, one transaction per batch."""
    documents = store.documents_to_recode(extractor_version, everything=everything)
    total = IngestResult()
    it = iter(documents)
    while batch := list(islice(it, max(1, batch_size))):
        pairs = _report(coder.iter_code(batch), on_document)
        total += store.ingest(
            pairs, batch_size=len(batch), force=True, extractor_version=extractor_version
        )
    return total


def _report(
    pairs: Iterator[tuple[Document, list[Signal]]], on_document: ProgressCallback | None
) -> Iterator[tuple[Document, list[Signal]]]:
    for document, signals in pairs:
        if on_document is not None:
            on_document(document)
        yield document, signals
