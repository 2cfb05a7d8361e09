"""The read API: events as pages, one event with its sources, GeoJSON and CSV of a selection, health.

Thin over the store: the routes turn query parameters into an `EventFilter` and answer with the
store's records as they are (serialised by orjson, no second validation pass: see models.py). Lists
and downloads read the records without evidence (the bulk of a stored row); `/events/{id}` has it, and
`/events?evidence=true` adds it to a page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Annotated, TextIO

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import StreamingResponse

from conflictatlas import __version__
from conflictatlas.export import write_csv
from conflictatlas.store import EventFilter, Store
from conflictatlas.web import mapdata
from conflictatlas.web.deps import FilterDep, StoreDep, read
from conflictatlas.web.models import NO_NUL, ErrorBody, EventDetail, EventPage, Health
from conflictatlas.web.responses import FastJSONResponse
from conflictatlas.web.streaming import geojson, stream

router = APIRouter(tags=["events"])
MAX_PAGE = 1000
Writer = Callable[[Iterable[dict], TextIO], int]
EventId = Annotated[str, Path(max_length=200, pattern=NO_NUL)]


@router.get("/events", response_model=EventPage)
async def list_events(
    store: StoreDep,
    selection: FilterDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="`next_cursor` of the last page")
    ] = None,
    evidence: Annotated[
        bool, Query(description="include each event's `evidence` (left out by default; see /events/{id})")
    ] = False,
) -> FastJSONResponse:
    """Events newest first, `limit` at a time; follow `next_cursor` for the next page.

    Each event has every field of the output contract except `evidence`, which is left out unless
    `evidence=true` (it is most of a record's size; `/events/{event_id}` always has it)."""
    records, next_cursor = await read(
        store.page, selection, limit=limit, cursor=cursor, with_evidence=evidence
    )
    return FastJSONResponse({"events": records, "next_cursor": next_cursor})


@router.get(
    "/events.geojson",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/geo+json": {"schema": {"type": "object"}}}}},
)
async def events_geojson(store: StoreDep, selection: FilterDep) -> StreamingResponse:
    """Every located event of the selection as a GeoJSON FeatureCollection (streamed, no evidence)."""
    return StreamingResponse(
        geojson(store, selection),
        media_type="application/geo+json",
        headers={"Content-Disposition": 'attachment; filename="events.geojson"'},
    )


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def export_csv(store: StoreDep, selection: FilterDep) -> StreamingResponse:
    """Every event of the selection as ACLED-style CSV (ACLED's column order, then ours; streamed)."""
    return _download(store, selection, write_csv, "text/csv; charset=utf-8", "events.csv")


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    responses={404: {"model": ErrorBody, "description": "no such event"}},
)
async def get_event(store: StoreDep, event_id: EventId) -> FastJSONResponse:
    """One event with the evidence for each field and the articles that reported it."""
    detail = await read(_detail, store, event_id)
    if detail is None:
        raise HTTPException(404, f"no event {event_id!r}: ids come from /events")
    return FastJSONResponse(detail)


@router.get("/health", response_model=Health)
async def health(store: StoreDep) -> FastJSONResponse:
    """Liveness and what the store holds."""
    counts = await read(store.counts)
    return FastJSONResponse({"status": "ok", "version": __version__, **counts})


def _detail(store: Store, event_id: str) -> dict | None:
    record = store.event(event_id)
    return record and {**record, "sources": mapdata.sources(store, record["article_ids"])}


def _download(
    store: Store, selection: EventFilter, writer: Writer, media_type: str, filename: str
) -> StreamingResponse:
    """A flat export (no evidence) written by `writer` in a thread, streamed."""
    filters = dataclasses.asdict(selection)
    return StreamingResponse(
        stream(lambda out: writer(store.iter_events(with_evidence=False, **filters), out)),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
