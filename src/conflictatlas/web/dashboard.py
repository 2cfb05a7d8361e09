"""The dashboard: its page and files, and the small aggregate endpoints its map and timeline use."""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated

import xstatic.pkg.leaflet
from fastapi import APIRouter, FastAPI, Query
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from conflictatlas.web import mapdata
from conflictatlas.web.basemap import world_geojson
from conflictatlas.web.deps import FilterDep, StoreDep, read
from conflictatlas.web.models import Cells, Facets, Timeline
from conflictatlas.web.responses import FastJSONResponse

router = APIRouter(tags=["map"])
STATIC = files("conflictatlas.web") / "static"
MAX_ZOOM = 20


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(str(STATIC / "index.html"), headers={"Cache-Control": "no-cache"})


@router.get("/map/cells", response_model=Cells)
async def map_cells(
    store: StoreDep, selection: FilterDep, zoom: Annotated[int, Query(ge=0, le=MAX_ZOOM)] = 2
) -> FastJSONResponse:
    """The selection's located events grouped into grid cells sized for the map's zoom level."""
    return FastJSONResponse(await read(mapdata.cached, store, "cells", selection, zoom))


@router.get("/map/timeline", response_model=Timeline)
async def map_timeline(store: StoreDep, selection: FilterDep) -> FastJSONResponse:
    """Events of the selection per day, week or month."""
    return FastJSONResponse(await read(mapdata.cached, store, "timeline", selection))


@router.get("/map/facets", response_model=Facets)
async def map_facets(store: StoreDep) -> FastJSONResponse:
    """The values the filter controls offer."""
    countries = await read(mapdata.countries, store)
    return FastJSONResponse({"countries": countries, "event_types": mapdata.event_types()})


@router.get(
    "/basemap.geojson",
    response_class=Response,
    responses={200: {"content": {"application/geo+json": {"schema": {"type": "object"}}}}},
)
def basemap() -> Response:
    """Country outlines for the offline basemap."""
    return Response(
        world_geojson(), media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"}
    )


def mount_static(app: FastAPI) -> None:
    """Our page's files, and Leaflet from the installed xstatic-leaflet package."""
    app.mount("/static/leaflet", StaticFiles(directory=xstatic.pkg.leaflet.BASE_DIR), name="leaflet")
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
