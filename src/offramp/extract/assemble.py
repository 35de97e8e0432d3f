"""Turn the items the pipeline wrote on a ``Doc`` into SIGNALS.md records."""

from __future__ import annotations

from spacy.tokens import Doc

from offramp.extract.intensity import load_intensity
from offramp.nlp.annotations import EventItem, Mention
from offramp.records import Actor, Alternative, Condition, Signal, Stance

_IGO_SECTORS = {"IGO", "NGO"}


def signals_from_doc(doc: Doc, doc_id: str) -> list[Signal]:
    """The signal records of one parsed document (offsets into ``doc.text``)."""
    items: list[EventItem] = [it for it in (doc._.events or []) if not it.dropped]
    table = load_intensity()
    commentary_sents = {it.sent_start for it in items if it.attributed_by}
    out: list[Signal] = []
    seen: set[tuple] = set()
    # Doc.text joins every token each time it is read: build it once per document.
    doc_text = doc.text
    for it in items:
        if it.source is None:
            continue
        if it.event_type is None and not it.stances and not it.attributed_by:
            continue
        if (it.sent_start in commentary_sents and not it.attributed_by) or it.attributed_by:
            start_tok, end_tok = it.clause_start, it.clause_end
        else:
            start_tok, end_tok = it.sent_start, it.sent_end
        start, end = _char_span(doc, start_tok, end_tok, doc_text)
        key = (start, end, it.source.actor.code, it.event_type, it.attributed_by, it.negated)
        if key in seen:
            continue
        seen.add(key)
        stances = [Stance(issue, round(value, 2)) for issue, value in sorted(it.stances.items())]
        signal = Signal(
            doc_id=doc_id,
            start=start,
            end=end,
            text=doc_text[start:end],
            date=it.date,
            speaker=_actor(it.speaker),
            source=_actor(it.source),
            target=_actor(it.target),
            event_type=it.event_type,
            negated=it.negated,
            hypothetical=it.hypothetical,
            condition=Condition(it.condition.text, _actor(it.condition.actor))
            if it.condition
            else None,
            alternative=Alternative(it.alternative.text, it.alternative.event_type)
            if it.alternative
            else None,
            stances=stances,
            intensity=table.score(
                it.event_type,
                negated=it.negated,
                hypothetical=it.hypothetical,
                conditional=it.condition is not None,
            ),
            past=it.past,
            attributed_by=it.attributed_by,
            confidence=it.confidence,
        )
        out.append(signal)
    return out


def _char_span(doc: Doc, start_tok: int, end_tok: int, text: str) -> tuple[int, int]:
    first = doc[start_tok]
    last = doc[end_tok - 1]
    start = first.idx
    end = last.idx + len(last.text)
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _actor(m: Mention | None) -> Actor | None:
    if m is None:
        return None
    a = m.actor
    if a.country is None or (a.sector in _IGO_SECTORS and not a.code.startswith(a.country or "~")):
        return Actor(
            name=a.name,
            code=a.code,
            country=None,
            sector=a.sector if a.sector in _IGO_SECTORS else "IGO",
        )
    return Actor(name=a.name, code=a.code, country=a.country, sector=a.sector)
