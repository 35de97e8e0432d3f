"""``offramp serve``: the dashboard and HTTP API for a store."""

from __future__ import annotations

import ipaddress
import os

import click

from offramp.cli.context import note
from offramp.cli.options import actors_option, db_option
from offramp.errors import usage_error


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@click.option(
    "--max-upload",
    "max_upload",
    type=click.IntRange(min=1_000),
    default=None,
    metavar="BYTES",
    help="Largest request body accepted by uploads and board edits [default: 2000000].",
)
@click.option(
    "--boards-dir",
    type=click.Path(file_okay=False),
    default=None,
    metavar="DIR",
    help="Where an uploaded scenario board is kept [default: DB.boards beside the store].",
)
@actors_option
def serve_command(
    db: str,
    host: str,
    port: int,
    max_upload: int | None,
    boards_dir: str | None,
    actor_files: tuple[str, ...],
) -> None:
    """Serve the store as a dashboard and a JSON API (http://127.0.0.1:8000/).

    Pages: overview, signal explorer, actors, dyads, documents, shifts, the scenario board;
    the API is under /api, documented at /docs. The store is opened read-only, so an
    `offramp ingest` can run at the same time.

    Writes (uploading documents, replacing the scenario board) are off unless the
    environment variable OFFRAMP_TOKEN holds a secret of at least 16 characters; clients
    then send it as `Authorization: Bearer <token>`. The token is read from the environment
    only, never from the command line, where other users could see it.

    \b
    Examples:
      offramp serve --db conflict.duckdb
      OFFRAMP_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe())') offramp serve
    """
    try:
        import uvicorn

        from offramp.web.app import create_app
        from offramp.web.settings import MAX_UPLOAD_BYTES, MIN_TOKEN_CHARS
    except ImportError as err:
        from offramp.web import INSTALL_HINT

        raise usage_error("E321", missing=err.name or "a package", hint=INSTALL_HINT) from None
    from pathlib import Path

    from offramp.errors import StoreError
    from offramp.store import Store

    token = os.environ.get("OFFRAMP_TOKEN") or None
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise usage_error("E320", length=len(token), minimum=MIN_TOKEN_CHARS)
    try:
        stats = Store.open(db).stats()
        note(f"store: {db} ({stats.documents} documents, {stats.signals} signals), read-only")
    except StoreError as err:
        note(f"store: {err}")
        note("The dashboard starts anyway and shows this message until the store exists.")
    note(
        "writes: allowed with the token in OFFRAMP_TOKEN"
        if token
        else "writes: off (set OFFRAMP_TOKEN to allow uploads and board edits)"
    )
    if not _is_loopback(host):
        note(
            f"warning: listening on {host}, reachable from other machines; there is no TLS, "
            "so put a TLS proxy in front of it before sending the token over a network"
        )
    app = create_app(
        Path(db),
        token=token,
        max_upload_bytes=max_upload or MAX_UPLOAD_BYTES,
        boards_dir=boards_dir,
        actor_files=actor_files,
    )
    shown = f"[{host}]" if ":" in host else host
    note(f"Offramp dashboard on http://{shown}:{port}/ (API docs at /docs); Ctrl+C stops it")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


COMMANDS = [serve_command]
