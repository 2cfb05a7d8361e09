"""Exports: ACLED column order in CSV, valid GeoJSON, full JSONL — from records, streamed."""

from __future__ import annotations

import csv
import io
import json

from conflictatlas.export import CSV_COLUMNS, write_csv, write_geojson, write_jsonl
from conflictatlas.store import open_store
from store_factories import make_article, make_event

LOCATED = make_event("a", article_ids=("art-1", "art-2"), notes='Quote "inside", comma, and\nnewline')
UNLOCATED = make_event("b", place=None, event_date=None)
RECORDS = [LOCATED.to_record(), UNLOCATED.to_record()]


def test_csv_columns_follow_acled_then_ours():
    assert CSV_COLUMNS[:5] == ("event_id", "event_date", "year", "time_precision", "disorder_type")
    assert CSV_COLUMNS[CSV_COLUMNS.index("admin2") + 1] == "admin3"
    assert CSV_COLUMNS[CSV_COLUMNS.index("fatalities") :] == (
        "fatalities", "tags", "timestamp", "fatalities_low", "fatalities_high", "injuries", "confidence",
        "article_ids",
    )  # fmt: skip
    assert len(set(CSV_COLUMNS)) == len(CSV_COLUMNS)
    # Every record field is a column, except nested evidence and the first-article id (in article_ids).
    assert set(RECORDS[0]) - set(CSV_COLUMNS) == {"evidence", "article_id"}


def test_csv_rows():
    out = io.StringIO(newline="")
    assert write_csv(iter(RECORDS), out, timestamp=1_700_000_000) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert first["event_id"] == "evt-a" and first["event_date"] == "2016-03-27" and first["year"] == "2016"
    assert first["notes"] == LOCATED.notes  # quoting survives commas, quotes and newlines
    assert first["article_ids"] == "art-1;art-2"
    assert first["admin3"] == first["tags"] == "" and first["timestamp"] == "1700000000"
    assert first["latitude"] == "34.56" and first["fatalities_high"] == "15" and first["injuries"] == ""
    second = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert second["event_date"] == second["year"] == second["latitude"] == ""


def test_geojson_skips_events_without_coordinates():
    out = io.StringIO()
    assert write_geojson(RECORDS, out) == 1
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [38.28, 34.56]}
    assert feature["properties"] == {k: v for k, v in RECORDS[0].items() if k != "evidence"}


def test_empty_geojson_is_valid():
    out = io.StringIO()
    assert write_geojson([], out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_jsonl_round_trips_full_records():
    out = io.StringIO()
    assert write_jsonl(RECORDS, out) == 2
    assert [json.loads(line) for line in out.getvalue().splitlines()] == RECORDS


def test_exports_stream_from_the_store(tmp_path):
    with open_store(str(tmp_path / "atlas.db")) as store:
        store.ingest(make_article("1"), [make_event(f"e{i}") for i in range(2500)])  # > one export page
        out = io.StringIO()
        assert write_jsonl(store.iter_events(country="Syria"), out) == 2500
        assert len({json.loads(line)["event_id"] for line in out.getvalue().splitlines()}) == 2500
