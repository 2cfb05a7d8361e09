"""JSONL corpora → `Article`s, one per line: `{"id", "url", "title", "published", "text" | "html"}`.

The record's `id` becomes the Article's id, so every event can be traced back to the corpus record.
A bad line yields an InputError named `file.jsonl:17` and the next lines go on. The size limit applies
per line (one article), not to the file, which may hold a whole crawl; the file is streamed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from conflictatlas.errors import InputError
from conflictatlas.model import Article
from conflictatlas.read.html import article_from_html
from conflictatlas.read.source import DEFAULT_MAX_BYTES, decode_bytes, open_input
from conflictatlas.read.text import article_from_text

STRING_FIELDS = ("url", "title", "published", "text", "html")


def parse_published(value: str) -> date:
    """An ISO date or date-time ("2016-03-27", "2016-03-27T10:00:00Z") → its calendar date."""
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(f"'published' is not an ISO date: {value[:40]!r}") from None


def article_from_record(record: object, *, source: str, published: date | None = None) -> Article:
    """One decoded JSON record → Article; raises InputError naming `source` when the record is unusable."""
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    for name in STRING_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputError(source, f"'{name}' must be a string, got {type(record[name]).__name__}")
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        raise InputError(source, f"'id' must be a string or an integer, got {type(raw_id).__name__}")
    if published is None and record.get("published"):
        try:
            published = parse_published(record["published"])
        except ValueError as err:
            raise InputError(source, str(err), "use YYYY-MM-DD") from None
    fields = {
        "source": source,
        "published": published,
        "url": record.get("url") or None,
        "title": (record.get("title") or "").strip() or None,
        "article_id": None if raw_id in (None, "") else str(raw_id),
        "path": source,
    }
    if (record.get("text") or "").strip():
        return article_from_text(record["text"], **fields)
    if (record.get("html") or "").strip():
        return article_from_html(record["html"], **fields)
    raise InputError(source, "no 'text' or 'html' field with content")


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) pairs; None for a line longer than max_bytes, whose rest is skipped unread."""
    number = 0
    while line := handle.readline(max_bytes + 1):
        number += 1
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield number, line
            continue
        while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield number, None


def read_jsonl(
    path: Path, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Each non-blank line of a JSONL file → Article, or an InputError for that line."""
    try:
        handle = open_input(path)
    except InputError as err:
        yield err
        return
    with handle:
        seen = False
        for number, line in _lines(handle, max_bytes):
            source = f"{path}:{number}"
            if line is None:
                yield InputError(source, f"line longer than the size limit of {max_bytes:,} bytes")
                continue
            if not line.strip():
                continue
            seen = True
            yield _read_line(line, source=source, published=published)
        if not seen:
            yield InputError(str(path), "empty file", "nothing to read")


def _read_line(line: bytes, *, source: str, published: date | None) -> Article | InputError:
    try:
        record = json.loads(decode_bytes(line, source))
        return article_from_record(record, source=source, published=published)
    except json.JSONDecodeError as err:
        return InputError(source, f"not valid JSON ({err.msg} at column {err.colno})")
    except RecursionError:
        return InputError(source, "JSON nested too deeply")
    except InputError as err:
        return err
