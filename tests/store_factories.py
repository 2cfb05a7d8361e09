"""Hand-built articles and events for the store tests, and the backends they run on.

Run as a script (`python store_factories.py URL COUNT [--reverse] [--pause]`) it ingests the synthetic
corpus into URL, printing one line per article ("<id> stored|skipped"): the crash and concurrency tests
drive it as a subprocess. `--pause` sleeps 2 ms after each article, standing in for extraction work:
without it a writer in a tight loop may hold SQLite's lock for its whole run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from conflictatlas.model import Article, Event, Evidence, Place
from conflictatlas.store import open_store

PG_URL = os.environ.get("CONFLICTATLAS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

PALMYRA = Place("Palmyra", 34.56, 38.28, "Syria", 760, "SY", admin1="Homs", region="Middle East")
RAQQA = Place("Raqqa", 35.95, 39.01, "Syria", 760, "SY", admin1="Ar-Raqqa", region="Middle East")
MOSUL = Place("Mosul", 36.34, 43.13, "Iraq", 368, "IQ", admin1="Ninewa", region="Middle East")
SUVA = Place("Suva", -18.14, 178.44, "Fiji", 242, "FJ", admin1="Central", region="Oceania")
APIA = Place("Apia", -13.83, -171.76, "Samoa", 882, "WS", admin1="Tuamasaga", region="Oceania")


def make_article(key: str, **fields) -> Article:
    """An article whose id, URL and text all derive from `key` (so they are distinct per key)."""
    values = {
        "id": f"art-{key}",
        "text": f"Text of article {key}.",
        "title": f"Title {key}",
        "url": f"https://news.example/{key}",
        "published": date(2016, 3, 28),
        "language": "en",
        "source": "Example News",
    }
    return Article(**{**values, **fields})


def make_event(key: str, article_id: str = "art-1", **fields) -> Event:
    """A battle in Palmyra on 27 March 2016 with one piece of evidence; override any field."""
    values = {
        "event_id": f"evt-{key}",
        "article_id": article_id,
        "event_date": date(2016, 3, 27),
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Government regains territory",
        "actor1": "Military Forces of Syria (2000-)",
        "assoc_actor_1": "Military Forces of Russia (2000-)",
        "inter1": 1,
        "actor2": "Islamic State (Syria)",
        "inter2": 2,
        "interaction": 12,
        "place": PALMYRA,
        "fatalities": 12,
        "fatalities_low": 10,
        "fatalities_high": 15,
        "source": "Example News",
        "source_scale": "International",
        "notes": f"On 27 March 2016, Syrian forces retook Palmyra from Islamic State ({key}).",
        "confidence": 0.8,
        "evidence": (
            Evidence("event_type", "retook", 20, 26, "Syrian forces retook Palmyra.", 6, article_id),
        ),
    }
    return Event(**{**values, **fields})


def corpus(count: int) -> list[tuple[Article, list[Event]]]:
    """`count` articles; article i reports battle i in Palmyra on day i, the previous article's battle
    again (under another extraction key, with another toll) and an event of its own in Mosul on day i.
    Neighbouring articles share an event, merged from two keys: the case where ingest order and
    concurrency matter. Merged, that is `2 * count` events."""
    items = []
    for i in range(count):
        day = date(2015, 1, 1) + timedelta(days=i)
        article = make_article(f"c{i}", published=day + timedelta(days=1))
        events = [make_event(f"c{i}", article.id, event_date=day)]
        if i > 0:
            again = {"fatalities": 14, "fatalities_low": None, "fatalities_high": None}
            events.append(make_event(f"c{i - 1}-again", article.id, event_date=day - timedelta(1), **again))
        events.append(make_event(f"c{i}-own", article.id, event_date=day, place=MOSUL, fatalities=i % 7))
        items.append((article, events))
    return items


def reference_snapshot(folder: Path, count: int) -> tuple[dict, dict]:
    """The `snapshot` of an uninterrupted, single-process ingest of `corpus(count)`."""
    url = f"sqlite:///{folder / 'reference.db'}"
    with open_store(url) as store:
        for article, events in corpus(count):
            store.ingest(article, events)
    return snapshot(url)


def snapshot(url: str) -> tuple[dict, dict]:
    """What must match between two runs: counts, and every merged event's record by id."""
    with open_store(url) as store:
        return store.counts(), {r["event_id"]: r for r in store.iter_events()}


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped afterwards; raises ConnectionError when no
    server answers at PG_URL (the caller turns that into a skip)."""
    base = sa.make_url(PG_URL)
    if base.drivername == "postgresql":
        base = base.set(drivername="postgresql+psycopg")
    engine = sa.create_engine(base)
    schema = f"test_store_{uuid.uuid4().hex[:12]}"
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise ConnectionError(f"no PostgreSQL server reachable at {PG_URL}: {exc.orig}") from exc
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        engine.dispose()


def run_ingest(url: str, count: int, *options: str) -> subprocess.Popen:
    """Start this file as a script in another process (see the module docstring)."""
    here = Path(__file__)
    return subprocess.Popen(
        [sys.executable, str(here), url, str(count), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(here.parent)},
    )


def _main(url: str, count: int, reverse: bool, pause: bool) -> None:
    items = corpus(count)
    with open_store(url) as store:
        for article, events in reversed(items) if reverse else items:
            print(article.id, "stored" if store.ingest(article, events) else "skipped", flush=True)
            if pause:
                time.sleep(0.002)


if __name__ == "__main__":
    _main(sys.argv[1], int(sys.argv[2]), "--reverse" in sys.argv[3:], "--pause" in sys.argv[3:])
