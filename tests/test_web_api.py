"""The HTTP API through FastAPI's TestClient: every endpoint, filters, pagination, write access, limits
and error messages, on a small hand-built store (one real extraction for POST /articles)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from conflictatlas.export import CSV_COLUMNS, write_geojson
from conflictatlas.store import open_store
from conflictatlas.web import create_app
from store_factories import APIA, MOSUL, RAQQA, SUVA, make_article, make_event

KEY = "test-key"
TEXT = (
    "Syrian government forces retook the city of Palmyra from Islamic State on Sunday, killing 12 militants."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """25 battles in Palmyra over 25 days, a protest in Mosul, strikes in Raqqa, an event in Suva and one
    in Apia (either side of the antimeridian), one undated event."""
    path = str(tmp_path_factory.mktemp("web") / "atlas.db")
    with open_store(path) as store:
        for i in range(25):
            article = make_article(f"p{i}")
            store.ingest(
                article, [make_event(f"p{i:02}", article.id, event_date=date(2016, 3, 1) + timedelta(i))]
            )
        others = [
            make_event(
                "mosul",
                "art-o",
                place=MOSUL,
                event_type="Protests",
                sub_event_type="Peaceful protest",
                actor1="Protesters (Iraq)",
                fatalities=0,
                notes="Hundreds marched in Mosul.",
                event_date=date(2016, 2, 10),
            ),
            make_event(
                "raqqa",
                "art-o",
                place=RAQQA,
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                fatalities=40,
                notes="Air strikes hit Raqqa market.",
                event_date=date(2016, 3, 1),
            ),
            make_event("suva", "art-o", place=SUVA, event_date=date(2016, 1, 5)),
            make_event("apia", "art-o", place=APIA, event_date=date(2016, 1, 6)),
            make_event("undated", "art-o", event_date=None, time_precision=None),
        ]
        store.ingest(make_article("o"), others)
        store.ingest(
            make_article("p0-again", url="https://news.example/again"), [make_event("p00", "art-p0-again")]
        )
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db, api_key=KEY, max_body_bytes=100_000))


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["events"]]


def test_events_newest_first_with_every_field(client):
    body = client.get("/events", params={"limit": 3, "evidence": "true"}).json()
    assert [e["event_id"] for e in body["events"]] == ["evt-p24", "evt-p23", "evt-p22"]
    assert list(body["events"][0])[:3] == ["event_id", "event_date", "year"]
    assert body["events"][0]["evidence"][0]["field"] == "event_type"
    assert body["next_cursor"]


def test_event_list_leaves_out_evidence_unless_asked(client):
    lean = client.get("/events", params={"limit": 3}).json()
    full = client.get("/events", params={"limit": 3, "evidence": "true"}).json()
    assert lean["next_cursor"] == full["next_cursor"]
    for short, whole in zip(lean["events"], full["events"], strict=True):
        assert "evidence" not in short
        assert list(short) == [k for k in whole if k != "evidence"]
        assert short == {k: v for k, v in whole.items() if k != "evidence"}
    detail = client.get("/events/evt-p24").json()
    assert {k: v for k, v in detail.items() if k != "sources"} == full["events"][0]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "Iraq"}, ["evt-mosul"]),
        ({"event_type": "Protests"}, ["evt-mosul"]),
        ({"sub_event_type": "Air/drone strike"}, ["evt-raqqa"]),
        ({"admin1": "Ninewa"}, ["evt-mosul"]),
        ({"actor": "protesters"}, ["evt-mosul"]),
        ({"min_fatalities": 13}, ["evt-raqqa"]),
        ({"text": "market Raqqa"}, ["evt-raqqa"]),
        ({"start": "2016-03-24", "end": "2016-03-25"}, ["evt-p24", "evt-p23"]),
        ({"bbox": "178,-20,-171,-10"}, ["evt-apia", "evt-suva"]),  # across the antimeridian
        ({"bbox": "43,36,44,37", "country": ""}, ["evt-mosul"]),  # an empty field is no filter
    ],
)
def test_filters(client, params, expected):
    assert ids(client.get("/events", params=params)) == expected


def test_pagination_walks_every_event_once(client):
    seen, cursor = [], None
    while True:
        body = client.get("/events", params={"limit": 7} | ({"cursor": cursor} if cursor else {})).json()
        seen += [e["event_id"] for e in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 30
    assert seen[-1] == "evt-undated"


def test_one_event_with_sources_and_evidence(client):
    body = client.get("/events/evt-p00").json()
    assert body["article_ids"] == ["art-p0", "art-p0-again"]
    assert [s["title"] for s in body["sources"]] == ["Title p0", "Title p0-again"]
    assert body["sources"][0]["published"] == "2016-03-28"
    assert body["evidence"][0]["sentence"] == "Syrian forces retook Palmyra."
    missing = client.get("/events/nope")
    assert missing.status_code == 404 and "no event 'nope'" in missing.json()["detail"]


def test_geojson_is_a_feature_collection_of_located_events(client):
    response = client.get("/events.geojson", params={"country": "Syria"})
    assert response.headers["content-type"].startswith("application/geo+json")
    data = json.loads(response.text)
    assert (
        data["type"] == "FeatureCollection" and len(data["features"]) == 27
    )  # the undated one has Palmyra too
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [38.28, 34.56]}
    assert "evidence" not in feature["properties"]


def test_geojson_is_what_the_export_writes(db, client):
    """The endpoint builds its GeoJSON itself (orjson, a page at a time): the same document as
    `export.write_geojson`, for every event (the undated one included) and for none."""
    with open_store(db) as store:
        out = io.StringIO()
        write_geojson(store.iter_events(), out)
    assert client.get("/events.geojson").json() == json.loads(out.getvalue())
    assert client.get("/events.geojson", params={"country": "Nowhere"}).json() == {
        "type": "FeatureCollection",
        "features": [],
    }


def test_geojson_over_several_store_pages(db, client, monkeypatch):
    from conflictatlas.web import streaming

    monkeypatch.setattr(streaming, "EXPORT_PAGE", 4)  # 30 events: 8 pages
    data = client.get("/events.geojson").json()
    with open_store(db) as store:
        located = [r["event_id"] for r in store.iter_events() if r["latitude"] is not None]
    assert [f["id"] for f in data["features"]] == located


def test_csv_export_has_acled_column_order_and_every_row(client):
    response = client.get("/export.csv", params={"start": "2016-01-01"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + 29
    assert rows[1][0] == "evt-p24"


def test_map_cells_timeline_and_facets(client):
    world = client.get("/map/cells", params={"zoom": 1}).json()
    assert world["total"] == 30 == sum(c["count"] for c in world["cells"])
    close = client.get("/map/cells", params={"zoom": 8, "bbox": "38,34,39,35"}).json()
    assert close == {
        "total": 26,
        "cells": [
            {
                "latitude": 34.56,
                "longitude": 38.28,
                "count": 26,
                "fatalities": 26 * 12,
                "event_type": "Battles",
                "event_id": None,
                "bounds": [38.28, 34.56, 38.28, 34.56],
            },
        ],
    }
    alone = client.get("/map/cells", params={"zoom": 8, "country": "Iraq"}).json()["cells"]
    assert alone[0]["event_id"] == "evt-mosul" and alone[0]["event_type"] == "Protests"
    timeline = client.get("/map/timeline", params={"country": "Syria"}).json()
    assert timeline["unit"] == "day" and len(timeline["bins"]) == 25
    assert timeline["bins"][0] == {"start": "2016-03-01", "count": 2}  # p00 and Raqqa
    everything = client.get("/map/timeline").json()
    assert everything["unit"] == "day" and everything["bins"][0]["start"] == "2016-01-05"
    facets = client.get("/map/facets").json()
    assert facets["countries"] == ["Fiji", "Iraq", "Samoa", "Syria"]
    assert facets["event_types"][0] == "Battles" and len(facets["event_types"]) == 6


def test_health(client):
    assert client.get("/health").json() == {"status": "ok", "version": "0.1.0", "articles": 27, "events": 30}


def test_dashboard_and_its_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for path in (
        "/static/app.js",
        "/static/style.css",
        "/static/leaflet/leaflet.js",
        "/static/leaflet/leaflet.css",
    ):
        assert client.get(path).status_code == 200, path
    world = client.get("/basemap.geojson").json()
    assert world["type"] == "FeatureCollection" and len(world["features"]) > 150


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 0}, "query parameter 'limit': Input should be greater than or equal to 1"),
        ({"limit": 5000}, "query parameter 'limit': Input should be less than or equal to 1000"),
        ({"start": "March"}, "query parameter 'start': 'March' is not a date of the form YYYY-MM-DD"),
        ({"start": "0"}, "query parameter 'start': '0' is not a date"),
        ({"start": "2016-02-30"}, "query parameter 'start': Input should be a valid date"),
        ({"bbox": "1,2,3"}, "bbox '1,2,3' is not four numbers: use min_lon,min_lat,max_lon,max_lat"),
        ({"bbox": "0,50,10,40"}, "latitudes must be within -90..90, min_lat <= max_lat"),
        ({"bbox": "0,0,200,10"}, "longitudes must be within -180..180"),
        ({"start": "2016-03-02", "end": "2016-03-01"}, "end 2016-03-01 is before start 2016-03-02"),
        ({"min_fatalities": -1}, "query parameter 'min_fatalities'"),
        ({"country": "a\x00b"}, "query parameter 'country': String should match pattern"),
    ],
)
def test_invalid_parameters_are_422_naming_the_parameter(client, params, message):
    response = client.get("/events", params=params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_foreign_cursor_is_400_with_a_hint(client):
    response = client.get("/events", params={"cursor": "not-ours"})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "invalid page cursor 'not-ours' (pass back the cursor returned by the previous page)"
    )


def test_writes_need_the_configured_key(db, client, monkeypatch):
    monkeypatch.delenv("CONFLICTATLAS_API_KEY", raising=False)
    closed = TestClient(create_app(db))
    refused = closed.post("/articles", json={"text": TEXT}, headers={"X-API-Key": KEY})
    assert refused.status_code == 403
    assert "--api-key" in refused.json()["detail"] and "CONFLICTATLAS_API_KEY" in refused.json()["detail"]
    assert client.post("/articles", json={"text": TEXT}).status_code == 401
    wrong = client.post("/articles", json={"text": TEXT}, headers={"X-API-Key": "guess"})
    assert wrong.status_code == 401 and wrong.json()["detail"] == "wrong X-API-Key"
    monkeypatch.setenv("CONFLICTATLAS_API_KEY", "from-env")
    from_env = TestClient(create_app(db))
    assert from_env.post("/articles", json={"html": ""}, headers={"X-API-Key": "from-env"}).status_code == 422


def test_post_article_extracts_and_stores_events(tmp_path):
    client = TestClient(create_app(str(tmp_path / "new.db"), api_key=KEY))
    article = {"text": TEXT, "published": "2016-03-28", "id": "palmyra-1", "title": "Palmyra retaken"}
    response = client.post("/articles", json=article, headers={"X-API-Key": KEY})
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["status"] == "stored" and result["article_id"] == "palmyra-1"
    event = result["events"][0]
    assert (event["sub_event_type"], event["event_date"], event["country"]) == (
        "Government regains territory",
        "2016-03-27",
        "Syria",
    )
    assert client.get(f"/events/{event['event_id']}").json()["sources"][0]["title"] == "Palmyra retaken"
    again = client.post("/articles", json=[article, {"text": "  "}], headers={"X-API-Key": KEY}).json()[
        "results"
    ]
    assert [r["status"] for r in again] == ["duplicate", "error"]
    assert again[0]["events"] == result["events"]
    assert "empty text" in again[1]["error"]
    assert client.get("/health").json()["articles"] == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": "a", "html": "b"}, "body: give exactly one of 'text' or 'html'"),
        ({"title": "no text"}, "body: give exactly one of 'text' or 'html'"),
        (
            {"text": "a", "published": "yesterday"},
            "body.published: 'yesterday' is not a date of the form YYYY-MM-DD",
        ),
        ({"text": "a", "colour": "red"}, "body.colour: Extra inputs are not permitted"),
        ([{"text": "a"}, {"html": 3}], "body[1].html: Input should be a valid string"),
        ([], "body: List should have at least 1 item"),
        ({"text": "  "}, "<text>: empty text"),  # no article could be processed
    ],
)
def test_invalid_articles_are_422_with_the_reason(client, body, message):
    response = client.post("/articles", json=body, headers={"X-API-Key": KEY})
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]


def test_bodies_over_the_limit_are_413(client):
    big = {"text": "x" * 200_000}
    response = client.post("/articles", json=big, headers={"X-API-Key": KEY})
    assert response.status_code == 413 and "larger than 100000 bytes" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit holds while reading
        for _ in range(30):
            yield b"x" * 10_000

    chunked = client.post(
        "/articles", content=chunks(), headers={"X-API-Key": KEY, "Content-Type": "application/json"}
    )
    assert chunked.status_code == 413


def test_cors_is_off_unless_configured(db, client):
    preflight = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
    assert "access-control-allow-origin" not in client.options("/events", headers=preflight).headers
    allowed = TestClient(create_app(db, cors_origins=["https://elsewhere.example"]))
    response = allowed.get("/events", headers={"Origin": "https://elsewhere.example"})
    assert response.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_map_answers_follow_a_merge_that_keeps_the_number_of_events(tmp_path):
    """A new report of a stored event changes it without adding an event: the cached cells change too."""
    db = str(tmp_path / "merge.db")
    with open_store(db) as store:
        store.ingest(make_article("1"), [make_event("palmyra", "art-1", fatalities=40)])
    client = TestClient(create_app(db))
    before = client.get("/map/cells", params={"zoom": 3}).json()
    with open_store(db) as store:
        assert store.ingest(make_article("2"), [make_event("palmyra-again", "art-2", fatalities=12)])
        records = list(store.iter_events())
    assert len(records) == 1 and records[0]["fatalities"] == 12  # merged: best is the lower median
    after = client.get("/map/cells", params={"zoom": 3}).json()
    assert after["total"] == before["total"] == 1
    assert after["cells"][0]["fatalities"] == records[0]["fatalities"]
