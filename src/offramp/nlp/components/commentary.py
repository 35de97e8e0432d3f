"""Commentary: an author, analysts or "the outside world" interpreting an actor.

"Putin's remarks are seen by the outside world as a clear sign of easing" is not an act
of Russia's: it is someone else's reading of it. Such a span gets one item whose source is
the interpreted actor, with no event and ``attributed_by`` set, and any event the earlier
components found inside it is withdrawn.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from offramp.nlp.annotations import EventItem, Frame, Mention, init_doc, register_extensions
from offramp.nlp.components.speech import UNNAMED, innermost_frame
from offramp.nlp.lexicon import load_lexicon

# Subjects that stand for the author's own reading of a statement ("this statement can ...").
_STATEMENT_NOUNS = {
    "statement",
    "remarks",
    "approach",
    "move",
    "expression",
    "message",
    "tone",
    "wording",
    "rhetoric",
    "narrative",
    "speech",
    "decision",
    "shift",
    "signal",
    "emphasis",
    "words",
    "comments",
}
# Verbs that read a sign into something ("the decision suggested that ...").
_READING_VERBS = {
    "suggest",
    "signal",
    "indicate",
    "show",
    "mean",
    "reflect",
    "imply",
    "reveal",
    "demonstrate",
    "mask",
    "betray",
    "underline",
    "illustrate",
    "point",
}
# Speech acts whose content is the speaker's own words, not someone's commentary.
_SPEECH_ACTS = {"accuse", "blame", "condemn", "denounce", "say", "warn", "claim", "insist",
                "argue", "allege", "criticise", "criticize", "reject", "dismiss"}  # fmt: skip
# Acts referred back to in commentary ("the launch was aimed at ...").
_ANAPHORIC_ACTS = {"announcement", "deployment", "offer", "step", "launch", "test", "drills",
                   "strike", "attack", "visit", "decision", "move", "offensive",
                   "proposal", "timing"}  # fmt: skip
_INTERPRETIVE_LEMMAS = {"see", "view", "read", "interpret", "regard", "describe"}


class CommentaryDetector:
    """Pipeline component ``offramp_commentary``: adds commentary items, withdraws events."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        lex = load_lexicon()
        self.lex = lex
        self.phrases = lex.interpretive_phrases
        self.interpreters = lex.interpreters

    def __call__(self, doc: Doc) -> Doc:
        init_doc(doc)
        frames: list[Frame] = doc._.frames
        items: list[EventItem] = doc._.events
        mention_at: dict[int, Mention] = doc._.mention_at
        regions: list[tuple[int, int, int, str]] = []  # (start, end, anchor, interpreter)
        for f in frames:
            if f.interpreter:
                regions.append((f.start, f.end, f.verb, _label(f.interpreter)))
        for sent in doc.sents:
            if any(r[0] >= sent.start and r[1] <= sent.end for r in regions):
                continue
            hit = self._cue(sent)
            if hit is None:
                continue
            anchor, interpreter, start, end = hit
            frame = innermost_frame(frames, anchor)
            if frame is not None and frame.speaker is not None and not frame.interpreter:
                continue  # an actor's own account of its motives is its statement
            regions.append((start, end, anchor, interpreter))
        opinion = doc.user_data.get("offramp.opinion")
        if opinion is None:
            opinion = _is_opinion(doc.text)
        if opinion:
            regions += self._authorial(doc, frames, regions)
        new_items: list[EventItem] = []
        for start, end, anchor, interpreter in regions:
            actor = _interpreted_actor(doc, start, end, anchor, mention_at, items)
            for it in items:
                if start <= it.pred < end and not it.is_alternative_clause:
                    it.dropped = True
            if actor is None:
                continue
            sent = doc[anchor].sent
            item = EventItem(
                pred=anchor,
                sent_start=sent.start,
                sent_end=sent.end,
                clause_start=start,
                clause_end=end,
                act="commentary",
                source=actor,
                attributed_by=interpreter,
                confidence=0.5,
            )
            new_items.append(item)
        if new_items:
            items.extend(new_items)
            items.sort(key=lambda it: (it.sent_start, it.pred))
        return doc

    def _cue(self, sent: Span) -> tuple[int, str, int, int] | None:
        """(anchor token, interpreter, start, end) of an interpretive cue in the sentence."""
        text = sent.text.lower()
        phrase = next((p for p in self.phrases if p in text), None)
        if phrase is not None and self._inside_actor_speech(
            sent, text.index(phrase) + sent.start_char
        ):
            phrase = None  # "accused Addis Ababa of rhetoric aimed at justifying a war": its words
        if phrase is None:
            reader = self._interpreter_reading(sent)
            if reader is not None:
                return reader
            verb = self._interpretive_verb(sent)
            if verb is not None:
                return verb.i, self._interpreter_of(verb), verb.left_edge.i, verb.right_edge.i + 1
            subj = self._statement_subject(sent)
            if subj is None:
                return None
            return subj.head.i, "author", sent.start, sent.end
        # the token where the phrase starts
        offset = text.index(phrase) + sent.start_char
        anchor = next((t for t in sent if t.idx >= offset), sent.root)
        head = anchor if anchor.pos_ in ("VERB", "AUX", "ADJ") else anchor.head
        interpreter = "author"
        for t in sent:
            if (
                t.dep_ == "pobj"
                and t.head.lower_ == "by"
                and t.head.head.lemma_.lower() in _INTERPRETIVE_LEMMAS
            ):
                words = " ".join(x.lower_ for x in t.subtree if x.dep_ != "det")
                interpreter = words or "author"
                break
            if t.dep_ in ("nsubj",) and (
                t.lemma_.lower() in self.interpreters or t.lower_ in self.interpreters
            ):
                interpreter = t.lower_
                break
        # a participial comment on a clause ("..., sending a signal that ...") covers only itself
        if head.dep_ == "advcl" and head.tag_ == "VBG":
            return head.i, interpreter, head.left_edge.i, head.right_edge.i + 1
        return head.i, interpreter, sent.start, sent.end

    def _authorial(
        self, doc: Doc, frames: list[Frame], taken: list[tuple[int, int, int, str]]
    ) -> list[tuple[int, int, int, str]]:
        """In an opinion piece, the author's present-tense account of what an actor does
        ("He neither declares the completion ...", "Instead, he packages ...") is commentary,
        unless the actor is reported as saying it."""
        out = []
        report = self.lex.frames["report"]
        for sent in doc.sents:
            if any(s <= sent.start < e for s, e, _, _ in taken):
                continue
            root = sent.root
            if root.tag_ not in ("VBZ", "VBP") or any(c.dep_ == "aux" for c in root.children):
                continue
            if innermost_frame(frames, root.i) is not None:
                continue
            reported = [t for t in sent if t.lemma_.lower() in report and t.pos_ == "VERB"]
            if any(not _negated(t) and not any(_negated(a) for a in t.ancestors) for t in reported):
                continue  # "the Russian side continues to emphasize ...": its own statement
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.i not in doc._.mention_at:
                continue
            out.append((sent.start, sent.end, root.i, "author"))
        return out

    def _inside_actor_speech(self, sent: Span, offset: int) -> bool:
        """Is the cue inside what an actor says or accuses ("X accused Y of ... aimed at")?"""
        anchor = next((t for t in sent if t.idx >= offset), None)
        if anchor is None:
            return False
        mention_at = sent.doc._.mention_at
        for a in anchor.ancestors:
            if a.lemma_.lower() in _SPEECH_ACTS:
                subj = next((c for c in a.children if c.dep_ == "nsubj"), None)
                m = mention_at.get(subj.i) if subj is not None else None
                if (
                    m is not None
                    and not m.place
                    and m.kind != "thing"
                    and not _is_interpreter(subj)
                    and subj.lemma_.lower() not in UNNAMED
                ):
                    return True
        return False

    def _interpreter_reading(self, sent: Span) -> tuple[int, str, int, int] | None:
        """ "Commentators saw the speech as ...", "Observers read the move as ..."."""
        for t in sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in _INTERPRETIVE_LEMMAS:
                continue
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and _is_interpreter(subj):
                label = " ".join(x.lower_ for x in subj.subtree if x.dep_ != "det")
                return t.i, label, sent.start, sent.end
        return None

    def _interpretive_verb(self, sent: Span) -> Token | None:
        """ "X's renewed contacts suggested Iran was ...": a non-actor's act read as a sign."""
        mention_at = sent.doc._.mention_at
        for t in sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in _READING_VERBS:
                continue
            if not any(c.dep_ in ("ccomp", "dobj") for c in t.children):
                continue
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is None:
                continue
            m = mention_at.get(subj.i)
            if m is not None and m.kind != "thing" and not m.place:
                continue  # an actor suggesting something says it
            return t
        return None

    def _interpreter_of(self, verb: Token) -> str:
        """Who reads the sign: an unnamed reporter ("European diplomats"), or the author."""
        head = verb.head
        while head.head.i != head.i and head.lemma_.lower() not in self.lex.frames["report"]:
            head = head.head
        if head.lemma_.lower() in self.lex.frames["report"] and head.i != verb.i:
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return " ".join(x.lower_ for x in subj.subtree if x.dep_ != "det")
        return "author"

    def _statement_subject(self, sent: Span) -> Token | None:
        """A clause whose subject is "this statement" / "the approach" with no reporter."""
        for t in sent:
            if t.dep_ != "nsubj" or t.lemma_.lower() not in _STATEMENT_NOUNS:
                continue
            if not any(
                c.lower_ in ("this", "that", "these", "such") or c.dep_ == "poss"
                for c in t.children
            ):
                continue
            if t.head.lemma_.lower() in self.lex.frames["report"]:
                continue
            return t
        return None


