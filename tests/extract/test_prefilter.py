"""The fast path: sentences that cannot carry a signal are not parsed, and nothing changes."""

from offramp import Coder, Document

TEXT = (
    "Temperatures are forecast to drop to minus 12 degrees by the weekend.\n"
    "The harvest was the largest in a decade. "
    "Moscow said it was ready to resume talks with Kyiv provided that Ukraine withdrew its troops. "
    "Otherwise, the fighting would go on. "
    "Stock markets rose 2 percent on Tuesday. "
    "Hezbollah denied firing rockets at Israel."
)


def _key(s):
    return (
        s.start,
        s.end,
        s.source.code,
        s.event_type,
        s.negated,
        s.target.code if s.target else None,
        s.condition is not None,
        s.alternative is not None,
    )


def test_prefilter_skips_sentences_without_actor_or_act_and_keeps_records(coder):
    doc = Document(id="f", text=TEXT, published="2025-06-01")
    slow = Coder(fast=False).code(doc)
    fast = Coder(fast=True)
    got = fast.code(doc)
    assert fast.sentences_skipped >= 3
    assert sorted(map(_key, got)) == sorted(map(_key, slow))
    for s in got:
        assert TEXT[s.start : s.end] == s.text


def test_prefilter_keeps_an_otherwise_sentence_with_no_actor(coder):
    signals = Coder(fast=True).code(Document(id="o", text=TEXT, published="2025-06-01"))
    agree = [s for s in signals if s.event_type == "AGREE"]
    assert agree and agree[0].alternative is not None
