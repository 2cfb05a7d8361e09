"""The store's contract, run unchanged against SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import signal
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.export import write_geojson
from conflictatlas.store import EventFilter, open_store, queries, schema
from conflictatlas.store.migrations import LATEST, migrate
from conflictatlas.store.schema import articles, event_sources, schema_version
from store_factories import (
    APIA,
    MOSUL,
    RAQQA,
    SUVA,
    corpus,
    make_article,
    make_event,
    reference_snapshot,
    run_ingest,
    snapshot,
)


@pytest.fixture
def store(store_url):
    with open_store(store_url) as store:
        yield store


# Eight events that each filter below tells apart; all reported by article "art-1".
SAMPLE = [
    make_event("palmyra"),
    make_event("raqqa", place=RAQQA, event_date=date(2017, 6, 6), sub_event_type="Armed clash",
               actor1="Syrian Democratic Forces", assoc_actor_1=None, fatalities=40,
               notes="On 6 June 2017, the SDF entered Raqqa's eastern districts."),
    make_event("mosul", place=MOSUL, event_date=date(2017, 7, 9), event_type="Explosions/Remote violence",
               sub_event_type="Air/drone strike", actor1="Military Forces of Iraq (2014-)",
               assoc_actor_1="Coalition 50% strike group", fatalities=0,
               notes="Coalition aircraft struck Mosul's old city."),
    make_event("suva", place=SUVA, event_date=date(2018, 1, 1), disorder_type="Demonstrations",
               event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Fiji)",
               assoc_actor_1=None, actor2=None, fatalities=0, notes="Protesters marched in Suva."),
    make_event("apia", place=APIA, event_date=date(2018, 1, 2), disorder_type="Demonstrations",
               event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Samoa)",
               assoc_actor_1=None, actor2=None, fatalities=0, notes="Protesters marched in Apia."),
    make_event("undated", event_date=None, time_precision=None, notes="A clash at an unknown date."),
    make_event("unlocated", place=None, event_date=date(2016, 3, 27), notes="A clash somewhere."),
    make_event("same-day", event_date=date(2016, 3, 27), actor2="Hay'at Tahrir al-Sham",
               notes="Another clash on Palmyra's outskirts."),
]  # fmt: skip


def ids(records: list[dict]) -> list[str]:
    return [r["event_id"].removeprefix("evt-") for r in records]


@pytest.fixture
def sample_store(store):
    assert store.ingest(make_article("1"), SAMPLE)
    return store


def test_stored_record_equals_event_record(sample_store):
    for event in SAMPLE:
        assert sample_store.event(event.event_id) == event.to_record()
    assert sample_store.event("evt-missing") is None


@pytest.mark.parametrize("filters", [{}, {"start": date(2016, 1, 1)}, {"country": "Syria"}])
def test_pages_without_evidence_are_the_records_less_evidence(sample_store, filters):
    full, full_cursor = sample_store.events(**filters, limit=3)
    lean, lean_cursor = sample_store.events(**filters, limit=3, with_evidence=False)
    assert lean_cursor == full_cursor
    assert lean == [{k: v for k, v in r.items() if k != "evidence"} for r in full]
    assert [list(r) for r in lean] == [[k for k in r if k != "evidence"] for r in full]  # same order
    every = list(sample_store.iter_events(**filters, with_evidence=False))
    whole = sample_store.iter_events(**filters)
    assert every == [{k: v for k, v in r.items() if k != "evidence"} for r in whole]


@pytest.mark.parametrize("filters", [{}, {"start": date(2016, 1, 1)}, {"country": "Syria"}])
def test_features_are_the_geojson_export_of_the_located_records(sample_store, filters):
    """The database builds the Features: the same JSON values, keys in the same order, as
    `export.write_geojson` gives, page after page, events without coordinates left out."""
    out = io.StringIO()
    write_geojson(sample_store.iter_events(**filters), out)
    expected = json.loads(out.getvalue())["features"]
    got, cursor = [], None
    while True:
        page, cursor = sample_store.features(EventFilter(**filters), limit=2, cursor=cursor)
        got += [json.loads(feature) for feature in page]
        if cursor is None:
            break
    assert got == expected and expected
    assert [list(f["properties"]) for f in got] == [list(f["properties"]) for f in expected]


def test_default_order_is_newest_first_undated_last_then_by_id(sample_store):
    records, cursor = sample_store.events()
    assert ids(records) == ["apia", "suva", "mosul", "raqqa", "palmyra", "same-day", "unlocated", "undated"]
    assert cursor is None


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"start": date(2017, 1, 1)}, {"raqqa", "mosul", "suva", "apia"}),
        ({"end": date(2016, 12, 31)}, {"palmyra", "unlocated", "same-day"}),
        ({"start": date(2017, 6, 6), "end": date(2017, 7, 9)}, {"raqqa", "mosul"}),
        ({"bbox": (38.0, 34.0, 40.0, 36.5)}, {"palmyra", "raqqa", "undated", "same-day"}),
        ({"bbox": (178.0, -20.0, -170.0, -10.0)}, {"suva", "apia"}),  # across the antimeridian
        ({"country": "Iraq"}, {"mosul"}),
        ({"country": "Syria", "admin1": "Ar-Raqqa"}, {"raqqa"}),
        ({"event_type": "Protests"}, {"suva", "apia"}),
        ({"sub_event_type": "Air/drone strike"}, {"mosul"}),
        ({"actor": "protesters"}, {"suva", "apia"}),  # case-insensitive substring
        ({"actor": "TAHRIR"}, {"same-day"}),  # actor2
        ({"actor": "russia"}, {"palmyra", "undated", "unlocated", "same-day"}),  # assoc_actor_1
        ({"actor": "50%"}, {"mosul"}),  # a literal %, not a wildcard
        ({"actor": "%"}, {"mosul"}),
        ({"min_fatalities": 12}, {"palmyra", "raqqa", "undated", "unlocated", "same-day"}),
        ({"min_fatalities": 13}, {"raqqa"}),
        ({"text": "marched"}, {"suva", "apia"}),
        ({"text": "Marched SUVA"}, {"suva"}),  # every word, any case
        ({"text": "Raqqa's eastern"}, {"raqqa"}),
        ({"text": '"marched" OR 1=1; DROP TABLE events; --'}, set()),  # words, never syntax
        ({"text": "?!"}, set()),
        ({"event_type": "Protests", "start": date(2018, 1, 2), "bbox": (-180, -90, 180, 90)}, {"apia"}),
    ],
)
def test_filters(sample_store, filters, expected):
    records, _ = sample_store.events(**filters)
    assert set(ids(records)) == expected
    assert sorted(ids(sample_store.iter_events(**filters))) == sorted(expected)


def test_reingesting_an_article_changes_nothing(sample_store):
    before = (sample_store.counts(), sample_store.events(limit=1000))
    assert not sample_store.ingest(make_article("1"), SAMPLE[:2])
    assert not sample_store.ingest(make_article("1"), [make_event("new")])
    assert (sample_store.counts(), sample_store.events(limit=1000)) == before
    assert sample_store.counts() == {"articles": 1, "events": len(SAMPLE)}


def test_same_content_or_url_under_another_id_is_the_same_article(store):
    original = make_article("1")
    assert store.ingest(original, [make_event("a")])
    assert not store.ingest(make_article("2", text=original.text, title=original.title), [make_event("b")])
    assert not store.ingest(make_article("3", url=original.url), [make_event("c")])
    assert store.counts() == {"articles": 1, "events": 1}
    assert store.has_article(article_id="art-1")
    assert store.has_article(content_hash=original.content_hash)
    assert store.has_article(url=original.url)
    assert not store.has_article(article_id="art-2", url="https://elsewhere.example/")
    with pytest.raises(ValueError):
        store.has_article()


def test_articles_without_url_do_not_collide(store):
    assert store.ingest(make_article("1", url=None), [])
    assert store.ingest(make_article("2", url=""), [])
    assert store.counts() == {"articles": 2, "events": 0}


def test_event_reported_by_two_articles_is_one_event_with_two_sources(store):
    assert store.ingest(make_article("1"), [make_event("shared", "art-1", fatalities=12)])
    assert store.ingest(
        make_article("2"), [make_event("shared", "art-2", fatalities=99, fatalities_high=None)]
    )
    assert store.counts() == {"articles": 2, "events": 1}
    record = store.event("evt-shared")
    assert record["article_ids"] == ["art-1", "art-2"]
    # Conservative best (lower median of the tolls), every figure given within low..high.
    assert (record["fatalities_low"], record["fatalities"], record["fatalities_high"]) == (10, 12, 99)
    assert [e["article_id"] for e in record["evidence"]] == ["art-1", "art-2"]
    assert ids(store.events(text="Palmyra")[0]) == ["shared"]
    assert [r["event_id"] for r in store.article_events("art-2")] == ["evt-shared"]


def test_article_ids_given_by_merging_are_kept_in_order(store):
    event = make_event("merged", "art-1", article_ids=("art-9", "art-1"))
    assert store.ingest(make_article("1"), [event, event])  # a repeated event counts once
    assert store.event("evt-merged") == event.to_record()


@pytest.mark.parametrize("limit", [1, 3, 7, 100])
def test_cursor_pages_cover_every_row_once(store, limit):
    items = corpus(12)  # 24 events, two per day, and five undated below
    for article, events in items:
        store.ingest(article, events)
    store.ingest(make_article("u"), [make_event(f"u{i}", "art-u", event_date=None) for i in range(5)])
    everything, cursor = store.events(limit=1000)
    assert cursor is None
    seen, cursor, pages = [], None, 0
    while True:
        page, cursor = store.events(limit=limit, cursor=cursor)
        assert len(page) <= limit
        seen += page
        pages += 1
        if cursor is None:
            break
    assert [r["event_id"] for r in seen] == [r["event_id"] for r in everything]
    assert len(seen) == store.counts()["events"] == 29
    assert pages == -(-29 // limit)


def test_cursor_with_filters_and_bad_cursors(sample_store):
    page, cursor = sample_store.events(country="Syria", limit=2)
    rest, end = sample_store.events(country="Syria", limit=10, cursor=cursor)
    assert ids(page + rest) == ["raqqa", "palmyra", "same-day", "undated"] and end is None
    for bad in ("not a cursor", "WyJ4Il0"):  # garbage; valid base64 of a JSON list of the wrong shape
        with pytest.raises(ConflictAtlasError, match="cursor"):
            sample_store.events(cursor=bad)
    with pytest.raises(ConflictAtlasError):
        sample_store.events(limit=0)


def test_fresh_database_is_migrated_once_and_reopens(store_url):
    with open_store(store_url) as store:
        store.ingest(make_article("1"), SAMPLE)
        with store.engine.connect() as conn:
            versions = conn.execute(sa.select(schema_version.c.version)).scalars().all()
        assert versions == list(range(1, LATEST + 1))
        assert migrate(store.engine, store.dialect) == 0
    with open_store(store_url) as again:
        assert again.counts() == {"articles": 1, "events": len(SAMPLE)}
        assert ids(again.events(text="marched")[0]) == ["apia", "suva"]


def test_killed_ingest_then_rerun_equals_an_uninterrupted_run(store_url, tmp_path):
    count = 400
    victim = run_ingest(store_url, count)
    for _ in range(count // 3):  # let it store a third, then kill it without warning
        assert victim.stdout.readline()
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    with open_store(store_url) as store:
        partial = store.counts()
        assert 0 < partial["articles"] < count
        # Atomicity: every stored article has all its events (merged) and is a source of each.
        for article, events in corpus(count):
            if store.has_article(article_id=article.id):
                records = store.article_events(article.id)
                assert len(records) == len(events)
                assert all(article.id in r["article_ids"] for r in records)
    rerun = run_ingest(store_url, count)
    assert rerun.wait() == 0, rerun.stderr.read()
    assert snapshot(store_url) == reference_snapshot(tmp_path, count)
    assert snapshot(store_url)[0] == {"articles": count, "events": 2 * count}


def test_two_processes_ingesting_at_once_neither_fail_nor_duplicate(store_url, tmp_path):
    count = 200
    writers = [run_ingest(store_url, count, "--pause"), run_ingest(store_url, count, "--reverse", "--pause")]
    outputs = [writer.communicate() for writer in writers]
    for writer, (_, stderr) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, stderr
    # Both stored some articles (they did overlap) and together each article exactly once.
    stored = [
        [line.split()[0] for line in out.splitlines() if line.endswith(" stored")] for out, _ in outputs
    ]
    assert all(stored) and sorted(stored[0] + stored[1]) == sorted(a.id for a, _ in corpus(count))
    assert snapshot(store_url) == reference_snapshot(tmp_path, count)


def test_older_database_is_migrated_forward_with_its_data(store_url, monkeypatch):
    from conflictatlas.store import migrations

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
    monkeypatch.setattr(migrations, "LATEST", 2)
    with open_store(store_url) as old, old.engine.begin() as conn:
        write_version_2_rows(conn, make_article("1"), SAMPLE, extra_sources=["art-0"])
    monkeypatch.undo()
    with open_store(store_url) as store:
        with store.engine.connect() as conn:
            assert migrations.current_version(conn) == LATEST
        assert ids(store.events(text="marched")[0]) == ["apia", "suva"]  # indexed rows stored before
        for event in SAMPLE:  # each old event is now one mention, and reads back unchanged
            assert store.event(event.event_id) == {**event.to_record(), "article_ids": ["art-1", "art-0"]}
            assert [m["article_id"] for m in store.explain(event.event_id)["members"]] == ["art-1"]
        # A new report of an old event merges with it.
        assert store.ingest(make_article("2"), [make_event("palmyra-again", "art-2", fatalities=14)])
        assert store.counts() == {"articles": 2, "events": len(SAMPLE)}
        assert store.event("evt-palmyra")["article_ids"] == ["art-1", "art-0", "art-2"]


def write_version_2_rows(conn: sa.Connection, article, events, extra_sources: list[str]) -> None:
    """Rows as the store wrote them before mentions existed (schema version 2)."""
    conn.execute(
        articles.insert().values(
            article_id=article.id, content_hash=article.content_hash, url=article.url,
            published=article.published, ingested_at=datetime.now(UTC),
        )
    )  # fmt: skip
    for event in events:
        record = event.to_record()
        record.pop("article_ids")
        conn.execute(schema.events.insert().values(queries.event_row(record)))
        for ordinal, source in enumerate([article.id, *extra_sources]):
            conn.execute(
                event_sources.insert().values(event_id=event.event_id, article_id=source, ordinal=ordinal)
            )


def test_database_newer_than_the_code_is_refused(store_url):
    open_store(store_url).close()
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(
            schema_version.insert().values(version=LATEST + 1, name="future", applied_at=date.today())
        )
    with pytest.raises(ConflictAtlasError, match="newer"):
        open_store(store_url)
