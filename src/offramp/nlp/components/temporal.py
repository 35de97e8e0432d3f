"""Time: when each statement was made, and which statements report an earlier position.

"In the past, the Russian side always emphasized that the goals ... had not been
achieved" is evidence of the *old* stance, dated before the article, not a new statement.
Such sentences mark their items ``past``; "last spring" dates them in the previous spring.
Other items take the document's date unless the sentence names a day ("on Monday" is the
last Monday on or before publication).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from offramp.nlp.annotations import EventItem, init_doc, register_extensions
from offramp.nlp.lexicon import load_lexicon

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\b(?:\s+(\d{4}))?", re.I)
_MONTH_DAY = re.compile(
    r"\b("
    + "|".join(_MONTHS)
    + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)"
    + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?",
    re.I,
)
_WEEKDAY = re.compile(
    r"\b(?:on|late on|early on|last|this)\s+(" + "|".join(_WEEKDAYS) + r")\b", re.I
)
_RELATIVE = re.compile(r"\b(yesterday|last week|last month|last year|earlier this week)\b", re.I)
_PAST_OPENER_LEAD = re.compile(r"^\W*(?:but|however|and|yet)?\W*", re.I)
_UNITS = {
    "week",
    "weeks",
    "day",
    "days",
    "month",
    "months",
    "year",
    "years",
    "24",
    "48",
    "few",
    "hour",
    "hours",
}
_PLUPERFECT_HABIT = re.compile(
    r"\bhad\s+(?:long|always|repeatedly|consistently|previously)\b", re.I
)


class TemporalTagger:
    """Pipeline component ``offramp_temporal``: sets ``past`` and ``date`` on items."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.openers = load_lexicon().past_openers

    def __call__(self, doc: Doc) -> Doc:
        init_doc(doc)
        items: list[EventItem] = doc._.events
        published = _as_date(doc._.doc_date)
        by_sent: dict[int, list[EventItem]] = {}
        for it in items:
            by_sent.setdefault(it.sent_start, []).append(it)
        for sent in doc.sents:
            sent_items = by_sent.get(sent.start, [])
            past, past_date = self.past_frame(sent, published)
            stated = _stated_date(sent.text, published)
            for it in sent_items:
                if past and not it.attributed_by:
                    # an earlier position is evidence of a stance, not a new act
                    it.past = True
                    it.date = past_date
                    it.event_type = None
                    it.condition = None
                    it.alternative = None
                    it.target = None
                    it.negated = it.hypothetical = False
                    for note in it.notes:
                        # an old threat is not evidence of an escalation stance now; an old
                        # refusal of talks is evidence of the old negotiation stance
                        if note.startswith("type-stance:escalation"):
                            it.stances.pop("escalation", None)
                    if it.speaker is None:
                        it.speaker = it.source
                    if not it.stances:
                        it.dropped = True
                else:
                    it.date = stated or (published.isoformat() if published else None)
        return doc

    def past_frame(self, sent: Span, published: dt.date | None) -> tuple[bool, str | None]:
        """Is this sentence about an earlier position, and when (if it says)?"""
        text = _PAST_OPENER_LEAD.sub("", sent.text.lower(), count=1)
        for opener in self.openers:
            if opener == "long":
                continue
            if text.startswith(opener):
                rest = text[len(opener) :].split()
                if rest and rest[0].strip(",") in _UNITS:
                    continue  # "in the past week": recent, not an earlier position
                return True, _opener_date(opener, published)
        if _PLUPERFECT_HABIT.search(sent.text):
            return True, None
        return False, None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _opener_date(opener: str, published: dt.date | None) -> str | None:
    if published is None:
        return None
    words = opener.split()
    if words[0] == "last" and len(words) == 2:
        unit = words[1]
        if unit in _SEASON_MONTH:
            month = _SEASON_MONTH[unit]
            year = published.year - 1 if month >= published.month else published.year
            return dt.date(year, month, 15).isoformat()
        if unit == "year":
            return dt.date(published.year - 1, 7, 1).isoformat()
        if unit == "month":
            first = published.replace(day=1) - dt.timedelta(days=1)
            return first.replace(day=15).isoformat()
    if opener == "earlier this year":
        return (
            dt.date(published.year, max(1, published.month // 2), 1).isoformat()
            if published.month > 1
            else None
        )
    return None


def _stated_date(text: str, published: dt.date | None) -> str | None:
    """A date the sentence gives for its statement, resolved against the publication date."""
    if published is None:
        return None
    m = _DAY_MONTH.search(text)
    if m:
        return _month_day(
            int(m.group(1)), _MONTHS.index(m.group(2).lower()) + 1, m.group(3), published
        )
    m = _MONTH_DAY.search(text)
    if m:
        key = m.group(1).lower().rstrip(".")
        month = (
            _MONTHS.index(key) + 1
            if key in _MONTHS
            else _MONTH_ABBR.get(key[:4] if key.startswith("sept") else key[:3])
        )
        if month:
            return _month_day(int(m.group(2)), month, m.group(3), published)
    m = _WEEKDAY.search(text)
    if m:
        wd = _WEEKDAYS.index(m.group(1).lower())
        delta = (published.weekday() - wd) % 7
        return (published - dt.timedelta(days=delta)).isoformat()
    m = _RELATIVE.search(text)
    if m:
        word = m.group(1).lower()
        days = {
            "yesterday": 1,
            "last week": 7,
            "earlier this week": 2,
            "last month": 30,
            "last year": 365,
        }[word]
        return (published - dt.timedelta(days=days)).isoformat()
    return None


def _month_day(day: int, month: int, year: str | None, published: dt.date) -> str | None:
    y = int(year) if year else published.year
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return None
    if not year and d > published + dt.timedelta(days=2):
        d = d.replace(year=y - 1)
    return d.isoformat()


@Language.factory(
    "offramp_temporal",
    requires=["doc._.events"],
    assigns=["doc._.events"],
)
def make_temporal_tagger(nlp: Language, name: str) -> TemporalTagger:
    return TemporalTagger(nlp, name)
