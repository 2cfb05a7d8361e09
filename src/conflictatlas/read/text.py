"""Plain-text articles (.txt, .md, text given to the Python API) → `Article`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from conflictatlas.errors import InputError
from conflictatlas.lang import detect_language
from conflictatlas.model import Article, stable_hash
from conflictatlas.read.clean import clean_text
from conflictatlas.read.source import DEFAULT_MAX_BYTES, decode_bytes, read_file

_SPACE = re.compile(r"\s")
_LETTER = re.compile(r"[^\W\d_]")
MIN_LETTER_SHARE = 0.3  # news prose is ~80% letters; below this it is a table, a code dump or junk
MIN_WORDS = 3  # "Home" left over from a menu is not an article; "Rebels seize Osk" may be one
MIN_CHARS = 20
HEADER_LINES = 6  # header fields are looked for this far down, under a title line
_HEADER = re.compile(r"^(?P<key>published|date|source|url)\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
_OUTLET = re.compile(
    r"^(?P<name>[^(]+)\((?P<url>https?://[^)\s]+)\)\s*$"
)  # ...and 20 characters of Chinese or Japanese (no spaces between words) may be one too


def require_words(text: str, source: str) -> None:
    """Refuse text that is too short, or mostly digits, symbols or mis-decoded junk: no events in it."""
    if len(text.split()) < MIN_WORDS and len(text) < MIN_CHARS:
        raise InputError(source, f"too little text ({text[:MIN_CHARS]!r})")
    visible = len(text) - len(_SPACE.findall(text))
    if len(_LETTER.findall(text)) < MIN_LETTER_SHARE * visible:
        raise InputError(source, "hardly any letters: not article text")


def new_article(
    text: str,
    *,
    title: str | None = None,
    article_id: str | None = None,
    url: str | None = None,
    published: date | None = None,
    source: str | None = None,
    path: str | None = None,
) -> Article:
    """An Article with a deterministic id (a hash of title and text when none is given), its language,
    and the URL's host as source when the outlet is not named."""
    return Article(
        id=article_id or "sha-" + stable_hash(title or "", text),
        text=text,
        title=title,
        url=url,
        published=published,
        language=detect_language(f"{title or ''}\n{text}"),
        source=source or _host(url),
        path=path,
    )


def _host(url: str | None) -> str | None:
    """The site's host as the outlet's name when nothing better is known ("www." dropped)."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def article_from_text(
    raw: str,
    *,
    source: str,
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
    article_id: str | None = None,
    path: str | None = None,
) -> Article:
    """Clean the text and build its Article; raises InputError when no article text is left.

    Leading header lines ("Published: 2019-06-17", "Source: Outlet (https://...)") give the date,
    the outlet and the URL when the caller did not; they are not part of the text."""
    header, raw = split_header(raw)
    published = published or header.get("published")
    url = url or header.get("url")
    cleaned = clean_text(raw, find_title=title is None)
    if not cleaned.text:
        raise InputError(source, "no article text left after removing page residue")
    require_words(cleaned.text, source)
    return new_article(
        cleaned.text,
        title=title or cleaned.title,
        article_id=article_id,
        url=url,
        published=published,
        source=header.get("source"),
        path=path,
    )


def _header_value(key: str, value: str) -> dict:
    """Fields of one header line; a date we cannot read is left out, not guessed."""
    if key in {"published", "date"}:
        try:
            return {"published": date.fromisoformat(value[:10])}
        except ValueError:
            return {}
    if key == "url":
        return {"url": value}
    outlet = _OUTLET.match(value)
    return (
        {"source": outlet.group("name").strip(), "url": outlet.group("url")} if outlet else {"source": value}
    )


def split_header(raw: str) -> tuple[dict, str]:
    """Header fields among the first lines of a text file, and the text without those lines."""
    lines = raw.splitlines(keepends=True)
    fields: dict = {}
    kept = []
    for number, line in enumerate(lines):
        match = _HEADER.match(line.strip()) if number < HEADER_LINES else None
        if match:
            fields.update(_header_value(match.group("key").lower(), match.group("value").strip()))
        else:
            kept.append(line)
    return fields, "".join(kept)


def read_text_bytes(data: bytes, *, source: str, published: date | None = None) -> Article | InputError:
    """Bytes of a text file → Article, or the InputError saying why not (never raises on bad input)."""
    try:
        return article_from_text(decode_bytes(data, source), source=source, published=published, path=source)
    except InputError as err:
        return err


def read_text_file(
    path: Path, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article | InputError:
    """A plain-text file → Article, or the InputError saying why not."""
    return read_file(path, read_text_bytes, published=published, max_bytes=max_bytes)
