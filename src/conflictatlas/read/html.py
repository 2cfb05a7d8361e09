"""HTML pages → `Article`, with trafilatura for the main text and the page's own metadata.

trafilatura drops CSS, menus, share buttons and author boxes; our residue cutter then removes what a
site's template still lets through. Dates come from the page's metadata only (htmldate without
"extensive search"), because the extensive guess turns a "© 2016" footer into 2016-01-01, and a wrong
publication date silently shifts every relative date ("on Sunday") of every event in the article.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import trafilatura

from conflictatlas.errors import InputError
from conflictatlas.model import Article
from conflictatlas.read.clean import clean_text
from conflictatlas.read.source import DEFAULT_MAX_BYTES, decode_bytes, read_file
from conflictatlas.read.text import new_article, require_words

LOG = logging.getLogger(__name__)

# htmldate on metadata only (article:published_time, JSON-LD, <time>, URL); original_date prefers the
# first publication over "updated" dates.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _page_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def article_from_html(
    html: str,
    *,
    source: str,
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
    article_id: str | None = None,
    path: str | None = None,
) -> Article:
    """The page's main text and metadata as an Article; raises InputError when the page has no text.

    Arguments given by the caller (a JSONL record's url and title, a CLI date) win over the page's own.
    """
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params=DATE_PARAMS,
        )
    # trafilatura and lxml raise many kinds of errors on hostile markup; one page must not stop a batch.
    except Exception as err:  # noqa: BLE001
        LOG.debug("trafilatura failed on %s", source, exc_info=True)
        raise InputError(source, f"cannot parse the HTML ({type(err).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "no article text found in the HTML page", "is it a page with a body?")
    text = clean_text(doc.text, find_title=False).text
    if not text:
        raise InputError(source, "no article text left after removing page residue")
    require_words(text, source)
    return new_article(
        text,
        title=title or doc.title,
        article_id=article_id,
        url=url or doc.url,
        published=published or _page_date(doc.date),
        source=doc.sitename or doc.hostname,
        path=path,
    )


def read_html_bytes(data: bytes, *, source: str, published: date | None = None) -> Article | InputError:
    """Bytes of an HTML file → Article, or the InputError saying why not (never raises on bad input)."""
    try:
        html = decode_bytes(data, source)
        return article_from_html(html, source=source, published=published, path=source)
    except InputError as err:
        return err


def read_html_file(
    path: Path, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article | InputError:
    """An HTML file → Article, or the InputError saying why not."""
    return read_file(path, read_html_bytes, published=published, max_bytes=max_bytes)
