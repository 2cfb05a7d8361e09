"""Batch geocoding of JSONL records, the library side of `conflictatlas geocode FILE.jsonl`.

Input records are `{id, text, toponyms?, language?}`. When a record gives toponym spans (`start`/`end`),
exactly those are resolved; otherwise the place names are found first with the spaCy pipeline of the
record's language, given or detected (records without spans are parsed together with `nlp.pipe`, which is
several times faster than one call per text).
A bad record (no text, bad offsets) yields an answer with no toponyms or null coordinates, never an error.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache

from conflictatlas.geo.gazetteer import Gazetteer, get_gazetteer
from conflictatlas.geo.recognize import toponym_spans
from conflictatlas.geo.resolve import resolve_toponyms
from conflictatlas.lang import detect_language
from conflictatlas.model import Toponym
from conflictatlas.nlp import MODELS, get_nlp

#: records parsed together by spaCy
BATCH_SIZE = 64

log = logging.getLogger(__name__)


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
    for record, text in zip(batch, texts, strict=True):
        if not text.strip():
            log.warning("record %s: no text to geocode", record.get("id"))
    given = [_given_spans(record) for record in batch]
    found_by_us = [spans is None for spans in given]
    by_language: dict[str, list[int]] = defaultdict(list)
    for i, spans in enumerate(given):
        if spans is None and texts[i]:
            by_language[_language(batch[i], texts[i])].append(i)
    # each language's spaCy pipeline loads on the first record that needs it
    for language, indices in by_language.items():
        docs = get_nlp(language).pipe(texts[i] for i in indices)
        for i, doc in zip(indices, docs, strict=True):
            given[i] = toponym_spans(doc, gaz)
    for record, text, spans, by_us in zip(batch, texts, given, found_by_us, strict=True):
        # a given span is a place by definition: one the gazetteer does not know lies near the others
        toponyms = resolve_toponyms(text, spans or [], gazetteer=gaz, fallback=not by_us)
        yield {"id": record.get("id"), "toponyms": [_as_dict(t) for t in toponyms]}


def _language(record: dict, text: str) -> str:
    """The record's `language`, else the detected one; English, with a warning, for a language we have
    no pipeline for (its capitalised names still find many places)."""
    language = record.get("language") or detect_language(text)
    if language in MODELS:
        return language
    if language:  # None: too short to tell
        _warn_unsupported(language)
    return "en"


@cache
def _warn_unsupported(language: str) -> None:
    """Once per language and process."""
    log.warning("language '%s' has no pipeline: its place names are found with the English one", language)


def _given_spans(record: dict) -> list[tuple[int, int]] | None:
    """The record's own spans, or None when it has none to give (then they are found by NLP). A span
    that is no (start, end) pair inside the text is left out with a warning."""
    toponyms = record.get("toponyms")
    if not isinstance(toponyms, list):
        return None
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    spans = []
    for item in toponyms:
        try:
            start, end = int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            log.warning("record %s: toponym %s has no start and end offsets; skipped", record.get("id"), item)
            continue
        if not 0 <= start < end <= len(text):
            log.warning(
                "record %s: toponym (%d, %d) lies outside its text of %d characters; skipped",
                record.get("id"), start, end, len(text),
            )  # fmt: skip
            continue
        spans.append((start, end))
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
