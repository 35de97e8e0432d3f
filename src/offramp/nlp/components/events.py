"""Event typing: find the clauses that report an act and give each its PLOVER type.

For every clause the component walks down from the clause head through *frames* ("is
ready to", "vowed to", "was weighing", "refused to", "denied") to the word that names the
act, looks that word up in the lexicon's act classes, and types it by the mood the frames
give it (done, intended, possible, refused) — so "ready to resume talks" is AGREE,
"held talks" CONSULT, "will not negotiate" REJECT, "would strike" THREATEN, "was
weighing further strikes" a hypothetical ASSAULT and "denied attacking" a negated ASSAULT.

It then finds the source (the clause's subject, or the agent of a passive, or the speaker
when the subject is not an actor), the target (object, prepositional object, the
possessor or proposer of a refused or accepted proposal) and the speaker (outermost
reporting frame, or the source itself for speech acts).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from offramp.nlp.annotations import EventItem, Frame, Mention, init_doc, register_extensions
from offramp.nlp.components.speech import UNNAMED, outermost_frame
from offramp.nlp.cues import condition_spans
from offramp.nlp.lexicon import Lexicon, load_lexicon
from offramp.records import Actor

# Dependency labels of clause heads that may carry an act of their own.
_CLAUSE_DEPS = {"ROOT", "ccomp", "conj", "parataxis", "advcl", "xcomp", "csubj"}
# Subordinators of adverbial clauses that are background, not events of their own.
_BACKGROUND_MARKS = {
    "after",
    "before",
    "since",
    "until",
    "because",
    "once",
    "so",
    "though",
    "although",
    "despite",
    "unless",
    "if",
    "whether",
    "than",
    "whereas",
    "till",
}
_CONDITION_MARKS = {"if", "unless", "provided", "providing", "once", "until", "as long as"}
_FUTURE = {"will", "would", "shall", "'ll", "wo", "going"}
_POSSIBLE_MODALS = {"could", "might", "may", "can", "ca"}
_OBLIGATION = {"must", "should", "ought"}
_NEG_WORDS = {"not", "n't", "never", "no", "neither", "nor", "nothing"}
# Light verbs take their act from their object noun: "held talks", "launched drills".
_LIGHT = {
    "hold",
    "launch",
    "carry",
    "conduct",
    "stage",
    "mount",
    "make",
    "take",
    "issue",
    "give",
    "begin",
    "start",
    "resume",
    "continue",
    "keep",
    "step",
    "intensify",
    "expand",
    "announce",
    "declare",
    "order",
    "undertake",
    "pursue",
    "wage",
    "perform",
    "exert",
    "apply",
    "put",
    "impose",
    "send",
    "have",
    "do",
    "get",
    "use",
    "open",
    "reopen",
    "enter",
    "join",
    "seek",
    "face",
    "move",
    "submit",
    "present",
    "table",
    "hand",
    "unveil",
    "extend",
    "express",
    "voice",
    "end",
    "stop",
    "halt",
    "suspend",
    "cancel",
    "postpone",
    "call",
    "pause",
    "cease",
    "freeze",
    "lift",
    "ease",
    "relax",
    "drop",
    "add",
    "deliver",
    "provide",
    "offer",
    "propose",
    "accept",
    "reject",
    "welcome",
    "approve",
    "sign",
    "agree",
    "threaten",
    "warn",
    "vow",
    "pledge",
    "promise",
    "mull",
    "weigh",
    "consider",
    "plan",
    "prepare",
    "raise",
    "return",
    "restore",
    "allow",
    "block",
    "bring",
    "produce",
    "conclude",
}
# Verbs that stop or undo what their object names: halting strikes de-escalates,
# halting talks or aid cuts relations, lifting sanctions concedes.
_TERMINATORS = {"end", "stop", "halt", "suspend", "cancel", "postpone", "delay", "pause", "cease",
                "freeze", "abandon", "scrap", "call", "break", "quit", "leave", "sever", "cut",
                "downgrade"}  # fmt: skip
_EASERS = {"lift", "ease", "relax", "loosen", "remove", "drop", "waive", "suspend"}
_ASPECTUAL = {
    "continue",
    "keep",
    "resume",
    "start",
    "begin",
    "go",
    "remain",
    "stay",
    "proceed",
    "carry",
    "intensify",
    "step",
    "expand",
    "escalate",
}
# Evaluative words for "called the move X" / "described the talks as X".
_POSITIVE = {
    "constructive",
    "useful",
    "positive",
    "productive",
    "fruitful",
    "good",
    "successful",
    "important",
    "historic",
    "encouraging",
    "helpful",
    "significant",
    "welcome",
    "breakthrough",
    "friendly",
    "frank",
    "promising",
    "substantive",
    "excellent",
    "great",
    "step",
    "progress",
    "milestone",
    "serious",
}
_NEGATIVE = {
    "unjustified",
    "unacceptable",
    "hysteria",
    "illegal",
    "provocation",
    "provocative",
    "aggression",
    "aggressive",
    "irresponsible",
    "dangerous",
    "absurd",
    "lie",
    "lies",
    "propaganda",
    "blackmail",
    "sabotage",
    "daydream",
    "trap",
    "farce",
    "rehash",
    "violation",
    "baseless",
    "groundless",
    "hostile",
    "outrageous",
    "reckless",
    "criminal",
    "terrorist",
    "hostage-taking",
    "war",
    "destabilising",
    "destabilizing",
    "escalatory",
    "mistake",
    "premature",
    "unfounded",
    "fabrication",
    "nonsense",
    "theatre",
    "theater",
    "stunt",
    "piracy",
    "invasion",
    "betrayal",
    "insult",
    "shameful",
    "cynical",
    "hypocritical",
    "interference",
    "act",
    "crime",
    "crimes",
    "genocide",
    "barbaric",
    "brutal",
    "unlawful",
    "threat",
    "blatant",
    "flagrant",
    "ploy",
    "hoax",
    "smokescreen",
}
# Objects that refer back to an earlier act ("dismissed the offer") and the types they name.
_ANAPHORIC = {
    "resolution": ("REQUEST", "AGREE"),
    "agreement": ("AGREE",),
    "accord": ("AGREE",),
    "treaty": ("AGREE",),
    "pact": ("AGREE",),
    "offer": ("AGREE",),
    "proposal": ("AGREE", "REQUEST"),
    "proposals": ("AGREE", "REQUEST"),
    "plan": ("AGREE", "REQUEST"),
    "initiative": ("AGREE", "REQUEST"),
    "idea": ("AGREE", "REQUEST"),
    "call": ("REQUEST",),
    "calls": ("REQUEST",),
    "demand": ("REQUEST",),
    "demands": ("REQUEST",),
    "request": ("REQUEST",),
    "appeal": ("REQUEST",),
    "ultimatum": ("THREATEN", "REQUEST"),
    "conditions": ("AGREE", "REQUEST", "THREATEN"),
    "terms": ("AGREE", "REQUEST"),
    "move": (),
    "decision": (),
    "step": (),
    "arrests": ("COERCE",),
    "accusation": ("ACCUSE",),
    "accusations": ("ACCUSE",),
    "charge": ("ACCUSE",),
    "charges": ("ACCUSE",),
    "claim": (),
    "claims": (),
    "threat": ("THREATEN",),
    "threats": ("THREATEN",),
    "warning": ("THREATEN",),
    "deal": ("AGREE",),
    "truce": ("AGREE",),
    "ceasefire": ("AGREE",),
    "attack": ("ASSAULT",),
    "attacks": ("ASSAULT",),
    "strike": ("ASSAULT",),
    "strikes": ("ASSAULT",),
    "sanctions": ("SANCTION",),
    "measures": (),
    "drills": ("MOBILIZE",),
    "it": (),
    "this": (),
    "them": (),
    "statement": (),
    "remarks": (),
    "comments": (),
    "report": (),
    "reports": (),
}
# Speech-act verbs whose complement is the *content* of the act, not an act of its own.
_CONSUMING = {
    "accuse",
    "blame",
    "urge",
    "call",
    "ask",
    "demand",
    "press",
    "request",
    "appeal",
    "warn",
    "threaten",
    "praise",
    "condemn",
    "criticise",
    "criticize",
    "denounce",
    "reject",
    "dismiss",
    "tell",
    "order",
    "encourage",
    "invite",
    "thank",
    "congratulate",
    "welcome",
    "charge",
    "force",
    "compel",
    "pressure",
    "persuade",
    "convince",
    "describe",
    "label",
    "brand",
    "allow",
    "let",
    "permit",
    "help",
    "prevent",
    "stop",
    "bar",
    "forbid",
    "ban",
}
# Military assets: moving or sending them is a show of force (MOBILIZE).
_MILITARY_ASSETS = {
    "troops",
    "soldiers",
    "forces",
    "units",
    "warships",
    "jets",
    "reinforcements",
    "battalions",
    "launchers",
    "batteries",
    "tanks",
    "artillery",
    "bombers",
    "brigades",
    "divisions",
    "submarines",
    "carriers",
    "destroyers",
    "frigates",
}
_GOAL_NOUNS = {
    "goal",
    "goals",
    "objective",
    "objectives",
    "aim",
    "aims",
    "target",
    "targets",
    "demand",
    "demands",
    "condition",
    "conditions",
    "criteria",
    "needs",
    "need",
    "expectations",
    "deadline",
    "obligations",
    "requirements",
    "tasks",
    "task",
}
# Verbs whose complement is a goal, not a reported act ("making sure Hamas never rearmed").
# Verbs that state an intent about their object: "vowed revenge", "planned new strikes".
_INTENT_WITH_OBJECT = {
    "vow",
    "pledge",
    "promise",
    "threaten",
    "plan",
    "intend",
    "prepare",
    "offer",
    "propose",
    "swear",
}
_GOAL_VERBS = {"ensure", "make", "guarantee", "prevent", "see", "aim", "seek", "sure", "certain"}
# Speech acts whose that-clause is their content ("warned that ...", "urged that ...").
_CONSUME_CCOMP = {
    "warn",
    "threaten",
    "accuse",
    "blame",
    "urge",
    "demand",
    "tell",
    "ask",
    "call",
    "press",
    "request",
    "appeal",
    "charge",
    "praise",
    "condemn",
    "criticise",
    "criticize",
    "denounce",
    "reject",
    "dismiss",
    "describe",
    "insist",
}
_DENY_LEMMAS = {"deny", "dispute", "disavow", "refute", "reject"}
_REQUESTED_SELF = {"order", "instruct", "command", "tell"}
# Verbal acts: without a reporter, their source is also their speaker.
_VERBAL_TYPES = {"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"}
_MARKS_OF_TALK = {"talk", "talks", "negotiation", "negotiations", "dialogue", "meeting"}


@dataclass(slots=True)
class _Reading:
    """What the walk down a clause found."""

    pred: Token
    act: str | None
    mood: str
    negated: bool
    denied: bool
    obj: Token | None
    chain: list[int]
    requested: bool = False
    request_target: Token | None = None
    evaluation: str | None = None
    characterisation: bool = False
    denier: Token | None = None


class EventTagger:
    """Pipeline component ``offramp_events``: writes ``doc._.events``."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.lex: Lexicon = load_lexicon()
        f = self.lex.frames
        self.intent = f["intent"]
        self.possible = f["possible"]
        self.refuse = f["refuse"]
        self.request = f["request"]
        self.deny = f["deny"]
        self.report = f["report"]
        self.mute = f["mute"]

    # ------------------------------------------------------------------ driver

    def __call__(self, doc: Doc) -> Doc:
        init_doc(doc)
        items: list[EventItem] = []
        consumed: set[int] = set()
        for start, end in condition_spans(doc, self.lex):
            consumed.update(range(start, end))
        for sent in doc.sents:
            heads = [t for t in sent if self._is_clause_head(t)]
            for head in heads:
                if head.i in consumed:
                    continue
                reading = self._read(head)
                if reading is None:
                    continue
                consumed.update(reading.chain)
                consumed.update(self._consumed_by(reading))
                item = self._item(doc, sent, head, reading, items)
                if item is not None:
                    items.append(item)
        doc._.events = _merge_restatements(items)
        return doc

    def _consumed_by(self, r: _Reading) -> set[int]:
        """Tokens of a speech act's complement: its content, not acts of their own
        ("warned Taipei that provocations would be crushed", "accused Kyiv of preparing")."""
        pred = r.pred
        act = self.lex.acts.get(r.act) if r.act else None
        speech = (
            r.requested or (act is not None and act.speech_act) or pred.lemma_.lower() in _CONSUMING
        )
        if not speech or r.denied:
            return set()
        out: set[int] = set()
        that_clause = (
            r.requested
            or (act is not None and act.speech_act)
            or pred.lemma_.lower() in _CONSUME_CCOMP
        )
        for c in pred.children:
            if (
                c.dep_ == "xcomp"
                or (c.dep_ == "ccomp" and that_clause)
                or (c.dep_ == "prep" and c.lower_ in ("of", "for", "over"))
            ):
                out.update(t.i for t in c.subtree)
        return out

    def _is_clause_head(self, t: Token) -> bool:
        if t.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            return False
        if t.pos_ == "NOUN":
            # nominal predicates only as the root of a fragment or in copular clauses
            return t.dep_ == "ROOT"
        if t.pos_ == "ADJ" and t.dep_ not in ("ROOT", "ccomp", "conj"):
            return False
        if t.pos_ == "AUX" and any(
            c.dep_ in ("aux", "auxpass") for c in t.head.children if c.i == t.i
        ):
            return False
        if t.dep_ in ("aux", "auxpass"):
            return False
        if t.dep_ not in _CLAUSE_DEPS:
            return False
        if _inside_elaboration(t):
            return False  # "..., saying there could be no truce while ...": part of the main act
        if t.dep_ == "advcl":
            marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
            if marks & _BACKGROUND_MARKS:
                return False
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                # "..., saying ...", "forcing the drivers to turn back" fold into the main act;
                # "..., accusing the group of war crimes" is an act of another type
                return t.tag_ == "VBG" and t.lemma_.lower() in _SEPARATE_PARTICIPLES
        if t.dep_ == "xcomp":
            # an xcomp is reached through its frame, except under a reporting verb
            return t.head.lemma_.lower() in self.mute
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in _GOAL_VERBS:
            return False  # "making sure Hamas never rearmed": a goal, not an act
        if t.dep_ == "conj":
            # conjuncts inside a noun phrase or an adjunct are not clauses
            h = t.head
            while h.dep_ == "conj":
                h = h.head
            if h.pos_ not in ("VERB", "AUX", "ADJ") and h.dep_ != "ROOT":
                return False
            if h.dep_ in ("acl", "relcl", "amod", "pcomp", "pobj"):
                return False
        return True

    # ------------------------------------------------------------------ reading a clause

    def _read(self, head: Token) -> _Reading | None:
        lemma0 = head.lemma_.lower()
        if lemma0 in self.report | _PROMISE and any(
            c.dep_ in ("ccomp", "parataxis") for c in head.children
        ):
            return None  # "insisted that ...", "vowed that ...": a frame, its content is the act
        if head.dep_ == "parataxis" and lemma0 in self.report | {"warn", "threaten", "vow"}:
            return None  # "or else, he warned, ...": an inserted attribution
        mood = _base_mood(head)
        negated = _is_negated(head)
        denied = False
        denier: Token | None = None
        chain = [head.i]
        cur = head
        obj = None
        for _ in range(8):
            lemma = cur.lemma_.lower()
            if self._in_exception(cur):
                return None
            # copula with an adjective or noun predicate: "is ready to", "was a test of"
            if lemma in _LINKING or cur.pos_ == "AUX":
                pred = _copula_predicate(cur)
                if pred is None:
                    break
                if any(c.dep_ == "expl" for c in cur.children) and any(
                    c.lower_ == "no" for c in pred.children
                ):
                    return None  # "there have been no discussions about ...": nothing happened
                chain.append(pred.i)
                if _is_negated(pred):
                    negated = not negated if pred.lower_ != "no" else negated
                if _characterises(pred, negated or _is_negated(cur)):
                    # "Moscow was not serious about peace": the speaker's accusation
                    return _Reading(
                        pred, "accuse", "done", False, False, None, chain, characterisation=True
                    )
                cur = pred
                continue
            xcomp = _child(cur, "xcomp")
            if xcomp is None and lemma in _STANCE_NOUNS:
                # "expressed willingness to negotiate", "signalled openness to talks"
                xcomp = next(
                    (c for c in cur.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"),
                    None,
                )
                if xcomp is None:
                    noun = _to_noun(cur)
                    if noun is not None and self._noun_act(noun) is not None:
                        mood = _combine(mood, "intent")
                        chain.append(noun.i)
                        return _Reading(
                            noun,
                            self._noun_act(noun),
                            mood,
                            negated or _is_negated(cur),
                            False,
                            noun,
                            chain,
                        )
                if xcomp is not None:
                    mood = _combine(mood, "intent")
                    chain.append(xcomp.i)
                    cur = xcomp
                    continue
            if lemma in _EXPRESS and cur.pos_ == "VERB":
                noun = _child(cur, "dobj")
                if noun is not None and noun.lemma_.lower() in _STANCE_NOUNS:
                    chain.append(noun.i)
                    cur = noun
                    continue
            if cur.pos_ == "ADJ" and xcomp is None and lemma in self.intent:
                # "open to talks", "ready for an immediate ceasefire"
                noun = _to_noun(cur)
                if noun is not None and self._noun_act(noun) is not None:
                    mood = _combine(mood, "intent")
                    chain.append(noun.i)
                    return _Reading(noun, self._noun_act(noun), mood, negated, False, noun, chain)
            if cur.pos_ == "ADJ" or cur.dep_ in ("acomp",):
                if lemma in self.intent and xcomp is not None:
                    mood = _combine(mood, "intent")
                    chain.append(xcomp.i)
                    cur = xcomp
                    continue
                if lemma in self.possible and xcomp is not None:
                    mood = "possible"
                    chain.append(xcomp.i)
                    cur = xcomp
                    continue
                break
            if (
                lemma in ("reject", "dismiss", "refute")
                and cur.pos_ == "VERB"
                and _reported_clause(cur) is not None
                and self._could_be_act(_reported_clause(cur))
            ):
                # "rejected claims that its troops had fired": a denial of the act
                content = _reported_clause(cur)
                denied, denier = True, cur
                chain.append(content.i)
                cur, mood = content, "done"
                continue
            if lemma in self.deny and cur.pos_ == "VERB":
                content = xcomp or _child(cur, "ccomp") or _reported_clause(cur)
                if content is not None:
                    denied = True
                    denier = cur
                    chain.append(content.i)
                    cur = content
                    mood = "done"
                    continue
                break
            if lemma in self.refuse and xcomp is not None and lemma != "fail":
                if negated and lemma == "hesitate":
                    negated = False
                    mood = _combine(mood, "intent")
                else:
                    mood = "refused"
                chain.append(xcomp.i)
                cur = xcomp
                continue
            if lemma == "fail" and xcomp is not None:
                negated = True
                chain.append(xcomp.i)
                cur = xcomp
                continue
            deadline = _deadline_given(cur)
            if deadline is not None:
                # "gave Moscow 50 days to agree to a ceasefire": a demand with a deadline
                return _Reading(
                    cur,
                    "request",
                    mood,
                    negated,
                    False,
                    deadline[1],
                    [*chain, deadline[1].i],
                    requested=True,
                    request_target=deadline[0],
                )
            if xcomp is not None and lemma in self.request and _has_other_object(cur):
                target = _object(cur)
                return _Reading(
                    cur,
                    "request",
                    mood,
                    negated,
                    False,
                    xcomp,
                    [*chain, xcomp.i],
                    requested=True,
                    request_target=target,
                )
            if xcomp is not None and lemma in _ASPECTUAL:
                chain.append(xcomp.i)
                cur = xcomp
                if mood == "done" and lemma in ("continue", "keep") and _tense_future(head):
                    mood = "intent"
                continue
            if xcomp is not None and lemma in self.possible:
                mood = "possible"
                chain.append(xcomp.i)
                cur = xcomp
                continue
            if xcomp is not None and lemma in self.intent:
                mood = _combine(mood, "intent")
                chain.append(xcomp.i)
                cur = xcomp
                continue
            break
        pred = cur
        act, obj, evaluation = self._classify(pred)
        lemma = pred.lemma_.lower()
        if act is not None and lemma not in self.lex.verb_acts:
            # a frame verb whose object names the act: "was weighing further strikes"
            if lemma in self.possible:
                mood = "possible"
            elif lemma in _INTENT_WITH_OBJECT:
                mood = _combine(mood, "intent")
        if act is None:
            # frame verbs with an event-noun object: "was weighing further strikes", "vowed revenge"
            noun = _object(pred)
            lemma = pred.lemma_.lower()
            if noun is not None and (lemma in self.possible or lemma in self.intent):
                act = self._noun_act(noun)
                if act is not None:
                    obj = noun
                    mood = "possible" if lemma in self.possible else _combine(mood, "intent")
        if act is None and evaluation is None:
            return None
        return _Reading(
            pred,
            act,
            mood,
            negated or (_is_negated(pred) and pred.i != head.i),
            denied,
            obj,
            chain,
            evaluation=evaluation,
            denier=denier,
        )

    def _in_exception(self, t: Token) -> bool:
        lemma = t.lemma_.lower()
        window = " ".join(x.lemma_.lower() for x in t.doc[max(0, t.i - 1) : t.i + 4])
        for phrase in self.lex.exceptions:
            first = phrase.split()[0]
            if (first == lemma or first == "not") and phrase in window:
                return True
        return False

    # ------------------------------------------------------------------ act classes

    def _classify(self, pred: Token) -> tuple[str | None, Token | None, str | None]:
        """(act class, object noun, evaluation) of the word that names the act."""
        lex = self.lex
        lemma = pred.lemma_.lower()
        obj = _object(pred)
        obj_lemma = _np_key(obj) if obj is not None else ""
        doc = pred.doc
        if pred.i >= 2 and doc[pred.i - 1].text == "-" and doc[pred.i - 2].lower_ == "test":
            return "mobilize", obj, None  # "test-fired a missile"
        clause_words = {t.lower_ for t in pred.subtree}
        if "legitimate" in clause_words and ({"target", "targets"} & clause_words):
            return "force", obj, None  # "would be treated as legitimate targets"
        if lemma in ("consider", "regard", "treat", "view", "see") and _WAR_PHRASES & _bigrams(
            pred
        ):
            return "threaten", obj, None  # "would regard any such move as an act of war"
        if "grata" in clause_words:
            return "sanction", obj, None  # "declared the diplomats persona non grata"
        if lemma == "claim" and obj is not None and obj.lower_ == "responsibility":
            # "claimed responsibility for sinking the ship": the act claimed
            for prep in obj.children if obj.children else ():
                if prep.dep_ == "prep" and prep.lower_ == "for":
                    inner = next((p for p in prep.children if p.dep_ in ("pcomp", "pobj")), None)
                    if inner is not None:
                        act, _, _ = self._classify(inner)
                        act = act or self._noun_act(inner)
                        if act is not None:
                            return act, _object(inner) or obj, None
        noun_act0 = self._noun_act(obj) if obj is not None else None
        if lemma in _REDUCERS and noun_act0 in ("cooperate", "aid", "talk"):
            return "sanction", obj, None  # "scale back its cooperation with the IAEA"
        if (
            lemma in _INTENSIFIERS
            and noun_act0 in ("cooperate", "mobilize")
            and set(_np_key(obj).split()) & _DRILLS
        ):
            return "mobilize", obj, None  # "would expand joint exercises": a show of force
        if (
            lemma == "take"
            and obj is not None
            and obj.lower_ in ("dispute", "case", "matter", "issue")
        ):
            return "agree", obj, None  # "take the dispute to the ICJ": a legal settlement
        if (
            lemma in ("fire", "use")
            and obj is not None
            and {"cannon", "cannons", "gas", "rubber"} & set(_np_key(obj).split())
        ):
            return "coerce", obj, None  # water cannon, tear gas: force short of arms
        if lemma == "take" and obj is not None and obj.lower_ == "part":
            for prep in pred.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
                    act = self._noun_act(pobj) if pobj is not None else None
                    if act is not None:
                        return act, pobj, None  # "did not take part in the talks"
        if lemma in _AID_VERBS and obj is not None and self._noun_act(obj) in ("force", "mobilize"):
            return "aid", obj, None  # "delivered two more combat drones to the Somali army"
        if (
            lemma == "dismantle"
            and obj is not None
            and obj.lemma_.lower() in ("militia", "group", "network", "cell")
        ):
            return "force", obj, None
        if lemma in ("keep", "leave", "hold") and any(
            c.lower_ == "open"
            for c in pred.children
            if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod")
        ):
            return "retreat", obj, None  # "would keep the crossing open": access allowed
        # phrasal verbs: "rule out", "call on", "pull back", "open fire"
        parts = [
            c.lower_
            for c in pred.children
            if c.dep_ in ("prt", "prep", "advmod", "dobj", "npadvmod")
        ]
        for part in parts:
            act = lex.phrasal_acts.get(f"{lemma} {part}")
            if act == "force" and obj is not None and obj.lemma_.lower() in _OFFICES:
                return None, obj, None  # "takes over the ASEAN chairmanship"
            if act == "talk" and lemma in ("talk", "speak"):
                act = _disambiguate(lemma, ("talk",), pred, obj, "")
                if act == "none":
                    return None, obj, None  # "talked to reporters"
            if act is not None:
                if obj is not None and act in ("aid", "retreat") and self._noun_act(obj) == "agree":
                    return "agree", obj, None  # "handed over its proposals"
                return act, obj, None
        if obj is not None:
            act = lex.phrasal_acts.get(f"{lemma} {obj.lemma_.lower()}")
            if act is not None:
                return act, obj, None
        # evaluations: "called the move 'unjustified'", "described the talks as constructive"
        if lemma in (
            "call",
            "describe",
            "label",
            "brand",
            "term",
            "characterise",
            "characterize",
            "dismiss",
            "denounce",
            "hail",
        ):
            ev = _evaluation(pred)
            if ev is not None and lemma in (
                "call",
                "describe",
                "label",
                "brand",
                "term",
                "characterise",
                "characterize",
            ):
                return None, obj, ev
        # "no objection to X": agreement by double negation
        if (
            obj is not None
            and obj.lemma_.lower() == "objection"
            and any(c.lower_ == "no" for c in obj.children)
        ):
            return "agree", obj, None
        if pred.pos_ == "NOUN":
            return self._noun_act(pred), obj, None
        if pred.pos_ == "ADJ":
            return None, obj, None
        # verbs whose act depends on their object
        if lemma in _TERMINATORS or lemma in _EASERS:
            noun_act = self._noun_act(obj) if obj is not None else None
            if noun_act in ("force", "mobilize", "coerce"):
                return ("retreat" if lemma in _TERMINATORS else "concede"), obj, None
            if noun_act in ("talk", "cooperate", "aid", "agree"):
                return ("sanction" if lemma in _TERMINATORS else None), obj, None
            if noun_act == "sanction":
                return "concede", obj, None
            if noun_act == "request" and lemma in _EASERS | {"abandon", "withdraw", "scrap"}:
                return "concede", obj, None  # "dropped its demand that ..."
        if lemma in _LIGHT and obj is not None:
            noun_act = self._noun_act(obj)
            if noun_act == "aid" and lemma in ("get", "receive", "obtain", "secure", "win"):
                return None, obj, None  # "got concessionary loans": the recipient gives nothing
            if noun_act == "agree" and lemma not in (
                "reject",
                "block",
                "threaten",
                "warn",
                "welcome",
                "praise",
                "hail",
                "support",
                "back",
                "endorse",
                "applaud",
                "commend",
            ):
                return "agree", obj, None  # "handed over its proposals", "tabled a plan"
            if noun_act is not None:
                if lemma in ("promise", "pledge") and noun_act in (
                    "force",
                    "coerce",
                    "mobilize",
                    "sanction",
                ):
                    return "threaten", obj, None  # "promised raids": a threat
                if lemma in (
                    "offer",
                    "propose",
                    "accept",
                    "sign",
                    "agree",
                    "approve",
                    "welcome",
                    "pledge",
                    "promise",
                ):
                    return lex.verb_acts[lemma][0] if lemma in lex.verb_acts else "agree", obj, None
                if lemma in ("reject", "block"):
                    return "reject", obj, None
                if lemma in ("threaten", "warn", "vow"):
                    return "threaten", obj, None
                return noun_act, obj, None
        senses = lex.verb_acts.get(lemma)
        if not senses:
            if lemma in _LIGHT and obj is None:
                # "agreed to a short truce": the act is in the prepositional object
                for prep in pred.children:
                    if prep.dep_ == "prep":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                noun_act = self._noun_act(pobj)
                                if noun_act is not None:
                                    return noun_act, pobj, None
            return None, obj, None
        act = _disambiguate(lemma, senses, pred, obj, obj_lemma)
        return (None if act == "none" else act), obj, None

    def _could_be_act(self, t: Token) -> bool:
        """Could this verb carry an act? ("Kabul shelters the group" cannot: a charge that is
        no act is refused as a charge, not denied as an act)."""
        lemma = t.lemma_.lower()
        lex = self.lex
        return (
            lemma in lex.verb_acts
            or lemma in _LIGHT
            or lemma in _LINKING
            or any(p.startswith(lemma + " ") for p in lex.phrasal_acts)
        )

    def _noun_act(self, noun: Token | None) -> str | None:
        if noun is None:
            return None
        lex = self.lex
        if noun.lower_ in ("round", "rounds", "wave", "series", "barrage", "spate"):
            inner = _of_pobj(noun)
            if inner is not None:
                return self._noun_act(inner)
        key = _np_key(noun)
        words = key.split()
        for n in range(min(3, len(words)), 0, -1):
            act = lex.noun_acts.get(" ".join(words[-n:]))
            if act is not None:
                return act
        act = lex.noun_acts.get(noun.lemma_.lower()) or lex.noun_acts.get(noun.lower_)
        if act is None and noun.lower_ in _MILITARY_ASSETS:
            return "mobilize"
        return act

    # ------------------------------------------------------------------ building the item

    def _item(
        self, doc: Doc, sent: Span, head: Token, r: _Reading, prior: list[EventItem]
    ) -> EventItem | None:
        lex = self.lex
        frames: list[Frame] = doc._.frames
        mention_at: dict[int, Mention] = doc._.mention_at
        pred = r.pred
        clause_start, clause_end = _own_clause(head, pred)
        item = EventItem(
            pred=pred.i,
            sent_start=sent.start,
            sent_end=sent.end,
            clause_start=clause_start,
            clause_end=clause_end,
            mood=r.mood,
            obj=r.obj.i if r.obj is not None else None,
        )
        item.notes.append("chain:" + ",".join(str(i) for i in r.chain))
        # ---- type
        if r.evaluation is not None:
            item.act = "evaluation"
            if (
                r.evaluation == "negative"
                and r.obj is not None
                and r.obj.lemma_.lower() in _CHARGE_NOUNS
            ):
                item.event_type = "REJECT"  # "called the allegations 'baseless'": a denial
                item.speech_act = True
            elif r.evaluation == "negative":
                item.event_type = "ACCUSE"
                item.speech_act = True
            else:
                obj_key = _np_key(r.obj) if r.obj is not None else ""
                if any(w in obj_key.split() for w in _MARKS_OF_TALK) or obj_key in _MARKS_OF_TALK:
                    item.event_type = None
                    item.stances["negotiation"] = 1.0
                else:
                    item.event_type = "SUPPORT"
                item.speech_act = True
        elif r.requested:
            item.act = "request"
            item.event_type = "REQUEST"
            item.speech_act = True
        else:
            act = lex.acts[r.act] if r.act else None
            if act is None:
                return None
            item.act = act.name
            item.speech_act = act.speech_act
            self._type(item, act.name, r)
            if item.event_type == "MOBILIZE" and _joint_with_other(pred, r.obj, mention_at):
                item.event_type, item.act = "COOPERATE", "cooperate"  # "drills with US forces"
        if item.event_type is None and not item.stances:
            return None
        # ---- who
        src_token = _subject_of(pred, head)
        if src_token is not None and src_token.i not in mention_at:
            # two subjects ("Sudan's army chief Abdel Fattah al-Burhan"): the one that is an actor
            others = [
                c for c in src_token.head.children if c.dep_ == src_token.dep_ and c.i in mention_at
            ]
            if others:
                src_token = others[0]
        frame = outermost_frame(frames, head.i)
        speaker = frame.speaker if frame is not None else None
        source = None
        passive_agent = None
        if _is_passive(pred):
            passive_agent = _agent(pred)
            if passive_agent is not None:
                source = mention_at.get(passive_agent.i)
            if source is None:
                source = _adjunct_actor(pred, mention_at)
            subject = mention_at.get(src_token.i) if src_token is not None else None
            if source is None and subject is not None and not subject.place:
                if item.act == "threaten" and r.negated:
                    # "would not be intimidated": a refusal by the one addressed
                    source = subject
                    item.event_type, item.negated, item.speech_act = "REJECT", False, True
                    item.act = "reject"
                elif item.act == "mobilize" and subject.actor.sector in ("MIL", "REB"):
                    # "Venezuelan troops were deployed to ...": their side deployed them
                    source = subject
        elif src_token is not None:
            source = mention_at.get(src_token.i)
            if source is not None and source.place and source.kind != "country":
                source = None
        if (
            source is None
            and src_token is not None
            and src_token.i in mention_at
            and not _is_passive(pred)
        ):
            source = mention_at[src_token.i]
        if r.characterisation:
            # a reported characterisation of another actor is the reporter's accusation
            if speaker is None or source is None or _same_side(speaker, source):
                return None
            item.target, source = source, speaker
        # "must" + another actor's name in reported speech: the speaker's demand of them
        obligated = _aux_lemmas(pred) & _OBLIGATION or _aux_lemmas(head) & _OBLIGATION
        if (
            obligated
            and speaker is not None
            and source is not None
            and not _same_side(speaker, source)
            and item.event_type
        ):
            item.act = "request"
            item.event_type = "REQUEST"
            item.speech_act = True
            item.target = source
            source = speaker
        if src_token is not None and src_token.lemma_.lower() in _DOCUMENT_NOUNS:
            return None  # "the proposed deal gives in to ...": a document does not act
        if (
            item.act == "talk"
            and source is not None
            and source.actor.sector == "MED"
            and pred.lemma_.lower() in ("speak", "talk")
        ):
            return None  # "VOA spoke with Armitage": an interview, not a meeting
        subject_is_actor = (
            src_token is not None
            and src_token.i in mention_at
            and mention_at[src_token.i].kind != "thing"
        )
        passive_place = (
            source is not None
            and source.place
            and source.kind == "country"
            and src_token is not None
            and _is_passive(pred)
        )
        if (
            (source is None or passive_place)
            and speaker is not None
            and not subject_is_actor
            and speaker.actor.sector not in ("CVL", "MED", "BUS")
        ):
            # the subject is not an actor ("the launch was a test", "military pressure would
            # continue"): the statement is the speaker's own (a witness is not the one acting)
            source = speaker
        if source is None:
            return None
        if (
            source.kind == "thing"
            and item.event_type
            and item.act not in ("force", "mobilize")
            and speaker is not None
        ):
            source = speaker
        item.source = _with_sector(source, item)
        # ---- speaker: outermost reporter; the source itself for speech acts
        if speaker is not None:
            item.speaker = _with_sector(speaker, item)
        elif r.denier is not None:
            # "Moscow denied that its forces had targeted ...": the denier speaks
            denier_subject = _subject_of(r.denier, r.denier)
            denier = mention_at.get(denier_subject.i) if denier_subject is not None else None
            item.speaker = _with_sector(denier, item) if denier is not None else item.source
        elif frame is not None:
            pass  # reported by someone unnamed ("diplomats said"): no speaker
        elif item.speech_act or item.event_type in _VERBAL_TYPES:
            item.speaker = item.source
        # ---- target
        if item.target is None:
            item.target = self._target(pred, head, r, item, prior, mention_at)
        if item.target is None and item.event_type == "PROTEST" and item.source.actor.country:
            # protesters protest against their own government unless the text says otherwise
            c = item.source.actor.country
            item.target = Mention(
                item.source.start,
                item.source.end,
                item.source.head,
                Actor(f"government of {c}", f"{c}GOV", c, "GOV"),
                "country",
                via="context",
            )
        if (
            item.target is not None
            and item.target.code == item.source.code
            and item.target.kind != "thing"
        ):
            item.target = None
        item.confidence = _confidence(item, r)
        return item

    def _type(self, item: EventItem, act: str, r: _Reading) -> None:
        cls = self.lex.acts[act]
        mood, neg = r.mood, r.negated
        if r.denied:
            if cls.speech_act:
                item.event_type = "REJECT"  # denying a charge rejects it
                item.negated = False
            else:
                item.event_type = cls.type_for("done")
                item.negated = True
            item.mood = "done"
            return
        if cls.speech_act:
            if act == "reject" and neg:
                # "did not rule out talks": openness to talks (a hedged offer); "would not
                # rule out military action": a veiled threat
                inner = self._noun_act(r.obj) if r.obj is not None else None
                if inner in ("talk", "agree", "cooperate", "retreat", "concede", "aid"):
                    item.event_type, item.hypothetical, item.act = "AGREE", True, inner
                elif inner in ("force", "coerce", "mobilize", "sanction"):
                    item.event_type, item.act = "THREATEN", inner
                else:
                    item.event_type = None
                return
            item.event_type = cls.plover
            item.negated = neg and act not in ("threaten",)
            if neg and act in ("support", "agree") and mood in ("intent", "refused"):
                # "would never recognise ...": a refusal
                item.event_type, item.negated = "REJECT", False
                return
            if act == "agree":
                if mood == "possible":
                    item.hypothetical = True
                if neg:
                    item.event_type, item.negated = "REJECT", False
            return
        if mood == "refused" or (mood == "intent" and neg):
            if act in ("force", "coerce", "mobilize", "sanction"):
                # announced restraint: "would not respond to provocations"
                item.event_type = "AGREE" if mood == "intent" else "REJECT"
            else:
                item.event_type = "REJECT"
            item.negated = False
            item.mood = "refused"
            return
        if mood == "possible":
            item.event_type = cls.type_for("possible")
            item.hypothetical = True
            item.negated = neg
            return
        item.event_type = cls.type_for(mood)
        item.negated = neg and mood == "done"

    def _target(
        self,
        pred: Token,
        head: Token,
        r: _Reading,
        item: EventItem,
        prior: list[EventItem],
        mention_at: dict[int, Mention],
    ) -> Mention | None:
        """At whom the act is directed: object, prepositional object, proposer, counterpart."""
        src = item.source
        if item.event_type is None:
            return None  # a stance has no target
        forceful = item.act in ("force", "coerce")

        def usable(m: Mention | None) -> bool:
            if m is None or m.place or _same_actor(m, src):
                return False
            if not forceful and _same_side(m, src):
                return False  # "would never extradite its citizens": not its own people
            return not (m.actor.sector == "CVL" and m.via == "context" and not forceful)

        partner = _reciprocal_partner(pred, head, item, mention_at)
        if partner is not None and usable(partner):
            return partner  # "Thailand and Cambodia signed ...": each is the other's counterpart
        candidates: list[Token] = []
        if _is_passive(pred):
            candidates += [c for c in pred.children if c.dep_ == "nsubjpass"]
        if r.request_target is not None:
            if _both_sides(r.request_target):
                return None  # "urged both sides to show restraint": no one target
            candidates.append(r.request_target)
        for t in (pred, head):
            candidates += [c for c in t.children if c.dep_ in ("dobj", "dative", "obj", "iobj")]
        if r.obj is not None:
            candidates.append(r.obj)
        preps = []
        for t in [pred, head, *([r.obj] if r.obj is not None else [])]:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                    preps.extend(p for p in c.children if p.dep_ == "pobj")
        if any(_both_sides(c) for c in candidates + preps):
            return None  # "called on all sides to ...": no one target
        for cand in candidates + preps:
            m = _target_mention(cand, mention_at, item, self.lex)
            if usable(m):
                return m
            # "rejected Moscow's demand", "accepted Azerbaijan's proposal"
            poss = _possessor(cand)
            if poss is not None and usable(mention_at.get(poss.i)):
                return mention_at[poss.i]
            # "a US-backed truce", "UN-led talks": who proposed or convenes it
            party = _hyphen_party(cand, _PROPOSER_PARTICIPLES)
            if party is not None and usable(mention_at.get(party.i)):
                return mention_at[party.i]
            # "the proposal put forward by Trump", "a proposal by X"
            for c in cand.children:
                if c.dep_ in ("acl", "prep"):
                    for x in c.subtree:
                        if (
                            x.dep_ == "pobj"
                            and x.head.lower_ == "by"
                            and usable(mention_at.get(x.i))
                        ):
                            return mention_at[x.i]
        if forceful:
            # "mosques ... had been hit by Indian missiles", "a military base was overrun":
            # an attacked thing without a country is on the side that reports it, or the
            # other side of the story
            for cand in candidates + preps:
                sector = self.lex.target_sector_of([cand.lower_]) or self.lex.target_sector_of(
                    [cand.lemma_.lower()]
                )
                if sector is None:
                    continue
                side = (
                    item.speaker
                    if item.speaker is not None and not _same_side(item.speaker, src)
                    else None
                )
                if side is None:
                    side = _counterpart(pred.doc, pred.i, src, prior, mention_at)
                if side is not None and side.actor.country:
                    return _as_sector(side, sector)
        # "dismissed the offer": whoever made it
        for cand in candidates:
            key = cand.lemma_.lower()
            anaphoric = key in _ANAPHORIC and any(
                c.lower_ in ("the", "this", "that", "these", "those", "such") for c in cand.children
            )
            if not anaphoric and cand.lower_ not in ("it", "this"):
                continue
            proposer = _antecedent_owner(cand, mention_at)
            if usable(proposer):
                return proposer
            wanted = _ANAPHORIC.get(key, ())
            earlier = [p for p in prior if p.source is not None and not _same_side(p.source, src)]
            if key in ("conditions", "terms"):
                earlier = [p for p in earlier if p.condition is not None] or earlier
            for prev in reversed(earlier):
                if not wanted or prev.event_type in wanted:
                    return prev.source
        # actors inside the clause: "to stop Iran from rebuilding ..." (not in a condition:
        # who must act first is not whom the act is aimed at; not a second subject either:
        # "France and Germany welcomed ...")
        conditional = {t.i for c in pred.children if c.dep_ == "advcl" for t in c.subtree}
        conditional |= {
            t.i for c in pred.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
        }
        conditional |= {
            t.i
            for c in pred.children
            if c.dep_ == "prep" and c.lower_ in _BACKGROUND_PREPS
            for t in c.subtree
        }  # "after a surge in attacks by Boko Haram"
        for t in pred.subtree:
            go_between = _hyphen_party(t, _MEDIATOR_PARTICIPLES)
            if go_between is not None:
                conditional.add(go_between.i)  # "China-brokered talks": China is not a party
            if t.dep_ == "acl" and t.lemma_.lower() in _MEDIATOR_PARTICIPLES:
                conditional |= {x.i for x in t.subtree}  # "a swap mediated by the UAE"
        for t in pred.subtree:
            m = mention_at.get(t.i)
            if (
                t.i == pred.i
                or t.i in conditional
                or m is None
                or m.kind == "thing"
                or not usable(m)
            ):
                continue
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == pred.i:
                continue
            return m
        if item.event_type in _COUNTERPART_TYPES and not item.negated:
            other = _counterpart(pred.doc, pred.i, src, prior, mention_at)
            if other is not None and other.actor.sector == "MIL" and not forceful:
                other = _as_sector(other, "GOV")  # the other side, as a state
            if other is not None:
                item.notes.append("target:counterpart")
            return other
        return None


# ---------------------------------------------------------------------- module helpers


# Verbs whose act depends on their object or context: _disambiguate always looks at them.
_CHECKED_SENSES = {"confer", "offer", "talk", "speak", "help", "assist", "share", "act",
                   "meet", "release", "return", "open", "seize", "block", "attack",
                   "defend", "exchange", "withdraw", "recall", "expel", "deliver", "drop", "send",
                   "push", "respond", "answer", "retaliate", "charge", "give", "advance", "allow",
                   "permit", "let", "reach", "achieve", "burn", "destroy", "dismantle",
                   "hand"}  # fmt: skip


def _disambiguate(
    lemma: str, senses: tuple[str, ...], pred: Token, obj: Token | None, obj_key: str
) -> str:
    """Choose among a verb's act classes by its object and particles."""
    if len(senses) == 1 and lemma not in _CHECKED_SENSES:
        return senses[0]
    words = set(obj_key.split())
    prep_objs = {p.lower_ for c in pred.children if c.dep_ == "prep" for p in [c]}
    if lemma == "release":
        if words & {
            "statement",
            "report",
            "video",
            "footage",
            "figures",
            "data",
            "details",
            "images",
            "photos",
            "findings",
            "communique",
            "budget",
            "list",
            "results",
        }:
            return "none"
        return "retreat"
    if lemma == "return":
        if "to" in prep_objs:
            return "talk"
        return "retreat" if obj is not None else "none"
    if lemma in ("open", "reopen"):
        if words & {
            "talks",
            "negotiations",
            "dialogue",
            "channel",
            "hotline",
            "embassy",
            "consulate",
        }:
            return "talk"
        return "retreat"
    if lemma == "seize":
        if words & {
            "town",
            "city",
            "village",
            "villages",
            "territory",
            "area",
            "region",
            "airport",
            "base",
            "hill",
            "positions",
            "control",
            "towns",
            "cities",
        }:
            return "force"
        return "coerce"
    if lemma == "block":
        if words & {
            "road",
            "roads",
            "convoy",
            "convoys",
            "aid",
            "access",
            "crossing",
            "border",
            "route",
            "entry",
            "delivery",
            "deliveries",
            "supplies",
            "passage",
        }:
            return "coerce"
        return "reject"
    if lemma == "attack":
        if words & {
            "decision",
            "plan",
            "policy",
            "remarks",
            "statement",
            "comments",
            "proposal",
            "stance",
            "position",
        }:
            return "accuse"
        return "force"
    if lemma == "defend":
        if words & {
            "decision",
            "policy",
            "move",
            "plan",
            "record",
            "stance",
            "position",
            "remarks",
        }:
            return "support"
        return "force"
    if lemma == "exchange":
        if words & {"fire", "gunfire", "shots", "blows"}:
            return "force"
        if words & {"views", "messages", "letters", "greetings"}:
            return "talk"
        if words & {"prisoners", "prisoner", "captives", "detainees", "hostages", "pows",
                    "bodies", "remains", "civilians", "soldiers", "servicemen"}:  # fmt: skip
            return "retreat"  # a swap of prisoners is a concession each side makes
        return "none"  # "exchanging angry barbs", "exchanged documents"
    if lemma == "withdraw":
        if words & {
            "ambassador",
            "envoy",
            "diplomats",
            "recognition",
            "support",
            "aid",
            "funding",
            "accreditation",
        }:
            return "sanction"
        return "retreat"
    if lemma == "recall":
        return "sanction" if words & {"ambassador", "envoy", "diplomats", "diplomat"} else "none"
    if lemma == "expel":
        if words & {
            "diplomats",
            "ambassador",
            "envoy",
            "diplomat",
            "inspectors",
            "observers",
            "peacekeepers",
            "agencies",
            "attache",
        }:
            return "sanction"
        return "coerce"
    if lemma == "deliver":
        if words & {"speech", "message", "address", "remarks", "statement", "lecture"}:
            return "none"
        if words & {"warning", "ultimatum"}:
            return "threaten"
        return "aid"
    if lemma == "drop":
        if words & {"bombs", "bomb", "leaflets", "munitions"}:
            return "force"
        return "concede"
    if lemma == "send":
        if words & {
            "troops",
            "soldiers",
            "units",
            "forces",
            "warships",
            "jets",
            "reinforcements",
            "battalions",
            "brigade",
            "ships",
        }:
            return "mobilize"
        if words & {"delegation", "envoy", "negotiators", "team"}:
            return "talk"
        if words & {"message", "letter", "signal"}:
            return "none"
        return "aid"
    if lemma == "push":
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in pred.children):
            return "request"
        if obj is None or words & {"south", "north", "east", "west", "forward", "deeper"}:
            return "force"
        return "none"
    if lemma in ("burn", "destroy", "dismantle", "hand", "surrender", "lay") and _own_weapons(
        pred, obj
    ):
        return "retreat"  # "PKK fighters burned their weapons": disarmament
    if lemma in ("respond", "answer", "retaliate", "act") and not _forceful_response(pred):
        return "none"  # "did not respond to an inquiry"; "would respond with force" is a threat
    if lemma == "charge" and not any(
        (c.dep_ == "prep" and c.lower_ in ("with", "of")) or c.dep_ == "ccomp"
        for c in pred.children
    ):
        return "none"  # "charge less" is a price; "charged X with war crimes" an accusation
    if (
        lemma == "give"
        and obj is not None
        and not (
            {
                "aid",
                "assistance",
                "weapons",
                "arms",
                "money",
                "support",
                "access",
                "asylum",
                "funding",
                "guarantees",
                "assurances",
            }
            & set(obj_key.split())
        )
    ):
        return "none"  # "gave me confidence" is not aid
    if lemma == "offer" and words & _NO_COMMITMENT:
        return "none"  # "offered no evidence", "offered condolences"
    if lemma == "confer" and "with" not in prep_objs:
        return "none"  # "conferred its highest honour on Modi"
    if lemma in ("talk", "speak"):
        partners = [p for c in pred.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                    for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        if any(p.lemma_.lower() in _AUDIENCES for p in partners):
            return "none"  # "talked to reporters" is not a meeting
        if lemma == "speak" and not partners:
            return "none"  # "spoke at a conference", "spoke of ..."
    if lemma in ("help", "assist") and not _helps_someone(pred, obj):
        return "none"  # "helped ease tensions" is not aid; "help Mozambique" is
    if lemma == "share" and not (
        words & {"intelligence", "information", "data", "technology", "expertise", "experience"}
    ):
        return "none"  # "shared a video" is not cooperation
    if lemma == "advance" and not _military_subject(pred):
        return "none"  # "AI is advancing": only armed forces advance in this sense
    if (
        lemma in ("allow", "permit", "let")
        and obj is None
        and any(c.dep_ == "ccomp" and _finite_clause(c) for c in pred.children)
    ):
        return "none"  # "allowed that the place is not pleasant": conceding a point
    if lemma == "act":
        # "would not hesitate to act": force; "act as a mediator", "act on advice": not
        if any(
            c.dep_ == "prep" and c.lower_ in ("as", "on", "upon", "for", "like")
            for c in pred.children
        ):
            return "none"
        return "force"
    if lemma in ("meet", "reach", "achieve", "fulfil", "fulfill"):
        # "met its objectives", "goals had not been met": not a meeting
        if words & _GOAL_NOUNS or (obj is not None and obj.lemma_.lower() in _GOAL_NOUNS):
            return "none"
        return senses[0]
    if lemma == "warn":
        return "threaten"
    if lemma == "deny":
        return "reject"
    if lemma == "welcome":
        return "support"
    if lemma == "strike" and any(
        c.lower_ in ("workers", "unions", "teachers", "doctors")
        for c in pred.children
        if c.dep_ == "nsubj"
    ):
        return "protest"
    return senses[0]


_REPORT_NOUNS = {
    "report",
    "reports",
    "claim",
    "claims",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "suggestion",
    "suggestions",
    "charge",
    "charges",
    "rumour",
    "rumours",
    "rumor",
    "rumors",
    "speculation",
}
# Words that characterise another actor's conduct or motives negatively.
_CHARACTERISING = {
    "tactic",
    "ploy",
    "trap",
    "bluff",
    "stunt",
    "pretext",
    "excuse",
    "lie",
    "smokescreen",
    "facade",
    "charade",
    "sham",
    "deception",
    "provocation",
    "blackmail",
    "propaganda",
    "aggressor",
    "aggression",
    "threat",
    "hypocritical",
    "cynical",
    "reckless",
    "irresponsible",
    "dishonest",
    "insincere",
}
_NEGATED_CHARACTERISING = {
    "serious",
    "sincere",
    "genuine",
    "interested",
    "committed",
    "honest",
    "trustworthy",
    "ready",
    "willing",
}


_TARGET_PREPS = {"with", "to", "against", "on", "at", "toward", "towards", "into", "from", "upon",
                 "over", "for", "of", "around", "near", "off"}  # fmt: skip
_COUNTERPART_TYPES = {"REJECT", "THREATEN", "ACCUSE", "REQUEST", "AGREE", "CONCEDE", "SANCTION",
                      "SUPPORT", "RETREAT", "ASSAULT", "COERCE"}  # fmt: skip
_BACKGROUND_PREPS = {"after", "before", "despite", "amid", "following", "since", "during", "over"}
_BOTH_SIDES = {"sides", "parties", "belligerents", "factions", "everyone", "all"}


def _both_sides(t: Token) -> bool:
    """ "both sides", "all parties", "the warring parties": no single target."""
    words = {t.lower_} | {c.lower_ for c in t.children}
    return t.lower_ in _BOTH_SIDES and bool(
        words & {"both", "all", "warring", "the", "rival", "sides"}
    )


def _antecedent_owner(noun: Token, mention_at: dict[int, Mention]) -> Mention | None:
    """Whose earlier proposal "the proposal" is: "his proposal", "Azerbaijan's offer"."""
    lemma = noun.lemma_.lower()
    for t in reversed(noun.doc[: noun.i]):
        if t.lemma_.lower() != lemma or t.pos_ != "NOUN":
            continue
        for c in t.children:
            if c.dep_ == "poss" and c.i in mention_at:
                return mention_at[c.i]
            if c.dep_ in ("compound", "amod") and c.i in mention_at and not mention_at[c.i].place:
                return mention_at[c.i]
        for c in t.children:
            if c.dep_ in ("acl", "prep"):
                for x in c.subtree:
                    if x.dep_ == "pobj" and x.head.lower_ == "by" and x.i in mention_at:
                        return mention_at[x.i]
        return None
    return None


# Verbs that link a subject to an adjective as "be" does: "stood ready to", "remained open to".
# Promises whose that-clause states the act: "vowed that the group would respond".
_AID_VERBS = {
    "deliver",
    "supply",
    "provide",
    "donate",
    "ship",
    "transfer",
    "give",
    "sell",
    "airlift",
}
_SEPARATE_PARTICIPLES = {"accuse", "blame", "condemn", "criticise", "criticize", "denounce",
                         "urge"}  # fmt: skip
_PROMISE = {"vow", "pledge", "promise", "swear"}
_LINKING = {"be", "stand", "remain", "seem", "appear", "stay", "look", "become"}
# Nouns that state an intent: "expressed willingness to negotiate".
_STANCE_NOUNS = {
    "willingness",
    "readiness",
    "openness",
    "intention",
    "determination",
    "desire",
    "commitment",
    "preparedness",
    "eagerness",
}
_EXPRESS = {"express", "signal", "show", "indicate", "voice", "reaffirm", "declare", "state"}


def _to_noun(t: Token) -> Token | None:
    """The event noun after "open to", "ready for", "willingness to": its act."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "for"):
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp") and p.pos_ in ("NOUN", "PROPN"):
                    return p
    return None


def _joint_with_other(pred: Token, obj: Token | None, mention_at: dict[int, Mention]) -> bool:
    """Drills or patrols held *with* another country's forces are joint: COOPERATE."""
    subj = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    own = mention_at.get(subj.i) if subj is not None else None
    for t in (pred, obj) if obj is not None else (pred,):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "alongside"):
                for p in c.children:
                    m = mention_at.get(p.i)
                    if m is not None and not m.place and (own is None or not _same_side(m, own)):
                        return True
    return False


