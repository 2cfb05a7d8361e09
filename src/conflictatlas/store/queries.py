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

import orjson
import sqlalchemy as sa

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.store.dialects import Dialect, words
from conflictatlas.store.schema import events

BBox = tuple[float, float, float, float]
ORDER = (events.c.event_date.desc(), events.c.event_id.asc())  # of dated events; undated follow by id
# What a page selects, in the record's order: a whole record, or (LEAN_COLUMNS) one without its
# evidence (JSON text, often most of a row), for lists, maps and flat exports. The stored date is
# read as it is (SQLite: the ISO text itself, not parsed into a date and formatted back).
_DATE = sa.type_coerce(events.c.event_date, sa.String).label("event_date")
LEAN_COLUMNS: tuple[sa.ColumnElement, ...] = tuple(
    _DATE if c.name == "event_date" else c for c in events.c if c.name not in ("evidence", "article_ids")
) + (events.c.article_ids,)
COLUMNS: tuple[sa.ColumnElement, ...] = (*LEAN_COLUMNS, events.c.evidence)
LOCATED = (events.c.latitude.is_not(None), events.c.longitude.is_not(None))


def feature_columns(dialect: Dialect) -> tuple[sa.ColumnElement, ...]:
    """What a GeoJSON page selects: the page key (event_date, event_id) and the JSON text of the
    event's Feature, built by the database (`export.write_geojson`'s feature: a Point, properties the
    lean record). Several times cheaper than reading the columns into Python and serialising them.
    The JSON values equal the export's except for long floats on SQLite, which writes 15 significant
    digits (Python and PostgreSQL the shortest exact form): a coordinate moves by under a micrometre.
    PostgreSQL's json_build_object takes at most 100 arguments; the properties use 2 per column."""

    def key(name: str) -> sa.ColumnElement:
        return sa.literal_column(f"'{name}'")  # our own constant names, never user input

    c = events.c
    properties = []
    for column in LEAN_COLUMNS:
        value = dialect.stored_json(c.article_ids) if column.name == "article_ids" else c[column.name]
        properties += (key(column.name), value)
    coordinates = dialect.json_array(c.longitude, c.latitude)
    geometry = dialect.json_object(key("type"), key("Point"), key("coordinates"), coordinates)
    feature = dialect.json_object(
        key("type"), key("Feature"), key("id"), c.event_id,
        key("geometry"), geometry,
        key("properties"), dialect.json_object(*properties),
    )  # fmt: skip
    return _DATE, events.c.event_id, sa.cast(feature, sa.Text).label("feature")


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
    selection: EventFilter,
    dialect: Dialect,
    cursor: str | None,
    columns: Sequence[sa.ColumnElement] = COLUMNS,
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
    if selection.start is not None or selection.end is not None:
        return [dated]  # a date range selects no undated event: no second query
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


def event_row(record: dict, article_ids: list[str] | None = None) -> dict:
    """The `events` row of a merged event's record (`Event.to_record()` without `article_ids`) and its
    sources (None: no `article_ids` column, as before migration 4)."""
    day = record["event_date"]
    row = {
        **record,
        "event_date": date.fromisoformat(day) if day else None,
        "evidence": json.dumps(record["evidence"], ensure_ascii=False, separators=(",", ":")),
    }
    if article_ids is not None:
        row["article_ids"] = json.dumps(article_ids, ensure_ascii=False, separators=(",", ":"))
    return row


def row_record(row: Mapping[str, Any], article_ids: list[str]) -> dict:
    """The `Event.to_record()` dict of a stored row (a mapping of the `events` columns of migration 3:
    all but `article_ids`, given here): same keys, same order, same values."""
    values = {k: v for k, v in row.items() if k != "evidence"}
    values |= {"article_ids": json.dumps(article_ids), "evidence": row["evidence"]}
    return RowConverter(tuple(values))(tuple(values.values()))


class RowConverter:
    """Turns result rows of `events` columns (in the order of `names`, as selected: the record's) into
    records.

    The page path's hot loop (100 to 1,000 rows per call), so the work per row is fixed up front:
    which position holds the date (the only value needing conversion; SQLite gives it as text already)
    and which hold JSON (`article_ids`, `evidence`)."""

    def __init__(self, names: Sequence[str]):
        self.names = tuple(str(name) for name in names)  # plain str keys (SQLAlchemy's are a subclass)
        self.date_at = self.names.index("event_date") if "event_date" in self.names else None
        self.json_at = tuple(i for i, name in enumerate(self.names) if name in ("article_ids", "evidence"))

    def __call__(self, row: Sequence[Any]) -> dict:
        values = list(row)
        at = self.date_at
        if at is not None and (day := values[at]) is not None and day.__class__ is not str:
            values[at] = day.isoformat()
        for at in self.json_at:
            values[at] = orjson.loads(values[at])
        return dict(zip(self.names, values, strict=True))
