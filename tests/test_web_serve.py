"""`conflictatlas serve` as users run it: several worker processes behind one port, each with the
command line's settings, answering kept-alive connections without Nagle's delay."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import time

import httpx
import pytest

from conflictatlas.store import open_store
from store_factories import make_article, make_event

ORIGIN = "https://elsewhere.example"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("serve") / "atlas.db")
    with open_store(db) as store:
        store.ingest(make_article("1"), [make_event("a", "art-1")])
    port = _free_port()
    command = [sys.executable, "-c", "from conflictatlas.cli import main; main()", "serve"]
    options = ["--db", db, "--port", str(port), "--workers", "2", "--cors-origin", ORIGIN]
    env = {k: v for k, v in os.environ.items() if k not in ("CONFLICTATLAS_DB", "CONFLICTATLAS_API_KEY")}
    process = subprocess.Popen([*command, *options], env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("conflictatlas serve --workers 2 did not start")
                time.sleep(0.2)
        yield process, base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_workers_serve_the_store_with_the_command_line_settings(server):
    process, base = server
    workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert len(workers) >= 2, workers  # the two workers (and multiprocessing's resource tracker)
    with httpx.Client(base_url=base) as client:
        assert client.get("/health").json()["events"] == 1
        assert [e["event_id"] for e in client.get("/events").json()["events"]] == ["evt-a"]
        assert (
            client.get("/events", headers={"Origin": ORIGIN}).headers["access-control-allow-origin"] == ORIGIN
        )
        refused = client.post("/articles", json={"text": "x"}, headers={"X-API-Key": "any"})
        assert refused.status_code == 403  # no key given: writes stay disabled in every worker


def test_kept_alive_connections_answer_without_nagle_delay(server):
    """Without TCP_NODELAY each answer waits ~40 ms for the client's delayed ACK (uvicorn's multi-worker
    socket); with it, a small answer on loopback takes about a millisecond."""
    _, base = server
    with httpx.Client(base_url=base) as client:
        client.get("/health")
        took = []
        for _ in range(15):
            began = time.perf_counter()
            client.get("/health").raise_for_status()
            took.append(time.perf_counter() - began)
    assert statistics.median(took) < 0.02, took
