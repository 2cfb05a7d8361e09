"""The HTTP API and the web map: `create_app()` builds the FastAPI app; `conflictatlas serve` runs it."""

from conflictatlas.web.app import create_app

__all__ = ["create_app"]