_FORCE_WORDS = {"force", "forces", "strikes", "strike", "military", "militarily", "missiles",
                "firmly", "decisively", "forcefully", "fire", "attack", "attacks", "aggression",
                "retaliation", "strength", "kind", "hesitation", "severely", "harshly",
                "resolutely"}  # fmt: skip


def _forceful_response(pred: Token) -> bool:
    """ "respond/answer/act" is a use of force only when said as a threat or with force."""
    if {t.lower_ for t in pred.subtree} & _FORCE_WORDS:
        return True
    if _is_negated(pred):
        return False  # "did not respond to the inquiry"
    if pred.lemma_.lower() == "answer":
        return any(c.dep_ == "nsubjpass" for c in pred.children)  # "would be answered"
    future = bool(_aux_lemmas(pred) & (_FUTURE | _POSSIBLE_MODALS))
    frame = pred.head.lemma_.lower()
    return future or frame in ("vow", "threaten", "warn", "hesitate", "ready", "prepared")


def _finite_clause(t: Token) -> bool:
    """A that-clause or a tensed verb ("allowed that it was ..."), not "allow X to do"."""
    return t.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.lower_ == "that" and c.dep_ == "mark" for c in t.children
    )


def _own_weapons(pred: Token, obj: Token | None) -> bool:
    """Are the weapons in the object the subject's own ("burned their weapons")?"""
    if obj is None or obj.lemma_.lower() not in ("weapon", "arm", "arms", "weapons", "arsenal"):
        return False
    return any(
        c.dep_ == "poss" and c.lower_ in ("its", "their", "our", "his") for c in obj.children
    )


