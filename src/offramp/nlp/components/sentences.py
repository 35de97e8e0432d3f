"""Sentence boundaries at line breaks.

Articles put headlines, datelines and paragraphs on lines of their own; the parser would
otherwise run a headline into the first sentence. This component runs before the parser
and marks the first token after a line break as a sentence start.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreakSentences:
    """Pipeline component ``offramp_line_breaks``: a new line starts a new sentence."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        after_break = False
        for token in doc:
            if token.is_space and "\n" in token.text:
                after_break = True
                continue
            if token.i > 0 and (after_break or "\n" in token.doc[token.i - 1].whitespace_):
                token.is_sent_start = True
            after_break = False
        return doc


@Language.factory("offramp_line_breaks", assigns=["token.is_sent_start"])
def make_line_break_sentences(nlp: Language, name: str) -> LineBreakSentences:
    return LineBreakSentences(nlp, name)
