"""Actor resolution: find who is named or referred to, and give each a SIGNALS.md code.

Three sources of evidence, in this order:

1. the actor dictionary (``data/actors.jsonl`` plus the user's ``--actors`` files):
   countries and their capitals and seats of power, office holders, organisations;
2. the noun phrase around a head word: "Ukraine's foreign ministry" is UKR + GOV,
   "Indian army officials" IND + MIL, "a wave of Russian drones" RUS + MIL;
3. the discourse: pronouns and bare nouns ("it", "the ministry", "the militia") take the
   actor they refer back to; a bare "the army" takes the country the story is about.

NER labels are hints only (the small English model tags "Kyiv" as PERSON).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from offramp.nlp.actor_table import COMMON_WORDS, ActorTable, Alias
from offramp.nlp.annotations import Mention, init_doc, register_extensions
from offramp.nlp.lexicon import Lexicon, load_lexicon
from offramp.records import Actor

# Alias roles in order of preference when one stretch of text has several meanings.
_ROLE_RANK = {
    "person": 0,
    "alias": 1,
    "name": 2,
    "seat": 3,
    "capital": 4,
    "people": 5,
    "adjective": 6,
    "place": 7,
}

# Aliases that are also common English words: matched case-sensitively only.
_CASED = {
    "us",
    "is",
    "it",
    "chad",
    "turkey",
    "china",
    "guinea",
    "jordan",
    "niger",
    "georgia",
    "israel",
    "may",
    "mali",
    "peru",
    "cuba",
    "oman",
    "iran",
    "iraq",
    "hamas",
    "sana",
    "ana",
    "wam",
    "spa",
    "fars",
    "mission",
    "aid",
    "will",
    "march",
    "un",
    "eu",
    "au",
    "who",
    "icc",
    "amn",
    "hrw",
}

# Prepositions after which a place name is the place itself, not its government.
_LOCATIVE = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "throughout",
    "within",
    "over",
    "into",
    "towards",
    "toward",
    "between",
    "beyond",
    "along",
    "off",
    "via",
    "through",
    "under",
    "above",
    "onto",
    "nearby",
}
# Heads after which "to X" is a destination (a place), not a recipient.
_MOTION = {
    "visit",
    "trip",
    "travel",
    "fly",
    "go",
    "come",
    "journey",
    "flight",
    "head",
    "arrive",
    "deploy",
    "move",
    "redeploy",
    "relocate",
    "return",
    "tour",
    "voyage",
    "drive",
    "march",
}
# Agent nouns take their sector from what modifies them ("army officials" -> MIL).
_AGENT_NOUNS = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "chief",
    "head",
    "leader",
    "leaders",
    "representative",
    "representatives",
    "source",
    "sources",
    "member",
    "members",
    "adviser",
    "advisor",
    "aide",
    "envoy",
    "delegation",
    "negotiator",
    "negotiators",
    "spokesmen",
    "statement",
    "commander",
    "minister",
}
_PERSON_NOUNS = {
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "chief",
    "leader",
    "envoy",
    "ambassador",
    "adviser",
    "advisor",
    "aide",
    "commander",
    "general",
    "king",
    "queen",
    "emir",
    "premier",
    "chancellor",
    "secretary",
    "senator",
    "mayor",
    "governor",
    "prince",
    "head",
    "director",
    "representative",
    "negotiator",
    "diplomat",
    "owner",
}
_PRONOUNS = {
    "he": "person",
    "him": "person",
    "his": "person",
    "himself": "person",
    "she": "person",
    "her": "person",
    "hers": "person",
    "herself": "person",
    "it": "thing",
    "its": "thing",
    "itself": "thing",
    "they": "plural",
    "them": "plural",
    "their": "plural",
    "theirs": "plural",
    "themselves": "plural",
    "we": "speaker",
    "us": "speaker",
    "our": "speaker",
    "ours": "speaker",
    "ourselves": "speaker",
    "i": "speaker",
    "me": "speaker",
    "my": "speaker",
}
_NP_DEPS = {
    "nsubj",
    "nsubjpass",
    "dobj",
    "pobj",
    "poss",
    "appos",
    "conj",
    "attr",
    "dative",
    "agent",
    "npadvmod",
    "oprd",
    "ROOT",
    "obj",
    "iobj",
    "csubj",
    "nmod",
    "expl",
}
_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod", "nummod", "quantmod"}
_GENERIC_SAME = {
    "ministry",
    "government",
    "army",
    "military",
    "group",
    "militia",
    "movement",
    "rebels",
    "forces",
    "troops",
    "council",
    "administration",
    "authorities",
    "side",
    "country",
    "regime",
    "coalition",
    "alliance",
    "bloc",
    "agency",
    "organisation",
    "organization",
    "court",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "leader",
    "force",
    "navy",
    "guard",
}


def _norm(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


class ActorRecognizer:
    """Pipeline component ``offramp_actors``: writes ``doc._.mentions``."""

    def __init__(self, nlp: Language, name: str, actor_files: Sequence[str] = ()) -> None:
        register_extensions()
        self.name = name
        self.table = ActorTable.load(list(actor_files))
        self.lex: Lexicon = load_lexicon()
        self._aliases: dict[str, list[Alias]] = {}
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower_patterns: dict[str, list] = {}
        orth_patterns: dict[str, list] = {}
        for alias in self.table.aliases:
            text = alias.text.strip()
            if text.lower().startswith("the "):
                text = text[4:]
            key = _norm(text)
            if not key:
                continue
            self._aliases.setdefault(key, []).append(alias)
            cased = (
                key in _CASED
                or key in COMMON_WORDS
                or (len(text) <= 5 and any(c.isupper() for c in text[1:]))
            )
            if cased:
                variants = {text, text.upper()}
                for v in variants:
                    orth_patterns.setdefault(key, []).append(nlp.make_doc(v))
            else:
                lower_patterns.setdefault(key, []).append(nlp.make_doc(text))
                if "'" in text:
                    lower_patterns[key].append(nlp.make_doc(text.replace("'", "\u2019")))
        for key, docs in lower_patterns.items():
            self._lower.add(key, docs)
        for key, docs in orth_patterns.items():
            self._orth.add(key, docs)
        for key in self._aliases:
            self._aliases[key].sort(key=lambda a: _ROLE_RANK.get(a.role, 9))
        #: countries with armed forces of their own in the table (there is no PSEMIL)
        self._armies = {a.entry.country for a in self.table.aliases if a.entry.code.endswith("MIL")}

    @property
    def matchers(self) -> tuple[PhraseMatcher, PhraseMatcher]:
        """The dictionary matchers (used on unparsed text by the fast path)."""
        return (self._lower, self._orth)

    # ------------------------------------------------------------------ matching

    def _alias_spans(self, doc: Doc) -> dict[int, tuple[int, int, list[Alias]]]:
        """token index -> (start, end, aliases) of the longest dictionary match covering it.

        Office holders change: aliases valid on the document's date come first ("Aoun" is the
        army chief until January 2025 and the president after)."""
        found = []
        vocab = doc.vocab
        for match_id, start, end in [*self._lower(doc), *self._orth(doc)]:
            key = vocab.strings[match_id]
            found.append((end - start, start, end, key))
        found.sort(key=lambda t: (-t[0], t[1]))
        taken: dict[int, tuple[int, int, list[Alias]]] = {}
        for _, start, end, key in found:
            if any(i in taken for i in range(start, end)):
                continue
            if end - start > 1 and end < len(doc) and doc[end].text == "-":
                continue  # "Sudan's army-backed government": the name is cut from a longer word
            # A capitalised alias must not match a lower-case common word ("chad" the name).
            if doc[start].is_lower and doc[start].text.lower() in _CASED:
                continue
            aliases = self._aliases[key]
            day = doc._.doc_date
            if day and len(aliases) > 1:
                valid = [a for a in aliases if a.entry.valid_on(day)]
                aliases = valid + [a for a in aliases if a not in valid] if valid else aliases
            entry = (start, end, aliases)
            for i in range(start, end):
                taken[i] = entry
        return taken

    # ------------------------------------------------------------------ the component

    def __call__(self, doc: Doc) -> Doc:
        init_doc(doc)
        spans = self._alias_spans(doc)
        self._spans = spans
        mentions: list[Mention] = []
        mention_at: dict[int, Mention] = {}
        country_counts: Counter[str] = Counter()
        for token in doc:
            if not _is_np_head(token, spans):
                continue
            mention = self._resolve(token, spans, mentions, mention_at, country_counts)
            if mention is None:
                continue
            mentions.append(mention)
            for i in range(mention.start, mention.end):
                mention_at.setdefault(i, mention)
            mention_at[mention.head] = mention
            if mention.actor.country:
                country_counts[mention.actor.country] += 1
        doc._.mentions = mentions
        doc._.mention_at = mention_at
        # demonyms inside phrases ("Russian and Ukrainian delegations"), for reciprocal acts
        doc.user_data["offramp.adjective_country"] = {
            i: entry[2][0].entry.country
            for i, entry in spans.items()
            if entry[2][0].role == "adjective" and entry[2][0].entry.country
        }
        return doc

    # ------------------------------------------------------------------ resolution

    def _resolve(
        self,
        head: Token,
        spans: dict[int, tuple[int, int, list[Alias]]],
        history: list[Mention],
        mention_at: dict[int, Mention],
        counts: Counter[str],
    ) -> Mention | None:
        lower = head.lower_
        if (head.pos_ == "PRON" or lower in _PRONOUNS) and not (
            head.i in spans and head.text.isupper()
        ):  # "US" is a country, "us" a pronoun
            return self._pronoun(head, history)
        # "a wave of Russian drones", "thousands of people": the of-phrase is the actor
        if head.lemma_.lower() in self.lex.collectives or lower in self.lex.collectives:
            inner = _of_object(head)
            if inner is not None and head.i not in spans:
                sub = self._resolve(inner, spans, history, mention_at, counts)
                if sub is not None:
                    sub.start = min(sub.start, _np_start(head))
                    return sub
        if head.i in spans:
            return self._from_alias(head, spans, history, counts)
        korea = _korea_side(head, counts)
        if korea is not None:
            actor = Actor(head.doc[_np_start(head) : head.i + 1].text, f"{korea}GOV", korea, "GOV")
            return Mention(_np_start(head), head.i + 1, head.i, actor, "country", via="context")
        short = _short_name(head, history)
        if short is not None:
            return short
        return self._compositional(head, spans, history, mention_at, counts)

    def _from_alias(
        self,
        head: Token,
        spans: dict[int, tuple[int, int, list[Alias]]],
        history: list[Mention],
        counts: Counter[str],
    ) -> Mention | None:
        start, end, aliases = spans[head.i]
        alias = aliases[0]
        doc = head.doc
        np_start = min(start, _np_start(head))
        while np_start < start and doc[np_start].lower_ in ("the", "a", "an"):
            np_start += 1
        name = doc[start:end].text
        entry = alias.entry
        if (
            alias.role in ("person", "alias")
            and entry.country is None
            and head.pos_ in ("NOUN", "PROPN")
        ):
            # "the Philippine National Security Council" is not the UN's: a country word in
            # front of an international body's name makes it that country's body
            for t in _modifiers(head):
                if t.i < start and t.i in spans and spans[t.i][2][0].role in ("adjective", "name"):
                    iso = spans[t.i][2][0].entry.country
                    sector = self.lex.sector_of([head.lower_]) or "GOV"
                    name = doc[_np_start(head) : end].text
                    return Mention(
                        _np_start(head),
                        end,
                        head.i,
                        Actor(name, f"{iso}{sector}", iso, sector),
                        "generic",
                        via="compositional",
                    )
        if alias.role in ("person", "alias"):
            code = entry.code or ""
            country, sector = entry.country, entry.sector
            # A title word in front can say MIL: "army chief X"; keep the dictionary's code.
            actor = Actor(name=doc[np_start:end].text, code=code, country=country, sector=sector)
            kind = "person" if alias.role == "person" or entry.kind == "person" else "organisation"
            defence = _is_defence(entry) or any(
                t.lower_ in ("defence", "defense") for t in _modifiers(head)
            )
            place = kind == "organisation" and _is_place_use(head)  # "met him in Brussels"
            return Mention(
                np_start,
                end,
                head.i,
                actor,
                kind,
                plural=_plural(head),
                defence=defence,
                place=place,
            )
        iso = entry.country
        if iso is None:
            return None
        if alias.role == "place":
            actor = Actor(name=name, code=f"{iso}CVL", country=iso, sector="CVL")
            return Mention(np_start, end, head.i, actor, "place", place=True, via="alias")
        if alias.role == "people":
            actor = Actor(name=doc[np_start:end].text, code=f"{iso}CVL", country=iso, sector="CVL")
            return Mention(np_start, end, head.i, actor, "generic", plural=True)
        if alias.role == "adjective":
            # an adjective heading its phrase: "the Israeli" (rare) -> the government
            sector = self.lex.sector_of([head.lower_]) or "GOV"
            actor = Actor(
                name=doc[np_start:end].text, code=f"{iso}{sector}", country=iso, sector=sector
            )
            return Mention(np_start, end, head.i, actor, "country")
        # a country name, capital or seat of power: the government, unless it is the place
        actor = Actor(name=name, code=f"{iso}GOV", country=iso, sector="GOV")
        place = _is_place_use(head)
        via = "country-name" if alias.role == "name" else "alias"
        return Mention(np_start, end, head.i, actor, "country", place=place, via=via)

    def _compositional(
        self,
        head: Token,
        spans: dict[int, tuple[int, int, list[Alias]]],
        history: list[Mention],
        mention_at: dict[int, Mention],
        counts: Counter[str],
    ) -> Mention | None:
        """An actor built from a phrase: country from modifiers, sector from the nouns."""
        lex = self.lex
        doc = head.doc
        modifiers = _modifiers(head)
        words = [
            t.lower_
            for t in modifiers
            if t.i not in spans and t.dep_ != "poss" and t.pos_ != "PUNCT"
        ]
        is_name = (
            head.pos_ == "PROPN"
            and head.lower_ not in lex.sector_nouns
            and head.lemma_.lower() not in lex.sector_nouns
        )
        head_word, head_lemma = head.lower_, head.lemma_.lower()
        own = None
        if not is_name:
            own = lex.sector_of([*words, head_word]) or lex.sector_of([*words, head_lemma])
        mod_sector = _rightmost_sector(lex, words)
        sector = own
        if is_name or head_word in _AGENT_NOUNS or head_lemma in _AGENT_NOUNS:
            sector = mod_sector or own
        country, org, poss_pronoun = self._country_of(head, modifiers, spans, history, mention_at)
        defence = any(w in ("defence", "defense") for w in words)
        start = _np_start(head)
        if (
            org is not None
            and sector is None
            and head_lemma not in _ORG_THINGS
            and head_word not in _AGENT_NOUNS
            and head_lemma not in _PERSON_NOUNS
            and lex.target_sector_of([head_word]) is None
        ):
            org = None  # "Red Cross talks": an organisation's name on a thing is not an actor
        if org is not None:
            start = min(start, org.start)
            actor = org.actor
            if org.kind == "person" and actor.country and own and own != actor.sector:
                # "Zelensky's troops": the person's country, the noun's sector
                actor = Actor(actor.name, f"{actor.country}{own}", actor.country, own)
            elif (
                actor.country
                and actor.sector in ("GOV", "MIL")
                and own in ("GOV", "MIL")
                and own != actor.sector
                and head_word not in _AGENT_NOUNS
            ):
                # "Myanmar's military government": the noun says which body
                actor = Actor(actor.name, f"{actor.country}{own}", actor.country, own)
            named = Actor(doc[start : head.i + 1].text, actor.code, actor.country, actor.sector)
            return Mention(
                start,
                head.i + 1,
                head.i,
                named,
                "organisation",
                plural=_plural(head),
                via="compositional",
                defence=defence or org.defence,
            )
        if sector is None:
            # things take their country from a demonym or possessor only ("Indian posts"),
            # not from where they are ("talks in Istanbul")
            country = self._left_country
            if country is None or is_name:
                return None
            # a thing of a country: "Indian posts", "Israeli territory", "energy facilities"
            target = lex.target_sector_of([*words, head_word]) or lex.target_sector_of(
                [*words, head_lemma]
            )
            if head_lemma in _WEAPONS or head_word in _WEAPONS:
                target = "MIL"  # "US air strikes", "Russian drones": the armed forces using them
            if target is None:
                if head.pos_ != "NOUN":
                    return None
                target = "GOV"
            actor = Actor(doc[start : head.i + 1].text, f"{country}{target}", country, target)
            return Mention(
                start, head.i + 1, head.i, actor, "thing", plural=_plural(head), via="compositional"
            )
        if country is None:
            resolved = self._context(head, sector, history, counts, poss_pronoun, words)
            if resolved is None:
                return None
            country, code = resolved
            via = "context"
            actor_country = country or None
            if not code.startswith(country or "~"):
                actor_country = None
        else:
            code, actor_country = f"{country}{sector}", country
            via = "compositional"
        sector_out = code[3:] if actor_country else sector
        actor = Actor(doc[start : head.i + 1].text, code, actor_country, sector_out)
        kind = (
            "person"
            if (head_lemma in _PERSON_NOUNS or is_name) and not _plural(head)
            else "generic"
        )
        return Mention(
            start,
            head.i + 1,
            head.i,
            actor,
            kind,
            defence=defence,
            plural=_plural(head),
            via=via,
        )

    def _country_of(
        self,
        head: Token,
        modifiers: list[Token],
        spans: dict[int, tuple[int, int, list[Alias]]],
        history: list[Mention],
        mention_at: dict[int, Mention],
    ) -> tuple[str | None, Mention | None, bool]:
        """(country, organisation-or-person possessor, has a possessive pronoun) of a phrase."""
        doc = head.doc
        country: str | None = None
        org: Mention | None = None
        poss_pronoun = False
        for t in reversed(modifiers):
            if t.i + 1 < len(doc) and doc[t.i + 1].text == "-" and t.i in spans:
                continue  # "US-backed proposal", "China-brokered deal": not that country's thing
            if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ in ("pro", "anti"):
                continue  # "pro-EU protesters" are not the EU
            if t.i in spans:
                s, e, aliases = spans[t.i]
                alias = aliases[0]
                entry = alias.entry
                if alias.role in ("person", "alias") and entry.code:
                    if org is None:
                        org = Mention(
                            s,
                            e,
                            t.i,
                            _actor_of(alias, doc[s:e].text),
                            entry.kind,
                            defence=_is_defence(entry),
                        )
                elif alias.role == "place":
                    if country is None and head.lower_ not in _PERSON_NOUNS:
                        country = entry.country
                elif entry.country and country is None:
                    country = entry.country
            elif t.dep_ == "poss":
                if t.pos_ == "PRON" or t.lower_ in _PRONOUNS:
                    poss_pronoun = True
                    ref = self._pronoun(t, history)
                else:
                    ref = mention_at.get(t.i)
                if ref is not None and org is None and country is None:
                    if (
                        ref.actor.sector in ("REB", "IGO", "NGO", "MED", "BUS")
                        or ref.actor.country is None
                        or ref.kind == "person"
                    ):
                        org = ref
                    else:
                        country = ref.actor.country
        left_country = country
        if country is None and org is None:
            # "officials in Kyiv", "the foreign ministry in Yerevan", "the army of Sudan"
            for prep in head.rights:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "for", "from"):
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj" or pobj.i not in spans:
                        continue
                    s, e, aliases = spans[pobj.i]
                    alias = aliases[0]
                    if (
                        alias.role in ("person", "alias")
                        and alias.entry.code
                        and alias.entry.kind != "person"
                    ):
                        org = Mention(
                            s, e, pobj.i, _actor_of(alias, doc[s:e].text), alias.entry.kind
                        )
                    elif alias.entry.country:
                        country = alias.entry.country
        self._left_country = left_country
        return country, org, poss_pronoun

    def _context(
        self,
        head: Token,
        sector: str,
        history: list[Mention],
        counts: Counter[str],
        poss_pronoun: bool,
        words: list[str] | None = None,
    ) -> tuple[str, str] | None:
        """Country and code for a bare noun ("the ministry", "the militia", "residents")."""
        lemma = head.lemma_.lower()
        doc = head.doc
        words = words or []
        # "city officials", "local residents": the country of the place just named
        if set(words) & _LOCAL_WORDS:
            for m in reversed(history):
                if (m.place or m.kind == "country") and m.actor.country:
                    return (m.actor.country, f"{m.actor.country}{sector}")
        # "a ministry spokesperson" after "Taiwan's defence ministry": the same body
        for w in words:
            if w in _GENERIC_SAME:
                for m in reversed(history):
                    if not m.place and doc[m.head].lemma_.lower() == w and m.actor.country:
                        return (
                            m.actor.country,
                            f"{m.actor.country}{m.actor.sector if m.defence else sector}",
                        )
        # "a spokesman said", "a presidential aide said": whoever was just speaking
        if lemma in _AGENT_NOUNS and sector in ("GOV", "MIL"):
            for m in reversed(history):
                t = doc[m.head]
                if (
                    t.dep_ == "nsubj"
                    and t.head.lemma_.lower() in _REPORTING
                    and m.actor.country
                    and not m.place
                    and m.head >= _sentence_before(head)
                ):
                    return (m.actor.country, f"{m.actor.country}{sector}")
        # the same noun seen before: "the ministry" after "Ukraine's foreign ministry"
        if lemma in _GENERIC_SAME:
            own_words = set(words or [])
            for m in reversed(history):
                if m.place:
                    continue
                earlier = head.doc[m.head]
                if earlier.lemma_.lower() != lemma or not m.actor.code:
                    continue
                # "the council" is the Security Council named before; "the transitional
                # council" is not
                their_words = {t.lower_ for t in _modifiers(earlier)}
                if own_words and not own_words <= their_words:
                    continue
                return (m.actor.country or "", m.actor.code)
        if sector == "REB":
            for m in reversed(history):
                if m.actor.sector == "REB":
                    return (m.actor.country or "", m.actor.code)
            # insurgents with no group named: coded with the country they fight in
            for t in head.sent:
                if t.i in self._spans:
                    alias = self._spans[t.i][2][0]
                    if alias.role in ("place", "capital", "name") and alias.entry.country:
                        return (alias.entry.country, f"{alias.entry.country}REB")
        sent = head.sent
        if sector == "CVL":
            # people live in places: "In Tel Aviv, thousands rallied", "residents of Goma"
            for m in reversed(history):
                if m.head < sent.start:
                    break
                if (m.place or m.kind == "country") and m.actor.country:
                    return (m.actor.country, f"{m.actor.country}{sector}")
            for t in sent:
                if t.i > head.i and t.i in self._spans:
                    alias = self._spans[t.i][2][0]
                    if alias.role in ("place", "capital", "name") and alias.entry.country:
                        c = alias.entry.country
                        return (c, f"{c}{sector}")
        elif sector in ("GOV", "MIL"):
            # "the government", "the army": the state actor the story was just about
            for m in reversed(history):
                if m.place or m.actor.country is None or m.actor.sector not in ("GOV", "MIL"):
                    continue
                if m.kind in ("country", "organisation", "person", "generic"):
                    home = self._rebels_home(head, m, history)
                    country = home or m.actor.country
                    return (country, f"{country}{sector}")
            # no state actor yet: the country the rebels fight in, else the one the story is
            # set in ("the military" in a story about Myanmar's rebels and towns)
            for m in reversed(history):
                if m.actor.sector == "REB" and m.actor.country:
                    return (m.actor.country, f"{m.actor.country}{sector}")
            located = Counter(m.actor.country for m in history if m.actor.country)
            if located:
                country = located.most_common(1)[0][0]
                return (country, f"{country}{sector}")
            for t in sent:
                if t.i > head.i and t.i in self._spans:
                    alias = self._spans[t.i][2][0]
                    if alias.role in ("capital", "name", "seat") and alias.entry.country:
                        c = alias.entry.country
                        return (c, f"{c}{sector}")
        weights: Counter[str] = Counter()
        for m in history:
            if m.actor.country and m.kind in ("country", "place", "organisation", "person"):
                weights[m.actor.country] += 1
        if not weights:
            weights = counts
        if not weights:
            return None
        top = max(weights.values())
        leaders = {c for c, n in weights.items() if n == top}
        country = None
        for m in reversed(history):
            if m.actor.country in leaders:
                country = m.actor.country
                break
        if country is None:
            country = next(iter(leaders))
        return (country, f"{country}{sector}")

    def _rebels_home(self, head: Token, state: Mention, history: list[Mention]) -> str | None:
        """ "The RSF accepted a truce proposed by the United States but warned that any army
        offensive ...": inside what rebels say or do, "the army" is their own country's, not
        that of a foreign state named in passing in the same sentence."""
        sent = head.sent
        if not (sent.start <= state.head < head.i) or head.doc[state.head].dep_ == "nsubj":
            return None
        ancestors = {a.i for a in head.ancestors}
        for m in history:
            if m.head < sent.start or m.actor.sector not in ("REB", "OPP"):
                continue
            t = head.doc[m.head]
            if t.dep_ == "nsubj" and t.head.i in ancestors | {head.i}:
                country = m.actor.country
                if country and country != state.actor.country and country in self._armies:
                    return country
        return None

    def _pronoun(self, token: Token, history: list[Mention]) -> Mention | None:
        kind = _PRONOUNS.get(token.lower_)
        if kind is None or kind == "speaker" or not history:
            return None
        doc = token.doc
        sent_start = token.sent.start
        candidates = [m for m in history if not m.place and m.kind != "thing" and m.head < token.i]
        if token.lower_ in ("him", "her", "them") and token.dep_ in ("dobj", "pobj", "dative"):
            # "Kurti refused to meet him": not Kurti, whose clause it is
            local = _clause_subject(token)
            if local is not None:
                candidates = [m for m in candidates if not (m.start <= local.i < m.end)]

        def ok(m: Mention) -> bool:
            if kind == "person":
                return m.kind == "person"
            if kind == "thing":
                return m.kind != "person" and not m.plural
            return m.plural or m.kind in ("organisation", "country", "generic")

        # prefer a subject in this sentence, then the previous sentence's subject, then recency
        same = [m for m in candidates if m.head >= sent_start and ok(m)]
        subj = [m for m in same if doc[m.head].dep_ in ("nsubj", "nsubjpass")]
        # a subject of the main clause beats one inside a condition or time clause
        main = [m for m in subj if not _in_adjunct(doc[m.head], token)]
        chosen = (main or subj)[-1] if subj else None
        if chosen is None and kind == "thing":
            # "Qassem warned that the group's patience ... and said it would ...": a fitting
            # actor named earlier in the same sentence beats the previous sentence's subject
            fitting = [m for m in same if m.kind in ("organisation", "country", "generic")]
            chosen = fitting[-1] if fitting else None
        if chosen is None:
            earlier = [m for m in candidates if m.head < sent_start and ok(m)]
            if earlier:
                prev_sent = doc[earlier[-1].head].sent
                subj_prev = [
                    m
                    for m in earlier
                    if m.head >= prev_sent.start and doc[m.head].dep_ in ("nsubj", "nsubjpass")
                ]
                chosen = subj_prev[0] if subj_prev else earlier[-1]
        if chosen is None and same:
            chosen = same[-1]
        if chosen is None:
            if kind == "person":
                return None
            pool = [m for m in candidates if m.kind != "person"] or candidates
            if not pool:
                return None
            chosen = pool[-1]
        actor = Actor(token.text, chosen.actor.code, chosen.actor.country, chosen.actor.sector)
        return Mention(
            token.i,
            token.i + 1,
            token.i,
            actor,
            chosen.kind,
            via="coreference",
            plural=chosen.plural,
            defence=chosen.defence,
        )


# ---------------------------------------------------------------------- helpers


def _short_name(head: Token, history: list[Mention]) -> Mention | None:
    """Short names: "the Front" after "the Polisario Front", "Mujahid" after "Zabihullah
    Mujahid" refer back to them."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper():
        return None
    kids = [c for c in head.children if c.dep_ not in ("punct", "case")]
    bare = not kids  # "Mujahid" after "Zabihullah Mujahid": a person by surname
    if not bare and (len(kids) != 1 or kids[0].lower_ != "the" or kids[0].i != head.i - 1):
        return None
    doc = head.doc
    for m in reversed(history):
        if m.place or m.end - m.start < 2 or m.end - 1 == head.i:
            continue
        if bare and m.kind != "person":
            continue
        if doc[m.end - 1].text == head.text and m.actor.code:
            actor = Actor(head.text, m.actor.code, m.actor.country, m.actor.sector)
            start = head.i if bare else head.i - 1
            return Mention(start, head.i + 1, head.i, actor, m.kind, via="coreference")
    return None


