"""Cue finders shared by components: condition markers and the clauses they open."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from offramp.nlp.lexicon import Lexicon


def phrase_index(phrases: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """first word -> [(words, phrase)], longest first, for one pass over a document."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append((words, phrase))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def find_phrases(
    lower: list[str],
    index: dict[str, list[tuple[tuple[str, ...], str]]],
    taken: set[int] | None = None,
) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, phrase) occurrences, left to right, longest first."""
    found = []
    taken = taken if taken is not None else set()
    i, n = 0, len(lower)
    while i < n:
        hit = None
        if i not in taken:
            for words, phrase in index.get(lower[i], ()):
                if tuple(lower[i : i + len(words)]) == words:
                    hit = (i, i + len(words), phrase)
                    break
        if hit is None:
            i += 1
            continue
        found.append(hit)
        taken.update(range(hit[0], hit[1]))
        i = hit[1]
    return found


def condition_markers(
    doc: Doc, lex: Lexicon, alts: list[tuple[int, int, str]] = ()
) -> list[tuple[int, int, str]]:
    """(start, end, marker) of every condition marker in ``doc``."""
    lower = [t.lower_ for t in doc]
    taken: set[int] = set()
    for a, b, _ in alts:
        taken.update(range(a, b))
    n = len(doc)
    found = find_phrases(lower, _index(lex.condition_phrases), taken)
    for t in doc:
        if t.i in taken:
            continue
        w = t.lower_
        if (
            w in lex.condition_markers and t.dep_ in ("mark", "advmod", "prep", "csubj", "aux")
        ) or (w == "if" and t.dep_ != "ROOT"):
            if w in ("once", "until") and not conditional_once(t):
                continue
            if w == "if" and t.i + 1 < n and lower[t.i + 1] in ("not", "so"):
                continue
            if (
                w == "if"
                and t.dep_ == "mark"
                and t.head.dep_ == "ccomp"
                and t.head.head.lemma_.lower() in ("ask", "wonder", "know", "see", "decide", "say")
            ):
                continue  # "asked if ...": an indirect question
            found.append((t.i, t.i + 1, w))
    # "or face the consequences" after a demand is an ultimatum condition
    for i in range(n - 1):
        if lower[i] != "or":
            continue
        j = i + 1
        while j < n and doc[j].is_quote:
            j += 1  # 'or "bear the consequences"'
        if j < n and lower[j] in _ULTIMATUM_VERBS:
            found.append((i, j + 1, "or face" if lower[j] != "risk" else "or risk"))
    return sorted(set(found))


_ULTIMATUM_VERBS = {"face", "risk", "bear", "suffer", "pay"}


_INDEXES: dict[tuple[str, ...], dict[str, list[tuple[tuple[str, ...], str]]]] = {}


def _index(phrases: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index = _INDEXES.get(phrases)
    if index is None:
        index = _INDEXES[phrases] = phrase_index(phrases)
    return index


def conditional_once(t: Token) -> bool:
    """'once' and 'until' condition only when they open a clause about another party."""
    return t.dep_ == "mark" and t.lower_ == "once"


def condition_clause(doc: Doc, start: int, end: int, marker: str) -> tuple[int, int, Token] | None:
    """(start, end, head) of the clause a condition marker opens."""
    first = doc[start]
    if marker in ("or face", "or risk"):
        return start, doc[start].sent.end, first
    if end - start == 1 and first.dep_ == "mark":
        head = first.head
        return head.left_edge.i if head.left_edge.i > start else end, head.right_edge.i + 1, head
    # a phrase ("on the condition that", "provided that", "as long as"): the clause after it
    sent = first.sent
    following = [
        t
        for t in doc[end : sent.end]
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")
    ]
    if not following:
        nxt = doc[end] if end < len(doc) else None
        if nxt is None:
            return None
        return end, min(sent.end, nxt.right_edge.i + 1), nxt
    head = following[0]
    while (
        head.head.i >= end
        and head.head.i < sent.end
        and head.head.i != head.i
        and head.dep_ in ("xcomp", "acomp", "conj", "aux")
    ):
        head = head.head
    stop = head.right_edge.i + 1
    # stop at a following alternative marker or clause boundary
    for t in doc[end:stop]:
        if t.lower_ in ("otherwise", ";"):
            stop = t.i
            break
    return end, max(end + 1, stop), head


def condition_spans(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """Token spans of the clauses that conditions open (they are not events of their own)."""
    cached = doc.user_data.get("offramp.condition_spans")
    if cached is not None:
        return list(cached)
    spans = []
    for start, end, marker in condition_markers(doc, lex):
        clause = condition_clause(doc, start, end, marker)
        if clause is not None:
            # "or face the consequences" is the ultimatum's threat, not an act of its own
            spans.append((start, clause[1]))
    doc.user_data["offramp.condition_spans"] = tuple(spans)
    return spans
