"""JSONL geocoding of records: `conflictatlas geocode`'s library side."""

from __future__ import annotations

from conflictatlas.geo.gazetteer import Gazetteer
from conflictatlas.geo.geocode import _warn_unsupported, geocode_records


def test_geocode_records_resolves_given_spans_and_finds_missing_ones(gaz: Gazetteer):
    records = [
        {
            "id": "a",
            "text": "Clashes near Aleppo and in Zzqxville.",
            "toponyms": [{"start": 13, "end": 19}, {"start": 27, "end": 36}],
        },
        {"id": "b", "text": "Protesters marched through Baghdad, Iraq."},
        {"id": "c", "text": None},
        {"id": "d", "text": "Homs", "toponyms": [{"start": "x"}]},
    ]
    out = {r["id"]: r for r in geocode_records(records, gazetteer=gaz)}
    a = out["a"]["toponyms"]
    assert a[0]["name"] == "Aleppo" and a[0]["country"] == "Syria" and a[0]["latitude"] is not None
    # a given span that no gazetteer entry fits is placed at the closest resolved name, as "near" it
    assert (a[1]["latitude"], a[1]["longitude"]) == (a[0]["latitude"], a[0]["longitude"])
    assert a[1]["geo_precision"] == 2
    assert {t["name"] for t in out["b"]["toponyms"]} == {"Baghdad", "Iraq"}
    assert out["c"]["toponyms"] == [] and out["d"]["toponyms"] == []
    assert set(a[0]) >= {
        "start",
        "end",
        "name",
        "latitude",
        "longitude",
        "geonameid",
        "country",
        "admin1",
        "admin2",
        "feature_code",
        "geo_precision",
    }
    assert a[0]["admin2"] == "Mount Simeon District"


FRENCH = (
    "Des affrontements ont opposé mardi l'armée à des combattants jihadistes dans les environs de Niono, "
    "dans le centre du Mali. Une patrouille a été prise à partie à une quinzaine de kilomètres de la ville."
)


def test_each_record_is_read_with_its_own_language_pipeline(gaz: Gazetteer):
    # read with the English pipeline, "Une" and "Le" became towns in Colombia and India
    (detected,) = geocode_records([{"id": "fr", "text": FRENCH}], gazetteer=gaz)
    names = {t["name"]: t for t in detected["toponyms"]}
    assert set(names) == {"Niono", "Mali"}
    assert names["Niono"]["geo_precision"] == 2  # "dans les environs de Niono"
    (given,) = geocode_records([{"id": "fr", "text": FRENCH, "language": "fr"}], gazetteer=gaz)
    assert given == detected


def test_a_language_without_pipeline_is_read_with_the_english_one_and_said_once(gaz: Gazetteer, caplog):
    text = "Bei Kämpfen nahe Aleppo wurden am Montag zehn Kämpfer getötet, sagte ein Sprecher in Damaskus."
    records = [{"id": i, "text": text, "language": "de"} for i in range(2)]
    _warn_unsupported.cache_clear()
    answers = list(geocode_records(records, gazetteer=gaz))
    assert [a["id"] for a in answers] == [0, 1]
    assert "Damaskus" in {t["name"] for t in answers[0]["toponyms"]}
    warnings = [r.getMessage() for r in caplog.records if "has no pipeline" in r.getMessage()]
    assert len(warnings) == 1 and "'de'" in warnings[0]
