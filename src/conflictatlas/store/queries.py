"""Event filters, keyset pagination and the conversion between `Event` records and table rows.

Every value a user gives travels as a bind parameter; SQL text is never built from user strings.
Order is (event_date desc, event_id), undated events last. A cursor is the key of the last row served,
so a page costs the same however deep it is and rows inserted meanwhile never shift a page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.store.dialects import Dialect, words
from conflictatlas.store.schema import events

BBox = tuple[float, float, float, float]
ORDER = (events.c.event_date.desc(), events.c.event_id.asc())  # of dated events; undated follow by id
COLUMNS: tuple[sa.Column, ...] = tuple(events.c)  # a whole record (evidence is the last column)
# A record without its evidence (JSON text, often most of a row): for lists, maps and flat exports.
LEAN_COLUMNS: tuple[sa.Column, ...] = tuple(c for c in events.c if c.name != "evidence")


@dataclass(frozen=True)
class EventFilter:
    """What `Store.events()` selects; every field is optional and they all must hold (AND).

    `bbox` is (min_lon, min_lat, max_lon, max_lat); min_lon > max_lon means a box across the
    antimeridian. `actor` is a case-insensitive substring of actor1, actor2 or either assoc actor
    (ASCII-only case folding on SQLite). `text` matches whole words of `notes` (all of them).
    """

    start: date | None = None
    end: date | None = None
    bbox: BBox | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    text: str | None = None

    def conditions(self, dialect: Dialect) -> list[sa.ColumnElement[bool]]:
        c = events.c
        found: list[sa.ColumnElement[bool]] = []
        if self.start is not None:
            found.append(c.event_date >= self.start)
        if self.end is not None:
            found.append(c.event_date <= self.end)
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            found.append(c.latitude.between(min_lat, max_lat))
            if min_lon <= max_lon:
                found.append(c.longitude.between(min_lon, max_lon))
            else:
                found.append(sa.or_(c.longitude >= min_lon, c.longitude <= max_lon))
        for column, value in (
            (c.country, self.country),
            (c.admin1, self.admin1),
            (c.event_type, self.event_type),
            (c.sub_event_type, self.sub_event_type),
        ):
            if value is not None:
                found.append(column == value)
        if self.actor:
            found.append(
                sa.or_(
                    *(
                        col.icontains(self.actor, autoescape=True)
                        for col in (c.actor1, c.actor2, c.assoc_actor_1, c.assoc_actor_2)
                    )
                )
            )
        if self.min_fatalities is not None:
            found.append(c.fatalities >= self.min_fatalities)
        if self.text is not None:
            found.append(dialect.text_match(self.text) if words(self.text) else sa.false())
        return found


def page_queries(
    selection: EventFilter, dialect: Dialect, cursor: str | None, columns: Sequence[sa.Column] = COLUMNS
) -> list[sa.Select]:
    """The queries that fill a page, in order: dated events newest first, then undated ones by id.
    `columns` is what each selects (`COLUMNS`: the whole row; `LEAN_COLUMNS`: without evidence).

    Split in two so that each is a plain index range: a single query ordered "NULLS LAST" would need
    `... OR event_date IS NULL` in its cursor condition, which no index serves (and PostgreSQL's
    indexes put NULLs first in descending order)."""
    day, event_id = decode_cursor(cursor) if cursor else (None, None)
    base = sa.select(*columns).where(*selection.conditions(dialect))
    undated = base.where(events.c.event_date.is_(None)).order_by(events.c.event_id)
    if event_id is not None and day is None:
        return [undated.where(events.c.event_id > event_id)]
    dated = base.where(events.c.event_date.is_not(None)).order_by(*ORDER)
    if day is not None:
        # The redundant `<= day` gives the planner an index range; the OR alone would be a filter.
        dated = dated.where(
            events.c.event_date <= day, sa.or_(events.c.event_date < day, events.c.event_id > event_id)
        )
    return [dated, undated]


def encode_cursor(record: dict) -> str:
    """An opaque cursor pointing just after `record` in the page order."""
    key = json.dumps([record["event_date"], record["event_id"]], separators=(",", ":"))
    return base64.urlsafe_b64encode(key.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, str]:
    """The (event_date, event_id) key inside a cursor; a user-facing error when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        if not isinstance(event_id, str):
            raise TypeError(event_id)
        return (date.fromisoformat(day) if day is not None else None), event_id
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as exc:
        raise ConflictAtlasError(
            f"invalid page cursor {cursor!r}", "pass back the cursor returned by the previous page"
        ) from exc


def event_row(record: dict) -> dict:
    """The `events` row of a merged event's record (`Event.to_record()` without `article_ids`)."""
    day = record["event_date"]
    return {
        **record,
        "event_date": date.fromisoformat(day) if day else None,
        "evidence": json.dumps(record["evidence"], ensure_ascii=False, separators=(",", ":")),
    }


def row_record(row: Mapping[str, Any], article_ids: list[str]) -> dict:
    """The `Event.to_record()` dict of a stored row (a mapping of all `events` columns): same keys,
    same order, same values."""
    names = tuple(row.keys())
    return RowConverter(names)(tuple(row.values()), article_ids)


class RowConverter:
    """Turns result rows of `events` columns (in the order of `names`, as selected) into records.

    The page path's hot loop (100 to 1,000 rows per call), so the work per row is fixed up front:
    which position holds the date (the only value needing conversion; SQLite's driver may already
    give it as text) and whether the JSON evidence is there. `article_ids` go where `to_record()`
    puts them, just before the evidence, else last."""

    def __init__(self, names: Sequence[str]):
        names = list(names)
        self.date_at = names.index("event_date") if "event_date" in names else None
        self.evidence = "evidence" in names
        if self.evidence:
            if names[-1] != "evidence":
                raise ValueError("evidence must be the last column selected")
            names[-1:] = ["article_ids", "evidence"]
        else:
            names.append("article_ids")
        self.names = tuple(names)

    def __call__(self, row: Sequence[Any], article_ids: list[str]) -> dict:
        values = list(row)
        at = self.date_at
        if at is not None and (day := values[at]) is not None and day.__class__ is not str:
            values[at] = day.isoformat()
        if self.evidence:
            values[-1:] = [article_ids, json.loads(values[-1])]
        else:
            values.append(article_ids)
        return dict(zip(self.names, values, strict=True))
