"""The HTTP edge's data shapes (pydantic): what requests may contain and what responses document.

Pydantic lives here only: the routes turn requests into the plain `EventFilter`/`Article` values the
rest of the package uses, and answer with the store's record dicts (declared here for the OpenAPI
schema, not re-validated on the way out, which would double the cost of a page of events).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

# Free text from users reaches SQLite/PostgreSQL as bind parameters, but PostgreSQL refuses NUL bytes.
NO_NUL = r"^[^\x00]*$"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would also read 0 or "1458950400" as a date (Unix time)."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD")
    if not isinstance(value, str | date):
        raise ValueError("a date is a string of the form YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer: one line saying what went wrong and what to do next."""

    detail: str
    errors: list[dict] | None = Field(None, description="per-field details of a 422")


class EvidenceOut(BaseModel):
    field: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    article_id: str


class EventRecord(BaseModel):
    """One event in the output contract (README), ACLED column names."""

    event_id: str
    event_date: date | None
    year: int | None
    time_precision: int | None
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    interaction: int | None
    civilian_targeting: str
    iso: int | None
    region: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    source: str
    source_scale: str
    notes: str
    fatalities: int
    fatalities_low: int | None
    fatalities_high: int | None
    injuries: int | None
    confidence: float
    article_id: str
    article_ids: list[str]
    evidence: list[EvidenceOut]


class EventListed(EventRecord):
    """An event in a page of `/events`: the record, its evidence only when asked for."""

    evidence: list[EvidenceOut] = Field(None, description="only with `evidence=true`")


class EventPage(BaseModel):
    events: list[EventListed]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last")


class SourceOut(BaseModel):
    """A reporting article as stored (None for an article named by an event but not stored)."""

    article_id: str
    title: str | None
    url: str | None
    published: date | None
    source: str | None


class EventDetail(EventRecord):
    sources: list[SourceOut]


class ArticleIn(BaseModel):
    """One article to extract events from: its main text or its HTML page, and what is known of it."""

    # Exactly one of text/html, said in the schema too (for clients and schema-driven tests).
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["html"]}]}
    )

    text: str = Field(
        None, min_length=1, description="plain text (optional `Published:`/`Source:` header lines)"
    )
    html: str = Field(None, min_length=1, description="an HTML page; its main text is extracted")
    published: Day | None = Field(None, description="publication date, against which dates resolve")
    url: str | None = Field(None, max_length=2048, pattern=NO_NUL)
    title: str | None = Field(None, max_length=1000, pattern=NO_NUL)
    id: str | None = Field(None, min_length=1, max_length=200, pattern=NO_NUL)

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class ArticleResult(BaseModel):
    article_id: str | None
    status: Literal["stored", "duplicate", "error"] = Field(
        description="stored; duplicate (same id, content or URL already stored: nothing changed); error"
    )
    error: str | None
    events: list[EventRecord]


class ArticleResults(BaseModel):
    results: list[ArticleResult]


class Cell(BaseModel):
    """Events of one map grid cell: where to draw it, how big, which colour, where to zoom."""

    latitude: float
    longitude: float
    count: int
    fatalities: int
    event_type: str = Field(description="the most frequent event type in the cell")
    event_id: str | None = Field(description="the event, when the cell holds exactly one")
    bounds: tuple[float, float, float, float] = Field(description="min_lon, min_lat, max_lon, max_lat")


class Cells(BaseModel):
    total: int
    cells: list[Cell]


class Bin(BaseModel):
    start: date
    count: int


class Timeline(BaseModel):
    unit: Literal["day", "week", "month"]
    bins: list[Bin]


class Facets(BaseModel):
    countries: list[str]
    event_types: list[str]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    events: int
    articles: int
