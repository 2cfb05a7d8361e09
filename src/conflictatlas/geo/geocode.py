"""Batch geocoding of JSONL records, the library side of `conflictatlas geocode FILE.jsonl`.

Input records are `{id, text, toponyms?}`. When a record gives toponym spans (`start`/`end`), exactly
those are resolved; otherwise the place names are found with the spaCy pipeline first (records without
spans are parsed together with `nlp.pipe`, which is several times faster than one call per text).
A bad record (no text, bad offsets) yields an answer with no toponyms or null coordinates, never an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from conflictatlas.geo.gazetteer import Gazetteer, get_gazetteer
from conflictatlas.geo.recognize import find_toponyms
from conflictatlas.geo.resolve import resolve_toponyms
from conflictatlas.model import Toponym
from conflictatlas.nlp import get_nlp

#: records parsed together by spaCy
BATCH_SIZE = 64


def geocode_records(records: Iterable[dict], *, gazetteer: Gazetteer | None = None) -> Iterator[dict]:
    """`{id, toponyms: [{start, end, name, latitude, longitude, geonameid, country, admin1, admin2,
    feature_code, geo_precision}]}` for every input record, in input order."""
    gaz = gazetteer or get_gazetteer()
    batch: list[dict] = []
    for record in records:
        batch.append(record if isinstance(record, dict) else {})
        if len(batch) >= BATCH_SIZE:
            yield from _geocode_batch(batch, gaz)
            batch = []
    if batch:
        yield from _geocode_batch(batch, gaz)


def _geocode_batch(batch: list[dict], gaz: Gazetteer) -> Iterator[dict]:
    texts = [record.get("text") if isinstance(record.get("text"), str) else "" for record in batch]
    given = [_given_spans(record) for record in batch]
    to_parse = [i for i, spans in enumerate(given) if spans is None and texts[i]]
    if to_parse:  # the spaCy model loads on the first record that needs recognition
        docs = get_nlp("en").pipe(texts[i] for i in to_parse)
        for i, doc in zip(to_parse, docs, strict=True):
            given[i] = find_toponyms(doc, gaz)
    for record, text, spans in zip(batch, texts, given, strict=True):
        toponyms = resolve_toponyms(text, spans or [], gazetteer=gaz)
        yield {"id": record.get("id"), "toponyms": [_as_dict(t) for t in toponyms]}


def _given_spans(record: dict) -> list[tuple[int, int]] | None:
    """The record's own spans, or None when it has none to give (then they are found by NLP)."""
    toponyms = record.get("toponyms")
    if not isinstance(toponyms, list):
        return None
    spans = []
    for item in toponyms:
        try:
            spans.append((int(item["start"]), int(item["end"])))
        except (KeyError, TypeError, ValueError):
            continue
    return spans


def _as_dict(toponym: Toponym) -> dict:
    place = toponym.place
    return {
        "start": toponym.start,
        "end": toponym.end,
        "name": toponym.name,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geonameid": place.geonameid if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "feature_code": place.feature_code if place else None,
        "geo_precision": place.geo_precision if place else None,
    }
