"""The event store: `open_store()` and `Store`, the same API over SQLite and PostgreSQL.

Writes are idempotent and atomic: `ingest()` stores one article with all its events, and the merged
events they change, in one transaction; the database's unique constraints (not a prior look-up) decide
whether the article is new; merging depends only on the set of stored mentions. So re-runs, crashes,
concurrent writers and any order of articles all end in the same state as one clean run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.merging.mention import Mention
from conflictatlas.model import Article, Event
from conflictatlas.store import merging, queries, schema
from conflictatlas.store.dialects import Dialect, for_engine
from conflictatlas.store.engine import WRITE, make_engine, normalise_url
from conflictatlas.store.migrations import migrate
from conflictatlas.store.queries import BBox, EventFilter
from conflictatlas.store.schema import articles, mentions

EXPORT_PAGE = 1000


def open_store(url: str | None = None, *, existing: bool = False) -> Store:
    """Open (and create or migrate) the store at `url`: a SQLAlchemy URL, a SQLite file path, or None
    for $CONFLICTATLAS_DB, else `atlas.db` in the working directory. `existing`: a SQLite file that is
    not there is an error rather than a new empty store (for commands that only read)."""
    parsed = normalise_url(url)
    sqlite_file = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if existing and sqlite_file not in (None, "", ":memory:") and not Path(sqlite_file).is_file():
        raise ConflictAtlasError(
            f"no store at {sqlite_file}", "ingest articles first, or name the store with --db"
        )
    engine = make_engine(parsed)
    dialect = for_engine(engine)
    try:
        migrate(engine, dialect)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise ConflictAtlasError(
            f"cannot open database {parsed.render_as_string(hide_password=True)}: {exc.orig}",
            "check that the server runs and the URL (or $CONFLICTATLAS_DB) is right",
        ) from exc
    return Store(engine, dialect)


class Store:
    """Articles and the events extracted from them. Safe to share between threads; each process
    should open its own."""

    def __init__(self, engine: sa.Engine, dialect: Dialect):
        self.engine = engine
        self.dialect = dialect

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def ingest(self, article: Article, events: Sequence[Event]) -> bool:
        """Store `article` and its events; False (and no change) when the article is already stored
        under the same id, content hash or URL. Each event is kept as the article's mention and merged
        with the stored events it reports (`store.merging`): the merged events come out the same
        whatever order articles are ingested in."""
        with self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
            # Merging reads what earlier ingests wrote, so ingests take turns (SQLite: BEGIN IMMEDIATE).
            self.dialect.lock_for_ingest(conn)
            # RETURNING, not rowcount: psycopg reports no rowcount for ON CONFLICT DO NOTHING.
            inserted = conn.execute(
                self.dialect.insert_ignore(articles)
                .returning(articles.c.article_id)
                .values(
                    article_id=article.id,
                    content_hash=article.content_hash,
                    url=article.url or None,
                    title=article.title,
                    published=article.published,
                    language=article.language,
                    source=article.source,
                    path=article.path,
                    ingested_at=datetime.now(UTC),
                )
            ).first()
            if inserted is None:
                return False
            unique = {e.event_id: e for e in reversed(events)}  # a repeated event counts once (the first)
            if unique:
                new = [Mention.from_event(e, article.id, article.published) for e in unique.values()]
                merging.add_mentions(conn, new)
            return True

    def explain(self, event_id: str) -> dict | None:
        """Why an event's reports were merged: its members (mentions) with their attachment score, best
        partner and features, and the score of every pair of members; None for an unknown id."""
        with self.engine.connect() as conn:
            return merging.explain(conn, event_id)

    def article_events(self, article_id: str) -> list[dict]:
        """The stored (merged) records of the events an article reports."""
        with self.engine.connect() as conn:
            ids = sa.select(mentions.c.event_id).where(mentions.c.article_id == article_id)
            query = (
                sa.select(*queries.COLUMNS).where(schema.events.c.event_id.in_(ids)).order_by(*queries.ORDER)
            )
            return self._records(conn.execute(query))

    def events(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        bbox: BBox | None = None,
        country: str | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        actor: str | None = None,
        min_fatalities: int | None = None,
        text: str | None = None,
        limit: int = 100,
        cursor: str | None = None,
        with_evidence: bool = True,
    ) -> tuple[list[dict], str | None]:
        """One page of event records (as `Event.to_record()`), newest first, and the cursor of the
        next page (None on the last). Filters are described in `EventFilter`. With
        `with_evidence=False` the records lack the `evidence` key (and are several times cheaper to
        read): for lists, maps and flat exports."""
        selection = EventFilter(
            start, end, bbox, country, admin1, event_type, sub_event_type, actor, min_fatalities, text
        )
        return self.page(selection, limit=limit, cursor=cursor, with_evidence=with_evidence)

    def page(
        self,
        selection: EventFilter,
        *,
        limit: int = 100,
        cursor: str | None = None,
        with_evidence: bool = True,
    ) -> tuple[list[dict], str | None]:
        """`events()` with the filters as one object (for callers that pass them along)."""
        columns = queries.COLUMNS if with_evidence else queries.LEAN_COLUMNS
        rows, more = self._page_rows(selection, columns, limit, cursor)
        records = self._records(rows, columns)
        return records, queries.encode_cursor(records[-1]) if more else None

    def features(
        self, selection: EventFilter, *, limit: int = EXPORT_PAGE, cursor: str | None = None
    ) -> tuple[list[str], str | None]:
        """One page of the selection's located events as the JSON texts of their GeoJSON Features
        (`export.write_geojson`'s, built by the database: the map's download), in page order, and the
        next page's cursor (None on the last)."""
        rows, more = self._page_rows(selection, self._feature_columns, limit, cursor, queries.LOCATED)
        key = queries.RowConverter(("event_date", "event_id"))
        return [row[2] for row in rows], queries.encode_cursor(key(rows[-1][:2])) if more else None

    @cached_property
    def _feature_columns(self) -> tuple[sa.ColumnElement, ...]:
        """The Feature-building expression, made once per store rather than once per page."""
        return queries.feature_columns(self.dialect)

    def _page_rows(
        self,
        selection: EventFilter,
        columns: Sequence[sa.ColumnElement],
        limit: int,
        cursor: str | None,
        conditions: Sequence[sa.ColumnElement[bool]] = (),
    ) -> tuple[list[sa.Row], bool]:
        """The rows of `columns` of a page, and whether more follow."""
        if limit < 1:
            raise ConflictAtlasError(f"page size must be at least 1, not {limit}")
        rows: list[sa.Row] = []
        with self.engine.connect() as conn:
            for query in queries.page_queries(selection, self.dialect, cursor, columns):
                rows += conn.execute(query.where(*conditions).limit(limit + 1 - len(rows))).all()
                if len(rows) > limit:
                    break
        return rows[:limit], len(rows) > limit

    def iter_events(self, *, with_evidence: bool = True, **filters: Any) -> Iterator[dict]:
        """Every matching record, page by page (no long-held transaction), for exports; filters as
        `events()`, `with_evidence=False` as there."""
        selection = EventFilter(**filters)
        cursor = None
        while True:
            records, cursor = self.page(
                selection, limit=EXPORT_PAGE, cursor=cursor, with_evidence=with_evidence
            )
            yield from records
            if cursor is None:
                return

    def event(self, event_id: str) -> dict | None:
        """One event record by id, or None."""
        with self.engine.connect() as conn:
            query = sa.select(*queries.COLUMNS).where(schema.events.c.event_id == event_id)
            records = self._records(conn.execute(query))
        return records[0] if records else None

    def counts(self) -> dict[str, int]:
        """How many articles and events are stored."""
        with self.engine.connect() as conn:
            return {
                str(table.name): conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for table in (articles, schema.events)
            }

    def has_article(
        self, article_id: str | None = None, content_hash: str | None = None, url: str | None = None
    ) -> bool:
        """Whether an article with any of the given id, content hash or URL is stored."""
        given = [
            column == value
            for column, value in (
                (articles.c.article_id, article_id),
                (articles.c.content_hash, content_hash),
                (articles.c.url, url),
            )
            if value
        ]
        if not given:
            raise ValueError("has_article() needs article_id, content_hash or url")
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.exists().where(sa.or_(*given)))).scalar_one()

    @staticmethod
    def _records(rows: Iterable[sa.Row], columns: Sequence[sa.ColumnElement] = queries.COLUMNS) -> list[dict]:
        """Records of `rows`, which hold `columns` (in the record's order)."""
        convert = queries.RowConverter([c.name for c in columns])
        return [convert(row) for row in rows]