def _actor_of(alias: Alias, name: str) -> Actor:
    e = alias.entry
    return Actor(name=name, code=e.code or f"{e.country}GOV", country=e.country, sector=e.sector)


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS")


def _is_np_head(token: Token, spans: dict[int, tuple[int, int, list[Alias]]]) -> bool:
    """Does this token head a noun phrase that may name an actor?"""
    if token.i in spans:
        s, e, _ = spans[token.i]
        doc = token.doc
        inner = [t for t in doc[s:e] if not (s <= t.head.i < e) or t.head.i == t.i]
        if not inner or token.i != inner[0].i:
            return False
        return not (
            token.dep_ in ("compound", "amod", "nmod", "nummod")
            and token.head.pos_ in ("NOUN", "PROPN")
        )
    if token.pos_ == "NUM":
        return token.dep_ in _NP_DEPS and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children
        )
    if token.pos_ == "ADJ" and token.lower_ in _NOMINAL_ADJECTIVES:
        # "if the military halted ...": tagged as an adjective, used as a noun
        return token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and any(
            c.lower_ == "the" for c in token.children
        )
    if token.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    return token.dep_ not in ("compound", "amod", "nummod", "quantmod", "nmod")


_NOMINAL_ADJECTIVES = {"military", "opposition", "authorities", "junta", "rebel", "militant"}


