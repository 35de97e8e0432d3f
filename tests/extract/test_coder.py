"""The Python API: text or documents in, typed records out, with exact evidence offsets."""

import json

from offramp import Coder, Document, Signal
from offramp.extract.coder import split_text


def test_coder_codes_a_plain_string(coder):
    signals = coder.code(
        "Moscow rejected the peace plan put forward by Washington.", date="2025-05-01"
    )
    assert signals and isinstance(signals[0], Signal)
    assert signals[0].doc_id == "text"
    assert signals[0].date == "2025-05-01"


def test_coder_evidence_offsets_point_into_the_document(coder):
    text = "Headline about the war\nKyiv said on Monday it was ready to talk. Moscow rejected the offer."
    doc = Document(id="x", text=text, published="2025-05-05")
    for s in coder.code(doc):
        assert text[s.start : s.end] == s.text
        assert s.text.strip() == s.text


def test_coder_records_serialise_to_signals_json(coder):
    s = coder.code("Israel accused Hezbollah of firing rockets at Metula.")[0]
    d = json.loads(s.to_json())
    assert d["source"]["code"] == "ISRGOV" and d["event_type"] == "ACCUSE"


def test_coder_long_documents_are_coded_in_pieces_with_right_offsets(coder):
    para = "Moscow rejected the peace plan put forward by Washington. " * 20
    text = "\n\n".join([para] * 30)  # ~35k characters: more than one piece
    assert len(list(split_text(text))) > 1
    doc = Document(id="long", text=text, published="2025-05-05")
    signals = coder.code(doc)
    assert len(signals) >= 300
    for s in signals[:50] + signals[-50:]:
        assert text[s.start : s.end] == s.text


def test_coder_split_text_covers_the_text_exactly():
    text = ("word " * 30000).strip()
    pieces = list(split_text(text, limit=5000))
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)


def test_coder_loads_the_pipeline_once_per_process():
    a, b = Coder(), Coder()
    assert a.nlp is b.nlp
