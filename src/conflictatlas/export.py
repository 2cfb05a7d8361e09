"""Exports of event records (`Event.to_record()` dicts, e.g. from `Store.iter_events()`).

All three writers stream: they take any iterable, hold one record at a time, and return how many
records they wrote.

CSV follows ACLED's public export so analysts can load ours beside theirs, then adds our own fields.
Column order (`CSV_COLUMNS`, the single definition):

    event_id (ACLED: event_id_cnty), event_date, year, time_precision, disorder_type, event_type,
    sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction,
    civilian_targeting, iso, region, country, admin1, admin2, admin3, location, latitude, longitude,
    geo_precision, source, source_scale, notes, fatalities, tags, timestamp,
    then ours: fatalities_low, fatalities_high, injuries, confidence, article_ids.

`admin3` and `tags` are always empty (we resolve no third admin level and code no tags); `timestamp` is
the Unix time of the export (ACLED: of the row's last update); `article_ids` are joined with ';';
empty values are empty cells. Evidence is left out of the CSV (it is nested); it is in the JSONL.

GeoJSON is a FeatureCollection of Points ([longitude, latitude]) whose properties are the record
without its evidence; events without coordinates are skipped. JSONL is one full record per line.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from typing import TextIO

CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "fatalities_low",
    "fatalities_high",
    "injuries",
    "confidence",
    "article_ids",
)
# Record fields left out of flat exports because they are nested.
NESTED_FIELDS = ("evidence",)


def write_csv(records: Iterable[dict], out: TextIO, *, timestamp: int | None = None) -> int:
    """Write `records` as ACLED-style CSV (header included). `timestamp` fills the `timestamp` column;
    None means now. `out` should be opened with newline="" as the csv module expects."""
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        row = {**record, "timestamp": stamp, "article_ids": ";".join(record.get("article_ids") or ())}
        writer.writerow(["" if row.get(name) is None else row[name] for name in CSV_COLUMNS])
        count += 1
    return count


def write_geojson(records: Iterable[dict], out: TextIO) -> int:
    """Write a GeoJSON FeatureCollection of the located records, one feature per line."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for record in records:
        if record.get("latitude") is None or record.get("longitude") is None:
            continue
        feature = {
            "type": "Feature",
            "id": record["event_id"],
            "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
            "properties": {k: v for k, v in record.items() if k not in NESTED_FIELDS},
        }
        out.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    """Write one JSON record per line, evidence included."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
