"""Ordered schema migrations, applied at open time in one transaction.

`schema_version` holds one row per applied migration; a fresh database runs them all and ends at the
latest version. The whole run happens under a lock (SQLite: the write lock of BEGIN IMMEDIATE,
PostgreSQL: an advisory lock), so two processes opening a fresh database at once migrate it once.

Rule for changes: never edit an applied migration; append a new one. Migration 1's DDL is frozen in
`ddl_v1.py`; later migrations may create tables from `schema.py` only while those tables stay as they
were created (freeze their DDL before changing them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.merging.mention import Mention
from conflictatlas.store import ddl_v1, queries
from conflictatlas.store.dialects import Dialect
from conflictatlas.store.engine import WRITE
from conflictatlas.store.merging import mention_row
from conflictatlas.store.schema import articles, event_sources, events, mentions, metadata, schema_version

Migration = Callable[[sa.Connection, Dialect], None]
BACKFILL_PAGE = 1000


def _create_tables(conn: sa.Connection, dialect: Dialect) -> None:
    for statement in ddl_v1.statements(dialect.name):
        conn.exec_driver_sql(statement)


def _search_indexes(conn: sa.Connection, dialect: Dialect) -> None:
    for statement in dialect.search_ddl():
        conn.exec_driver_sql(statement)


def _mentions(conn: sa.Connection, dialect: Dialect) -> None:
    """Create `mentions`; each event stored before becomes one mention (its record, all its sources) in a
    component of its own, so it stays as it was until a new report joins it."""
    metadata.create_all(conn, tables=[mentions])
    sources: dict[str, list[str]] = {}
    for event_id, article_id in conn.execute(
        sa.select(event_sources.c.event_id, event_sources.c.article_id).order_by(
            event_sources.c.event_id, event_sources.c.ordinal, event_sources.c.article_id
        )
    ):
        sources.setdefault(event_id, []).append(article_id)
    version_3 = [c for c in events.c if c.name != "article_ids"]  # events as this migration found it
    query = sa.select(*version_3, articles.c.published).outerjoin(
        articles, articles.c.article_id == events.c.article_id
    )
    rows = []
    for row in conn.execute(query).mappings():
        record = queries.row_record({k: v for k, v in row.items() if k != "published"}, [])
        record["article_ids"] = sources.get(row["event_id"], [row["article_id"]])
        mention = Mention.from_record(record, row["article_id"], row["published"])
        rows.append({**mention_row(mention), "event_id": mention.key, "component_id": mention.mention_id})
        if len(rows) >= BACKFILL_PAGE:
            conn.execute(mentions.insert(), rows)
            rows = []
    if rows:
        conn.execute(mentions.insert(), rows)


def _lean_reads(conn: sa.Connection, dialect: Dialect) -> None:
    """`events.article_ids` (JSON, filled from `event_sources`), so that a page is one query; the date
    index extended by event type and fatalities, so that the map's aggregates of a view stay in it."""
    conn.exec_driver_sql("ALTER TABLE events ADD COLUMN article_ids TEXT NOT NULL DEFAULT '[]'")
    sources: dict[str, list[str]] = {}
    for event_id, article_id in conn.execute(
        sa.select(event_sources.c.event_id, event_sources.c.article_id).order_by(
            event_sources.c.event_id, event_sources.c.ordinal, event_sources.c.article_id
        )
    ):
        sources.setdefault(event_id, []).append(article_id)
    update = (
        events.update()
        .where(events.c.event_id == sa.bindparam("key"))
        .values(article_ids=sa.bindparam("ids"))
    )
    rows = [
        {"key": event_id, "ids": json.dumps(ids, ensure_ascii=False, separators=(",", ":"))}
        for event_id, ids in sources.items()
    ]
    for start in range(0, len(rows), BACKFILL_PAGE):
        conn.execute(update, rows[start : start + BACKFILL_PAGE])
    conn.exec_driver_sql("DROP INDEX ix_events_date")
    conn.exec_driver_sql(
        "CREATE INDEX ix_events_date ON events "
        "(event_date DESC, event_id, latitude, longitude, event_type, fatalities)"
    )


MIGRATIONS: list[tuple[str, Migration]] = [
    ("create articles, events, event_sources", _create_tables),
    ("full-text index over notes", _search_indexes),
    ("mentions: each article's report of an event, merged into events", _mentions),
    ("events.article_ids; event type and fatalities in the date index", _lean_reads),
]
LATEST = len(MIGRATIONS)


def current_version(conn: sa.Connection) -> int:
    """The version of the database behind `conn`; 0 when it has never been migrated."""
    if not sa.inspect(conn).has_table(schema_version.name):
        return 0
    return conn.execute(sa.select(sa.func.coalesce(sa.func.max(schema_version.c.version), 0))).scalar_one()


def migrate(engine: sa.Engine, dialect: Dialect) -> int:
    """Bring the database to the latest version; return the number of migrations applied."""
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        dialect.lock_for_migration(conn)
        version = current_version(conn)
        if version > LATEST:
            raise ConflictAtlasError(
                f"database schema version {version} is newer than this conflictatlas knows ({LATEST})",
                "upgrade conflictatlas",
            )
        metadata.create_all(conn, tables=[schema_version])
        for number, (name, migration) in enumerate(MIGRATIONS[version:], start=version + 1):
            migration(conn, dialect)
            conn.execute(
                schema_version.insert().values(version=number, name=name, applied_at=datetime.now(UTC))
            )
        return LATEST - version
