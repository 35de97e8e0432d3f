"""Repairs to what the small English model gets wrong, before any rule reads it.

- Lemmas: the lemmatizer turns "staged" into "stag" and leaves "retook" as it is, and the
  tagger sometimes reads the verb of "offered to host talks" as a noun. Every later rule
  looks verbs up by lemma, so a wrong lemma silently loses the act. A verb's lemma is
  repaired when the model's is not a verb Offramp knows but a base form of the word is.
- Main verbs read as reduced relatives: "Oman's foreign minister offered to host talks"
  parsed as one noun phrase ("the minister [who was] offered ..."), leaving the sentence
  without a main verb. When a sentence has no verb at its root, its noun's first past
  participle with a complement of its own is made the main verb, the noun its subject.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from offramp.nlp.components import events
from offramp.nlp.lexicon import load_lexicon

# Irregular past forms the model leaves alone (the common ones it handles itself).
IRREGULAR = {
    "retook": "retake",
    "retaken": "retake",
    "overran": "overrun",
    "undertook": "undertake",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "rebuilt": "rebuild",
    "foresaw": "foresee",
    "forbade": "forbid",
    "overthrew": "overthrow",
    "overthrown": "overthrow",
    "shot": "shoot",
    "struck": "strike",
    "fled": "flee",
    "sought": "seek",
    "fought": "fight",
}


@cache
def known_verbs() -> frozenset[str]:
    """Every verb lemma the extraction rules look up."""
    lex = load_lexicon()
    words: set[str] = set(lex.verb_acts)
    for frame in lex.frames.values():
        words |= {w for w in frame if " " not in w}
    words |= {p.split()[0] for p in lex.phrasal_acts}
    words |= events.VERBS_READ
    return frozenset(words)


def base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected verb, most likely first."""
    w = word.lower()
    out = []
    if w in IRREGULAR:
        out.append(IRREGULAR[w])
    if w.endswith("ied") or w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("ed"):
        out += [w[:-1], w[:-2]]
        if len(w) > 4 and w[-3] == w[-4]:
            out.append(w[:-3])  # "stopped"
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
        if len(w) > 5 and w[-4] == w[-5]:
            out.append(w[:-4])  # "stopping"
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    return out


class ModelRepairs:
    """Pipeline component ``offramp_repairs``: verb lemmas and main verbs."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.verbs = known_verbs()

    def __call__(self, doc: Doc) -> Doc:
        for sent in list(doc.sents):
            _main_verb(sent)
        verbs = self.verbs
        for t in doc:
            if t.pos_ == "VERB":
                if t.lemma_.lower() in verbs:
                    continue
                for form in base_forms(t.text):
                    if form in verbs:
                        t.lemma_ = form
                        break
            elif (
                t.pos_ == "NOUN"
                and t.dep_ == "xcomp"
                and t.lower_ in verbs
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            ):
                # "offered to host talks": a verb after "to", whatever the tagger said
                t.pos_ = "VERB"
                t.tag_ = "VB"
                t.lemma_ = t.lower_
        return doc


def _main_verb(sent: Span) -> None:
    """Make "offered" the main verb of "Oman's foreign minister offered to host talks"."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return
    for c in root.children:
        if c.dep_ != "acl" or c.pos_ != "VERB" or c.i < root.i or c.tag_ not in ("VBN", "VBD"):
            continue
        deps = {g.dep_ for g in c.children}
        if deps & {"nsubj", "nsubjpass", "agent", "auxpass"} or not deps & {
            "xcomp",
            "ccomp",
            "dobj",
        }:
            return  # "talks hosted by Oman", "a plan offered last year"
        c.head = c
        c.dep_ = "ROOT"
        c.tag_ = "VBD"
        root.head = c
        root.dep_ = "nsubj"
        return


@Language.factory("offramp_repairs", assigns=["token.lemma", "token.pos", "token.tag", "token.dep"])
def make_model_repairs(nlp: Language, name: str) -> ModelRepairs:
    return ModelRepairs(nlp, name)
