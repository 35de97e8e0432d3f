"""The word lists the extraction rules read: act classes, frames, cues and sector nouns.

They live in ``data/lexicon.toml`` and ``data/sectors.toml`` so that linguists can read
and extend them without touching code; this module turns them into fast lookup tables,
once per process.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

#: Moods under which an act class has a PLOVER type of its own (see lexicon.toml).
MOODS = ("done", "intent", "possible", "refused")


@dataclass(frozen=True, slots=True)
class ActClass:
    """A kind of act and the PLOVER type it takes in each mood."""

    name: str
    plover: str
    by_mood: dict[str, str]

    def type_for(self, mood: str) -> str:
        """The PLOVER type of this act stated in ``mood`` (done, intent, possible, refused)."""
        return self.by_mood.get(mood, self.plover)

    @property
    def speech_act(self) -> bool:
        """True for acts that are themselves statements (accuse, request, reject, ...)."""
        return not self.by_mood


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word lists, as sets and dicts keyed by lower-case lemma or phrase."""

    acts: dict[str, ActClass]
    verb_acts: dict[str, tuple[str, ...]]
    phrasal_acts: dict[str, str]
    noun_acts: dict[str, str]
    frames: dict[str, frozenset[str]]
    exceptions: tuple[str, ...]
    condition_markers: frozenset[str]
    condition_phrases: tuple[str, ...]
    negative_markers: tuple[str, ...]
    alternative_markers: tuple[str, ...]
    interpreters: frozenset[str]
    interpretive_verbs: frozenset[str]
    interpretive_phrases: tuple[str, ...]
    past_openers: tuple[str, ...]
    habitual: frozenset[str]
    sector_nouns: dict[str, str]
    target_nouns: dict[str, str]
    collectives: frozenset[str]
    max_sector_words: int = field(default=1)

    def sector_of(self, words: list[str]) -> str | None:
        """Sector of a noun phrase from its last words ("defence ministry" -> MIL)."""
        return _longest_suffix(self.sector_nouns, words, self.max_sector_words)

    def target_sector_of(self, words: list[str]) -> str | None:
        """Sector of an attacked or threatened thing ("energy facilities" -> CVL)."""
        return _longest_suffix(self.target_nouns, words, self.max_sector_words)


def _longest_suffix(table: dict[str, str], words: list[str], longest: int) -> str | None:
    for n in range(min(longest, len(words)), 0, -1):
        hit = table.get(" ".join(words[-n:]))
        if hit is not None:
            return hit
    return None


def _read_toml(name: str) -> dict:
    with resources.files("offramp.data").joinpath(name).open("rb") as f:
        return tomllib.load(f)


@cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, parsed once per process."""
    lex = _read_toml("lexicon.toml")
    sectors = _read_toml("sectors.toml")
    acts: dict[str, ActClass] = {}
    verb_acts: dict[str, list[str]] = {}
    phrasal: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for name, spec in lex["acts"].items():
        by_mood = {m: spec[m] for m in MOODS if m in spec}
        acts[name] = ActClass(name=name, plover=spec["plover"], by_mood=by_mood)
        for verb in spec.get("verbs", []):
            verb_acts.setdefault(verb.lower(), []).append(name)
        for phrase in spec.get("phrasal", []):
            phrasal.setdefault(phrase.lower(), name)
        for noun in spec.get("nouns", []):
            nouns.setdefault(noun.lower(), name)
    frames = {k: frozenset(w.lower() for w in v) for k, v in lex["frames"].items()}
    sector_nouns: dict[str, str] = {}
    for sector, words in sectors["people"].items():
        for w in words:
            sector_nouns.setdefault(w.lower(), sector)
    target_nouns: dict[str, str] = {}
    for sector, words in sectors["targets"].items():
        for w in words:
            target_nouns.setdefault(w.lower(), sector)
    longest = max(len(k.split()) for k in [*sector_nouns, *target_nouns])
    cond = lex["conditions"]
    comm = lex["commentary"]
    return Lexicon(
        acts=acts,
        verb_acts={k: tuple(v) for k, v in verb_acts.items()},
        phrasal_acts=phrasal,
        noun_acts=nouns,
        frames=frames,
        exceptions=tuple(p.lower() for p in lex["exceptions"]["phrases"]),
        condition_markers=frozenset(cond["markers"]),
        condition_phrases=tuple(sorted(cond["phrases"], key=len, reverse=True)),
        negative_markers=tuple(cond["negative"]),
        alternative_markers=tuple(sorted(cond["alternative"], key=len, reverse=True)),
        interpreters=frozenset(w.lower() for w in comm["interpreters"]),
        interpretive_verbs=frozenset(comm["verbs"]),
        interpretive_phrases=tuple(p.lower() for p in comm["phrases"]),
        past_openers=tuple(p.lower() for p in lex["past"]["openers"]),
        habitual=frozenset(lex["past"]["habitual"]),
        sector_nouns=sector_nouns,
        target_nouns=target_nouns,
        collectives=frozenset(sectors["collectives"]["nouns"]),
        max_sector_words=longest,
    )