def _rightmost_sector(lex: Lexicon, words: list[str]) -> str | None:
    """The sector of the rightmost sector word among modifiers ("army chief" -> MIL)."""
    for i in range(len(words) - 1, -1, -1):
        for n in (3, 2, 1):
            if i - n + 1 < 0:
                continue
            hit = lex.sector_nouns.get(" ".join(words[i - n + 1 : i + 1]))
            if hit is not None:
                return hit
    return None


def _is_defence(entry: object) -> bool:
    role = (getattr(entry, "role", None) or "").lower()
    return "defence" in role or "defense" in role


def _modifiers(head: Token) -> list[Token]:
    """The words before a head that modify it, with their own compounds ("Russian", "army")."""
    out: list[Token] = []
    stack = [
        c
        for c in head.lefts
        if c.dep_ in _MODIFIER_DEPS
        or (
            c.dep_ == "det"
            and c.lower_
            not in (
                "the",
                "a",
                "an",
                "this",
                "that",
                "these",
                "those",
                "any",
                "some",
                "all",
                "no",
                "another",
                "each",
                "every",
            )
        )
    ]
    while stack:
        t = stack.pop()
        if t.dep_ == "det":
            continue
        out.append(t)
        stack.extend(
            c for c in t.lefts if c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")
        )
    # appositions and titles after a name: "Ramtane Lamamra, the UN envoy for Sudan"
    for c in head.rights:
        if c.dep_ == "appos":
            out.append(c)
            out.extend(x for x in c.lefts if x.dep_ in ("compound", "amod", "poss", "nmod"))
    out.sort(key=lambda t: t.i)
    return out


