"""Stances: where each statement puts its source on the tracked issues.

Two sources of evidence: the event type ("every THREATEN is escalation +1", an offer of
talks is negotiation +1, refusing a proposal is negotiation -1) and cue phrases in the
clause ("goals ... had not been achieved" is war_aims -1, "avoid a wider war" escalation
-1; ``data/stances.toml``). Clauses with a stance but no event become stance-only items
("the Russian military is generally satisfied" -> war_aims +1). Conditional, hedged or
speculative statements carry half the value.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from offramp.nlp.annotations import EventItem, Frame, Mention, init_doc, register_extensions
from offramp.nlp.components.speech import UNNAMED, innermost_frame, outermost_frame
from offramp.nlp.cues import condition_spans
from offramp.nlp.lexicon import load_lexicon

_NEGATORS = {"not", "n't", "never", "no", "nor", "neither", "without"}
_CLAUSE_DEPS = {"ROOT", "ccomp", "conj", "parataxis", "xcomp", "advcl"}
_BACKGROUND_MARKS = {
    "until",
    "till",
    "before",
    "after",
    "since",
    "because",
    "once",
    "if",
    "unless",
    "while",
    "when",
    "whether",
    "although",
    "though",
}
_TALK_TYPES = {"AGREE", "CONSULT", "REQUEST", "CONCEDE"}
_YIELD_ACTS = {"retreat", "concede"}
_PROPOSAL_WORDS = {
    "offer",
    "proposal",
    "proposals",
    "plan",
    "initiative",
    "call",
    "talks",
    "negotiations",
    "negotiation",
    "talk",
    "dialogue",
    "mediation",
    "ceasefire",
    "truce",
    "idea",
    "meeting",
    "summit",
    "invitation",
    "deal",
    "settlement",
    "framework",
    "terms",
}


@dataclass(frozen=True, slots=True)
class StanceCues:
    """Compiled cue patterns per issue and the talk-context words."""

    positive: dict[str, tuple[re.Pattern[str], ...]]
    negative: dict[str, tuple[re.Pattern[str], ...]]
    talk: tuple[str, ...]
    talk_pattern: re.Pattern[str]
    #: all cues in one pattern: most clauses have none, and one search says so
    any_cue: re.Pattern[str]

    @property
    def issues(self) -> tuple[str, ...]:
        return tuple(self.positive)


@cache
def load_cues() -> StanceCues:
    with resources.files("offramp.data").joinpath("stances.toml").open("rb") as f:
        data = tomllib.load(f)
    pos, neg = {}, {}
    for issue, spec in data["issues"].items():
        pos[issue] = tuple(re.compile(r"\b" + p) for p in spec.get("positive", []))
        neg[issue] = tuple(re.compile(r"\b" + p) for p in spec.get("negative", []))
    talk = tuple(data["context"]["talk"])
    # word-initial matches only: "mediat" must not match "immediate"
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in talk) + ")")
    every = [
        p
        for spec in data["issues"].values()
        for p in (*spec.get("positive", []), *spec.get("negative", []))
    ]
    any_cue = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in every) + ")")
    return StanceCues(positive=pos, negative=neg, talk=talk, talk_pattern=pattern, any_cue=any_cue)


class StanceTagger:
    """Pipeline component ``offramp_stances``: fills ``stances``; adds stance-only items."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.cues = load_cues()
        self.lex = load_lexicon()
        self.report = self.lex.frames["report"]

    def __call__(self, doc: Doc) -> Doc:
        init_doc(doc)
        items: list[EventItem] = doc._.events
        for it in items:
            if it.dropped:
                continue
            self._type_stances(doc, it)
            self._cue_stances(doc, it)
        self._stance_only(doc, items)
        items.sort(key=lambda it: (it.sent_start, it.pred))
        return doc

    # ------------------------------------------------------------------ stance of an item

    def _type_stances(self, doc: Doc, it: EventItem) -> None:
        before = set(it.stances)
        self._type_stances_inner(doc, it)
        for issue in set(it.stances) - before:
            it.notes.append(f"type-stance:{issue}")

    def _type_stances_inner(self, doc: Doc, it: EventItem) -> None:
        et = it.event_type
        if et is None or it.negated or it.attributed_by:
            return
        hedge = 0.5 if (it.condition is not None or it.hypothetical) else 1.0
        if et == "THREATEN":
            it.stances.setdefault("escalation", 1.0)
            if (
                it.condition is not None
                and it.condition.negative
                and self._talk_context(it.condition.text.lower())
            ):
                # an ultimatum to agree to a ceasefire or a peace plan demands talks
                it.stances.setdefault("negotiation", 1.0)
        clause = self._clause_text(doc, it)
        talky = self._talk_context(clause) or (
            it.condition is not None and self._talk_context(it.condition.text)
        )
        if et == "REQUEST" and not talky:
            # "proposed talks ... and urged Pyongyang to respond": the same source's talk offer
            # in the same sentence makes the request about talks
            talky = any(
                o is not it
                and o.sent_start == it.sent_start
                and o.source is not None
                and it.source is not None
                and o.source.actor.code == it.source.actor.code
                and o.event_type in ("AGREE", "CONSULT")
                and self._talk_context(self._clause_text(doc, o))
                for o in doc._.events
            )
        deescalation = et in ("AGREE", "RETREAT") and it.mood != "done" and _deescalates(doc, it)
        if deescalation and it.condition is not None:
            own = clause.replace(doc[it.condition.start : it.condition.end].text.lower(), " ")
        else:
            own = clause
        if (
            et in _TALK_TYPES
            and talky
            and it.act != "aid"
            and (not deescalation or _TRUCE.search(own) is not None)
        ):
            # a withdrawal is restraint; offered as part of a ceasefire it is also a peace move
            it.stances.setdefault("negotiation", 1.0 * hedge)
        if et == "SUPPORT" and it.obj is not None:
            obj_text = " ".join(t.lower_ for t in doc[it.obj].subtree)
            if self._talk_context(obj_text):
                # "welcomed the agreement", "praised Washington's mediation": backing talks
                it.stances.setdefault("negotiation", 1.0 * hedge)
        if et == "REJECT":
            obj_words = set()
            if it.obj is not None:
                obj_words = {t.lower_ for t in doc[it.obj].subtree} | {
                    t.lemma_.lower() for t in doc[it.obj].subtree
                }
            if obj_words & _PROPOSAL_WORDS or (it.obj is None and talky) or (it.act == "talk"):
                it.stances.setdefault("negotiation", -1.0)
        if et == "SANCTION" and talky:
            it.stances.setdefault("negotiation", -1.0)
        if deescalation:
            it.stances.setdefault("escalation", -1.0 * hedge)
        if et == "AGREE" and it.act in ("force", "coerce", "mobilize", "sanction"):
            # announced restraint ("would not respond to provocations")
            it.stances.setdefault("escalation", -1.0 * hedge)
        if et in ("ASSAULT", "COERCE", "MOBILIZE", "SANCTION") and it.hypothetical:
            it.stances.setdefault("escalation", 0.5)

    def _cue_stances(self, doc: Doc, it: EventItem) -> None:
        text = self._clause_text(doc, it)
        if it.condition is not None and it.condition.text:
            # the condition is what the other side must do, not the source's position
            text = text.replace(doc[it.condition.start : it.condition.end].text.lower(), " ")
        found = self.match(text)
        hedge = 0.5 if (it.condition is not None or it.hypothetical) else 1.0
        for issue, value in found.items():
            if issue in it.stances:
                continue
            if it.event_type in ("ACCUSE",) and not it.attributed_by:
                continue  # an accusation characterises the target, not the source
            if it.event_type == "REQUEST" and issue == "escalation":
                continue  # asking others for restraint is not one's own restraint
            it.stances[issue] = value * hedge

    def match(self, text: str) -> dict[str, float]:
        """issue -> +1/-1 for the cue phrases found in ``text`` (lower-cased)."""
        text = _plain(text)
        out: dict[str, float] = {}
        if self.cues.any_cue.search(text) is None:
            return out
        for issue in self.cues.issues:
            for sign, patterns in (
                (-1.0, self.cues.negative[issue]),
                (1.0, self.cues.positive[issue]),
            ):
                for pat in patterns:
                    m = pat.search(text)
                    if m is None:
                        continue
                    value = sign
                    if _negated_before(text, m.start()) and not _has_negator(m.group(0)):
                        value = -value
                    out[issue] = value
                    break
                if issue in out:
                    break
        return out

    def _talk_context(self, text: str) -> bool:
        return self.cues.talk_pattern.search(text) is not None

    def _clause_text(self, doc: Doc, it: EventItem) -> str:
        return doc[it.clause_start : it.clause_end].text.lower()

    # ------------------------------------------------------------------ stance-only items

    def _stance_only(self, doc: Doc, items: list[EventItem]) -> None:
        frames: list[Frame] = doc._.frames
        mention_at: dict[int, Mention] = doc._.mention_at
        covered = [(it.clause_start, it.clause_end) for it in items if not it.dropped]
        dropped = [(it.clause_start, it.clause_end) for it in items if it.dropped]
        dropped += condition_spans(doc, self.lex)  # a condition is not a stance of its actor
        new: list[EventItem] = []
        for sent in doc.sents:
            for head in self._clause_heads(sent):
                lo, hi = _clause_span(head)
                if any(s <= head.i < e for s, e in covered) or any(
                    s <= head.i < e for s, e in dropped
                ):
                    continue
                text = doc[lo:hi].text.lower()
                found = self.match(text)
                if not found:
                    continue
                source, speaker = self._who(head, frames, mention_at)
                if source is None:
                    continue
                hedged = any(c.lower_ in ("may", "might", "could") for c in head.children)
                offers = [
                    o
                    for o in items
                    if not o.dropped
                    and o.condition is not None
                    and o.sent_start == sent.start
                    and o.source is not None
                    and o.source.actor.code == source.actor.code
                ]
                if offers:
                    # "is willing to discuss ... and is prepared to end the conflict peacefully,
                    # but on the condition that ...": one conditional offer, not a second stance
                    hedged = True
                    found = {
                        k: v for k, v in found.items() if all(k not in o.stances for o in offers)
                    }
                    if not found:
                        continue
                it = EventItem(
                    pred=head.i,
                    sent_start=sent.start,
                    sent_end=sent.end,
                    clause_start=lo,
                    clause_end=hi,
                    act=None,
                    source=source,
                    speaker=speaker,
                    confidence=0.5,
                )
                it.stances = {k: v * (0.5 if hedged else 1.0) for k, v in found.items()}
                new.append(it)
                covered.append((lo, hi))
        items.extend(new)

    def _clause_heads(self, sent: Span) -> list[Token]:
        out = []
        for t in sent:
            if t.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue
            if t.dep_ not in _CLAUSE_DEPS:
                continue
            if t.pos_ == "NOUN" and t.dep_ != "ROOT":
                continue
            if _in_background(t):
                continue  # "until Hamas was destroyed": a goal or time, not Hamas's stance
            # a reporting verb is a frame; its complement is the clause
            if t.lemma_.lower() in self.report and any(
                c.dep_ in ("ccomp", "parataxis") for c in t.children
            ):
                continue
            out.append(t)
        # innermost clauses first, so that a complement is read before the verb above it
        out.sort(key=lambda t: -_depth(t))
        return out

    def _who(
        self, head: Token, frames: list[Frame], mention_at: dict[int, Mention]
    ) -> tuple[Mention | None, Mention | None]:
        """(source, speaker) of a stance-only clause."""
        inner = innermost_frame(frames, head.i)
        outer = outermost_frame(frames, head.i)
        speaker = outer.speaker if outer is not None else None
        subj = _subject(head)
        source = None
        if subj is not None and subj.i in mention_at:
            m = mention_at[subj.i]
            if not m.place and m.kind != "thing" and subj.lemma_.lower() not in UNNAMED:
                source = m
        if source is None and inner is not None:
            # the statement is the reporter's own, unless its subject is about another actor
            # ("Iran's restraint was a tactic": a characterisation, not a stance of theirs)
            others = [
                mention_at[t.i]
                for t in (subj.subtree if subj is not None else [])
                if t.i in mention_at and not mention_at[t.i].place
            ]
            if (
                inner.speaker is not None
                and others
                and all(not _same_side(m, inner.speaker) for m in others)
            ):
                return None, None
            source = inner.speaker
        if source is None:
            return None, None
        if speaker is None and (head.lemma_.lower() in self.report or inner is not None):
            speaker = source
        return source, speaker