def _military_subject(pred: Token) -> bool:
    """Is the subject of ``pred`` (or of the frame above it) an armed force?"""
    t = pred
    for _ in range(4):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                words = {x.lower_ for x in c.subtree}
                return bool(
                    words
                    & {
                        "troops",
                        "army",
                        "forces",
                        "military",
                        "soldiers",
                        "rebels",
                        "fighters",
                        "militants",
                        "units",
                        "tanks",
                        "militia",
                        "group",
                    }
                )
        t = t.head
    return True


_WAR_PHRASES = {"act of", "declaration of", "cause for", "casus belli", "legitimate target",
                "legitimate targets", "hostile act"}  # fmt: skip
# Subjects that are documents or decisions: the act is not theirs, nor the reporter's.
_DOCUMENT_NOUNS = {"deal", "agreement", "plan", "proposal", "law", "bill", "resolution", "treaty",
                   "report", "statement", "measure", "decision", "rule", "rules", "policy",
                   "constitution", "order", "decree", "ban"}  # fmt: skip


def _helps_someone(pred: Token, obj: Token | None) -> bool:
    """ "help Mozambique (secure the area)": the one helped is a named party or a people."""
    helped = [obj] if obj is not None else []
    helped += [g for c in pred.children if c.dep_ in ("ccomp", "xcomp") for g in c.children
               if g.dep_ == "nsubj"]  # fmt: skip
    return any(t.pos_ == "PROPN" or t.lemma_.lower() in _HELPED for t in helped)


