"""Readers: files, directories and strings → `Article`s, one bad input never stopping a batch.

`read_paths` yields an `InputError` in place of each input it cannot read, so the caller counts and
prints it and goes on; `read_text` is the Python API for one string and raises its InputError.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from conflictatlas.errors import InputError
from conflictatlas.model import Article
from conflictatlas.read.html import article_from_html, read_html_file
from conflictatlas.read.jsonl import read_jsonl
from conflictatlas.read.source import DEFAULT_MAX_BYTES, looks_like_html, open_input
from conflictatlas.read.text import article_from_text, read_text_file

__all__ = ["DEFAULT_MAX_BYTES", "read_paths", "read_text"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
WARC_SUFFIXES = (".warc", ".warc.gz")  # two-part: matched on the file name, not Path.suffix
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def read_text(
    text_or_html: str,
    *,
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
    article_id: str | None = None,
) -> Article:
    """One article given as a string, HTML or plain text (detected); raises InputError if it has no text."""
    fields = {"published": published, "url": url, "title": title, "article_id": article_id}
    if not text_or_html.strip():
        raise InputError("<text>", "empty text", "nothing to read")
    if looks_like_html(text_or_html):
        return article_from_html(text_or_html, source="<text>", **fields)
    return article_from_text(text_or_html, source="<text>", **fields)


def read_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    counts: Counter[str] | None = None,
) -> Iterator[Article | InputError]:
    """Articles from files and directories (recursively, in sorted order), InputErrors for what fails.

    Directories contribute their .txt/.text/.md, .html/.htm, .jsonl/.ndjson and .warc/.warc.gz files
    (hidden ones skipped); a file named explicitly with another extension is sniffed. `published` sets
    every article's date; `max_bytes` limits one article (one file, JSONL line or WARC record);
    `counts` receives the WARC record counts (records skipped by reason, crawl dates used).
    """
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files = supported_files(path)
            if not files:
                yield InputError(str(path), "no supported files in this directory", _supported_hint())
            for file in files:
                yield from _read_file(file, published, max_bytes, counts)
        else:
            yield from _read_file(path, published, max_bytes, counts)


def _supported_hint() -> str:
    return "expected " + ", ".join(sorted(SUPPORTED | set(WARC_SUFFIXES)))


def supported_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*")
        if (p.suffix.lower() in SUPPORTED or p.name.lower().endswith(WARC_SUFFIXES))
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def _read_file(
    path: Path, published: date | None, max_bytes: int, counts: Counter[str] | None
) -> Iterator[Article | InputError]:
    kind = _kind(path)
    if kind == "warc":
        from conflictatlas.read.warc import read_warc  # warcio is needed only for crawl archives

        yield from read_warc(path, published=published, max_bytes=max_bytes, counts=counts)
    elif kind == "jsonl":
        yield from read_jsonl(path, published=published, max_bytes=max_bytes)
    elif kind == "html":
        yield read_html_file(path, published=published, max_bytes=max_bytes)
    else:
        yield read_text_file(path, published=published, max_bytes=max_bytes)


def _kind(path: Path) -> str:
    """The reader for a file: by extension, else by its first 4 KB ("WARC/" means WARC, a first line that
    is a JSON object JSONL, a start like an HTML page HTML). Unreadable files go to the text reader, which
    reports why.
    """
    suffix = path.suffix.lower()
    if path.name.lower().endswith(WARC_SUFFIXES):
        return "warc"
    if suffix in SUPPORTED:
        return "jsonl" if suffix in JSONL_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    try:
        with open_input(path) as handle:
            head = handle.read(4096)
    except (InputError, OSError):
        return "text"
    if head.startswith(b"WARC/"):
        return "warc"
    first_line = head.lstrip().split(b"\n", 1)[0].rstrip()
    if first_line.startswith(b"{") and first_line.endswith(b"}"):
        return "jsonl"
    return "html" if looks_like_html(head.decode("utf-8", errors="replace")) else "text"
