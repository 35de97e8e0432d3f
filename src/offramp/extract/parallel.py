"""Code documents on several processes, in input order, with memory bounded.

Parsing is the cost of coding (STACK.md: ~8k tokens/s on one core) and it holds the GIL, so
more cores need more processes. :func:`iter_code_parallel` hands batches of documents to a
pool of worker processes, each of which loads the pipeline once (in its initializer), and
yields ``(document, signals)`` pairs in the order the documents came in, exactly as
:meth:`Coder.iter_code <offramp.extract.coder.Coder.iter_code>` does on one process.

Why it looks the way it does:

- **Bounded memory.** Documents are read from the input iterator only as workers free up:
  at most ``workers * (1 + PREFETCH_TASKS)`` batches are in flight, and results are held
  only until the batches before them are done. Each batch is coded in a spaCy memory zone,
  so the vocabulary does not grow either (:func:`code_batch`).
- **Same output for any number of workers.** Every mode, one worker included, codes the
  same batches of ``batch_size`` documents with the same pipeline, so ``offramp code``
  writes the same bytes for ``--workers 1`` and ``--workers 8`` (tested).
- **Start method.** Workers start with ``forkserver`` where it exists (Linux), otherwise
  ``spawn``; never plain ``fork``. Forking a process that already runs threads (a progress
  bar, a web server, a DuckDB connection) can deadlock, and spaCy/thinc state is not
  meant to be shared that way. The fork server imports spaCy and Offramp once (PRELOAD)
  and forks each worker from there, so a worker only has to load the model: two workers
  started in 1.6 s against 1.9 s with ``spawn``, for about the same memory (the fork
  server itself holds the imports); docs/BENCHMARKS.md has the measurement.
- **Same skips as the Coder.** Documents the coder leaves out (not in English, over the
  time budget, invalid text) are not yielded; each is passed to ``on_skip`` in the
  parent, in input order, before the records of the documents after it.
- **Clear failures.** A document that makes the extractor fail stops coding with a
  :class:`~offramp.errors.CodingError` naming that document; a worker that dies (killed,
  out of memory) stops it with one naming the batch; an invalid ``--actors`` file raises
  the same :class:`~offramp.errors.ConfigError` as in a single process.

Like any code that starts processes with ``spawn`` or ``forkserver``, a script that calls
this must keep its top-level code under ``if __name__ == "__main__":`` (each worker imports
the script's main module; the CLI is already set up that way).

This is the engine of ``offramp code --workers N`` (:func:`iter_code_parallel`, one pool
per run) and is meant for ``offramp ingest --workers N`` too: :class:`ParallelCoder` keeps
its pool between calls and has the Coder's ``iter_code``, so ``ingest_documents`` can take
it in place of a Coder and code each of its store batches on all workers.

Example:
    >>> from offramp.readers import iter_documents
    >>> from offramp.extract.parallel import iter_code_parallel
    >>> docs = iter_documents("corpus.jsonl")
    >>> for document, signals in iter_code_parallel(docs, workers=4):  # doctest: +SKIP
    ...     print(document.id, len(signals))
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from offramp.errors import OfframpError, coding_error
from offramp.extract.budget import DEFAULT_TIME_BUDGET
from offramp.extract.skips import Skipped
from offramp.records import Document, Signal

if TYPE_CHECKING:
    from offramp.extract.coder import Coder

#: Documents per batch: one task for a worker and one ``Coder.iter_code`` call
#: (the same as :data:`offramp.extract.coder.DEFAULT_BATCH_SIZE`).
DEFAULT_BATCH_SIZE = 16
#: Batches queued per worker beyond the one it is coding, so a worker never waits for the
#: reader; more only costs memory.
PREFETCH_TASKS = 2
#: Modules the fork server imports once, so that each worker it forks starts warm.
PRELOAD = ["offramp.extract.coder", "offramp.nlp.pipeline"]

Result = tuple[Document, list[Signal]]
SkipCallback = Callable[[Skipped], None]
_LOG = logging.getLogger("offramp.extract")


@dataclass(frozen=True, slots=True)
class Settings:
    """How each worker's :class:`~offramp.extract.coder.Coder` is set up."""

    actor_files: tuple[str, ...] = ()
    batch_size: int = DEFAULT_BATCH_SIZE
    time_budget: float | None = DEFAULT_TIME_BUDGET
    any_language: bool = False


@dataclass(frozen=True, slots=True)
class SkipNote:
    """A :class:`~offramp.extract.skips.Skipped` without its document, to send between
    processes (the parent holds the document already): its index in the batch, and why."""

    index: int
    code: str
    message: str
    language: str | None = None


#: What coding one batch gives: (index in the batch, signals) for each document coded,
#: and a note for each document left out, both in input order.
BatchResult = tuple[list[tuple[int, list[Signal]]], list[SkipNote]]