# What one offers without committing to anything.
_NO_COMMITMENT = {"evidence", "details", "comment", "comments", "explanation", "condolences",
                  "prayers", "thanks", "apology", "apologies", "insight", "analysis", "view",
                  "views", "opinion", "assessment", "reason", "reasons", "proof", "timeline",
                  "timetable", "specifics", "information", "glimpse", "hint", "clue",
                  "congratulations", "sympathy", "sympathies"}  # fmt: skip
# Whom one talks to without meeting a party: "told reporters", "spoke to the nation".
_AUDIENCES = {"reporter", "journalist", "press", "media", "audience", "crowd", "supporter",
              "student", "parliament", "lawmaker", "nation", "public", "people", "television",
              "radio", "broadcaster", "newspaper", "agency", "outlet", "interviewer", "reporters",
              "journalists", "supporters", "students", "lawmakers", "voter", "voters",
              "delegate", "delegates", "forum", "conference", "rally", "expert", "experts",
              "analyst", "analysts", "resident", "residents", "witness", "witnesses"}  # fmt: skip


# Who can be helped in the sense of aid: "pledged to help Mozambique", "assist the refugees".
_HELPED = {"country", "government", "army", "forces", "military", "people", "refugees",
           "civilians", "victims", "ally", "allies", "neighbour", "neighbor", "population",
           "survivors", "displaced"}  # fmt: skip
