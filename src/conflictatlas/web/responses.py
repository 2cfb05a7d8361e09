"""JSON answers serialised by orjson: a page of 100 events is ~60 KB of JSON, which the standard
library's encoder takes several ms to write (more than the database takes to read it).

Same JSON as Starlette's `JSONResponse` for our values (str, int, float, bool, None, lists, dicts with
str keys), compact and UTF-8; NaN/Infinity, which the store never holds, would become null.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse


class FastJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def dumps(value: Any) -> bytes:
    """`value` as compact UTF-8 JSON."""
    return orjson.dumps(value)
