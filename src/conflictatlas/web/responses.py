"""JSON answers serialised by orjson: a page of 100 events is ~60 KB of JSON, which the standard
library's encoder takes several ms to write (more than the database takes to read it).

Same JSON as Starlette's `JSONResponse` for our values (str, int, float, bool, None, lists, dicts),
compact and UTF-8; NaN/Infinity, which the store never holds, would become null. Keys may be str
subclasses (SQLAlchemy names columns with one), which orjson accepts only with OPT_NON_STR_KEYS.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse

_OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(value: Any) -> bytes:
    """`value` as compact UTF-8 JSON."""
    return orjson.dumps(value, option=_OPTIONS)


class FastJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return dumps(content)