_CHARGE_NOUNS = {"allegation", "accusation", "claim", "charge", "report", "allegations",
                 "accusations", "claims", "charges", "reports"}  # fmt: skip
_OFFICES = {"chairmanship", "presidency", "chair", "leadership", "role", "post", "office", "helm",
            "portfolio", "mandate", "job", "seat"}  # fmt: skip
_REDUCERS = {"scale", "reduce", "curtail", "limit", "cut", "downgrade", "lower"}
_INTENSIFIERS = {"expand", "intensify", "increase", "step", "boost", "escalate"}
_DRILLS = {"drills", "exercises", "exercise", "manoeuvres", "maneuvers", "patrols", "operations",
           "deployments", "war games"}  # fmt: skip


def _bigrams(t: Token) -> set[str]:
    words = [x.lower_ for x in t.subtree]
    out = {f"{a} {b}" for a, b in itertools.pairwise(words)}
    if "war" in words and ("act of" in out or "declaration of" in out or "cause for" in out):
        return out
    return out & {"casus belli", "legitimate target", "legitimate targets", "hostile act"}


_RECIPROCAL_ACTS = {"talk", "cooperate", "agree", "force"}


def _reciprocal_partner(
    pred: Token, head: Token, item: EventItem, mention_at: dict[int, Mention]
) -> Mention | None:
    """The second of two coordinated subjects of a reciprocal act (talks, signing, clashes)."""
    reciprocal = item.act in _RECIPROCAL_ACTS or pred.lemma_.lower() in ("exchange", "swap")
    if not reciprocal or item.mood not in ("done", "intent"):
        return None
    subj = _subject_of(pred, head)
    if subj is None:
        return None
    for c in subj.children:
        if c.dep_ == "conj" and c.i in mention_at:
            return mention_at[c.i]
    adjectives = pred.doc.user_data.get("offramp.adjective_country", {})
    for c in subj.children:
        if c.dep_ == "amod":
            for conj in c.children:
                if conj.dep_ == "conj" and conj.i in adjectives:
                    iso = adjectives[conj.i]
                    actor = Actor(conj.text, f"{iso}GOV", iso, "GOV")
                    return Mention(
                        conj.i, conj.i + 1, conj.i, actor, "country", via="compositional"
                    )
    return None