def _np_start(head: Token) -> int:
    """First word of the phrase a head names, without a leading article."""
    start = head.i
    for c in head.lefts:
        if c.dep_ in (
            "compound",
            "amod",
            "poss",
            "nmod",
            "det",
            "nummod",
            "quantmod",
            "case",
            "punct",
        ):
            start = min(start, c.left_edge.i)
    doc = head.doc
    while start < head.i and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    return start


# Things that stand for the organisation that uses them ("Hezbollah rockets hit ...").
_ORG_THINGS = {
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "drone",
    "drones",
    "shell",
    "shells",
    "attack",
    "attacks",
    "strike",
    "strikes",
    "fire",
    "artillery",
    "gunmen",
    "unit",
    "units",
    "position",
    "positions",
    "base",
    "bases",
    "convoy",
    "convoys",
    "boat",
    "boats",
    "vessel",
    "vessels",
    "ship",
    "ships",
    "aircraft",
    "jet",
    "jets",
}
_WEAPONS = {"strike", "strikes", "airstrike", "airstrikes", "drone", "drones", "missile",
            "missiles", "rocket", "rockets", "shelling", "artillery", "jets", "warplanes",
            "bombs", "bomb", "shells", "fire", "gunfire", "barrage", "bombardment", "raid",
            "raids"}  # fmt: skip
