"""A mention: one article's account of one event, the unit that merging across articles clusters.

It is built from the event's flat record (`Event.to_record()`), the form the store keeps, so that a
fresh event and one read back from the database are scored by the same code from the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conflictatlas.model import Event, stable_hash

# Blocking groups: events of different families never merge (a protest is not a battle).
FAMILIES = {
    "Battles": "political violence",
    "Explosions/Remote violence": "political violence",
    "Violence against civilians": "political violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic developments",
}
# Days either side of a mention's date where another report of it may fall, by time_precision:
# an exact day may be misread by a day or two, a "week" is a week, a "month" a month.
DATE_WINDOW = {1: 2, 2: 7, 3: 31}
MAX_WINDOW = max(DATE_WINDOW.values())


def family(event_type: str) -> str:
    return FAMILIES.get(event_type, event_type)


@dataclass(frozen=True)
class Mention:
    """What scoring needs, read once from the record; `record` itself is kept for the merged event."""

    mention_id: str
    article_id: str
    key: str  # the event id the article's extraction gave (a hash of day, type, place, actor1)
    published: date | None
    record: dict
    event_date: date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    family: str
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int
    confidence: float
    text: str  # the sentences the event's type was read from

    @classmethod
    def from_record(cls, record: dict, article_id: str, published: date | None) -> Mention:
        day = record["event_date"]
        evidence = record.get("evidence") or []
        text = " ".join(dict.fromkeys(e["sentence"] for e in evidence if e["field"] == "event_type"))
        return cls(
            mention_id=mention_id(article_id, record["event_id"]),
            article_id=article_id,
            key=record["event_id"],
            published=published,
            record=record,
            event_date=date.fromisoformat(day) if day else None,
            time_precision=record["time_precision"] or 3,
            event_type=record["event_type"],
            sub_event_type=record["sub_event_type"],
            family=family(record["event_type"]),
            actor1=record["actor1"],
            actor2=record["actor2"],
            country=record["country"],
            admin1=record["admin1"],
            location=record["location"],
            latitude=record["latitude"],
            longitude=record["longitude"],
            # A place without admin1 is a country's point: only the country is known, whatever was claimed.
            geo_precision=(record["geo_precision"] or 3) if record["admin1"] else 3,
            fatalities=record["fatalities"] or 0,
            confidence=record["confidence"] or 0.0,
            text=text or record["notes"] or "",
        )

    @classmethod
    def from_event(cls, event: Event, article_id: str, published: date | None) -> Mention:
        return cls.from_record(event.to_record(), article_id, published)

    @property
    def order(self) -> tuple:
        """The total order of mentions: earliest report first. The first member of a merged event is its
        representative, so that later reports joining an event seldom change its id."""
        return (self.published or date.max, self.article_id, self.key)


def mention_id(article_id: str, key: str) -> str:
    """One article reports one event once (its own mentions are already folded), so this is unique."""
    return stable_hash(article_id, key, length=20)