def default_start_method() -> str:
    """``forkserver`` where the platform has it (Linux, most Unixes), else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def iter_code_parallel(
    documents: Iterable[Document],
    *,
    workers: int,
    actor_files: Sequence[str | Path] = (),
    batch_size: int = DEFAULT_BATCH_SIZE,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    any_language: bool = False,
    on_skip: SkipCallback | None = None,
    start_method: str | None = None,
) -> Iterator[Result]:
    """Yield ``(document, signals)`` for each document, in input order, coded on ``workers``.

    A one-off :class:`ParallelCoder`: the pool starts with the first document and stops
    when the iterator is exhausted or closed.

    Args:
        documents: any iterable, read lazily (e.g. :func:`offramp.readers.iter_documents`).
        workers: processes that code. ``1`` codes in this process, with no pool at all.
        actor_files, time_budget, any_language, on_skip: as for
            :class:`~offramp.extract.coder.Coder`; ``on_skip`` is called in this process.
        batch_size: documents per batch (one worker task).
        start_method: ``forkserver`` or ``spawn`` (default: :func:`default_start_method`).

    Raises:
        CodingError: a document made the extractor fail (the error names it), or a worker
            process died. Documents before it have been yielded.
        ConfigError: an actor file is invalid.
        ValueError: ``workers`` or ``batch_size`` is below 1.
    """
    coder = ParallelCoder(
        workers=workers,
        actor_files=actor_files,
        batch_size=batch_size,
        time_budget=time_budget,
        any_language=any_language,
        on_skip=on_skip,
        start_method=start_method,
    )
    return _closing(coder, coder.iter_code(documents))


def _closing(coder: ParallelCoder, results: Iterator[Result]) -> Iterator[Result]:
    with coder:
        yield from results


class ParallelCoder:
    """A pool of coding processes that stays up between calls; a stand-in for the Coder.

    :meth:`iter_code` has the signature and the output of
    :meth:`Coder.iter_code <offramp.extract.coder.Coder.iter_code>` (skipped documents go
    to ``on_skip``), so code written for a Coder (``offramp.store.ingest.ingest_documents``,
    which codes one store batch per call) can take a ParallelCoder and code each batch on
    all workers without starting processes or loading models again. Use it as a context
    manager, or call :meth:`close`. The arguments are those of :func:`iter_code_parallel`.

    Example:
        >>> with ParallelCoder(workers=4, on_skip=print) as coder:  # doctest: +SKIP
        ...     result = ingest_documents(store, iter_documents(paths), coder)
    """

    def __init__(
        self,
        *,
        workers: int,
        actor_files: Sequence[str | Path] = (),
        batch_size: int = DEFAULT_BATCH_SIZE,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
        any_language: bool = False,
        on_skip: SkipCallback | None = None,
        start_method: str | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.workers = workers
        self.settings = Settings(
            tuple(str(p) for p in actor_files), batch_size, time_budget, any_language
        )
        self.on_skip = on_skip
        self.start_method = start_method or default_start_method()
        #: documents left out (another language, over the time budget), as the Coder counts
        self.documents_skipped = 0
        self._local: _Local | None = None  # workers == 1: the coder in this process
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes (queued batches are dropped). Idempotent."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def iter_code(self, documents: Iterable[Document]) -> Iterator[Result]:
        """Yield ``(document, signals)`` for each document coded, in input order."""
        batches = _batched(documents, self.settings.batch_size)
        if self.workers == 1:
            return self._iter_in_process(batches)
        return self._iter_in_pool(batches)

    def _iter_in_process(self, batches: Iterator[list[Document]]) -> Iterator[Result]:
        if self._local is None:
            self._local = _Local(self.settings)
        for batch in batches:
            yield from self._deliver(batch, self._local.code(batch))

    def _iter_in_pool(self, batches: Iterator[list[Document]]) -> Iterator[Result]:
        pool = self._start()
        # (batch, its future), oldest first: results leave in the order batches came in.
        window: deque[tuple[list[Document], Future[BatchResult]]] = deque()
        limit = self.workers * (1 + PREFETCH_TASKS)
        try:
            for batch in batches:
                if len(window) >= limit:
                    yield from self._deliver(*_result(*window.popleft()))
                window.append((batch, _submit(pool, batch)))
            while window:
                yield from self._deliver(*_result(*window.popleft()))
        finally:
            # The caller stopped early or an error surfaced: drop this call's queued
            # batches and wait for those being coded, so the pool is clean for the next call.
            for _, future in window:
                future.cancel()
            wait([future for _, future in window])

    def _deliver(self, batch: list[Document], result: BatchResult) -> Iterator[Result]:
        """The skips of a batch to ``on_skip``, then its coded documents, in input order."""
        coded, skipped = result
        for note in skipped:
            self.documents_skipped += 1
            skip = Skipped(batch[note.index], note.code, note.message, note.language)
            if self.on_skip is not None:
                self.on_skip(skip)
            else:
                _LOG.warning("skipped: %s", skip)
        for index, signals in coded:
            yield batch[index], signals

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                context.set_forkserver_preload(PRELOAD)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.settings,),
            )
        return self._pool


def _batched(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def _submit(pool: ProcessPoolExecutor, batch: list[Document]) -> Future[BatchResult]:
    try:
        return pool.submit(_code_in_worker, batch)
    except BrokenProcessPool as err:  # a worker died in an earlier call
        raise _died(batch, err) from err


def _result(
    batch: list[Document], future: Future[BatchResult]
) -> tuple[list[Document], BatchResult]:
    try:
        return batch, future.result()
    except BrokenProcessPool as err:
        raise _died(batch, err) from err


def _died(batch: list[Document], err: BaseException) -> OfframpError:
    detail = str(err) or "no reason given"
    return coding_error("E502", first=_name(batch[0]), last=_name(batch[-1]), detail=detail)


# ---------------------------------------------------------------------- both sides


class _Local:
    """A Coder whose skips are kept as notes of the batch being coded."""

    def __init__(self, settings: Settings) -> None:
        from offramp.extract.coder import Coder

        self.skipped: list[Skipped] = []
        self.coder: Coder = Coder(
            actor_files=settings.actor_files,
            batch_size=settings.batch_size,
            time_budget=settings.time_budget,
            any_language=settings.any_language,
            on_skip=self.skipped.append,
        )
        self.coder.nlp  # noqa: B018 - load now, so that a bad actor file fails before any document

    def code(self, batch: list[Document]) -> BatchResult:
        """Code ``batch``; a failure names its document (see :func:`code_batch`)."""
        self.skipped.clear()
        coded = code_batch(self.coder, batch)
        position = {id(d): i for i, d in enumerate(batch)}
        notes = [
            SkipNote(position[id(s.document)], s.code, s.message, s.language) for s in self.skipped
        ]
        self.skipped.clear()
        return [(position[id(d)], signals) for d, signals in coded], notes


def code_batch(coder: Coder, batch: list[Document]) -> list[Result]:
    """``(document, signals)`` for each document of ``batch`` the coder codes, in order.

    The batch is coded inside a spaCy memory zone: the words it adds to the vocabulary
    (names, numbers, typos: news brings new ones every day, ~500 bytes each) are freed when
    it ends, so a worker's memory does not grow with the corpus. Signals are plain Python
    objects, so nothing of the zone is used after it.

    When the batch fails, its documents are coded again one at a time to find the one that
    fails, so the error can name it (the batch as a whole says nothing useful).
    """
    try:
        with coder.nlp.memory_zone():
            return list(coder.iter_code(batch))
    except OfframpError:
        raise
    except Exception as batch_error:
        for document in batch:
            try:
                with coder.nlp.memory_zone():
                    coder.code_document(document)
            except Exception as err:
                raise coding_error(
                    "E501", where=document.origin, doc_id=document.id, detail=_describe(err)
                ) from err
        # Only together do they fail: name the first, and say so.
        detail = f"{_describe(batch_error)}; each document of its batch codes on its own"
        raise coding_error(
            "E501", where=batch[0].origin, doc_id=batch[0].id, detail=detail
        ) from batch_error


# ---------------------------------------------------------------------- worker side

_worker: _Local | None = None
_worker_error: BaseException | None = None


def _init_worker(settings: Settings) -> None:
    """Load the pipeline once per worker; keep a load error to raise with the first task."""
    global _worker, _worker_error
    # Ctrl-C reaches every process in the group; the parent alone handles it and stops
    # the pool, so workers do not print a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _worker = _Local(settings)
    except BaseException as err:  # re-raised in the parent by the first task
        _worker_error = err


def _code_in_worker(batch: list[Document]) -> BatchResult:
    if _worker_error is not None:
        if isinstance(_worker_error, OfframpError):
            raise _worker_error
        raise coding_error("E503", detail=_describe(_worker_error)) from _worker_error
    assert _worker is not None
    return _worker.code(batch)


def _describe(err: BaseException) -> str:
    """``KeyError: 'none' at events.py:783 in _item``: the error and where it happened."""
    text = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    frames = traceback.extract_tb(err.__traceback__)
    if frames:
        last = frames[-1]
        text += f" at {Path(last.filename).name}:{last.lineno} in {last.name}"
    return text


def _name(document: Document) -> str:
    return f"{document.id!r}" + (f" ({document.origin})" if document.origin else "")
