"""Stream exports as an HTTP body, in chunks, so that memory stays at a few chunks however large the
export is and a client that hangs up stops it.

`stream()` runs any export writer (`export.write_csv`, ...): the writers take a text file and run to
the end, so the writer runs in a thread writing into a bounded queue, and the response iterates over
the queue. `geojson()` is the GeoJSON of `export.write_geojson` from features the database builds
(`Store.features`), a store page at a time (the map's download: many times faster than the writer's
`json.dumps` per feature).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TextIO

from conflictatlas.store import EventFilter, Store
from conflictatlas.store.base import EXPORT_PAGE
from conflictatlas.web.deps import read

CHUNK_CHARS = 64 * 1024
_GEOJSON_HEAD = b'{"type": "FeatureCollection", "features": ['
_GEOJSON_TAIL = b"\n]}\n"
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


def geojson(store: Store, selection: EventFilter) -> AsyncIterator[bytes]:
    """The FeatureCollection `export.write_geojson` writes of the selection's records (the same features:
    Points of the located records, properties without evidence, one per line), one chunk per store
    page.

    Each page is read in one `read()` call on the thread pool (one hop per EXPORT_PAGE records, nothing
    of it on the event loop)."""

    async def chunks() -> AsyncIterator[bytes]:
        cursor, written = None, 0
        while True:
            body, cursor, written = await read(_geojson_page, store, selection, cursor, written)
            yield body
            if cursor is None:
                return

    return chunks()


def _geojson_page(
    store: Store, selection: EventFilter, cursor: str | None, written: int
) -> tuple[bytes, str | None, int]:
    """The bytes of the page after `cursor` (None: the first, after the head; the last ends with the
    tail), the next page's cursor, and how many features are written with this page's."""
    parts = [_GEOJSON_HEAD] if cursor is None else []
    features, cursor = store.features(selection, limit=EXPORT_PAGE, cursor=cursor)
    if features:
        parts.append(((",\n" if written else "\n") + ",\n".join(features)).encode("utf-8"))
    if cursor is None:
        parts.append(_GEOJSON_TAIL)
    return b"".join(parts), cursor, written + len(features)
