"""The ``Coder``: Offramp's Python entry point from text to signal records.

Example:
    >>> from offramp import Coder
    >>> signals = Coder().code("Moscow is ready to resume talks with Kyiv.")  # doctest: +SKIP
    >>> signals[0].event_type  # doctest: +SKIP
    'AGREE'
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from offramp.extract.assemble import signals_from_doc
from offramp.extract.prefilter import OffsetMap, SentenceFilter
from offramp.nlp.annotations import register_extensions
from offramp.nlp.components.commentary import is_opinion
from offramp.nlp.pipeline import get_pipeline
from offramp.records import Document, Signal

#: Documents longer than this are coded in pieces split at paragraph or sentence ends.
MAX_CHUNK_CHARS = 20_000
#: Documents per ``nlp.pipe`` batch.
DEFAULT_BATCH_SIZE = 16


class Coder:
    """Codes documents into signal records with one loaded pipeline.

    Args:
        actor_files: extra actor dictionaries (JSONL, same format as the packaged one) that
            add actors or override the default meaning of a name.
        batch_size: documents parsed together.
        fast: skip parsing sentences that name no actor and so cannot carry a signal
            (see :mod:`offramp.extract.prefilter`); the records are the same.
    """

    def __init__(
        self,
        *,
        actor_files: Sequence[str | Path] = (),
        batch_size: int = DEFAULT_BATCH_SIZE,
        fast: bool = True,
    ) -> None:
        register_extensions()
        self.actor_files = tuple(str(p) for p in actor_files)
        self.batch_size = batch_size
        self.fast = fast
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
        """Signal records of one document."""
        return next(self.iter_code([document]))[1]

    def iter_code(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Signal]]]:
        """Stream (document, its signals) pairs; documents are parsed in batches."""
        nlp = self.nlp
        if self.fast and self._filter is None:
            self._filter = SentenceFilter(nlp)
        # (document, chunk offset, offset map of the fast path, chunks left)
        pending: deque[tuple[Document, int, OffsetMap, int]] = deque()

        def chunks() -> Iterator[Doc]:
            for document in documents:
                pieces = list(split_text(document.text))
                opinion = is_opinion(document.text)
                for n, (offset, piece) in enumerate(pieces):
                    doc = nlp.make_doc(piece)
                    omap = OffsetMap.identity()
                    if self._filter is not None:
                        doc, omap, dropped = self._filter.filter(doc)
                        self.sentences_skipped += dropped
                    pending.append((document, offset, omap, len(pieces) - n))
                    doc._.doc_date = document.published
                    # decided on the whole text: the fast path may drop the line that says so
                    doc.user_data["offramp.opinion"] = opinion
                    yield doc

        current: list[Signal] = []
        for doc in nlp.pipe(chunks(), batch_size=self.batch_size):
            document, offset, omap, remaining = pending.popleft()
            for s in signals_from_doc(doc, document.id):
                s.start = omap.to_original(s.start) + offset
                s.end = omap.to_original(s.end - 1) + 1 + offset
                s.text = document.text[s.start : s.end]
                current.append(s)
            if remaining == 1:
                yield document, current
                current = []


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


def _as_document(data: str | Document, index: int, date: str | None) -> Document:
    if isinstance(data, Document):
        if date and not data.published:
            data.published = date
        return data
    doc_id = "text" if index == 0 else f"text-{index + 1}"
    return Document(id=doc_id, text=data, published=date)
