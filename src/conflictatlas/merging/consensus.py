"""The record of a merged event: each field the best-supported value among its reports.

Fields that must agree travel together (type with sub-type, an actor with its inter code, a place with
its coordinates): each group is voted on as a whole, every report weighing its confidence, ties going to
the earlier report. Tolls are conservative: `fatalities` is the lower median of the tolls the reports
give (one outlier neither way moves it), `fatalities_low`/`_high` the extremes of every figure given;
a report that gives no toll does not count as a report of zero. A single report's record is kept as is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date

from conflictatlas.extraction.actors import interaction
from conflictatlas.extraction.notes import notes_line
from conflictatlas.merging.cluster import Cluster
from conflictatlas.merging.mention import Mention

TYPE_FIELDS = ("disorder_type", "event_type", "sub_event_type", "civilian_targeting")
DATE_FIELDS = ("event_date", "year", "time_precision")
PLACE_FIELDS = (
    "iso", "region", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
)  # fmt: skip
SOURCE_BONUS = 0.05  # each further report makes the event a little surer, up to MAX_CONFIDENCE
MAX_CONFIDENCE = 0.99


def merged_record(cluster: Cluster) -> tuple[dict, list[str]]:
    """The `Event.to_record()` dict of the merged event (without `article_ids`), and its sources."""
    members = cluster.members
    sources = list(
        dict.fromkeys(a for m in members for a in [*(m.record.get("article_ids") or []), m.article_id])
    )
    if len(members) == 1:
        record = {k: v for k, v in members[0].record.items() if k != "article_ids"}
        return {**record, "event_id": cluster.event_id}, sources
    lead = members[0].record
    record = dict(lead)
    # Dates: the most precise ones vote; a "last week" report does not outvote the exact day.
    finest = min(m.time_precision for m in members)
    record |= _vote([m for m in members if m.time_precision == finest], DATE_FIELDS)
    record |= _vote(members, TYPE_FIELDS)
    record |= _vote(members, PLACE_FIELDS, weight=lambda m: m.confidence * (1 + 1 / m.geo_precision))
    for side in ("1", "2"):
        named = [m for m in members if m.record[f"actor{side}"]]
        record |= _vote(named or members, (f"actor{side}", f"inter{side}"))
        record[f"assoc_actor_{side}"] = _joined(m.record[f"assoc_actor_{side}"] for m in members)
    record["interaction"] = interaction(record["inter1"], record["inter2"])
    record |= tolls(members)
    record |= {
        "event_id": cluster.event_id,
        "source": _joined(m.record["source"] for m in members) or "",
        "source_scale": _joined(m.record["source_scale"] for m in members) or "",
        "notes": merged_notes(record),
        "confidence": round(
            min(MAX_CONFIDENCE, max(m.confidence for m in members) + SOURCE_BONUS * (len(members) - 1)), 3
        ),
        "article_id": lead["article_id"],
        "evidence": [e for m in members for e in m.record["evidence"]],
    }
    record.pop("article_ids", None)
    return record, sources


def merged_notes(record: dict) -> str:
    """The notes line written anew from the merged fields, so that it names the actors, place and toll
    the event has, not those of one of its reports."""
    day = record["event_date"]
    return notes_line(
        record["sub_event_type"],
        date.fromisoformat(day) if isinstance(day, str) else day,
        record["actor1"],
        record["actor2"],
        record["assoc_actor_1"],
        record["location"],
        record["fatalities"],
        # a district's location is its own admin2; a place near a town is not
        near=record["geo_precision"] == 2 and record["location"] != record["admin2"],
    )


def tolls(members: tuple[Mention, ...]) -> dict:
    """fatalities (lower median of the tolls reported), fatalities_low/high (extremes of every figure
    reported) and injuries (lower median), from several reports."""
    reported = [m.record for m in members if m.fatalities > 0 or m.record["fatalities_high"]]
    best = sorted(r["fatalities"] for r in reported)
    figures = [v for r in reported for v in (r["fatalities"], r["fatalities_low"], r["fatalities_high"])]
    injuries = sorted(m.record["injuries"] for m in members if m.record["injuries"])
    return {
        "fatalities": _lower_median(best) or 0,
        "fatalities_low": min((v for v in figures if v is not None), default=None),
        "fatalities_high": max((v for v in figures if v is not None), default=None),
        "injuries": _lower_median(injuries),
    }


def _lower_median(values: list[int]) -> int | None:
    return values[(len(values) - 1) // 2] if values else None


def _vote(
    members: list[Mention] | tuple[Mention, ...],
    fields: tuple[str, ...],
    weight: Callable[[Mention], float] = lambda m: m.confidence,
) -> dict:
    """The values of `fields` with the most support; members come in order, so ties go to the earlier."""
    support: dict[Hashable, float] = {}
    for member in members:
        key = tuple(member.record[f] for f in fields)
        support[key] = support.get(key, 0.0) + weight(member)
    winner = max(support, key=lambda k: support[k])  # max() returns the first of equals
    return dict(zip(fields, winner, strict=True))


def _joined(values) -> str | None:
    parts = [p for v in values if v for p in str(v).split("; ")]
    return "; ".join(dict.fromkeys(parts)) or None
