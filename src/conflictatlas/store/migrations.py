"""Ordered schema migrations, applied at open time in one transaction.

`schema_version` holds one row per applied migration; a fresh database runs them all and ends at the
latest version. The whole run happens under a lock (SQLite: the write lock of BEGIN IMMEDIATE,
PostgreSQL: an advisory lock), so two processes opening a fresh database at once migrate it once.

Rule for changes: never edit an applied migration; append a new one. Migration 1 creates the tables
from `schema.py`; when `schema.py` next changes, freeze migration 1's DDL here first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.store.dialects import Dialect
from conflictatlas.store.engine import WRITE
from conflictatlas.store.schema import articles, event_sources, events, metadata, schema_version

Migration = Callable[[sa.Connection, Dialect], None]


def _create_tables(conn: sa.Connection, dialect: Dialect) -> None:
    metadata.create_all(conn, tables=[articles, events, event_sources])


def _search_indexes(conn: sa.Connection, dialect: Dialect) -> None:
    for statement in dialect.search_ddl():
        conn.exec_driver_sql(statement)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("create articles, events, event_sources", _create_tables),
    ("full-text index over notes", _search_indexes),
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
