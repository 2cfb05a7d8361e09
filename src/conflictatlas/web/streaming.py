"""Stream the export writers (`export.write_csv`, `write_geojson`) as an HTTP body.

The writers take a text file and run to the end; a response wants chunks as they come. So the writer
runs in a thread writing into a bounded queue, and the response iterates over the queue: memory stays
at a few chunks however large the export, and a client that hangs up stops the writer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import TextIO

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
