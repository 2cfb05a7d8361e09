"""The Parquet file of one input: its articles and their events, written atomically, read back as objects.

One row per (article, event): the event's `Event.to_record()` (evidence as a JSON string) beside the
article's metadata in `doc_*` columns; an article without events still has one row (event columns null),
so that loading stores it, as `ingest` does. The article's text is not kept: its content hash is, and the
store needs nothing else. The run's account of the file (counts, problems) is in the footer metadata, so
a later run that skips the file can still report it.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from conflictatlas.model import Article, Event, Evidence, Place

META_KEY = b"conflictatlas"
ROWS_PER_GROUP = 2048

_DOC = [
    ("doc_index", pa.int32()),
    ("doc_id", pa.string()),
    ("doc_title", pa.string()),
    ("doc_url", pa.string()),
    ("doc_published", pa.date32()),
    ("doc_language", pa.string()),
    ("doc_source", pa.string()),
    ("doc_path", pa.string()),
    ("doc_content_hash", pa.string()),
]
_INT = (
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "injuries",
)
_FLOAT = ("latitude", "longitude", "confidence")
_RECORD = list(Event("", "", None, None, "", "", "").to_record())  # the contract's column order


def _event_type(name: str) -> pa.DataType:
    if name == "event_date":
        return pa.date32()
    if name == "article_ids":
        return pa.list_(pa.string())
    return pa.int32() if name in _INT else pa.float64() if name in _FLOAT else pa.string()


SCHEMA = pa.schema(_DOC + [(name, _event_type(name)) for name in _RECORD])


@dataclass
class FileReport:
    """What one task did with one input file; stored in the Parquet footer and returned to the driver."""

    input: str
    output: str = ""
    articles: int = 0
    events: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # reader's record counts, pre-filter drops
    skipped: bool = False  # the output existed already: nothing was done
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in self.__dict__.items() if k != "skipped"}, ensure_ascii=False)


def _rows(index: int, article: Article, events: Sequence[Event]) -> list[dict]:
    doc = {
        "doc_index": index,
        "doc_id": article.id,
        "doc_title": article.title,
        "doc_url": article.url,
        "doc_published": article.published,
        "doc_language": article.language,
        "doc_source": article.source,
        "doc_path": article.path,
        "doc_content_hash": article.content_hash,
    }
    if not events:
        return [doc]
    rows = []
    for event in events:
        record = event.to_record()
        record["event_date"] = event.event_date
        record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False, separators=(",", ":"))
        rows.append(doc | record)
    return rows


class AtomicParquet:
    """Rows go to a hidden temporary file beside `path`; `commit()` renames it into place, so `path`
    exists only complete. A crash leaves at most a `.*.tmp` file, which readers ignore and the next run
    removes."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        self._writer = pq.ParquetWriter(self.tmp, SCHEMA, compression="zstd")
        self._pending: list[dict] = []

    def add(self, index: int, article: Article, events: Sequence[Event]) -> None:
        self._pending += _rows(index, article, events)
        if len(self._pending) >= ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(pa.Table.from_pylist(self._pending, schema=SCHEMA))
            self._pending = []

    def commit(self, report: FileReport) -> None:
        self._flush()
        self._writer.add_key_value_metadata({META_KEY: report.to_json().encode("utf-8")})
        self._writer.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self._writer.close()
        self.tmp.unlink(missing_ok=True)


def read_report(path: Path) -> FileReport:
    """The account of a finished file, from its footer."""
    metadata = pq.read_metadata(path).metadata or {}
    return FileReport(**json.loads(metadata[META_KEY]))


@dataclass(frozen=True)
class _StoredArticle(Article):
    """An Article read back from Parquet: its text is not kept there, so the content hash is the stored one
    (the store keys articles on it)."""

    stored_hash: str = ""

    @property
    def content_hash(self) -> str:
        return self.stored_hash


def read_results(path: Path) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) pairs of one Parquet file, in input order: what `Store.ingest` takes."""
    rows = pq.read_table(path, schema=SCHEMA).to_pylist()
    for _, group in groupby(rows, key=itemgetter("doc_index")):
        first, *rest = group
        yield _article(first), [_event(row) for row in (first, *rest) if row["event_id"] is not None]


def _article(row: dict) -> Article:
    return _StoredArticle(
        id=row["doc_id"],
        text="",
        title=row["doc_title"],
        url=row["doc_url"],
        published=row["doc_published"],
        language=row["doc_language"],
        source=row["doc_source"],
        path=row["doc_path"],
        stored_hash=row["doc_content_hash"],
    )


def _event(row: dict) -> Event:
    """The Event whose `to_record()` is this row's record (Place fields outside the record are left empty)."""
    place = None
    if row["location"] is not None:
        place = Place(
            location=row["location"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            country=row["country"],
            iso=row["iso"],
            country_code="",
            admin1=row["admin1"],
            admin2=row["admin2"],
            region=row["region"],
            geo_precision=row["geo_precision"],
        )
    evidence = tuple(Evidence(**item) for item in json.loads(row["evidence"]))
    return Event(
        event_id=row["event_id"],
        article_id=row["article_id"],
        event_date=row["event_date"],
        time_precision=row["time_precision"],
        disorder_type=row["disorder_type"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        actor1=row["actor1"],
        assoc_actor_1=row["assoc_actor_1"],
        inter1=row["inter1"],
        actor2=row["actor2"],
        assoc_actor_2=row["assoc_actor_2"],
        inter2=row["inter2"],
        interaction=row["interaction"],
        civilian_targeting=row["civilian_targeting"],
        place=place,
        fatalities=row["fatalities"],
        fatalities_low=row["fatalities_low"],
        fatalities_high=row["fatalities_high"],
        injuries=row["injuries"],
        source=row["source"],
        source_scale=row["source_scale"],
        notes=row["notes"],
        confidence=row["confidence"],
        evidence=evidence,
        article_ids=tuple(row["article_ids"] or ()),
    )