# Military de-escalation (PLOVER RETREAT "de-escalate military engagement"): offering these
# is escalation -; easing civil restrictions or releasing people is not.
_DEESCALATE_VERBS = {
    "withdraw",
    "retreat",
    "demobilize",
    "demobilise",
    "disarm",
    "demilitarize",
    "demilitarise",
    "disengage",
}
_DEESCALATE_PARTICLES = {
    ("pull", "back"),
    ("pull", "out"),
    ("draw", "back"),
    ("scale", "back"),
    ("stand", "down"),
    ("step", "back"),
    ("move", "back"),
    ("back", "off"),
    ("lay", "down"),
}
_MILITARY_OBJECTS = {
    "strikes",
    "attacks",
    "offensive",
    "operations",
    "drills",
    "exercises",
    "exercise",
    "fighting",
    "hostilities",
    "bombardment",
    "shelling",
    "troops",
    "forces",
    "fighters",
    "soldiers",
    "deployment",
    "manoeuvres",
    "maneuvers",
}


_TRUCE = re.compile(r"\b(ceasefire|cease-fire|truce|armistice|peace (deal|plan|agreement|process))")


def _deescalates(doc: Doc, it: EventItem) -> bool:
    """Is this offered act a military de-escalation (withdraw, pull back, halt strikes)?"""
    pred = doc[it.pred]
    lemma = pred.lemma_.lower()
    if lemma in _DEESCALATE_VERBS:
        return True
    parts = {c.lower_ for c in pred.children if c.dep_ in ("prt", "advmod", "prep")}
    if any(v == lemma and p in parts for v, p in _DEESCALATE_PARTICLES):
        return True
    obj_words = {t.lower_ for t in doc[it.obj].subtree} if it.obj is not None else set()
    if lemma in ("lift", "ease", "end") and obj_words & {"blockade", "siege", "curfew"}:
        return True  # "would lift the blockade"
    if lemma in ("hand", "surrender", "give", "destroy", "burn") and obj_words & {
        "weapons",
        "arms",
        "arsenal",
    }:
        return True  # "prepared to hand over its heavy weapons": disarmament
    if lemma == "hold" and "off" in parts:
        return True  # "would hold off on expanding its operation"
    return bool(obj_words & _MILITARY_OBJECTS) and lemma in {
        "halt",
        "stop",
        "suspend",
        "end",
        "cease",
        "pause",
        "freeze",
        "scale",
        "reduce",
        "cancel",
        "postpone",
    }


