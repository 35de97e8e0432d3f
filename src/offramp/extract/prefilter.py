"""The fast path: do not parse sentences that cannot carry a signal.

A record needs a source actor and something said or done: so a sentence is parsed only if
it names an actor — a dictionary name (country, capital, office holder, organisation,
demonym), an actor noun ("troops", "ministry", "residents") or a pronoun that could refer to
one — *and* contains a word of the lexicon (an act verb or noun in any inflection, an
offer or readiness word, an interpretive verb) or a stance cue. Parsing is most of the cost
of coding and news copy has many sentences with neither (numbers, weather, background,
quotes of sentiment), so they are dropped *after tokenising and before parsing*.

Sentences that open an alternative ("Otherwise, the fighting will continue") are kept: they
belong to the offer or threat before them. Kept sentences are copied verbatim into a shorter
``Doc`` with their sentence starts fixed, and :class:`OffsetMap` maps character offsets in it
back to the original text, so evidence spans stay exact.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from offramp.nlp.components.stances import load_cues
from offramp.nlp.lexicon import Lexicon

_SENTENCE_END = {".", "!", "?"}
_CLOSERS = {'"', "'", "\u201d", "\u2019", ")", "]"}
_KEEP_OPENERS = {"otherwise", "failing", "else"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "our", "them",
             "him", "us"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Character offsets of a shortened text mapped back to the original."""

    #: (offset in the short text, offset in the original) at the start of each kept run
    starts: tuple[tuple[int, int], ...]

    def to_original(self, offset: int) -> int:
        i = bisect_right([s for s, _ in self.starts], offset) - 1
        short, orig = self.starts[max(i, 0)]
        return orig + (offset - short)

    @classmethod
    def identity(cls) -> OffsetMap:
        return cls(((0, 0),))


class SentenceFilter:
    """Decides, on the tokenised text, which sentences may carry a signal."""

    def __init__(self, nlp: Language) -> None:
        actors = nlp.get_pipe("offramp_actors")
        self._matchers = actors.matchers
        lex = actors.lex
        self._nouns = frozenset(w for w in lex.sector_nouns if " " not in w)
        self._cue_words = _surface_forms(nlp, _content_lemmas(lex))
        self._any_cue = load_cues().any_cue

    def filter(self, doc: Doc) -> tuple[Doc, OffsetMap, int]:
        """(shorter doc, offset map, sentences dropped); ``doc`` itself if none is dropped."""
        sentences = _rough_sentences(doc)
        if len(sentences) < 2:
            return doc, OffsetMap.identity(), 0
        flagged = self._actor_tokens(doc)
        cue_words = self._cue_words
        keep = []
        for start, end in sentences:
            first = next((t for t in doc[start:end] if not t.is_space and not t.is_punct), None)
            if first is not None and first.lower_ in _KEEP_OPENERS:
                keep.append((start, end))
                continue
            if not any(i in flagged for i in range(start, end)):
                continue
            span = doc[start:end]
            if any(t.lower_ in cue_words for t in span) or self._any_cue.search(_plain(span.text)):
                keep.append((start, end))
        dropped = len(sentences) - len(keep)
        if dropped == 0:
            return doc, OffsetMap.identity(), 0
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[tuple[int, int]] = []
        sent_starts: list[int] = []
        short = 0
        for start, end in keep:
            span = doc[start:end]
            starts.append((short, span.start_char))
            sent_starts.append(len(words))
            for t in span:
                words.append(t.text)
                spaces.append(bool(t.whitespace_))
            short += len(span.text_with_ws)
        flags = [None] * len(words)
        for i in sent_starts:
            flags[i] = True
        out = Doc(doc.vocab, words=words, spaces=spaces, sent_starts=flags)
        return out, OffsetMap(tuple(starts)), dropped

    def _actor_tokens(self, doc: Doc) -> set[int]:
        flagged: set[int] = set()
        for matcher in self._matchers:
            for _, start, end in matcher(doc):
                flagged.update(range(start, end))
        for t in doc:
            w = t.lower_
            if w in _PRONOUNS or w in self._nouns or w.rstrip("s") in self._nouns:
                flagged.add(t.i)
        return flagged


# Words beyond the act lexicon that can make an item on their own.
_EXTRA_CUES = {"ready", "willing", "prepared", "open", "objection", "willingness", "readiness",
               "openness", "legitimate", "serious", "interested", "sincere", "call", "describe",
               "label", "brand", "term", "satisfied", "achieve", "aim", "goal", "objective",
               "restraint", "escalate", "escalation"}  # fmt: skip
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ies", "ied")
_FUNCTION_WORDS = {"the", "and", "for", "with", "from", "into", "over", "out", "off", "down"}


def _content_lemmas(lex: Lexicon) -> set[str]:
    """Lemmas that name an act or a stance (frames like "ready to" need one beneath)."""
    words = set(lex.verb_acts) | set(_EXTRA_CUES) | set(lex.interpretive_verbs)
    words.update(p.split()[0] for p in lex.phrasal_acts)  # the verb of "rule out"
    words.update(p.split()[-1] for p in lex.noun_acts)  # the head of "military action"
    words.update(lex.frames["deny"])
    return {w.lower() for w in words if len(w) > 2 and w.lower() not in _FUNCTION_WORDS}


def _surface_forms(nlp: Language, lemmas: set[str]) -> frozenset[str]:
    """Every inflection of ``lemmas``: regular endings plus the model's irregular forms."""
    forms = set(lemmas)
    for w in lemmas:
        forms.update(w + s for s in _SUFFIXES)
        if w.endswith("e"):
            forms.update((w + "d", w[:-1] + "ing"))
        if w.endswith("y"):
            forms.update((w[:-1] + "ies", w[:-1] + "ied"))
        if len(w) > 2 and w[-1] not in "aeiouwy" and w[-2] in "aeiou":
            forms.update((w + w[-1] + "ed", w + w[-1] + "ing"))  # stopped, shelling
    try:
        exceptions = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
        for table in exceptions.values():
            for form, bases in table.items():
                if any(b in lemmas for b in bases):
                    forms.add(form)
    except (KeyError, ValueError):  # a model without exception tables: regular forms only
        pass
    return frozenset(forms)


def _plain(text: str) -> str:
    return " ".join(
        text.lower().replace('"', " ").replace("\u201c", " ").replace("\u201d", " ").split()
    )


def _rough_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans from punctuation and line breaks, before any parse."""
    out = []
    start = 0
    n = len(doc)
    i = 0
    while i < n:
        t = doc[i]
        boundary = False
        if t.text in _SENTENCE_END:
            j = i + 1
            # a closing quote hangs on the full stop ('said."'); an opening one follows a space
            while j < n and doc[j].text in _CLOSERS and not doc[j - 1].whitespace_:
                j += 1
            if (
                j >= n
                or doc[j].is_space
                or doc[j].is_title
                or doc[j].is_digit
                or not doc[j].is_alpha
            ):
                i = j - 1
                boundary = True
        elif t.is_space and "\n" in t.text:
            boundary = True
        if boundary:
            if i + 1 > start:
                out.append((start, i + 1))
            start = i + 1
        i += 1
    if start < n:
        out.append((start, n))
    return out