_OPINION = re.compile(
    r"personal views? of the author|views expressed|opinion piece|this article represents|"
    r"\bop-ed\b|^(opinion|commentary|analysis|editorial)\s*[:|]",
    re.I | re.M,
)


def is_opinion(text: str) -> bool:
    """Public name of the opinion check (the coder runs it on the whole document)."""
    return _is_opinion(text)


def _is_opinion(text: str) -> bool:
    """Does the document say it is an opinion piece or commentary?"""
    return _OPINION.search(text) is not None


def _negated(t: Token) -> bool:
    """ "does not declare", "neither declares ... nor continues": a statement not made."""
    return any(
        c.dep_ in ("neg", "preconj") or c.lower_ in ("neither", "nor", "never") for c in t.children
    )


def _label(interpreter: str) -> str:
    return interpreter.lower().strip()


def _interpreted_actor(
    doc: Doc,
    start: int,
    end: int,
    anchor: int,
    mention_at: dict[int, Mention],
    items: list[EventItem],
) -> Mention | None:
    """Whose words or acts the commentary interprets."""
    span = doc[start:end]
    # the possessor of a non-actor subject: "Putin's remarks", "Tehran's decision"
    for t in span:
        if t.dep_ in ("nsubj", "nsubjpass") and t.i not in mention_at:
            for c in t.subtree:
                if c.dep_ == "poss" and c.i in mention_at and not mention_at[c.i].place:
                    return mention_at[c.i]
            if t.lemma_.lower() in _STATEMENT_NOUNS | _ANAPHORIC_ACTS:
                # "the announcement was intended to ...": whoever just announced it
                earlier = [
                    it
                    for it in items
                    if it.pred < start and it.source is not None and not it.attributed_by
                ]
                if earlier:
                    return earlier[-1].source
    # the subject of an interpreted clause: "that the Iranian leadership wanted to ..."
    for t in span:
        if t.dep_ in ("nsubj", "nsubjpass") and t.i in mention_at:
            m = mention_at[t.i]
            if not m.place and m.kind != "thing" and not _is_interpreter(doc[m.head]):
                return m
    for i in range(start, end):
        m = mention_at.get(i)
        if m is not None and not m.place and m.kind != "thing" and not _is_interpreter(doc[m.head]):
            return m
    return None


def _is_interpreter(t: Token) -> bool:
    lex = load_lexicon()
    return t.lemma_.lower() in lex.interpreters or t.lower_ in lex.interpreters


@Language.factory(
    "offramp_commentary",
    requires=["doc._.events", "doc._.frames"],
    assigns=["doc._.events"],
)
def make_commentary_detector(nlp: Language, name: str) -> CommentaryDetector:
    return CommentaryDetector(nlp, name)
