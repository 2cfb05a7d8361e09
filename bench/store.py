"""Store benchmark: ingest throughput and query latency, SQLite beside PostgreSQL.

    python bench/store.py [--n 1000000] [--backends sqlite,postgresql] [--max-load-seconds 600]

Everything goes through the public API. Ingest is timed in two shapes: "per article" (5 events per
article, one transaction each: the pipeline's shape) on the first `--sample` articles, then "bulk"
(1,000 events per `ingest()` call) for the rest, which is how the database is filled to `--n` events.
Loading stops at `--max-load-seconds` (the table then says how many events were loaded). Each query
kind then runs `--repeat` times with random parameters, fetching one page of 100, and reports
p50/p95 latency. PostgreSQL runs in a throw-away schema of `--pg-url`; SQLite in a temporary file.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from conflictatlas.model import Article, Event, Place
from conflictatlas.store import Store, open_store

RESULTS = Path(__file__).with_name("results") / "store.md"
FIRST_DAY, DAYS = date(2015, 1, 1), 3650
TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Agreement", "Looting/property destruction"],
}
# (country, centre longitude, centre latitude): 40 countries, events scattered ±4° around each centre.
COUNTRIES = [(f"Country {i:02d}", -100 + (i % 10) * 25.0, -30 + (i // 10) * 20.0) for i in range(40)]
ACTORS = [f"Actor group {i:03d}" for i in range(200)]
VOCABULARY = [f"word{i:04d}" for i in range(2000)]


def synthetic(n: int, per_article: int, seed: int, offset: int = 0) -> Iterator[tuple[Article, list[Event]]]:
    """`n` events in articles of `per_article`; ids start at `offset` so batches never collide."""
    rng = random.Random(seed)
    for first in range(offset, offset + n, per_article):
        article = Article(id=f"bench-{first}", text=f"bench article {first}", url=f"https://bench/{first}")
        events = []
        for k in range(first, min(first + per_article, offset + n)):
            event_type = rng.choice(list(TYPES))
            country, lon, lat = rng.choice(COUNTRIES)
            place = Place(
                f"Town {k % 5000}", lat + rng.uniform(-4, 4), lon + rng.uniform(-4, 4), country, None, "XX",
                admin1=f"{country} province {k % 7}",
            )  # fmt: skip
            actor1, actor2 = rng.sample(ACTORS, 2)
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            notes = f"On {day:%d %B %Y}, {actor1} and {actor2} " + " ".join(rng.sample(VOCABULARY, 8))
            events.append(
                Event(
                    event_id=f"ev-{k:08d}",
                    article_id=article.id,
                    event_date=day,
                    time_precision=1,
                    disorder_type="Political violence",
                    event_type=event_type,
                    sub_event_type=rng.choice(TYPES[event_type]),
                    actor1=actor1,
                    actor2=actor2,
                    place=place,
                    fatalities=int(rng.expovariate(0.3)),
                    notes=notes,
                    confidence=0.7,
                )  # fmt: skip
            )
        yield article, events


def load(store: Store, n: int, sample: int, max_seconds: float) -> dict[str, float]:
    """Ingest up to `n` events; return throughputs (events/s) and the number loaded."""
    started = time.perf_counter()
    loaded = 0
    for article, events in synthetic(min(sample, n), 5, seed=1):
        store.ingest(article, events)
        loaded += len(events)
    per_article = loaded / (time.perf_counter() - started)
    bulk_started, bulk_loaded = time.perf_counter(), 0
    for article, events in synthetic(n - loaded, 1000, seed=2, offset=loaded):
        if time.perf_counter() - started > max_seconds:
            break
        store.ingest(article, events)
        bulk_loaded += len(events)
    bulk = bulk_loaded / max(time.perf_counter() - bulk_started, 1e-9)
    return {"per_article": per_article, "bulk": bulk, "loaded": loaded + bulk_loaded}


def query_kinds(rng: random.Random) -> dict[str, Callable[[], dict]]:
    """Random parameters for each query kind users run most."""

    def date_bbox_type() -> dict:
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 90))
        _, lon, lat = rng.choice(COUNTRIES)
        return {
            "start": start,
            "end": start + timedelta(days=90),
            "bbox": (lon - 5, lat - 5, lon + 5, lat + 5),
            "event_type": rng.choice(list(TYPES)),
        }

    return {
        "date 90 d + bbox + type": date_bbox_type,
        "country": lambda: {"country": rng.choice(COUNTRIES)[0]},
        "actor (substring)": lambda: {"actor": rng.choice(ACTORS).lower()},
        "text (one word)": lambda: {"text": rng.choice(VOCABULARY)},
        "deep page (cursor)": lambda: {"start": FIRST_DAY + timedelta(days=rng.randrange(DAYS))},
    }


def measure(store: Store, repeat: int) -> dict[str, tuple[float, float]]:
    """p50 and p95 in milliseconds of one page of 100 per query kind."""
    rng = random.Random(3)
    latencies = {}
    for name, make in query_kinds(rng).items():
        timings = []
        for _ in range(repeat):
            filters = make()
            cursor = None
            if name.startswith("deep"):
                _, cursor = store.events(end=filters.pop("start"), limit=100)
            started = time.perf_counter()
            store.events(**filters, limit=100, cursor=cursor)
            timings.append((time.perf_counter() - started) * 1000)
        cut = statistics.quantiles(timings, n=20)
        latencies[name] = (statistics.median(timings), cut[18])
    return latencies


@contextlib.contextmanager
def backend_url(name: str, pg_url: str) -> Iterator[str]:
    if name == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield str(Path(folder) / "bench.db")
        return
    base = sa.make_url(pg_url).set(drivername="postgresql+psycopg")
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS bench_store CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA bench_store")
    try:
        yield base.update_query_dict({"options": "-csearch_path=bench_store"}).render_as_string(False)
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA bench_store CASCADE")
        engine.dispose()


def report(n: int, results: dict[str, dict]) -> str:
    names = list(results)
    lines = [
        f"# Store benchmark ({n:,} synthetic events requested)",
        "",
        "Generated by `python bench/store.py`; latency is one page of 100 records via `Store.events()`.",
        "",
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
        "| events loaded | " + " | ".join(f"{results[b]['load']['loaded']:,.0f}" for b in names) + " |",
    ]
    for key, label in (("per_article", "ingest, 5 events/article (events/s)"), ("bulk", "ingest, bulk")):
        lines.append(f"| {label} | " + " | ".join(f"{results[b]['load'][key]:,.0f}" for b in names) + " |")
    for kind in results[names[0]]["latency"]:
        cells = [
            f"{results[b]['latency'][kind][0]:.1f} / {results[b]['latency'][kind][1]:.1f}" for b in names
        ]
        lines.append(f"| {kind}: p50 / p95 ms | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="events to load (default 1,000,000)")
    parser.add_argument("--sample", type=int, default=20_000, help="events ingested 5 per article")
    parser.add_argument("--max-load-seconds", type=float, default=600, help="stop loading after this")
    parser.add_argument("--repeat", type=int, default=200, help="queries per kind")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    results = {}
    for name in args.backends.split(","):
        with backend_url(name, args.pg_url) as url, open_store(url) as store:
            print(f"{name}: loading …", flush=True)
            loaded = load(store, args.n, args.sample, args.max_load_seconds)
            if name == "postgresql":
                with store.engine.begin() as conn:
                    conn.exec_driver_sql("ANALYZE")
            results[name] = {"load": loaded, "latency": measure(store, args.repeat)}
    table = report(args.n, results)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table)


if __name__ == "__main__":
    main()
