"""What every route needs from the app: its store, the filters of the request, and `read()` to run a
blocking store call off the event loop.

The dependencies are `async def` (they never block): FastAPI would run a plain `def` dependency on the
thread pool, one hop per dependency per request.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from collections.abc import Callable
from typing import Annotated, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Request

from conflictatlas.store import EventFilter, Store
from conflictatlas.web.params import event_filter

T = TypeVar("T")
# Store reads running at once per process. More threads than this only contend for the GIL, which
# SQLite's driver drops and retakes for every row: at 8 concurrent reads in one process, a GeoJSON
# request took ~2x the CPU (and ~2/3 the throughput) it takes at 1–2 (bench/results/api.md). Across
# cores, run several processes (`serve --workers N`).
READ_THREADS = 2
_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = (
    weakref.WeakKeyDictionary()
)


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def read(function: Callable[..., T], *args: object, **kwargs: object) -> T:
    """`function(*args, **kwargs)` on the thread pool, at most READ_THREADS at once (per event loop)."""
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = anyio.CapacityLimiter(READ_THREADS)
    return await anyio.to_thread.run_sync(functools.partial(function, *args, **kwargs), limiter=limiter)


StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
