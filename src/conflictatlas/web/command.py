"""`conflictatlas serve`: the HTTP API and dashboard under uvicorn (registered by cli.py)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.web.security import API_KEY_ENV

DEFAULT_WORKERS = 2


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
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes; requests are spread over them (one per core serves reads fastest; "
            "each loads the NLP models on its first POST /articles).",
        ),
    ] = DEFAULT_WORKERS,
) -> None:
    """Serve the HTTP API (docs at /docs) and the map dashboard at /."""
    import uvicorn  # only this command needs the server

    from conflictatlas.store import open_store
    from conflictatlas.store.engine import ENV_VAR, normalise_url
    from conflictatlas.web.app import CORS_ORIGINS_ENV, create_app
    from conflictatlas.web.server import NoDelayH11Protocol

    try:
        if workers == 1:
            application = create_app(db, api_key=api_key, cors_origins=cors_origin)
        else:
            # Workers build the app themselves (from the environment); open the store here first so
            # that it is migrated once and a bad URL fails now, with the message, not in every worker.
            open_store(db).close()
    except ConflictAtlasError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    typer.echo(
        f"conflictatlas: http://{host}:{port}/ (writes {'enabled' if api_key else 'disabled'}, "
        f"{workers} worker{'s' if workers > 1 else ''})",
        err=True,
    )
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning", http=NoDelayH11Protocol)
        return
    os.environ[ENV_VAR] = normalise_url(db).render_as_string(hide_password=False)
    if api_key:
        os.environ[API_KEY_ENV] = api_key
    os.environ[CORS_ORIGINS_ENV] = "\n".join(cors_origin or [])
    uvicorn.run(
        "conflictatlas.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        http=NoDelayH11Protocol,
    )