_LOCAL_WORDS = {
    "city",
    "town",
    "local",
    "regional",
    "municipal",
    "provincial",
    "district",
    "village",
}
_REPORTING = {
    "say",
    "tell",
    "add",
    "state",
    "announce",
    "report",
    "claim",
    "warn",
    "insist",
    "note",
}


def _sentence_before(token: Token) -> int:
    """Start of the sentence before ``token``'s (the window a bare "spokesman" looks back in)."""
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else 0


def _clause_subject(t: Token) -> Token | None:
    """The subject of the clause a word is in (through xcomp frames)."""
    cur = t.head
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
        if cur.dep_ in ("xcomp", "prep", "pobj", "dobj") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def _in_adjunct(t: Token, pronoun: Token) -> bool:
    """Is ``t`` inside an adverbial clause (if/as long as/while ...) that ``pronoun`` is not in?"""
    cur = t
    while cur.head.i != cur.i:
        if cur.dep_ == "advcl" or (cur.dep_ == "acl" and cur.head.lemma_.lower() == "condition"):
            return not (cur.left_edge.i <= pronoun.i <= cur.right_edge.i)
        cur = cur.head
    return False


def _korea_side(head: Token, counts: Counter[str]) -> str | None:
    """ "the North" / "the South" in a story about the two Koreas."""
    if head.text not in ("North", "South") or not any(c.lower_ == "the" for c in head.children):
        return None
    if counts.get("PRK", 0) + counts.get("KOR", 0) == 0:
        return None
    return "PRK" if head.text == "North" else "KOR"


def _of_object(head: Token) -> Token | None:
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _is_place_use(token: Token) -> bool:
    """Is this capital or country name used as a place ("in Kyiv") rather than an actor?"""
    if token.dep_ == "pobj":
        prep = token.head
        word = prep.lower_
        if word in _LOCATIVE:
            return True
        if word in ("to", "from") and prep.head.lemma_.lower() in _MOTION:
            return True
        if word == "from" and prep.head.lemma_.lower() in (
            "missile",
            "rocket",
            "drone",
            "launch",
            "fire",
        ):
            return True
    if token.dep_ == "compound" or token.dep_ == "npadvmod":
        return False
    return False


@Language.factory(
    "offramp_actors",
    default_config={"actor_files": []},
    requires=["token.dep", "token.lemma", "token.pos"],
    assigns=["doc._.mentions", "doc._.mention_at"],
)
def make_actor_recognizer(nlp: Language, name: str, actor_files: list[str]) -> ActorRecognizer:
    return ActorRecognizer(nlp, name, actor_files)
