"""Fixtures for the reader tests: real files in a temporary folder, read through the public API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from offramp.readers import ReadReport, read_documents
from offramp.records import Document

Write = Callable[[str, "str | bytes"], Path]
Read = Callable[..., "tuple[list[Document], ReadReport]"]


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Write:
    """Write a file under ``tmp_path`` (which becomes the working directory) and return it.

    Working in ``tmp_path`` keeps the ``where`` strings in problems short and exact
    (``corpus.jsonl:2``), as a user typing relative paths would see them.
    """
    monkeypatch.chdir(tmp_path)

    def _write(name: str, content: str | bytes) -> Path:
        path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def read() -> Read:
    """Read paths eagerly with a fresh report; returns the documents and the report."""

    def _read(paths: Any, **kwargs: Any) -> tuple[list[Document], ReadReport]:
        report = ReadReport()
        documents = read_documents(paths, report=report, **kwargs)
        return documents, report

    return _read
