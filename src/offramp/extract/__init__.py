"""Extraction: documents in, signal records out (the spaCy pipeline does the reading)."""

from offramp.extract.coder import Coder

__all__ = ["Coder"]
