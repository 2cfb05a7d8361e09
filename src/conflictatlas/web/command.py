"""`conflictatlas serve`: the HTTP API and dashboard under uvicorn (registered by cli.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.web.security import API_KEY_ENV


def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Store URL or SQLite path (default: $CONFLICTATLAS_DB or ./atlas.db)."),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 exposes the server.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            envvar=API_KEY_ENV,
            show_envvar=True,
            help="Key that POST /articles must send in X-API-Key; without one, writes are refused.",
        ),
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", help="Origin allowed to call the API from a browser (repeatable)."),
    ] = None,
) -> None:
    """Serve the HTTP API (docs at /docs) and the map dashboard at /."""
    import uvicorn  # only this command needs the server

    from conflictatlas.web.app import create_app

    try:
        application = create_app(db, api_key=api_key, cors_origins=cors_origin)
    except ConflictAtlasError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    typer.echo(
        f"conflictatlas: http://{host}:{port}/ (writes {'enabled' if api_key else 'disabled'})", err=True
    )
    uvicorn.run(application, host=host, port=port, log_level="warning")