_DEADLINE_NOUNS = {"days", "hours", "weeks", "months", "deadline", "ultimatum", "day", "week"}


def _deadline_given(verb: Token) -> tuple[Token, Token] | None:
    """(addressee, demanded act) of "gave X N days to do Y" / "set X a deadline to do Y"."""
    if verb.lemma_.lower() not in ("give", "set", "grant"):
        return None
    dative = next((c for c in verb.children if c.dep_ in ("dative", "iobj")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if (
        dative is None
        or obj is None
        or obj.lemma_.lower() not in _DEADLINE_NOUNS | {"day", "hour", "month"}
    ):
        return None
    act = next(
        (
            c
            for c in [*obj.children, *verb.children]
            if c.dep_ in ("acl", "relcl", "xcomp", "advcl") and c.pos_ == "VERB"
        ),
        None,
    )
    return (dative, act) if act is not None else None


def _own_clause(head: Token, pred: Token) -> tuple[int, int]:
    """Token span of a clause without the clauses coordinated after it ("... and described
    the talks as constructive" is another clause)."""
    start = min(head.left_edge.i, pred.left_edge.i)
    end = max(head.right_edge.i, pred.right_edge.i) + 1
    for c in head.rights:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > pred.i:
            cc = [x.i for x in head.children if x.dep_ == "cc" and pred.i < x.i < c.i]
            end = min(end, cc[0] if cc else c.left_edge.i)
            break
    return start, max(end, pred.i + 1)


def _inside_elaboration(t: Token) -> bool:
    """Is ``t`` inside a subjectless participial adjunct ("..., saying ...", "..., adding ...")?"""
    cur = t.head
    while cur.head.i != cur.i:
        if (
            cur.dep_ == "advcl"
            and cur.tag_ == "VBG"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
        ):
            return True
        cur = cur.head
    return False


def _reported_clause(verb: Token) -> Token | None:
    """The clause of "denied reports that it had deployed ...": the act denied."""
    obj = _child(verb, "dobj")
    if obj is None or obj.lower_ not in _REPORT_NOUNS:
        return None
    for c in obj.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX"):
            return c
    return None


def _characterises(pred: Token, negated: bool) -> bool:
    """Is a copular predicate a negative characterisation ("a tactic", "not serious")?"""
    words = {pred.lower_, pred.lemma_.lower()}
    if words & _CHARACTERISING:
        return True
    return bool(
        negated
        and words & _NEGATED_CHARACTERISING
        and not any(c.dep_ == "xcomp" for c in pred.children)
    )


def _merge_restatements(items: list[EventItem]) -> list[EventItem]:
    """Coordinated predicates restating one act make one item (GUIDELINES, "Unit")."""
    out: list[EventItem] = []
    for it in items:
        dup = None
        for prev in out:
            if (
                prev.sent_start == it.sent_start
                and prev.source is not None
                and it.source is not None
                and prev.source.code == it.source.code
                and prev.event_type == it.event_type
                and prev.negated == it.negated
                and it.event_type is not None
                and (prev.target is None or it.target is None or prev.target.code == it.target.code)
            ):
                dup = prev
                break
        if dup is not None:
            if dup.target is None and it.target is not None:
                dup.target = it.target
            dup.clause_end = max(dup.clause_end, it.clause_end)
            dup.notes.append(f"merged:{it.pred}")
            continue
        out.append(it)
    return out


def _child(t: Token, dep: str) -> Token | None:
    for c in t.children:
        if c.dep_ == dep:
            return c
    return None


def _copula_predicate(t: Token) -> Token | None:
    for dep in ("acomp", "attr", "xcomp", "oprd"):
        c = _child(t, dep)
        if c is not None:
            return c
    return None


def _aux_lemmas(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")} | {
        c.lemma_.lower() for c in t.children if c.dep_ in ("aux", "auxpass")
    }


def _tense_future(t: Token) -> bool:
    return bool(_aux_lemmas(t) & _FUTURE)


def _base_mood(head: Token) -> str:
    aux = _aux_lemmas(head)
    if aux & _POSSIBLE_MODALS:
        return "possible"
    if aux & _FUTURE or any(c.lower_ == "going" for c in head.children if c.dep_ == "aux"):
        return "intent"
    if aux & _OBLIGATION:
        return "intent"
    return "done"


def _combine(mood: str, new: str) -> str:
    if mood == "possible" or mood == "refused":
        return mood
    return new


def _is_negated(t: Token) -> bool:
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass") and any(x.lower_ == "neither" for x in c.children):
            return True  # "Neither France nor Germany boycotted ..."
        if c.dep_ == "neg" or (c.lower_ in ("never", "not", "n't") and c.dep_ in ("advmod", "neg")):
            return True
    return False


def _object(t: Token) -> Token | None:
    for dep in ("dobj", "obj", "attr", "oprd"):
        c = _child(t, dep)
        if c is not None:
            return c
    # passive subject is the object of the act
    c = _child(t, "nsubjpass")
    if c is not None:
        return c
    return None


def _of_pobj(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _np_key(t: Token | None) -> str:
    """Lower-case words of a noun phrase's modifiers and head ("export control list")."""
    if t is None:
        return ""
    words = [c.lower_ for c in t.lefts if c.dep_ in ("compound", "amod", "nmod")]
    return (
        " ".join([*words, t.lower_])
        if t.lemma_.lower() == t.lower_
        else " ".join([*words, t.lower_, t.lemma_.lower()]).replace(
            f"{t.lower_} {t.lemma_.lower()}", t.lower_
        )
    )


def _evaluation(pred: Token) -> str | None:
    """positive / negative for "called the move 'unjustified'" and the like."""
    words: list[str] = []
    for c in pred.children:
        if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "attr"):
            words.extend(x.lower_ for x in c.subtree)
        if c.dep_ == "prep" and c.lower_ == "as":
            words.extend(x.lower_ for x in c.subtree)
        if c.dep_ == "dobj":
            for x in c.children:
                if x.dep_ in ("oprd", "appos", "amod") and x.i > c.i:
                    words.extend(y.lower_ for y in x.subtree)
            if pred.lemma_.lower() in ("call", "label", "brand", "term"):
                # "called the move "hysteria"" parses "hysteria" as the object
                words.append(c.lower_)
    # the quoted word often comes right after the object
    doc = pred.doc
    obj = _child(pred, "dobj")
    if obj is not None:
        nxt = obj.right_edge.i + 1
        for x in doc[nxt : min(len(doc), nxt + 6)]:
            if x.is_sent_start:
                break
            words.append(x.lower_)
    ws = set(words)
    if ws & _NEGATIVE:
        return "negative"
    if ws & _POSITIVE:
        return "positive"
    return None


def _has_other_object(t: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative", "obj", "iobj") for c in t.children) or any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in t.children
    )


def _subject_of(pred: Token, head: Token) -> Token | None:
    """The subject of the act: its own, or that of the frames and conjuncts above it."""
    t = pred
    for _ in range(10):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                if c.dep_ == "expl":
                    break
                return c
        if (t.dep_ in ("xcomp", "acomp", "attr", "oprd", "ccomp") and t.i != head.i) or t.dep_ in (
            "xcomp",
            "acomp",
        ):
            t = t.head
            continue
        if t.dep_ == "conj":
            h = t.head
            # "denied that its soldiers fired ... and accused India": the speech act's subject
            # is the denier's, not the denied clause's
            if (
                h.dep_ in ("ccomp", "xcomp")
                and h.head.lemma_.lower() in _DENY_LEMMAS
                and t.lemma_.lower() in _CONSUMING | {"blame", "accuse"}
            ):
                t = h.head
                continue
            t = h
            continue
        if t.i != head.i and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.head.i != t.i:
            t = t.head  # "..., accusing the group of war crimes": the main clause's subject
            continue
        break
    return None


def _is_passive(t: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)


def _agent(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _adjunct_actor(pred: Token, mention_at: dict[int, Mention]) -> Mention | None:
    """The actor behind a passive without agent: "damaged in an Israeli air strike"."""
    for c in pred.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "by", "from"):
            for p in c.subtree:
                if p.i in mention_at:
                    m = mention_at[p.i]
                    if m.place:
                        continue
                    if m.kind == "thing" and m.actor.country:
                        return Mention(
                            m.start,
                            m.end,
                            m.head,
                            Actor(m.actor.name, f"{m.actor.country}MIL", m.actor.country, "MIL"),
                            "generic",
                            via="compositional",
                        )
                    return m
    return None


def _possessor(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ == "poss":
            return c
    return None


# "US-backed", "UN-led": the modifier names the proposer or convener, whom the act answers
_PROPOSER_PARTICIPLES = {"back", "propose", "draft", "sponsor", "table", "author", "lead"}
# "China-brokered", "Qatar-mediated": the go-between, not a party to the act
_MEDIATOR_PARTICIPLES = {"broker", "mediate", "host", "facilitate"}


def _hyphen_party(noun: Token, lemmas: set[str]) -> Token | None:
    """The X of "an X-backed proposal" when the participle is one of ``lemmas``."""
    for c in noun.children:
        if c.dep_ == "amod" and c.lemma_.lower() in lemmas:
            for g in c.children:
                if g.dep_ in ("npadvmod", "compound", "nsubj") and g.i < c.i:
                    return g
    return None


def _target_mention(
    tok: Token, mention_at: dict[int, Mention], item: EventItem, lex: Lexicon
) -> Mention | None:
    """The actor a target phrase names; for attacks, a place or a thing in a place."""
    m = mention_at.get(tok.i)
    forceful = item.act in ("force", "coerce")
    if m is None:
        if not forceful:
            return None
        # "the northern town of Metula", "buildings at the Isfahan nuclear complex"
        for x in tok.subtree:
            if (
                x.i == tok.i
                or x.i not in mention_at
                or x.dep_ not in ("pobj", "poss", "compound", "amod")
            ):
                continue
            inner = mention_at[x.i]
            if inner.place and inner.actor.country:
                words = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod")] + [
                    tok.lower_
                ]
                sector = (
                    lex.target_sector_of(words)
                    or lex.target_sector_of([tok.lemma_.lower()])
                    or ("GOV" if inner.via == "country-name" else "CVL")
                )
                return _as_sector(inner, sector)
        return None
    if (
        (forceful or item.act == "mobilize")
        and m.place
        and m.kind == "country"
        and m.via == "country-name"
    ):
        return _as_sector(m, "GOV")  # "drills around Taiwan": the country as a state
    if (
        forceful
        and m.actor.country
        and (m.place or (m.kind == "country" and tok.dep_ == "nsubjpass"))
    ):
        return _as_sector(m, "CVL")  # "Kyiv was hit": the city itself
    if m.place:
        return None
    return m


def _as_sector(m: Mention, sector: str) -> Mention:
    a = m.actor
    return Mention(
        m.start,
        m.end,
        m.head,
        Actor(a.name, f"{a.country}{sector}", a.country, sector),
        "thing",
        via="compositional",
    )


def _same_actor(a: Mention | None, b: Mention | None) -> bool:
    return a is not None and b is not None and a.actor.code == b.actor.code


def _same_side(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None:
        return False
    ca, cb = a.actor.country, b.actor.country
    if ca and cb:
        if ca != cb:
            return False
        # within one country, rebels and the state are different sides
        return (a.actor.sector == "REB") == (b.actor.sector == "REB") and (
            a.actor.sector == "OPP"
        ) == (b.actor.sector == "OPP")
    return a.actor.code == b.actor.code


def _counterpart(
    doc: Doc, i: int, src: Mention | None, prior: list[EventItem], mention_at: dict[int, Mention]
) -> Mention | None:
    """The other side: whoever the source is answering, else the last other actor named."""
    sent_start = doc[i].sent.start
    for prev in reversed(prior):
        if (
            prev.source is not None
            and not _same_side(prev.source, src)
            and prev.sent_start < sent_start + 1
            and prev.source.kind != "thing"
        ):
            return prev.source
    seen = sorted({id(m): m for m in mention_at.values()}.values(), key=lambda m: -m.head)
    for m in seen:
        if m.head >= i or m.place or m.kind == "thing" or _same_side(m, src):
            continue
        if src is not None and src.start <= m.start and m.end <= src.end:
            continue  # "Yemen's Houthis": the group's own country is not its counterpart
        if m.actor.sector in ("CVL", "MED", "NGO") and m.kind != "country":
            continue
        return m
    return None


def _with_sector(m: Mention, item: EventItem) -> Mention:
    """A defence ministry speaks as the military about military matters, else as government."""
    if not m.defence or m.actor.country is None:
        return m
    military = item.event_type in ("THREATEN", "ASSAULT", "MOBILIZE", "COERCE") or item.act in (
        "force",
        "mobilize",
        "coerce",
    )
    sector = "MIL" if military else "GOV"
    if m.actor.sector == sector:
        return m
    a = m.actor
    return Mention(
        m.start,
        m.end,
        m.head,
        Actor(a.name, f"{a.country}{sector}", a.country, sector),
        m.kind,
        m.place,
        m.defence,
        m.via,
        m.plural,
    )


def _confidence(item: EventItem, r: _Reading) -> float:
    c = 0.55
    if item.source is not None and item.source.via in ("alias", "country-name"):
        c += 0.15
    elif item.source is not None and item.source.via == "compositional":
        c += 0.1
    if item.target is not None:
        c += 0.05
    if r.act is not None and r.obj is None:
        c += 0.05
    if item.source is not None and item.source.via == "context":
        c -= 0.1
    return round(min(0.95, max(0.1, c)), 2)


def unnamed_reporter(t: Token) -> bool:
    return t.lemma_.lower() in UNNAMED


@Language.factory(
    "offramp_events",
    requires=["doc._.mentions", "doc._.frames"],
    assigns=["doc._.events"],
)
def make_event_tagger(nlp: Language, name: str) -> EventTagger:
    return EventTagger(nlp, name)


#: Verb lemmas these rules look up besides the lexicon's (for the lemma repair component).
VERBS_READ: frozenset[str] = frozenset(
    _LIGHT | _INTENT_WITH_OBJECT | _CHECKED_SENSES | _PROMISE | _LINKING | _EXPRESS | _GOAL_VERBS
)
