"""Aggregates for the map, computed by the database so that the browser never loads every event.

A map view asks for grid cells (`cells`), the timeline for events per day (`timeline`); each answer is
a few hundred rows whether the store holds a thousand events or a million. These are read-only
queries over the store's schema, with the store's own filter conditions (every value bound).

Grouping every event costs a few hundred ms on SQLite at 100,000 events (bench/results/api.md), so
answers are cached by (filters, zoom, number of stored articles and events). Merging may change a
stored event, or merge two into one, without changing the number of events; but every ingest that
changes anything stores a new article (articles are never removed), so the same counts mean the same
answer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import sqlalchemy as sa

from conflictatlas.knowledge import load_json
from conflictatlas.store import EventFilter, Store
from conflictatlas.store.schema import articles, events

CELL_PIXELS = 64  # a cluster stands for the events within about this many screen pixels
TILE_PIXELS = 256  # the width of the world at zoom 0, in Leaflet's Web Mercator
DAY_BINS_UP_TO = 180  # days; a longer span is binned by week, and past WEEK_BINS_UP_TO by month
WEEK_BINS_UP_TO = 5 * 365
CACHED_ANSWERS = 256


@dataclass
class _Cell:
    count: int = 0
    fatalities: int = 0
    lat_sum: float = 0.0
    lon_sum: float = 0.0
    bounds: list[float] = field(default_factory=lambda: [180.0, 90.0, -180.0, -90.0])
    types: Counter = field(default_factory=Counter)
    event_id: str | None = None


def event_types() -> list[str]:
    """ACLED's event types, in the taxonomy's order."""
    subs = load_json("taxonomy.json")["sub_event_types"].values()
    return list(dict.fromkeys(entry["event_type"] for entry in subs))


def cached(store: Store, what: str, selection: EventFilter, zoom: int = 0) -> dict:
    """`cells(store, selection, zoom)` or `timeline(store, selection)`, from the cache when still valid."""
    counts = store.counts()
    return _answer(store, what, selection, zoom, (counts["articles"], counts["events"]))


@lru_cache(maxsize=CACHED_ANSWERS)
def _answer(store: Store, what: str, selection: EventFilter, zoom: int, _counts: tuple[int, int]) -> dict:
    return cells(store, selection, zoom) if what == "cells" else timeline(store, selection)


def cells(store: Store, selection: EventFilter, zoom: int) -> dict:
    """Located events grouped into square cells of about CELL_PIXELS at `zoom` (degrees of longitude;
    the same degrees of latitude, so cells look taller towards the poles)."""
    size = 360.0 / (TILE_PIXELS * 2**zoom) * CELL_PIXELS
    gx, gy = _grid(store, events.c.longitude + 180.0, size), _grid(store, events.c.latitude + 90.0, size)
    c = events.c
    query = (
        sa.select(
            gx.label("gx"),
            gy.label("gy"),
            c.event_type,
            sa.func.count(),
            sa.func.sum(c.fatalities),
            sa.func.sum(c.latitude),
            sa.func.sum(c.longitude),
            sa.func.min(c.longitude),
            sa.func.min(c.latitude),
            sa.func.max(c.longitude),
            sa.func.max(c.latitude),
            sa.func.min(c.event_id),
        )
        .where(*selection.conditions(store.dialect), c.latitude.is_not(None), c.longitude.is_not(None))
        .group_by("gx", "gy", c.event_type)
    )
    grid: dict[tuple[int, int], _Cell] = {}
    with store.engine.connect() as conn:
        for x, y, kind, count, dead, lat_sum, lon_sum, *box, first_id in conn.execute(query):
            cell = grid.setdefault((x, y), _Cell())
            cell.count += count
            cell.fatalities += dead or 0
            cell.lat_sum += lat_sum
            cell.lon_sum += lon_sum
            cell.types[kind] += count
            cell.bounds = [*map(min, cell.bounds[:2], box[:2]), *map(max, cell.bounds[2:], box[2:])]
            cell.event_id = first_id
    return {
        "total": sum(cell.count for cell in grid.values()),
        "cells": [
            {
                "latitude": round(cell.lat_sum / cell.count, 5),
                "longitude": round(cell.lon_sum / cell.count, 5),
                "count": cell.count,
                "fatalities": cell.fatalities,
                "event_type": cell.types.most_common(1)[0][0],
                "event_id": cell.event_id if cell.count == 1 else None,
                "bounds": cell.bounds,
            }
            for cell in grid.values()
        ],
    }


def _grid(store: Store, offset: sa.ColumnElement[float], size: float) -> sa.ColumnElement[int]:
    """The cell index along one axis: floor(offset / size); offsets are never negative."""
    ratio = offset / sa.bindparam(None, size, type_=sa.Float)
    if store.dialect.name == "sqlite":  # SQLite may lack floor(); CAST truncates, the same for x >= 0
        return sa.cast(ratio, sa.Integer)
    return sa.cast(sa.func.floor(ratio), sa.Integer)


def timeline(store: Store, selection: EventFilter) -> dict:
    """Dated events per day, week (from Monday) or month, whichever keeps the bins few, gaps included.
    Counts only: without the filters, the date index alone then answers (no table reads)."""
    c = events.c
    query = (
        sa.select(c.event_date, sa.func.count())
        .where(*selection.conditions(store.dialect), c.event_date.is_not(None))
        .group_by(c.event_date)
        .order_by(c.event_date)
    )
    with store.engine.connect() as conn:
        days = conn.execute(query).all()
    if not days:
        return {"unit": "day", "bins": []}
    span = (days[-1][0] - days[0][0]).days
    unit = "day" if span <= DAY_BINS_UP_TO else "week" if span <= WEEK_BINS_UP_TO else "month"
    bins = dict.fromkeys(_steps(_bin_start(days[0][0], unit), days[-1][0], unit), 0)
    for day, count in days:
        bins[_bin_start(day, unit)] += count
    return {"unit": unit, "bins": [{"start": d.isoformat(), "count": n} for d, n in bins.items()]}


def _bin_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if unit == "month" else day


def _steps(first: date, last: date, unit: str) -> list[date]:
    steps = []
    day = first
    while day <= last:
        steps.append(day)
        if unit == "month":
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        else:
            day += timedelta(days=7 if unit == "week" else 1)
    return steps


def countries(store: Store) -> list[str]:
    """The countries that have events, for the filter's suggestions."""
    query = (
        sa.select(events.c.country).where(events.c.country.is_not(None)).distinct().order_by(events.c.country)
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def sources(store: Store, article_ids: list[str]) -> list[dict]:
    """The reporting articles in the given order; ids of articles not stored keep empty fields."""
    c = articles.c
    query = sa.select(c.article_id, c.title, c.url, c.published, c.source).where(
        c.article_id.in_(article_ids)
    )
    with store.engine.connect() as conn:
        found = {
            row.article_id: {**row._asdict(), "published": row.published and row.published.isoformat()}
            for row in conn.execute(query)
        }
    empty = dict.fromkeys(("title", "url", "published", "source"))
    return [found.get(a, {"article_id": a, **empty}) for a in article_ids]
