"""The ``Coder``: Offramp's Python entry point from text to signal records.

Example:
    >>> from offramp import Coder
    >>> signals = Coder().code("Moscow is ready to resume talks with Kyiv.")  # doctest: +SKIP
    >>> signals[0].event_type  # doctest: +SKIP
    'AGREE'
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from offramp.extract.assemble import signals_from_doc
from offramp.extract.budget import DEFAULT_TIME_BUDGET, BudgetExceeded, Deadline, cap_sentences
from offramp.extract.language import detect_language
from offramp.extract.prefilter import OffsetMap, SentenceFilter
from offramp.extract.skips import Skipped, invalid_text, not_english, over_budget
from offramp.nlp.annotations import register_extensions
from offramp.nlp.components.commentary import is_opinion
from offramp.nlp.pipeline import get_pipeline
from offramp.records import Document, Signal

#: Documents longer than this are coded in pieces split at paragraph or sentence ends.
MAX_CHUNK_CHARS = 20_000
#: Documents per batch: the parser is about a third faster on batches than one by one.
DEFAULT_BATCH_SIZE = 16
#: Characters per batch, so that one pass of a component over a batch stays short: the
#: time budget is checked between passes (see :mod:`offramp.extract.budget`).
MAX_BATCH_CHARS = 100_000

_LOG = logging.getLogger("offramp.extract")


class Coder:
    """Codes documents into signal records with one loaded pipeline.

    Args:
        actor_files: extra actor dictionaries (JSONL, same format as the packaged one) that
            add actors or override the default meaning of a name.
        batch_size: documents parsed together.
        fast: skip parsing sentences that name no actor and so cannot carry a signal
            (see :mod:`offramp.extract.prefilter`); the records are the same.
        time_budget: seconds one document may take (None or 0: no limit); a document
            over it is skipped (see :mod:`offramp.extract.budget`).
        any_language: code documents that are not in English too (by default they are
            skipped, see :mod:`offramp.extract.language`).
        on_skip: called with each document left out, and why; without it, skips are
            logged as warnings to the ``offramp.extract`` logger.
    """

    def __init__(
        self,
        *,
        actor_files: Sequence[str | Path] = (),
        batch_size: int = DEFAULT_BATCH_SIZE,
        fast: bool = True,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
        any_language: bool = False,
        on_skip: Callable[[Skipped], None] | None = None,
    ) -> None:
        register_extensions()
        self.actor_files = tuple(str(p) for p in actor_files)
        self.batch_size = batch_size
        self.fast = fast
        self.time_budget = time_budget
        self.any_language = any_language
        self.on_skip = on_skip
        #: documents left out (another language, over the time budget)
        self.documents_skipped = 0
        self._nlp: Language | None = None
        self._filter: SentenceFilter | None = None
        #: sentences the fast path did not parse (they name no actor), for reporting
        self.sentences_skipped = 0

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use and shared within the process."""
        if self._nlp is None:
            self._nlp = get_pipeline(self.actor_files)
        return self._nlp

    def code(
        self, data: str | Document | Iterable[str | Document], *, date: str | None = None
    ) -> list[Signal]:
        """Signal records for a text, a document, or many of either.

        A plain string is one document with id ``"text"`` (``"text-2"``, ... for later ones)
        and ``date`` as its publication date.
        """
        if isinstance(data, (str, Document)):
            data = [data]
        docs = (_as_document(d, i, date) for i, d in enumerate(data))
        out: list[Signal] = []
        for _, signals in self.iter_code(docs):
            out.extend(signals)
        return out

    def code_document(self, document: Document) -> list[Signal]:
        """Signal records of one document (none when it is skipped; ``on_skip`` says why)."""
        return next((signals for _, signals in self.iter_code([document])), [])

    def iter_code(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Signal]]]:
        """Stream (document, its signals) pairs; documents are parsed in batches.

        Documents not in English (unless ``any_language``) and documents over the time
        budget are not yielded: they go to ``on_skip`` instead.
        """
        if self.fast and self._filter is None:
            self._filter = SentenceFilter(self.nlp)
        batch: list[Document] = []
        size = 0
        for document in documents:
            if (bad := invalid_text(document)) is not None:
                self._skip(bad)
                continue
            if not self.any_language:
                guess = detect_language(document.text)
                if not guess.is_english:
                    self._skip(not_english(document, guess))
                    continue
            full = len(batch) >= self.batch_size or size + len(document.text) > MAX_BATCH_CHARS
            if batch and full:
                yield from self._code_batch(batch)
                batch, size = [], 0
            batch.append(document)
            size += len(document.text)
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Document]) -> Iterator[tuple[Document, list[Signal]]]:
        """Code ``batch`` together under one deadline; if it runs out, each document alone.

        A batch that overruns the budget holds at least one slow document, but which one
        is not known, so each is given a fresh budget of its own; only a document that
        overruns alone is skipped.
        """
        try:
            results = self._code_together(batch, Deadline(self.time_budget))
        except BudgetExceeded as exc:
            if len(batch) == 1:
                self._skip(over_budget(batch[0], exc))
                return
            for document in batch:
                yield from self._code_batch([document])
            return
        yield from zip(batch, results, strict=True)

    def _code_together(self, batch: list[Document], deadline: Deadline) -> list[list[Signal]]:
        """The signals of each document of ``batch``, checking ``deadline`` between
        pipeline components and between groups of at most :data:`MAX_BATCH_CHARS`."""
        nlp = self.nlp
        out: list[list[Signal]] = [[] for _ in batch]
        # decided on the whole text: the fast path may drop the line that says so
        opinions = [is_opinion(document.text) for document in batch]
        pieces = (
            (i, offset, piece) for i, d in enumerate(batch) for offset, piece in split_text(d.text)
        )
        total = sum(len(d.text) for d in batch)
        done = 0
        for group in _groups(pieces, MAX_BATCH_CHARS):
            docs: list[Doc] = []
            maps: list[OffsetMap] = []
            for i, _, piece in group:
                deadline.check(done=done, total=total)
                doc = nlp.make_doc(piece)
                omap = OffsetMap.identity()
                if self._filter is not None:
                    doc, omap, dropped = self._filter.filter(doc)
                    self.sentences_skipped += dropped
                cap_sentences(doc)
                doc._.doc_date = batch[i].published
                doc.user_data["offramp.opinion"] = opinions[i]
                docs.append(doc)
                maps.append(omap)
            for _name, component in nlp.pipeline:
                deadline.check(done=done, total=total)
                if hasattr(component, "pipe"):
                    docs = list(component.pipe(docs, batch_size=self.batch_size))
                else:
                    docs = [component(doc) for doc in docs]
            for (i, offset, piece), omap, doc in zip(group, maps, docs, strict=True):
                document = batch[i]
                for s in signals_from_doc(doc, document.id):
                    s.start = omap.to_original(s.start) + offset
                    s.end = omap.to_original(s.end - 1) + 1 + offset
                    s.text = document.text[s.start : s.end]
                    out[i].append(s)
                done += len(piece)
        return out

    def _skip(self, skipped: Skipped) -> None:
        self.documents_skipped += 1
        if self.on_skip is not None:
            self.on_skip(skipped)
        else:
            _LOG.warning("skipped: %s", skipped)


def split_text(text: str, limit: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``, cut at paragraph, line or sentence ends."""
    if len(text) <= limit:
        yield 0, text
        return
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            window = text[start:end]
            cut = -1
            for sep in ("\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " "):
                cut = window.rfind(sep)
                if cut > limit // 4:
                    cut += len(sep)
                    break
            if cut > 0:
                end = start + cut
        yield start, text[start:end]
        start = end


def _groups(
    pieces: Iterable[tuple[int, int, str]], limit: int
) -> Iterator[list[tuple[int, int, str]]]:
    """(document index, offset, piece) triples in groups of at most ``limit`` characters
    (a piece longer than that is a group of its own)."""
    group: list[tuple[int, int, str]] = []
    size = 0
    for item in pieces:
        if group and size + len(item[2]) > limit:
            yield group
            group, size = [], 0
        group.append(item)
        size += len(item[2])
    if group:
        yield group


def _as_document(data: str | Document, index: int, date: str | None) -> Document:
    if isinstance(data, Document):
        if date and not data.published:
            data.published = date
        return data
    doc_id = "text" if index == 0 else f"text-{index + 1}"
    return Document(id=doc_id, text=data, published=date)
