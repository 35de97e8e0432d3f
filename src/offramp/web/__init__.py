"""Offramp's dashboard and HTTP API (``offramp serve``); needs the ``web`` extra.

Example:
    >>> from offramp.web import create_app  # doctest: +SKIP
    >>> app = create_app("offramp.duckdb", token=None)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

#: What to run when the web extra is missing.
INSTALL_HINT = "pip install 'offramp[web]'"


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Build the app (see :func:`offramp.web.app.create_app`)."""
    from offramp.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)


__all__ = ["INSTALL_HINT", "create_app"]