_QUOTE_CHARS = str.maketrans({'"': " ", "\u201c": " ", "\u201d": " ", "\u2018": "'", "\u2019": "'"})


def _plain(text: str) -> str:
    """Lower-case words without quotation marks: "no basis" for talks -> no basis for talks."""
    return " ".join(text.translate(_QUOTE_CHARS).split())


def _negated_before(text: str, pos: int) -> bool:
    before = text[:pos].split()[-3:]
    return any(w.strip(",.;\"'") in _NEGATORS for w in before)


def _has_negator(s: str) -> bool:
    return any(w in _NEGATORS for w in s.split())


def _in_background(t: Token) -> bool:
    """Is this clause (or the clause it is coordinated with) a time, goal or condition adjunct?"""
    cur = t
    for _ in range(4):
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in cur.children
        ):
            return True
        if cur.dep_ != "conj":
            return False
        cur = cur.head
    return False


def _same_side(a: Mention, b: Mention) -> bool:
    if a.actor.country and b.actor.country:
        return a.actor.country == b.actor.country and (a.actor.sector == "REB") == (
            b.actor.sector == "REB"
        )
    return a.actor.code == b.actor.code


def _clause_span(head: Token) -> tuple[int, int]:
    """The clause of ``head`` without the clauses embedded in it as complements."""
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    return lo, hi


def _subject(t: Token) -> Token | None:
    cur = t
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
            if c.dep_ == "expl":
                return None
        if cur.dep_ in ("xcomp", "acomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i:
        t = t.head
        d += 1
    return d


@Language.factory(
    "offramp_stances",
    requires=["doc._.events", "doc._.frames"],
    assigns=["doc._.events"],
)
def make_stance_tagger(nlp: Language, name: str) -> StanceTagger:
    return StanceTagger(nlp, name)
