"""SQLite specifics: where the file is, how it is opened, and its full-text table."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.store import open_store
from store_factories import make_article, make_event, run_ingest


def test_default_is_atlas_db_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONFLICTATLAS_DB", raising=False)
    open_store().close()
    assert (tmp_path / "atlas.db").is_file()


def test_environment_variable_and_bare_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTATLAS_DB", str(tmp_path / "from-env.db"))
    open_store().close()
    open_store(str(tmp_path / "sub" / "bare.db")).close()
    open_store(f"sqlite:///{tmp_path / 'url.db'}").close()
    assert {p.name for p in tmp_path.rglob("*.db")} == {"from-env.db", "bare.db", "url.db"}


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "mysql://localhost/db", "sqlite+x://a b"])
def test_unusable_urls_say_why(url):
    with pytest.raises(ConflictAtlasError):
        open_store(url)


def test_file_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    with open_store(str(tmp_path / "atlas.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 1 << 30


def test_full_text_table_follows_the_events_table(tmp_path):
    with open_store(str(tmp_path / "atlas.db")) as store:
        store.ingest(make_article("1"), [make_event("a", notes="Shelling in Deir ez-Zor"), make_event("b")])
        assert [r["event_id"] for r in store.events(text="deir ZOR")[0]] == ["evt-a"]
        # a second report: the merged event's notes are written anew from its fields
        store.ingest(make_article("2"), [make_event("a", "art-2", notes="other words")])
        with store.engine.connect() as conn:
            fts = conn.exec_driver_sql("SELECT event_id, notes FROM events_fts ORDER BY event_id").all()
            rows = conn.exec_driver_sql("SELECT event_id, notes FROM events ORDER BY event_id").all()
            assert fts == rows
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert not store.events(text="deir ZOR")[0]
        assert [r["event_id"] for r in store.events(text="REGAINED control")[0]] == ["evt-a"]


def test_two_processes_opening_a_fresh_file_at_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    writers = [run_ingest(url, 50), run_ingest(url, 50, "--reverse")]
    for writer in writers:
        assert writer.wait() == 0, writer.stderr.read()
    with open_store(url) as store:
        assert store.counts() == {"articles": 50, "events": 100}


def test_map_view_aggregates_read_only_the_date_index(tmp_path):
    """Migration 4: event type and fatalities in the date index, so that a view's cells need no table."""
    from conflictatlas.store import EventFilter
    from conflictatlas.web import mapdata

    with open_store(str(tmp_path / "atlas.db")) as store:
        store.ingest(make_article("1"), [make_event("a")])
        selection = EventFilter(start=date(2016, 1, 1), end=date(2016, 12, 31), bbox=(30, 30, 40, 40))
        captured = []
        sa.event.listen(store.engine, "before_cursor_execute", lambda *a: captured.append((a[2], a[3])))
        assert mapdata.cells(store, selection, 5)["total"] == 1
        with store.engine.connect() as conn:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + captured[-1][0], captured[-1][1]).all()
        assert "COVERING INDEX ix_events_date" in str(plan), plan
