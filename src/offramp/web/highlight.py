"""A document's text cut into pieces, each marked with the signals whose evidence covers it.

The document page shows the whole text with every evidence span in a ``<mark>``. Spans can
coincide (two records from one sentence) or overlap, and HTML cannot nest crossing
elements, so the text is cut at every span boundary: each piece is either plain or covered
by one or more signals, and the template wraps covered pieces in ``<mark>``. A span that
coincides with no other comes out as one piece: exactly its text in one ``<mark>``.

The pieces are plain strings; the template escapes them.

Example:
    >>> [(p.text, p.signals) for p in pieces("Kyiv agreed. Moscow refused.", [(0, 12, "a")])]
    [('Kyiv agreed.', ('a',)), (' Moscow refused.', ())]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    start: int
    #: Ids of the signals whose evidence covers this piece (empty: plain text).
    signals: tuple[str, ...] = ()


def pieces(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Piece]:
    """Cut ``text`` at the boundaries of ``spans`` ((start, end, signal id) triples).

    Spans outside the text or empty are ignored, so stale offsets cannot break the page.
    """
    valid = [(s, e, sid) for s, e, sid in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    out: list[Piece] = []
    for lo, hi in pairwise(cuts):
        covering = tuple(sid for s, e, sid in valid if s <= lo and hi <= e)
        if out and out[-1].signals == covering:
            prev = out.pop()
            out.append(Piece(prev.text + text[lo:hi], prev.start, covering))
        else:
            out.append(Piece(text[lo:hi], lo, covering))
    return out
