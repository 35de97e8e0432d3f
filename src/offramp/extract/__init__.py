"""Extraction: documents in, signal records out (the spaCy pipeline does the reading).

:class:`Coder` codes in this process; :func:`~offramp.extract.parallel.iter_code_parallel`
and :class:`~offramp.extract.parallel.ParallelCoder` code on several. The Coder is imported
on first use (``import offramp.extract`` does not load spaCy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from offramp.extract.coder import Coder

__all__ = ["Coder"]


def __getattr__(name: str) -> object:
    if name == "Coder":
        from offramp.extract.coder import Coder

        return Coder
    raise AttributeError(f"module 'offramp.extract' has no attribute {name!r}")
