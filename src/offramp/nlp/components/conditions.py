"""Conditions and alternatives: the coercive-diplomacy part of a statement.

"Russia is willing to discuss ... on the condition that Kyiv is willing to enter
negotiations. Otherwise, Russia will continue to exert pressure" is one conditional offer
(AGREE) whose condition falls on Kyiv and whose alternative is a threat. This component
finds condition markers (``if``, ``unless``, ``provided that``, ``on the condition that``,
``as long as``, ``only if/after``) and attaches the clause they open to the act it
conditions; it finds alternative markers (``otherwise``, ``or else``, ``if not``,
``failing that``) and folds the clause they open into the nearest conditional item of
the same source, also across a sentence boundary. "Do X or face Y" after a demand is an
ultimatum: one THREATEN whose condition is the target's non-compliance.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from offramp.nlp.annotations import (
    AlternativeItem,
    ConditionItem,
    EventItem,
    Mention,
    init_doc,
    register_extensions,
)
from offramp.nlp.cues import condition_clause as _condition_clause
from offramp.nlp.cues import condition_markers, find_phrases, phrase_index
from offramp.nlp.lexicon import load_lexicon

_FORCE_LIKE = {"force", "coerce", "mobilize", "sanction", "threaten"}
_COOPERATIVE = {"talk", "cooperate", "aid", "retreat", "concede", "agree"}


class ConditionLinker:
    """Pipeline component ``offramp_conditions``: fills ``condition`` and ``alternative``."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        lex = load_lexicon()
        self.markers = lex.condition_markers
        self.phrases = lex.condition_phrases
        self.negative = lex.negative_markers
        self.alternatives = lex.alternative_markers
        self._alt_index = phrase_index(lex.alternative_markers)
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        init_doc(doc)
        items: list[EventItem] = doc._.events
        if not items:
            return doc
        lower = [t.lower_ for t in doc]
        alt_tokens = self._alternative_markers(doc, lower)
        for start, end, marker in self._condition_markers(doc, lower, alt_tokens):
            self._attach_condition(doc, items, start, end, marker)
        for start, end, marker in alt_tokens:
            self._attach_alternative(doc, items, start, end, marker)
        return doc

    # ------------------------------------------------------------------ finding markers

    def _condition_markers(
        self, doc: Doc, lower: list[str], alts: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        return condition_markers(doc, self.lex, alts)

    def _alternative_markers(self, doc: Doc, lower: list[str]) -> list[tuple[int, int, str]]:
        found = []
        for start, end, phrase in find_phrases(lower, self._alt_index):
            if phrase in ("or face", "or risk"):
                continue
            if phrase == "else" and (start == 0 or lower[start - 1] != "or"):
                continue
            if phrase == "if not" and end < len(doc) and doc[end].pos_ in ("VERB", "AUX", "ADJ"):
                continue  # "if not handled ..." is a condition, not an alternative
            found.append((start, end, phrase))
        # "accept the plan by Sunday or all hell will break out": a plain "or" followed by a
        # future clause after a demand is an ultimatum, like "or else"
        taken = {i for s, e, _ in found for i in range(s, e)}
        for t in doc:
            if t.lower_ != "or" or t.i in taken or t.dep_ != "cc":
                continue
            nxt = [x for x in doc[t.i + 1 : min(len(doc), t.i + 8)]]
            if any(x.lower_ in ("will", "would", "'ll") for x in nxt) and not any(
                x.is_punct and x.text in ".;" for x in nxt[:3]
            ):
                found.append((t.i, t.i + 1, "or else"))
        return sorted(found)

    # ------------------------------------------------------------------ conditions

    def _attach_condition(
        self, doc: Doc, items: list[EventItem], start: int, end: int, marker: str
    ) -> None:
        clause = _condition_clause(doc, start, end, marker)
        if clause is None:
            return
        c_start, c_end, c_head = clause
        host = self._host(doc, items, c_head, start, marker)
        if host is None or host.condition is not None:
            return
        negative = marker in self.negative
        mention_at: dict[int, Mention] = doc._.mention_at
        if marker in ("or face", "or risk"):
            # an ultimatum: the demand becomes a threat conditioned on non-compliance
            self._ultimatum(doc, host, marker, c_end)
            return
        actor = _not_the_source(
            _condition_actor(doc, c_head, c_start, c_end, mention_at, host), host
        )
        text = doc[c_start:c_end].text.strip(' ,;"\u201c\u201d')
        if negative:
            text = f"{marker}: NOT ({text})"
        host.condition = ConditionItem(
            text=text, actor=actor, negative=negative, marker=marker, start=c_start, end=c_end
        )
        if (
            (host.target is None or "target:counterpart" in host.notes)
            and actor is not None
            and host.source is not None
            and host.event_type
            and (
                actor.actor.country != host.source.actor.country
                or actor.actor.sector != host.source.actor.sector
            )
        ):
            host.target = actor  # a conditional offer or threat is aimed at whoever must act
        _soften_stances(host)

    def _ultimatum(self, doc: Doc, host: EventItem, marker: str, c_end: int) -> None:
        demanded = doc[host.clause_start : min(host.clause_end, c_end)].text
        target = host.target
        host.event_type = "THREATEN"
        host.act = "threaten"
        host.speech_act = True
        host.stances["escalation"] = 1.0
        who = target.actor.name if target else "the target"
        host.condition = ConditionItem(
            text=f"{marker}: {who} does NOT comply ({demanded.strip()})",
            actor=target,
            negative=True,
            marker=marker,
        )

    def _host(
        self, doc: Doc, items: list[EventItem], c_head: Token, marker_i: int, marker: str
    ) -> EventItem | None:
        """The item a condition clause belongs to: the act it modifies, else the nearest one."""
        sent = doc[marker_i].sent
        in_sent = [it for it in items if it.sent_start == sent.start and not it.dropped]
        if not in_sent:
            return None
        # the clause's syntactic head chain
        chains = {it: _chain(it) for it in in_sent}
        lower = [t.lower_ for t in doc]
        t = c_head.head
        for _ in range(12):
            for it, chain in chains.items():
                if t.i in chain:
                    if _inside_condition(it, c_head):
                        continue
                    if it.pred > marker_i and "otherwise" in lower[marker_i : it.pred]:
                        continue  # "... if India pulled back; otherwise, X": X is the alternative
                    return it
            if t.head.i == t.i:
                break
            t = t.head
        # nearest preceding item, else the following one
        before = [
            it for it in in_sent if it.pred < marker_i and not _inside_clause(it.pred, c_head)
        ]
        if before:
            return before[-1]
        after = [it for it in in_sent if it.pred > marker_i and not _inside_clause(it.pred, c_head)]
        return after[0] if after else None

    # ------------------------------------------------------------------ alternatives

    def _attach_alternative(
        self, doc: Doc, items: list[EventItem], start: int, end: int, marker: str
    ) -> None:
        sent = doc[start].sent
        # the clause the marker opens: the item whose predicate follows the marker
        alt_items = [
            it for it in items if it.sent_start == sent.start and it.pred >= end and not it.dropped
        ]
        alt_item = alt_items[0] if alt_items else None
        if alt_item is None:
            # "... and had warned that otherwise the group would push south": the warning
            # that carries the marker is the alternative
            around = [
                it
                for it in items
                if it.sent_start == sent.start
                and not it.dropped
                and it.clause_start <= start < it.clause_end
                and it.pred < start
                and it.condition is None
            ]
            alt_item = around[-1] if around else None
        if alt_item is not None:
            a_start = start
            a_end = min(alt_item.clause_end, sent.end)
            text = doc[end:a_end].text.strip(' ,;."\u201c\u201d')
        else:
            text = doc[end : sent.end].text.strip(' ,;."\u201c\u201d')
            a_start, a_end = start, sent.end
        # the host: the nearest conditional item before the marker (this or the previous sentence)
        candidates = [
            it
            for it in items
            if it.pred < start
            and not it.dropped
            and it is not alt_item
            and doc[it.sent_start].sent.start >= _previous_sentence_start(doc, sent.start)
        ]
        host = None
        for it in reversed(candidates):
            if it.condition is not None and it.alternative is None:
                host = it
                break
        if host is None and marker in ("or else",) and candidates:
            # "X must do Y ... or else Z": an ultimatum folded into one threat
            demand = candidates[-1]
            if demand.event_type == "REQUEST" and alt_item is None:
                self._ultimatum(doc, demand, "or else", end)  # "... or all hell will break out"
                return
            if demand.event_type == "REQUEST" and alt_item is not None:
                who = demand.target.actor.name if demand.target else "the target"
                demanded = doc[demand.clause_start : start].text.strip(" ,")
                alt_item.condition = ConditionItem(
                    text=f"or else: {who} does NOT comply ({demanded})",
                    actor=demand.target,
                    negative=True,
                    marker="or else",
                )
                alt_item.event_type = "THREATEN"
                alt_item.negated = False
                alt_item.hypothetical = False
                alt_item.stances["escalation"] = 1.0
                if alt_item.target is None:
                    alt_item.target = demand.target
                if alt_item.source is None or alt_item.source.code != demand.source.code:
                    alt_item.source = demand.source
                    alt_item.speaker = demand.speaker or demand.source
                demand.dropped = True
                return
        if host is None:
            return
        alt_type = None
        if alt_item is not None:
            alt_type = _as_statement(alt_item)
            alt_item.is_alternative_clause = True
            alt_item.notes.append(f"alternative-of:{host.pred}")
        host.alternative = AlternativeItem(text=text, event_type=alt_type, start=a_start, end=a_end)


# ---------------------------------------------------------------------- helpers


def _chain(item: EventItem) -> set[int]:
    for note in item.notes:
        if note.startswith("chain:"):
            return {int(x) for x in note[6:].split(",") if x}
    return {item.pred}


def _inside_condition(item: EventItem, c_head: Token) -> bool:
    return _inside_clause(item.pred, c_head)


def _inside_clause(i: int, c_head: Token) -> bool:
    return c_head.left_edge.i <= i <= c_head.right_edge.i


def _condition_actor(
    doc: Doc, head: Token, start: int, end: int, mention_at: dict[int, Mention], host: EventItem
) -> Mention | None:
    """Whoever must act for the condition to hold."""
    t = head
    for _ in range(4):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and start <= c.i < end:
                m = mention_at.get(c.i)
                if m is not None and not m.place:
                    return _fix_place(m)
                # "the decision held": whose decision
                for x in c.subtree:
                    if x.dep_ == "poss" and x.i in mention_at:
                        return _fix_place(mention_at[x.i])
                # "Congolese army drones stopped striking": an actor inside the subject
                for x in c.subtree:
                    if x.i in mention_at and not mention_at[x.i].place:
                        return _fix_place(mention_at[x.i])
        if t.dep_ in ("xcomp", "conj") and start <= t.head.i < end:
            t = t.head
        else:
            break
    for i in range(start, end):
        m = mention_at.get(i)
        if (
            m is not None
            and not m.place
            and (host.source is None or m.actor.code != host.source.actor.code)
        ):
            return _fix_place(m)
    return host.target


def _fix_place(m: Mention) -> Mention:
    return m


def _not_the_source(m: Mention | None, host: EventItem) -> Mention | None:
    """A pronoun in a condition that resolved to the one who sets the condition means the
    other side ("warned Manila of countermeasures if it kept ..."): whoever is addressed."""
    if m is None or host.source is None or m.via != "coreference":
        return m
    if m.actor.code == host.source.actor.code and host.target is not None:
        return host.target
    return m


def _soften_stances(item: EventItem) -> None:
    """A conditional offer or threat is a hedged stance (0.5)."""
    for issue, value in list(item.stances.items()):
        if issue != "escalation" or item.event_type != "THREATEN":
            item.stances[issue] = 0.5 if value > 0 else -0.5


def _as_statement(item: EventItem) -> str | None:
    """The type of an alternative clause read as a statement of its own."""
    if item.act in _FORCE_LIKE or item.event_type in (
        "THREATEN",
        "ASSAULT",
        "COERCE",
        "MOBILIZE",
        "SANCTION",
    ):
        return "THREATEN"
    if item.act in _COOPERATIVE or item.event_type in (
        "AGREE",
        "CONSULT",
        "RETREAT",
        "CONCEDE",
        "AID",
        "COOPERATE",
    ):
        return "AGREE"
    return item.event_type


def _previous_sentence_start(doc: Doc, sent_start: int) -> int:
    if sent_start == 0:
        return 0
    return doc[sent_start - 1].sent.start


@Language.factory(
    "offramp_conditions",
    requires=["doc._.events"],
    assigns=["doc._.events"],
)
def make_condition_linker(nlp: Language, name: str) -> ConditionLinker:
    return ConditionLinker(nlp, name)
