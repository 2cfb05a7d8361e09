"""PostgreSQL specifics: URL forms, a clear error without a server, and the full-text index.

The shared behaviour runs against PostgreSQL in test_store_contract.py; these tests skip, saying why,
only when no server answers at $CONFLICTATLAS_TEST_PG_URL.
"""

from __future__ import annotations

import pytest

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.store import EventFilter, open_store
from conflictatlas.store.engine import normalise_url
from conflictatlas.store.queries import page_queries
from store_factories import corpus, postgres_schema


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u@db.example/atlas",
        "postgres://u@db.example/atlas",
        "postgresql+psycopg://u@db.example/atlas",
    ],
)
def test_postgres_urls_use_psycopg3(url):
    assert normalise_url(url).render_as_string() == "postgresql+psycopg://u@db.example/atlas"


def test_unreachable_server_is_a_clear_error_without_the_password():
    with pytest.raises(ConflictAtlasError, match="cannot open database") as caught:
        open_store("postgresql://someone:s3cret@127.0.0.1:1/atlas")
    assert "s3cret" not in str(caught.value) and "check that the server runs" in str(caught.value)


@pytest.fixture
def pg_url():
    try:
        with postgres_schema() as url:
            yield url
    except ConnectionError as exc:
        pytest.skip(str(exc))


@pytest.mark.postgres
def test_text_search_uses_the_gin_index(pg_url):
    # Guards the literal 'simple'::regconfig: with a bind parameter the index expression would not match.
    with open_store(pg_url) as store:
        for article, events in corpus(50):
            store.ingest(article, events)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE events")
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            query = page_queries(EventFilter(text="c7"), store.dialect, None)[0].limit(100).compile(conn)
            plan = "\n".join(conn.exec_driver_sql(f"EXPLAIN {query}", query.params).scalars())
            assert "ix_events_notes_fts" in plan, plan
