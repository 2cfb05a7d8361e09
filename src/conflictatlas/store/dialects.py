"""What differs between SQLite and PostgreSQL, and nothing else: conflict-ignoring inserts, the
migration lock, full-text search over `events.notes` and building JSON inside a query.

Full text: SQLite keeps an FTS5 table (`events_fts`) in sync by triggers; it stores its own copy of
`notes` keyed by `event_id`, because an external-content table would follow `events.rowid`, which
VACUUM may renumber for a table with a text primary key. PostgreSQL uses a GIN index over
`to_tsvector('simple', notes)`. Both match whole words, all of them, without stemming; SQLite also
ignores diacritics, PostgreSQL (without the unaccent extension) does not.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from conflictatlas.store.schema import events

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of a full-text query; punctuation and query syntax are dropped, never interpreted."""
    return _WORD.findall(text)


class Dialect:
    """Backend-specific SQL; one instance per store, chosen by `for_engine`."""

    name: str

    def insert_ignore(self, table: sa.Table) -> Insert:
        """INSERT … ON CONFLICT DO NOTHING: the database, not a prior SELECT, decides what exists,
        so that two writers racing on the same row both succeed."""
        raise NotImplementedError

    def lock_for_migration(self, conn: sa.Connection) -> None:
        """Serialise migrations of one database across processes (inside the migration transaction)."""
        raise NotImplementedError

    def lock_for_ingest(self, conn: sa.Connection) -> None:
        """Serialise ingests (inside the ingest transaction): merging reads the events earlier ingests
        wrote, and two writers that each missed the other's mentions would split one event."""
        raise NotImplementedError

    def search_ddl(self) -> list[str]:
        """DDL for full-text search (migration 2)."""
        raise NotImplementedError

    def text_match(self, text: str) -> sa.ColumnElement[bool]:
        """A condition on `events` true when notes contain every word of `text`."""
        raise NotImplementedError

    def json_object(self, *keys_and_values: sa.ColumnElement) -> sa.ColumnElement:
        """A JSON object built in the query, keys in the order given (key, value, ...); nests in
        another, and CAST AS TEXT gives its JSON text."""
        raise NotImplementedError

    def json_array(self, *values: sa.ColumnElement) -> sa.ColumnElement:
        """A JSON array built in the query, as a value `json_object` embeds."""
        raise NotImplementedError

    def stored_json(self, column: sa.ColumnElement) -> sa.ColumnElement:
        """A column of JSON text, as a value `json_object` embeds as JSON (not as a string)."""
        raise NotImplementedError


class SQLiteDialect(Dialect):
    name = "sqlite"

    def insert_ignore(self, table: sa.Table) -> Insert:
        return sqlite.insert(table).on_conflict_do_nothing()

    def lock_for_migration(self, conn: sa.Connection) -> None:
        pass  # The migration runs in a BEGIN IMMEDIATE transaction, which already holds the write lock.

    def lock_for_ingest(self, conn: sa.Connection) -> None:
        pass  # So does every writer (see engine.py).

    def search_ddl(self) -> list[str]:
        return [
            "CREATE VIRTUAL TABLE events_fts USING fts5(notes, event_id UNINDEXED)",
            "INSERT INTO events_fts (notes, event_id) SELECT notes, event_id FROM events",
            """CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
                 INSERT INTO events_fts (notes, event_id) VALUES (new.notes, new.event_id);
               END""",
            """CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
                 DELETE FROM events_fts WHERE event_id = old.event_id;
               END""",
            """CREATE TRIGGER events_fts_update AFTER UPDATE OF notes ON events BEGIN
                 UPDATE events_fts SET notes = new.notes WHERE event_id = old.event_id;
               END""",
        ]

    def text_match(self, text: str) -> sa.ColumnElement[bool]:
        # Each word becomes a quoted FTS5 string, so user input is never read as FTS5 query syntax.
        query = " ".join('"' + w.replace('"', '""') + '"' for w in words(text))
        return events.c.event_id.in_(
            sa.select(sa.column("event_id"))
            .select_from(sa.table("events_fts"))
            .where(sa.literal_column("events_fts").op("MATCH")(sa.bindparam("fts_query", query)))
        )

    def json_object(self, *keys_and_values: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.json_object(*keys_and_values)

    def json_array(self, *values: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.json_array(*values)

    def stored_json(self, column: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.json(column)


class PostgresDialect(Dialect):
    name = "postgresql"
    # A literal regconfig (not a bind parameter) so that the planner matches the GIN index expression.
    _TSVECTOR = sa.func.to_tsvector(sa.literal_column("'simple'::regconfig"), events.c.notes)

    def insert_ignore(self, table: sa.Table) -> Insert:
        return postgresql.insert(table).on_conflict_do_nothing()

    def lock_for_migration(self, conn: sa.Connection) -> None:
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext('conflictatlas:' || current_schema()))"))

    def lock_for_ingest(self, conn: sa.Connection) -> None:
        conn.execute(
            sa.text("SELECT pg_advisory_xact_lock(hashtext('conflictatlas:ingest:' || current_schema()))")
        )

    def search_ddl(self) -> list[str]:
        return [
            "CREATE INDEX ix_events_notes_fts ON events USING gin (to_tsvector('simple'::regconfig, notes))",
        ]

    def text_match(self, text: str) -> sa.ColumnElement[bool]:
        query = sa.func.plainto_tsquery(
            sa.literal_column("'simple'::regconfig"), sa.bindparam("fts_query", " ".join(words(text)))
        )
        return self._TSVECTOR.op("@@")(query)

    def json_object(self, *keys_and_values: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.json_build_object(*keys_and_values)  # json, not jsonb: jsonb reorders keys

    def json_array(self, *values: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.json_build_array(*values)

    def stored_json(self, column: sa.ColumnElement) -> sa.ColumnElement:
        return sa.cast(column, postgresql.JSON)


def for_engine(engine: sa.Engine) -> Dialect:
    return {"sqlite": SQLiteDialect, "postgresql": PostgresDialect}[engine.dialect.name]()
