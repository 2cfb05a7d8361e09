"""Stream exports as an HTTP body, in chunks, so that memory stays at a few chunks however large the
export is and a client that hangs up stops it.

`stream()` runs any export writer (`export.write_csv`, ...): the writers take a text file and run to
the end, so the writer runs in a thread writing into a bounded queue, and the response iterates over
the queue. `geojson_chunks()` is the GeoJSON of `export.write_geojson` built directly as bytes (the
map's download, several times faster than the writer's `json.dumps` per feature and a thread).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from conflictatlas.export import NESTED_FIELDS
from conflictatlas.web.responses import dumps

CHUNK_CHARS = 64 * 1024
_END = object()


class _Stopped(Exception):
    """The reader went away: unwinds the writer thread."""


class _QueueWriter:
    """The minimal text file the writers need: `write()` into chunks on a queue."""

    def __init__(self, chunks: queue.Queue, stop: threading.Event):
        self.chunks = chunks
        self.stop = stop
        self.buffer: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.buffer.append(text)
        self.size += len(text)
        if self.size >= CHUNK_CHARS:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.buffer:
            self.put("".join(self.buffer).encode("utf-8"))
            self.buffer, self.size = [], 0

    def put(self, item: object) -> None:
        while not self.stop.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Stopped


def stream(write: Callable[[TextIO], object]) -> Iterator[bytes]:
    """The bytes that `write(out)` writes, UTF-8 encoded, in chunks of about CHUNK_CHARS."""
    chunks: queue.Queue = queue.Queue(maxsize=4)
    stop = threading.Event()
    out = _QueueWriter(chunks, stop)

    def run() -> None:
        try:
            write(out)  # type: ignore[arg-type]
            out.flush()
            out.put(_END)
        except _Stopped:
            pass
        except Exception as exc:  # handed to the reader, which re-raises it
            out.put(exc)

    thread = threading.Thread(target=run, name="export-stream", daemon=True)
    thread.start()
    try:
        while (item := chunks.get()) is not _END:
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        stop.set()


def geojson_chunks(records: Iterable[dict]) -> Iterator[bytes]:
    """The FeatureCollection `export.write_geojson(records)` writes (same features, one per line: Points
    of the located records, properties without evidence), as UTF-8 chunks of about CHUNK_CHARS bytes."""
    parts = [b'{"type": "FeatureCollection", "features": [']
    size, separator = 0, b"\n"
    for record in records:
        longitude, latitude = record.get("longitude"), record.get("latitude")
        if latitude is None or longitude is None:
            continue
        feature = dumps(
            {
                "type": "Feature",
                "id": record["event_id"],
                "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                "properties": {k: v for k, v in record.items() if k not in NESTED_FIELDS},
            }
        )
        parts += (separator, feature)
        separator = b",\n"
        size += len(feature) + 2
        if size >= CHUNK_CHARS:
            yield b"".join(parts)
            parts, size = [], 0
    parts.append(b"\n]}\n")
    yield b"".join(parts)
