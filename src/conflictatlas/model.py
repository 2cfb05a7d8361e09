"""The plain data that passes between the stages of the pipeline.

Every stage takes and returns these frozen dataclasses, so that the same stage code runs in the
CLI, the HTTP API and a distributed batch job. Field names follow ACLED's public export where a
field has an ACLED counterpart (see README, "Output contract").
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts: the basis of every id, identical on every run and machine."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One news article after reading: main text only, page residue removed."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    source: str | None = None  # outlet name, e.g. "AFP" or the site's host
    path: str | None = None  # the file it came from, for messages

    @property
    def content_hash(self) -> str:
        """Identity of the content: the same text re-ingested under another name is still the same article."""
        return stable_hash(self.title or "", self.text, length=32)


@dataclass(frozen=True)
class Evidence:
    """Where a field's value came from: the sentence and the character offsets of the span.

    `start`/`end` index the article's `text`; `sentence_start` is where the sentence begins there,
    so the span inside `sentence` is `sentence[start - sentence_start : end - sentence_start]`.
    """

    field: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    article_id: str = ""


@dataclass(frozen=True)
class Actor:
    """A canonical actor with its ACLED inter code (1 state forces … 8 external/other forces)."""

    name: str
    inter: int
    country: str | None = None  # ISO alpha-2 of the state an actor belongs to, when known


@dataclass(frozen=True)
class Place:
    """A resolved location. `geo_precision`: 1 the town itself, 2 near/part of, 3 only a region."""

    location: str
    latitude: float
    longitude: float
    country: str
    iso: int | None  # ISO 3166-1 numeric, as ACLED's `iso` column
    country_code: str  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    region: str | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    geo_precision: int = 1
    population: int = 0


@dataclass(frozen=True)
class Toponym:
    """A place name found in a text, with its resolution (None when the gazetteer has no match)."""

    start: int
    end: int
    name: str
    place: Place | None = None


@dataclass(frozen=True)
class Event:
    """One event in the ACLED record. Extraction yields one per distinct event in an article;
    merging across articles (later stage) folds events with the same key into one with many sources."""

    event_id: str
    article_id: str
    event_date: date | None
    time_precision: int | None
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
    place: Place | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    confidence: float = 0.0
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    article_ids: tuple[str, ...] = field(default_factory=tuple)

    def to_record(self) -> dict:
        """The flat output record (JSONL/CSV/GeoJSON properties), with ACLED's column names."""
        place = self.place
        return {
            "event_id": self.event_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "year": self.event_date.year if self.event_date else None,
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "inter1": self.inter1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter2": self.inter2,
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "iso": place.iso if place else None,
            "region": place.region if place else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "admin2": place.admin2 if place else None,
            "location": place.location if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "geo_precision": place.geo_precision if place else None,
            "source": self.source,
            "source_scale": self.source_scale,
            "notes": self.notes,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "injuries": self.injuries,
            "confidence": round(self.confidence, 3),
            "article_id": self.article_id,
            "article_ids": list(self.article_ids or (self.article_id,)),
            "evidence": [asdict(e) for e in self.evidence],
        }
