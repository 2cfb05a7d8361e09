"""HTTP API latency and throughput on 100,000 synthetic events, loopback only.

    python bench/api.py [--events 100000] [--seconds 5] [--concurrency 8] [--workers 2] [--db PATH]

Builds a SQLite store of synthetic events directly through `Store.ingest` (or reuses --db), serves it
as `conflictatlas serve --workers N` does, in a subprocess on 127.0.0.1, and drives each endpoint with
a concurrent httpx client for a fixed time. Targets: p95 < 100 ms and >= 200 requests/s for /events (a
page of 100, bbox + dates) and /events.geojson (same filters). The load average before and after is
reported beside the figures (the client shares the machine). Prints a table and writes
bench/results/api.md (or --out).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from conflictatlas.model import Article, Event, Evidence, Place
from conflictatlas.store import open_store

RESULTS = Path(__file__).parent / "results" / "api.md"
TYPES = [
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Mob violence", "Demonstrations"),
    ("Strategic developments", "Arrests", "Strategic developments"),
]
FIRST_DAY, DAYS = date(2016, 1, 1), 3 * 365
PER_ARTICLE = 500
TARGET_P95_MS, TARGET_RPS = 100, 200


def build_store(path: str, count: int) -> None:
    """`count` events spread over 3 years and 2,000 places between Morocco and Afghanistan."""
    rng = random.Random(7)
    places = [
        Place(
            f"Place {i}",
            rng.uniform(10, 40),
            rng.uniform(-10, 70),
            f"Country {i % 40}",
            100 + i % 40,
            "XX",
            admin1=f"Province {i % 300}",
            region="Middle East",
        )
        for i in range(2000)
    ]
    sentence = "Government forces clashed with rebels near the town on Sunday, killing 4 fighters."
    with open_store(path) as store:
        for a in range(0, count, PER_ARTICLE):
            article = Article(id=f"a{a}", text=f"Synthetic article {a}.", published=FIRST_DAY, language="en")
            events = []
            for i in range(a, min(a + PER_ARTICLE, count)):
                kind = TYPES[i % len(TYPES)]
                evidence = (Evidence("event_type", "clashed", 24, 31, sentence, 0, article.id),)
                events.append(
                    Event(
                        f"e{i:07}",
                        article.id,
                        FIRST_DAY + timedelta(rng.randrange(DAYS)),
                        1,
                        kind[2],
                        kind[0],
                        kind[1],
                        actor1="Military Forces of Country",
                        actor2="Rebels",
                        place=rng.choice(places),
                        fatalities=rng.choice((0, 0, 1, 2, 4, 12, 30)),
                        notes=f"Event {i}: {kind[1]}.",
                        confidence=0.7,
                        evidence=evidence,
                    )
                )
            store.ingest(article, events)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: str, port: int, workers: int) -> subprocess.Popen:
    """`conflictatlas serve --db DB --port PORT --workers N` (the command line, as users run it)."""
    command = [sys.executable, "-c", "from conflictatlas.cli import main; main()", "serve"]
    # A session of its own, so that stop_server() ends the workers with their supervisor.
    server = subprocess.Popen(
        [*command, "--db", db, "--port", str(port), "--workers", str(workers)], start_new_session=True
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            if time.monotonic() > deadline or server.poll() is not None:
                stop_server(server)
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)


def stop_server(server: subprocess.Popen) -> None:
    """End the server's process group (supervisor and workers); kill it if it lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def view(rng: random.Random) -> dict:
    """A map view's filters: a 10x10 degree box and a 90-day window."""
    lon, lat = rng.uniform(-10, 60), rng.uniform(10, 30)
    start = FIRST_DAY + timedelta(rng.randrange(DAYS - 90))
    return {
        "bbox": f"{lon:.2f},{lat:.2f},{lon + 10:.2f},{lat + 10:.2f}",
        "start": start.isoformat(),
        "end": (start + timedelta(89)).isoformat(),
    }


async def drive(base: str, path: str, params, seconds: float, concurrency: int, warmup: float = 0.5) -> dict:
    """Requests from `concurrency` clients for `seconds` (after `warmup` seconds); latencies in ms."""
    latencies: list[float] = []
    sizes: list[int] = []
    rng = random.Random(1)
    async with httpx.AsyncClient(
        base_url=base, timeout=30, limits=httpx.Limits(max_connections=concurrency)
    ) as client:

        async def worker(until: float, record: bool) -> None:
            while time.perf_counter() < until:
                began = time.perf_counter()
                response = await client.get(path, params=params(rng))
                response.raise_for_status()
                if record:
                    latencies.append((time.perf_counter() - began) * 1000)
                    sizes.append(len(response.content))

        await asyncio.gather(*(worker(time.perf_counter() + warmup, False) for _ in range(concurrency)))
        began = time.perf_counter()
        await asyncio.gather(*(worker(began + seconds, True) for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "p50": quantiles[49],
        "p95": quantiles[94],
        "rps": len(latencies) / elapsed,
        "kb": statistics.mean(sizes) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="seconds of unrecorded requests before each endpoint"
    )
    parser.add_argument("--workers", type=int, default=2, help="server processes (serve --workers)")
    parser.add_argument("--db", help="reuse (or create) this SQLite file instead of a temporary one")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--only", help="run only the endpoints whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        if not Path(db).exists():
            began = time.perf_counter()
            build_store(db, args.events)
            print(f"built {args.events} events in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        with open_store(db) as store:
            stored = store.counts()["events"]
        port = free_port()
        server = start_server(db, port, args.workers)
        load_before = os.getloadavg()
        try:
            cases = [
                ("/events (100, bbox + 90 days)", "/events", lambda rng: {**view(rng), "limit": 100}),
                ("/events.geojson (bbox + 90 days)", "/events.geojson", view),
                ("/map/cells (world, zoom 2, all)", "/map/cells", lambda rng: {"zoom": 2}),
                ("/map/cells (bbox + 90 days, zoom 5)", "/map/cells", lambda rng: {**view(rng), "zoom": 5}),
                ("/map/timeline (all)", "/map/timeline", lambda rng: {}),
            ]
            rows = []
            for name, path, params in cases:
                if args.only and args.only not in name:
                    continue
                result = asyncio.run(
                    drive(
                        f"http://127.0.0.1:{port}", path, params, args.seconds, args.concurrency, args.warmup
                    )
                )
                rows.append((name, result))
                print(f"{name}: {result}", file=sys.stderr)
        finally:
            load_after = os.getloadavg()
            stop_server(server)
    report(rows, stored, args, load_before, load_after)


def report(
    rows: list[tuple[str, dict]],
    stored: int,
    args: argparse.Namespace,
    load_before: tuple[float, ...],
    load_after: tuple[float, ...],
) -> None:
    loads = [" / ".join(f"{one:.2f}" for one in load[:2]) for load in (load_before, load_after)]
    lines = [
        f"# HTTP API benchmark\n\n{stored:,} synthetic events in SQLite; `conflictatlas serve --workers "
        f"{args.workers}` and an httpx client with {args.concurrency} concurrent requests on the same "
        f"{os.cpu_count()}-core machine, loopback, {args.seconds:g} s per endpoint after a {args.warmup:g} s "
        "warm-up. "
        f"Targets: p95 < {TARGET_P95_MS} ms, >= {TARGET_RPS} req/s for /events and /events.geojson. "
        f"Load average (1 / 5 min) before the run {loads[0]}, at its end {loads[1]}.\n",
        "| endpoint | requests | p50 ms | p95 ms | req/s | mean KB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['requests']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['rps']:.0f} | {r['kb']:.1f} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)


if __name__ == "__main__":
    main()
