"""Is this document in English? An offline guess from writing system and function words.

Offramp's rules and word lists are English. Fed German or Arabic, the pipeline does not
fail: it tags and parses the words as if they were English and may emit records that look
valid and are nonsense (a capitalised German noun read as an actor, "Russland" matched by
nothing, "will" read as a modal). So a document is screened before coding, and one that is
clearly in another language is skipped and reported instead of silently mis-coded.

Why a heuristic of our own rather than ``langdetect`` or ``lingua``: the question is only
"English or not", it must never skip an English article full of foreign names, places and
transliterated quotes, and it runs on every document. Two signals answer it well:

* **Writing system.** If most letters are Cyrillic, Arabic, Han, ... the text is not
  English, whatever its names are. Letters are sorted into scripts by code-point range.
* **Function words.** Names are nouns; what gives a language away is its small words
  ("the", "of", "said" against "der", "und", "sagte"). For Latin-script text the share of
  words found in each language's list of frequent function words decides. English news
  copy scores 0.3 to 0.5 on the English list; an English article with many foreign names
  still scores far above any other language.

The rule is deliberately one-sided: a document is called non-English only on positive
evidence (another script, or another language's function words clearly ahead of
English's); anything undecided (a headline, a list of names, figures) is treated as
English and coded. ``tests/reliability/test_language.py`` checks that none of the VOA
benchmark stories nor the seed article is skipped, and that texts in 20 other languages
are.

Example:
    >>> detect_language("Der Kreml hat am Montag erklärt, dass er nicht verhandeln wird.").code
    'de'
    >>> detect_language("Kyiv said it was ready to resume talks with Moscow.").is_english
    True
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

#: Characters looked at: documents are written in one language, and the start tells.
SAMPLE_CHARS = 20_000
#: Letters needed before the writing system decides anything.
MIN_SCRIPT_LETTERS = 12
#: Share of letters outside the Latin script that makes a text non-English.
FOREIGN_SCRIPT_SHARE = 0.5
#: Words needed before function words decide anything (a headline is not enough).
MIN_WORDS = 6
#: Another language must reach this share of function words ...
MIN_OTHER_SHARE = 0.12
#: ... and be ahead of English by this factor ...
LEAD_FACTOR = 2.0
#: ... with at least this many different function words (two could be a name).
MIN_DISTINCT = 3
#: A long text (this many words) with almost no English function words is not English,
#: even in a language without a list here (its words are "not recognised").
LONG_TEXT_WORDS = 40
MIN_ENGLISH_SHARE_LONG = 0.04

#: ISO 639-1 code -> name, for messages.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
    "it": "Italian", "nl": "Dutch", "tr": "Turkish", "pl": "Polish", "id": "Indonesian",
    "sv": "Swedish", "da": "Danish", "ro": "Romanian", "cs": "Czech", "vi": "Vietnamese",
    "hu": "Hungarian", "fi": "Finnish", "sw": "Swahili", "tl": "Tagalog", "ru": "Russian",
    "uk": "Ukrainian", "ar": "Arabic", "fa": "Persian", "ur": "Urdu", "he": "Hebrew",
    "el": "Greek", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "hi": "Hindi",
    "bn": "Bengali", "ta": "Tamil", "th": "Thai", "hy": "Armenian", "ka": "Georgian",
    "am": "Amharic", "und": "an unrecognised language",
}  # fmt: skip

# Frequent function words. Single letters are left out of every list: "a" and "i" are
# frequent in English, Spanish, Portuguese, Italian and Polish alike, and initials ("U.N.",
# "Lt.") are single letters too.
_FUNCTION_WORDS: dict[str, str] = {
    "en": "the of and to in is was that for on with as by at from it he she they his her "
    "their has have had be been are were not this which said will would an or but who its "
    "also than more about into over we you there what when can could should if no up out "
    "after all so our these those them while because other against between during",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es "
    "werden aus er sie hat dass wird bei einer um nach wie noch über sind oder aber vor zur "
    "bis kein einen wurde sagte haben nur gegen unter",
    "fr": "le la les des du de et est une un que qui dans pour pas sur au aux avec par il "
    "elle ils ont été cette ces son sa ses mais ou nous vous leur plus ne se sont était "
    "selon entre après",
    "es": "el la los las de del y en que es un una por con para no se su sus al lo como más "
    "pero ha fue está son sobre este esta entre también dijo según tras",
    "pt": "o os a as de do da dos das e em no na nos que um uma para com não por se é foi "
    "ao mais mas como seu sua pelo pela disse também segundo",
    "it": "il lo la i gli le di del della dei che è e un una per non con su sono ha da al "
    "alla nel nella anche come più ma si questo stato secondo",
    "nl": "de het een van en is dat op te in niet zijn met voor er ook aan door bij om maar "
    "werd wordt hij ze die deze naar heeft nog al was volgens",
    "tr": "ve bir bu da de için ile olarak daha çok gibi olan ama ancak değil ise sonra kadar "
    "her şu mı mi dedi yüzde",
    "pl": "i w na z że się nie do jest to o jak po a od za przez co ale tak był być tym już "
    "jego oraz dla przy",
    "id": "yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga adalah oleh "
    "atau sebagai telah mereka kami bahwa",
    "sv": "och att det som en är av för på med till den har inte om ett var jag men sig",
    "da": "og i er at det til på som med af ikke den har en for de var om et jeg men sig",
    "ro": "și în de la cu că pe nu este un o din care a se pentru mai au sunt fost lui ale",
    "cs": "a se na v je že to s z do o k jsem jako ale by pro být však jeho které který",
    "vi": "của và các có là được trong cho không người những một với đã này để khi đến từ "
    "về rằng nói cần bằng sẽ cũng nhưng tại theo",
    "hu": "a az és hogy nem is egy de meg van volt csak már ki el még mint vagy ez",
    "fi": "ja on ei että se oli hän ovat mutta kun myös tai joka sen ne",
    "sw": "na ya wa za kwa katika ni la kuwa hiyo hii huo alisema",
    "tl": "ang ng sa na mga at ay si ni para hindi ito kay",
}
#: Words left out of the other languages' lists: they are English words too, or parts of
#: names in English copy ("al-Sudani", "el-Sisi", "von der Leyen", "Le Pen").
_AMBIGUOUS = frozenset(
    [
        "as",
        "do",
        "to",
        "no",
        "is",
        "in",
        "on",
        "an",
        "at",
        "for",
        "men",
        "was",
        "al",
        "el",
        "le",
        "la",
        "de",
        "da",
        "del",
        "der",
        "von",
        "van",
        "den",
    ]
)
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(
        w for w in words.split() if lang == "en" or (len(w) > 1 and w not in _AMBIGUOUS)
    )
    for lang, words in _FUNCTION_WORDS.items()
}
#: word -> the languages whose list has it, so a text is scored in one pass over its words
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in FUNCTION_WORDS.items():
    for _w in _words:
        _LANGUAGES_OF[_w] = (*_LANGUAGES_OF.get(_w, ()), _lang)

# (first code point, script) for the ranges letters are sorted into; a letter below the
# next range start belongs to the range before it. "Latin" covers ASCII letters, accents,
# Latin Extended and Vietnamese.
_SCRIPT_RANGES: tuple[tuple[int, str], ...] = (
    (0x0000, "Latin"), (0x0370, "Greek"), (0x0400, "Cyrillic"), (0x0530, "Armenian"),
    (0x0590, "Hebrew"), (0x0600, "Arabic"), (0x0700, "other"), (0x0750, "Arabic"),
    (0x0780, "other"), (0x08A0, "Arabic"), (0x0900, "Devanagari"), (0x0980, "Bengali"),
    (0x0A00, "other"), (0x0B80, "Tamil"), (0x0C00, "other"), (0x0E00, "Thai"),
    (0x0E80, "other"), (0x10A0, "Georgian"), (0x1100, "Hangul"), (0x1200, "Ethiopic"),
    (0x1380, "other"), (0x1E00, "Latin"), (0x1F00, "Greek"), (0x2000, "other"),
    (0x3040, "Kana"), (0x3100, "other"), (0x3130, "Hangul"), (0x3190, "other"),
    (0x3400, "Han"), (0xA000, "other"), (0xAC00, "Hangul"), (0xD7B0, "other"),
    (0xF900, "Han"), (0xFB00, "other"), (0xFB50, "Arabic"), (0xFE00, "other"),
    (0xFE70, "Arabic"), (0xFF00, "other"),
)  # fmt: skip
_SCRIPT_STARTS = [start for start, _ in _SCRIPT_RANGES]

#: The language a script most likely means, when the letters do not say more.
_SCRIPT_LANGUAGE = {
    "Greek": "el", "Cyrillic": "ru", "Armenian": "hy", "Hebrew": "he", "Arabic": "ar",
    "Devanagari": "hi", "Bengali": "bn", "Tamil": "ta", "Thai": "th", "Georgian": "ka",
    "Hangul": "ko", "Ethiopic": "am", "Kana": "ja", "Han": "zh", "other": "und",
}  # fmt: skip
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_PERSIAN_LETTERS = frozenset("پچژگکی")
_URDU_LETTERS = frozenset("ٹڈڑںے")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """What :func:`detect_language` found: a language code and the evidence for it."""

    #: ISO 639-1 code (``en``, ``de``, ``ar``), or ``und`` when not recognised.
    code: str
    #: Why, in words for a message: ``"39% of its words are common German words"``.
    evidence: str

    @property
    def is_english(self) -> bool:
        return self.code == "en"

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code, self.code)


def detect_language(text: str) -> LanguageGuess:
    """The language ``text`` is most likely in; ``en`` unless another one is clearly ahead.

    Looks at the first :data:`SAMPLE_CHARS` characters.
    """
    sample = text[:SAMPLE_CHARS]
    by_script = _script_guess(sample)
    if by_script is not None:
        return by_script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return LanguageGuess("en", "too few words to tell; taken as English")
    hits: dict[str, list[str]] = {lang: [] for lang in FUNCTION_WORDS}
    for w in words:
        for lang in _LANGUAGES_OF.get(w, ()):
            hits[lang].append(w)
    english = len(hits.pop("en")) / len(words)
    other = max(hits, key=lambda lang: len(hits[lang]))
    other_share = len(hits[other]) / len(words)
    if (
        other_share >= MIN_OTHER_SHARE
        and other_share >= LEAD_FACTOR * english
        and len(set(hits[other])) >= MIN_DISTINCT
    ):
        evidence = (
            f"{other_share:.0%} of its words are common {LANGUAGE_NAMES[other]} words, "
            f"{english:.0%} English ones"
        )
        return LanguageGuess(other, evidence)
    if len(words) >= LONG_TEXT_WORDS and english < MIN_ENGLISH_SHARE_LONG:
        evidence = f"only {english:.0%} of its {len(words)} words are common English words"
        return LanguageGuess("und", evidence)
    return LanguageGuess("en", f"{english:.0%} of its words are common English words")


def _script_guess(sample: str) -> LanguageGuess | None:
    """A guess from the writing system, or None when most letters are Latin (or too few)."""
    if sample.isascii():
        return None
    # Only the letters outside ASCII need a closer look; English has few of them.
    letters = len(_ASCII_LETTER.findall(sample))
    counts: dict[str, int] = {}
    for ch in _NON_ASCII.findall(sample):
        if ch.isalpha():
            letters += 1
            if ord(ch) >= 0x0250:  # below: Latin-1 and Latin Extended letters
                script = _SCRIPT_RANGES[bisect_right(_SCRIPT_STARTS, ord(ch)) - 1][1]
                if script != "Latin":
                    counts[script] = counts.get(script, 0) + 1
    foreign = sum(counts.values())
    if letters < MIN_SCRIPT_LETTERS or foreign < FOREIGN_SCRIPT_SHARE * letters:
        return None
    script = max(counts, key=lambda name: counts[name])
    code = _SCRIPT_LANGUAGE[script]
    chars = set(sample)
    if script == "Cyrillic" and chars & _UKRAINIAN_LETTERS:
        code = "uk"
    elif script == "Arabic" and chars & _URDU_LETTERS:
        code = "ur"
    elif script == "Arabic" and chars & _PERSIAN_LETTERS:
        code = "fa"
    elif script == "Han" and counts.get("Kana", 0) > 0.05 * foreign:
        code = "ja"
    share = foreign / letters
    return LanguageGuess(code, f"{share:.0%} of its letters are {script}, not Latin")
