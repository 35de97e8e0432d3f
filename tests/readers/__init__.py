"""Tests for ``offramp.readers`` (a package, so file names cannot clash with other test folders)."""
