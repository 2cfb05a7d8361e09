"""The offline world basemap: country outlines from the `countryinfo` package (already a dependency,
shipping Natural Earth-derived GeoJSON per country), so the map needs no tile server and no build step.
"""

from __future__ import annotations

import json
from functools import cache

import countryinfo

DECIMALS = 2  # about 1 km: finer than the outlines' own detail, and halves the payload


def _rounded(coordinates: list) -> list:
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(value, DECIMALS) for value in coordinates]
    return [_rounded(part) for part in coordinates]


@cache
def world_geojson() -> bytes:
    """One FeatureCollection of every country outline (built once per process, about 200 KB)."""
    features = []
    for country in countryinfo.all_countries():
        for feature in (country.geo_json() or {}).get("features", []):
            geometry = feature.get("geometry")
            if geometry:
                features.append(
                    {
                        "type": "Feature",
                        "properties": {"name": country.name()},
                        "geometry": {
                            "type": geometry["type"],
                            "coordinates": _rounded(geometry["coordinates"]),
                        },
                    }
                )
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()
