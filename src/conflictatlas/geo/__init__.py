"""Place names → gazetteer entries, offline: the `locate` stage.

`find_toponyms` finds place names in a parsed text, `resolve_toponyms` picks each one's place in the
article's context, `geocode_records` runs both over JSONL records; the gazetteer is built once into the
cache directory from packaged GeoNames-derived data (see gazetteer.py).
"""

from conflictatlas.geo.gazetteer import get_gazetteer
from conflictatlas.geo.geocode import geocode_records
from conflictatlas.geo.resolve import find_toponyms, resolve_toponyms

__all__ = ["find_toponyms", "geocode_records", "get_gazetteer", "resolve_toponyms"]
