"""Query parameters shared by every event endpoint, turned into the store's `EventFilter` once.

Each parameter is bounded (lengths, ranges) so that what reaches the database is always a value the
backends accept: a huge integer would overflow SQLite, a NUL byte is refused by PostgreSQL.
"""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import HTTPException, Query

from conflictatlas.store import EventFilter
from conflictatlas.web.models import NO_NUL, Day

MAX_FATALITIES = 10**9
Name = Annotated[str | None, Query(max_length=200, pattern=NO_NUL, description="exact value")]


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`min_lon,min_lat,max_lon,max_lat` in degrees; min_lon > max_lon crosses the antimeridian."""
    parts = value.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise HTTPException(422, f"bbox {value!r} is not four numbers: use min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise HTTPException(422, f"bbox {value!r}: longitudes must be within -180..180")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise HTTPException(422, f"bbox {value!r}: latitudes must be within -90..90, min_lat <= max_lat")
    return min_lon, min_lat, max_lon, max_lat


async def event_filter(
    start: Annotated[Day | None, Query(description="first event date, YYYY-MM-DD")] = None,
    end: Annotated[Day | None, Query(description="last event date, YYYY-MM-DD")] = None,
    bbox: Annotated[
        str | None,
        Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat", examples=["35,32,43,38"]),
    ] = None,
    country: Name = None,
    admin1: Name = None,
    event_type: Name = None,
    sub_event_type: Name = None,
    actor: Annotated[str | None, Query(max_length=200, pattern=NO_NUL, description="substring")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_FATALITIES)] = None,
    text: Annotated[
        str | None, Query(max_length=500, pattern=NO_NUL, description="words that all occur in notes")
    ] = None,
) -> EventFilter:
    """The filters of a request; all must hold. (`async`: it never blocks, and FastAPI would otherwise run
    it on the thread pool.)"""
    if start is not None and end is not None and end < start:
        raise HTTPException(422, f"end {end} is before start {start}")
    return EventFilter(
        start=start,
        end=end,
        bbox=parse_bbox(bbox) if bbox is not None else None,
        # An empty field means "not given", as an empty form field does.
        country=country or None,
        admin1=admin1 or None,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        actor=actor or None,
        min_fatalities=min_fatalities,
        text=text or None,
    )
