"""WARC / WARC.gz crawl archives → `Article`s, one per HTML `response` record.

Other records (requests, metadata, images, PDFs, redirects) are skipped and counted by reason, so a
summary can say what a crawl held. A truncated or corrupt archive is read up to the damage, then one
InputError says where it stopped: the articles before it are still good.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from conflictatlas.errors import InputError
from conflictatlas.model import Article
from conflictatlas.read.html import article_from_html
from conflictatlas.read.source import DEFAULT_MAX_BYTES, decode_bytes, open_input

HTML_TYPES = ("text/html", "application/xhtml+xml")


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator without the multi-line note it writes to stderr for each record with a wrong
    Content-Length: it still counts them (`err_count`), and we report them in one line."""

    INC_RECORD = ""


def read_warc(
    path: Path,
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    crawl_date_fallback: bool = True,
    counts: Counter[str] | None = None,
) -> Iterator[Article | InputError]:
    """Each HTML response of the archive → Article (url from WARC-Target-URI), or an InputError.

    `crawl_date_fallback`: a page without a date of its own gets the crawl date (WARC-Date), counted as
    "crawl_date_used"; a news crawl fetches pages within days of publication, a general crawl does not.
    `counts` (optional) receives per-reason counts of the records: "article", "error", "skipped_*".
    """
    counts = Counter() if counts is None else counts
    pages = damaged = 0
    for page in _html_records(path, max_bytes, counts):
        if isinstance(page, InputError):
            damaged += 1
            yield page
            continue
        pages += 1
        result = _read_page(page, published, max_bytes, crawl_date_fallback, counts)
        counts["article" if isinstance(result, Article) else "error"] += 1
        yield result
    if not pages and not damaged:
        yield InputError(str(path), "no HTML response records in this archive")


@dataclass(frozen=True)
class _Page:
    """What an Article needs from one HTML response record, read out of warcio's lazy streams."""

    source: str
    url: str | None
    crawled: date | None
    content_type: str
    payload: bytes


def _html_records(path: Path, max_bytes: int, counts: Counter[str]) -> Iterator[_Page | InputError]:
    """The archive's HTML responses; other records counted as skipped; damage ends it with an InputError.

    Only warcio runs inside the `try`, so an error from our own code is never mistaken for damage.
    """
    try:
        handle = open_input(path)
    except InputError as err:
        yield err
        return
    records_seen = end = 0
    with handle:
        records = _QuietArchiveIterator(handle)
        try:
            for record in records:
                records_seen += 1
                skip = _skip_reason(record)
                payload = b"" if skip else record.content_stream().read(max_bytes + 1)
                complete = _drained(record)
                offset = records.get_record_offset()  # only valid once the record is read
                end = offset + records.get_record_length()
                if not complete:
                    yield InputError(f"{path}@{offset}", "archive truncated inside this record; stopped here")
                    return
                if skip:
                    counts[f"skipped_{skip}"] += 1
                    continue
                yield _Page(
                    source=f"{path}@{offset}",
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    crawled=_warc_date(record.rec_headers.get_header("WARC-Date")),
                    content_type=record.http_headers.get_header("Content-Type") or "",
                    payload=payload,
                )
        # warcio raises these (AttributeError/TypeError included) on bytes that are not, or no longer, WARC
        except (
            ArchiveLoadFailed,
            EOFError,
            OSError,
            ValueError,
            zlib.error,
            AttributeError,
            TypeError,
        ) as err:
            name = type(err).__name__
            if not records_seen:
                yield InputError(str(path), f"not a WARC archive ({name})")
            else:
                yield InputError(f"{path}@{end}", f"archive damaged after this offset ({name}); stopped here")
            return
        if records.err_count:
            reason = f"{records.err_count} record(s) with a wrong Content-Length; neighbours may be misread"
            yield InputError(str(path), reason)
        handle.seek(end)
        if handle.read(64).strip():  # warcio ends quietly when the file stops inside a record's headers
            yield InputError(f"{path}@{end}", "archive truncated inside a record's headers; stopped here")
        elif not records_seen:
            yield InputError(str(path), "empty archive")


def _drained(record: ArcWarcRecord) -> bool:
    """Read the record to its end; False when the file ends first (a truncated archive)."""
    while record.raw_stream.read(1 << 16):
        pass
    return getattr(record.raw_stream, "limit", 0) == 0


def _skip_reason(record: ArcWarcRecord) -> str | None:
    if record.rec_type != "response":
        return "not_response"
    if record.http_headers is None:
        return "not_http"
    if record.http_headers.get_statuscode() != "200":
        return "http_status"
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return None if content_type.startswith(HTML_TYPES) else "not_html"


def _read_page(
    page: _Page, published: date | None, max_bytes: int, crawl_date_fallback: bool, counts: Counter[str]
) -> Article | InputError:
    """The page's Article, or the InputError saying why not."""
    if len(page.payload) > max_bytes:
        return InputError(page.source, f"page larger than the size limit of {max_bytes:,} bytes")
    try:
        html = _decode(page.payload, page.content_type, page.source)
        article = article_from_html(
            html, source=page.source, published=published, url=page.url, path=page.source
        )
    except InputError as err:
        return err
    if article.published is None and crawl_date_fallback and page.crawled:
        counts["crawl_date_used"] += 1
        return replace(article, published=page.crawled)
    return article


def _decode(payload: bytes, content_type: str, source: str) -> str:
    """The charset the server declared when it decodes cleanly, else our own detection."""
    charset = content_type.lower().partition("charset=")[2].split(";")[0].strip().strip('"')
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(payload, source)


def _warc_date(value: str | None) -> date | None:
    try:
        return datetime.fromisoformat(value).date() if value else None
    except ValueError:
        return None
