"""Quotations and reported speech: who said what.

"Putin said that Russia is willing to discuss ..." has Putin as the *speaker* and Russia
as the *source* of the offer. This component finds the reporting frames (``said``,
``told``, ``according to``, a quotation with its attribution), records for every token the
outermost speaker it is reported by, and resolves first-person pronouns inside quotations
("We will not give away land," he said) to the speaker.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from offramp.nlp.annotations import Frame, Mention, init_doc, register_extensions
from offramp.nlp.lexicon import load_lexicon
from offramp.records import Actor

_CONTENT_DEPS = {"ccomp", "parataxis"}
_QUOTES = {'"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"}
_FIRST_PERSON = {"we", "us", "our", "ours", "ourselves", "i", "me", "my"}
# Reporters who are not actors: their reports carry no speaker (GUIDELINES: "diplomats said").
UNNAMED = {
    "diplomat",
    "diplomats",
    "source",
    "sources",
    "reporter",
    "reporters",
    "report",
    "reports",
    "media",
    "journalist",
    "journalists",
    "observer",
    "observers",
}


class ReportedSpeech:
    """Pipeline component ``offramp_speech``: writes ``doc._.frames``."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        lex = load_lexicon()
        self.report = lex.frames["report"]
        self.interpreters = lex.interpreters

    def __call__(self, doc: Doc) -> Doc:
        init_doc(doc)
        frames: list[Frame] = []
        mention_at: dict[int, Mention] = doc._.mention_at
        for token in doc:
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.report:
                frame = self._verb_frame(token, mention_at)
                if frame is not None:
                    frames.append(frame)
            elif token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                frame = self._according_to(token, mention_at)
                if frame is not None:
                    frames.append(frame)
        doc._.frames = frames
        self._first_person(doc, frames)
        return doc

    def _verb_frame(self, verb: Token, mention_at: dict[int, Mention]) -> Frame | None:
        content = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
        # "X happened, officials said": the clause before is the verb's head sometimes
        if not content and verb.dep_ in ("parataxis",) and verb.head.i < verb.i:
            head = verb.head
            if head.lemma_.lower() in self.report:
                # "X said A; otherwise, a spokesman said, B": the inserted frame covers B
                start, end = verb.right_edge.i + 1, head.right_edge.i + 1
            else:
                # "Otherwise, he said, the army would keep advancing": the whole clause
                start, end = head.left_edge.i, head.right_edge.i + 1
            if start >= end:
                return None
            return Frame(verb.i, self._speaker(verb, mention_at), start, end, "say")
        if not content:
            return None
        start = min(c.left_edge.i for c in content)
        end = max(c.right_edge.i for c in content) + 1
        return Frame(
            verb.i,
            self._speaker(verb, mention_at),
            start,
            end,
            "say",
            interpreter=self._interpreter(verb),
        )

    def _according_to(self, token: Token, mention_at: dict[int, Mention]) -> Frame | None:
        speaker = None
        for to in token.children:
            if to.lower_ == "to":
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        speaker = mention_at.get(pobj.i)
                        if speaker is not None and speaker.place:
                            speaker = None
        sent = token.sent
        return Frame(token.i, speaker, sent.start, sent.end, "according_to")

    def _speaker(self, verb: Token, mention_at: dict[int, Mention]) -> Mention | None:
        subj = _subject(verb)
        if subj is None:
            return None
        if subj.lemma_.lower() in UNNAMED or subj.lower_ in UNNAMED:
            return None
        if subj.lemma_.lower() in self.interpreters:
            return None
        m = mention_at.get(subj.i)
        if m is None or m.place or m.kind == "thing":
            return None
        return m

    def _interpreter(self, verb: Token) -> str | None:
        subj = _subject(verb)
        if subj is None:
            return None
        words = {subj.lemma_.lower(), subj.lower_}
        words |= {f"{c.lower_} {subj.lower_}" for c in subj.lefts}
        hit = words & self.interpreters
        if hit:
            return subj.lower_
        return None

    def _first_person(self, doc: Doc, frames: list[Frame]) -> None:
        """Resolve "we"/"our" inside reported speech to the frame's speaker."""
        mentions: list[Mention] = doc._.mentions
        mention_at: dict[int, Mention] = doc._.mention_at
        for token in doc:
            if token.lower_ not in _FIRST_PERSON or token.i in mention_at:
                continue
            frame = innermost_frame(frames, token.i)
            if frame is None or frame.speaker is None:
                continue
            sp = frame.speaker
            actor = Actor(token.text, sp.actor.code, sp.actor.country, sp.actor.sector)
            m = Mention(
                token.i, token.i + 1, token.i, actor, sp.kind, via="coreference", defence=sp.defence
            )
            mentions.append(m)
            mention_at[token.i] = m
        mentions.sort(key=lambda m: m.head)


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def innermost_frame(frames: list[Frame], i: int) -> Frame | None:
    """The narrowest frame whose content covers token ``i``."""
    best = None
    for f in frames:
        if (
            f.start <= i < f.end
            and f.verb != i
            and (best is None or f.end - f.start < best.end - best.start)
        ):
            best = f
    return best


def outermost_frame(frames: list[Frame], i: int) -> Frame | None:
    """The widest frame whose content covers token ``i`` (its speaker is *the* speaker)."""
    best = None
    for f in frames:
        if (
            f.start <= i < f.end
            and f.verb != i
            and (best is None or f.end - f.start > best.end - best.start)
        ):
            best = f
    return best


@Language.factory(
    "offramp_speech",
    requires=["doc._.mentions"],
    assigns=["doc._.frames"],
)
def make_reported_speech(nlp: Language, name: str) -> ReportedSpeech:
    return ReportedSpeech(nlp, name)
