"""Fuzzing the extractor: whatever text it gets, ``Coder`` returns records that keep the
contract (evidence == text[start:end], valid codes, types and stances) or none, and
never raises.

Each property runs a few examples in the normal suite; ``OFFRAMP_FUZZ=1`` runs 1,000
each (docs/RELIABILITY.md). Inputs mix real English statements (so that records are
produced and their offsets exercised) with hostile pieces: arbitrary Unicode, control
characters, lone surrogates, emoji, right-to-left text, zero-width characters, very long
tokens and very long sentences.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offramp.records import Document

from .contract import check_records

STATEMENTS = [
    "Russia said it was ready to resume talks with Ukraine if Kyiv withdrew its troops.",
    "Hamas rejected the proposal. Otherwise, Israel will continue its strikes.",
    "The Kremlin warned NATO that it would respond to any attack.",
    "Iran accused the United States of violating the agreement.",
    '"We will not negotiate," Zelensky said on Monday.',
    "Putin also said that Russia is willing to discuss the mediation proposal put forward "
    "by US President Trump, but on the condition that Kyiv is willing to enter "
    "negotiations.",
]
HOSTILE = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
    "\u202e", "\u202d", "\u2066", "\u2069",  # bidi overrides and isolates
    "مرحبا بالعالم", "שלום", "🇺🇦", "👨‍👩‍👧", "🔥💣", "\U0001f600",  # RTL, emoji
    "\x00", "\x07", "\x1b[31m", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",
    "\ud800", "\udfff",  # lone surrogates (json.loads lets them through)
    "x" * 5000, "-" * 3000, "A." * 1000, "http://" + "a" * 2000,
    "Ｒｕｓｓｉａ", "R\u0301ussia", "\u0000Russia", "Russia\u00ad", "Kyiv\u200bsaid",
]  # fmt: skip

pieces = st.one_of(
    st.sampled_from(STATEMENTS),
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.text(st.characters(codec="utf-8"), max_size=50),
    st.text(st.sampled_from("\n\t \r.,;:!?\"'()[]{}"), max_size=30),
)
texts = st.lists(pieces, max_size=12).map(lambda parts: " ".join(parts))


@pytest.fixture(scope="module")
def any_coder(coder):
    """A coder that codes every language (the pipeline is shared with ``coder``), so that
    hostile text reaches the pipeline instead of being screened out as not English."""
    from offramp import Coder

    return Coder(any_language=True)


@given(text=texts, date=st.one_of(st.none(), st.sampled_from(["2025-06-01", "1900-01-01"])))
def test_fuzz_coder_records_keep_the_contract(any_coder, text, date):
    document = Document(id="fuzz", text=text, published=date)
    for doc, signals in any_coder.iter_code([document]):
        check_records(doc, signals)


@given(text=st.text(max_size=2000))
def test_fuzz_coder_arbitrary_unicode(any_coder, text):
    document = Document(id="u", text=text)
    for doc, signals in any_coder.iter_code([document]):
        check_records(doc, signals)


@given(words=st.lists(st.sampled_from([*STATEMENTS[0].split(), "and", "Moscow"]), min_size=1))
def test_fuzz_coder_word_salad(any_coder, words):
    document = Document(id="w", text=" ".join(words))
    for doc, signals in any_coder.iter_code([document]):
        check_records(doc, signals)


def test_fuzz_coder_empty_and_whitespace_only_text(any_coder):
    for text in ["", " ", "\n\n\n", "\t \r\n", "\u200b\u200b", "\u3000"]:
        assert any_coder.code(text) == []


def test_fuzz_coder_5000_word_sentence(any_coder):
    words = (STATEMENTS[0].rstrip(".") + " and").split()
    text = " ".join(words[i % len(words)] for i in range(5000)) + "."
    document = Document(id="long-sentence", text=text)
    t0 = time.monotonic()
    [(doc, signals)] = list(any_coder.iter_code([document]))
    assert time.monotonic() - t0 < 20
    check_records(doc, signals)


def test_fuzz_coder_very_long_token_and_no_spaces(any_coder):
    for text in ["Russia" * 20_000, "x" * 100_000 + " Russia attacked Kyiv."]:
        document = Document(id="tok", text=text)
        for doc, signals in any_coder.iter_code([document]):
            check_records(doc, signals)
