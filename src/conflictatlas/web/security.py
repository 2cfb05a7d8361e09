"""Who may write, how much a request may carry, and the headers every answer gets.

Reads are open; writes need the API key given to `create_app` (or $CONFLICTATLAS_API_KEY). There is
no default key: a server started without one refuses every write, so that a forgotten setting never
leaves an open write endpoint. Both middlewares are plain ASGI (no per-request task as with
Starlette's BaseHTTPMiddleware), since they sit in front of every read too.
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_KEY_ENV = "CONFLICTATLAS_API_KEY"
API_KEY_HEADER = "X-API-Key"
_scheme = APIKeyHeader(name=API_KEY_HEADER, auto_error=False, description="the server's write key")

# Scripts, styles and data come only from this server: the dashboard works offline and no injected
# markup can load or send anything elsewhere. Leaflet positions its elements with inline styles.
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        b"connect-src 'self'; frame-ancestors 'none'",
    ),
]


def require_api_key(request: Request, given: Annotated[str | None, Depends(_scheme)]) -> None:
    """403 when the server has no key (writes disabled), 401 when the request's key is missing or wrong."""
    configured: str | None = request.app.state.api_key
    if not configured:
        raise HTTPException(
            403,
            "writes are disabled: this server has no API key; start it with --api-key KEY "
            f"or set ${API_KEY_ENV}, then send the key in the {API_KEY_HEADER} header",
        )
    if given is None:
        raise HTTPException(401, f"missing {API_KEY_HEADER} header", headers={"WWW-Authenticate": "ApiKey"})
    if not hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8")):
        raise HTTPException(401, f"wrong {API_KEY_HEADER}", headers={"WWW-Authenticate": "ApiKey"})


class _TooLarge(HTTPException):
    """Raised while reading a body; an HTTPException so that FastAPI's body parsing passes it on."""

    def __init__(self, max_body_bytes: int):
        super().__init__(413, too_large(max_body_bytes))


def too_large(max_body_bytes: int) -> str:
    return f"request body is larger than {max_body_bytes} bytes: send fewer or smaller articles"


class Guard:
    """Refuse bodies over `max_body_bytes` with 413 (by Content-Length, or while reading a chunked
    body), and add SECURITY_HEADERS to every response."""

    def __init__(self, app: ASGIApp, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_bytes:
                raise _TooLarge(self.max_body_bytes)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except _TooLarge:
            if started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": too_large(self.max_body_bytes)}).encode("utf-8")
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": body})
