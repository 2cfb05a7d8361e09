"""Database URLs and engines: the only place that knows how each backend is connected.

SQLite is tuned for several processes writing one file: WAL lets readers run beside the single writer,
the busy timeout makes a second writer wait instead of failing, and writes start with BEGIN IMMEDIATE
so that a transaction never has to upgrade a read lock to a write lock (an upgrade that SQLite refuses
with "database is locked" without waiting). `synchronous=NORMAL` under WAL keeps every committed
transaction across a killed process; only a power cut may lose the last commits, never consistency.
Reads go through a memory map of the file (`mmap_size`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from conflictatlas.errors import ConflictAtlasError

DEFAULT_URL = "sqlite:///atlas.db"
ENV_VAR = "CONFLICTATLAS_DB"
SQLITE_BUSY_TIMEOUT_MS = 60_000
SQLITE_CACHE_KIB = 64 * 1024  # per connection; SQLite's 2 MiB default thrashes on a million events
# Reads through a memory map of the file (up to this size): every connection of every process reads the
# OS's one cached copy instead of copying pages into its own cache, which a fresh pooled connection
# starts empty. Measured at 100,000 events, 2 server processes: /events 270 → 440 req/s, GeoJSON of a
# map view 100 → 170 req/s. Writes still go through SQLite's cache and the WAL.
SQLITE_MMAP_BYTES = 1 << 30
# Execution option a writer sets on its connection so that SQLite takes the write lock at BEGIN.
WRITE = {"conflictatlas_write": True}


def normalise_url(url: str | None = None) -> URL:
    """Turn what a user types into a SQLAlchemy URL: None → $CONFLICTATLAS_DB → `sqlite:///atlas.db`;
    a bare path → SQLite file; `postgresql://` / `postgres://` → the psycopg 3 driver."""
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise ConflictAtlasError(
            f"cannot read database URL {url!r}",
            "use a file path, sqlite:///path.db or postgresql://user@host/db",
        ) from exc
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConflictAtlasError(
            f"unsupported database {parsed.get_backend_name()!r}", "use SQLite or PostgreSQL"
        )
    return parsed


def make_engine(url: URL) -> sa.Engine:
    """An engine for `url`, with the SQLite connection settings described in the module docstring."""
    if url.get_backend_name() != "sqlite":
        # No server-side prepared statements: their generic plans ignore how selective a filter value
        # is (a rare word, a narrow date range) and then walk the whole date index; measured p95 of a
        # deep page 116 ms → 13 ms at 300k events without them.
        return sa.create_engine(url, pool_pre_ping=True, connect_args={"prepare_threshold": None})
    database = url.database or ""
    if database in ("", ":memory:"):
        raise ConflictAtlasError(
            "an in-memory SQLite store would vanish with its connection", "give a file path instead"
        )
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection, _record) -> None:
    # Take BEGIN away from the sqlite3 module (its legacy mode skips BEGIN before SELECT and DDL).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    _enable_wal(cursor)
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
    cursor.close()


def _enable_wal(cursor) -> None:
    """Switch a file to WAL. SQLite answers "database is locked" at once, without its busy handler,
    when another process is switching the same fresh file at that moment: wait and try again."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(connection: sa.Connection) -> None:
    write = connection.get_execution_options().get("conflictatlas_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
