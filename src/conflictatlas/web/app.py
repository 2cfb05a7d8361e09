"""The HTTP API and dashboard as one FastAPI app: `create_app()` for tests and embedding, `serve` for
the command line (web/command.py).

Everything user-facing fails with a one-line `{"detail": ...}`: 400 for a value the store rejects (a
foreign page cursor), 401/403 for writes without the right key, 404, 413 for oversized bodies and 422
for invalid parameters, naming the parameter.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from conflictatlas import __version__
from conflictatlas.errors import ConflictAtlasError
from conflictatlas.store import open_store
from conflictatlas.web import articles, dashboard, events
from conflictatlas.web.models import ErrorBody
from conflictatlas.web.security import API_KEY_ENV, API_KEY_HEADER, Guard

DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024  # as read.DEFAULT_MAX_BYTES: one large page, or a batch of news
# How `serve --workers N` hands the allowed origins to its worker processes (one per line); the store
# and the API key travel in $CONFLICTATLAS_DB and $CONFLICTATLAS_API_KEY.
CORS_ORIGINS_ENV = "CONFLICTATLAS_CORS_ORIGINS"
ERRORS = {code: {"model": ErrorBody} for code in (400, 413, 422)}


def create_app(
    db_url: str | None = None,
    api_key: str | None = None,
    cors_origins: Sequence[str] | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """The app over the store at `db_url` (as `open_store`). `api_key` (else $CONFLICTATLAS_API_KEY)
    enables writes; `cors_origins` lets pages from those origins call the API (none by default)."""
    store = open_store(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="conflictatlas",
        version=__version__,
        summary="ACLED-style conflict events extracted from news, with evidence.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.api_key = api_key or os.environ.get(API_KEY_ENV) or None
    for router in (events.router, articles.router, dashboard.router):
        app.include_router(router, responses=ERRORS)
    dashboard.mount_static(app)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(ConflictAtlasError, _rejected)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", API_KEY_HEADER],
        )
    app.add_middleware(Guard, max_body_bytes=max_body_bytes)
    return app


def app_from_environment() -> FastAPI:
    """The app each worker process of `serve --workers N` builds (uvicorn imports it by name): the
    store of $CONFLICTATLAS_DB, the key of $CONFLICTATLAS_API_KEY, the origins of
    $CONFLICTATLAS_CORS_ORIGINS."""
    origins = [line.strip() for line in os.environ.get(CORS_ORIGINS_ENV, "").splitlines() if line.strip()]
    return create_app(None, cors_origins=origins)


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    """422 naming each invalid parameter in one line, the details (without the input echoed) after."""
    assert isinstance(exc, RequestValidationError)
    shown = [e for e in exc.errors() if _same_shape(e["loc"], exc.body)] or exc.errors()
    errors = [
        {"loc": [part for part in e["loc"] if not _union_tag(part)], "msg": _message(e), "type": e["type"]}
        for e in shown
    ]
    detail = "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in errors)
    return JSONResponse({"detail": detail, "errors": errors}, status_code=422)


async def _rejected(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


def _union_tag(part: object) -> bool:
    """Pydantic names union branches in error locations ("list[ArticleIn]"); users need not see them."""
    return isinstance(part, str) and ("[" in part or "(" in part)


def _same_shape(loc: tuple, body: object) -> bool:
    """For a body that may be one object or a list, only the errors of the branch the client chose."""
    branch = next((part for part in loc if _union_tag(part)), None)
    return branch is None or branch.startswith("list[") == isinstance(body, list)


def _message(error: dict) -> str:
    return str(error["msg"]).removeprefix("Value error, ")


def _where(loc: list) -> str:
    """('query', 'limit') → "query parameter 'limit'"; ('body', 0, 'text') → "body[0].text"."""
    if len(loc) == 2 and loc[0] in ("query", "path", "header"):
        return f"{loc[0]} parameter '{loc[1]}'"
    path = str(loc[0]) if loc else "request"
    for part in loc[1:]:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path
