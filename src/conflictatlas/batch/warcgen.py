"""Synthetic crawl archives for tests and benchmarks: our articles inside realistic web pages and records.

A real news crawl holds far more than articles: request and metadata records, robots.txt, images, JSON,
redirects, and mostly pages that are not about conflict. These archives reproduce that mix from our own
example articles (`examples/`, `bench/corpus/merge/`) and generated filler (`filler.py`), so the reader,
the pre-filter and the batch engines are exercised as on a crawl, with nothing copied from the web.
"""

from __future__ import annotations

import html
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from urllib.parse import quote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conflictatlas.batch.filler import filler_article
from conflictatlas.model import Article
from conflictatlas.read import read_paths

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(20)
SECTIONS = ("World", "Africa", "Middle East", "Business", "Sport", "Culture", "Opinion")


@dataclass(frozen=True)
class Page:
    """One article to be served as a web page."""

    url: str
    title: str
    text: str
    published: date | None
    language: str = "en"


def example_pages(sources: Sequence[Path]) -> list[Page]:
    """Our articles (files or directories readable by `read_paths`) as pages, one per readable article."""
    pages = []
    for number, item in enumerate(read_paths(sources)):
        if isinstance(item, Article):
            url = item.url or f"https://news-{number % 7}.example.org/story/{item.id}"
            pages.append(
                Page(url, item.title or item.text[:60], item.text, item.published, item.language or "en")
            )
    return pages


def filler_page(seed: int) -> Page:
    """A generated sport, business or culture article as a page."""
    article = filler_article(seed)
    url = f"https://daily-{seed % 5}.example.com/{article.kind}/{article.published:%Y/%m/%d}/{article.id}"
    return Page(url, article.title, article.text, article.published, article.language)


def render(page: Page, rng: random.Random) -> bytes:
    """The page as a news site serves it: navigation, byline, share buttons, related links, footer."""
    site = urlsplit(page.url).hostname or "news.example.org"
    day = page.published.isoformat() if page.published else ""
    paragraphs = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in page.text.split("\n") if p.strip())
    nav = "".join(f'<li><a href="/{s.lower().replace(" ", "-")}">{s}</a></li>' for s in SECTIONS)
    related = "".join(
        f'<li><a href="/story/{rng.randrange(10**6)}">More from {s}</a></li>' for s in SECTIONS[:4]
    )
    date_meta = f'<meta property="article:published_time" content="{day}T08:00:00Z">' if day else ""
    return f"""<!DOCTYPE html>
<html lang="{page.language}"><head><meta charset="utf-8">
<title>{html.escape(page.title)} | {site}</title>
<meta property="og:title" content="{html.escape(page.title, quote=True)}">{date_meta}
<link rel="canonical" href="{html.escape(page.url, quote=True)}">
<style>body{{font-family:serif}} .share a{{margin:4px}}</style></head>
<body><div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><a class="logo" href="/">{site}</a><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{html.escape(page.title)}</h1>
<p class="byline">By our correspondent</p><time datetime="{day}">{day}</time>
{paragraphs}
<div class="share"><a href="#">Share on Facebook</a><a href="#">Share on X</a><a href="#">Email this</a></div>
</article>
<aside><h2>Most read</h2><ul>{related}</ul>
<div class="newsletter">Sign up for our newsletter</div></aside></main>
<footer><p>&copy; {site}. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>""".encode()


class _Archive:
    """A WARC writer that adds the records a crawler writes around every fetch."""

    def __init__(self, handle, gzip: bool):
        self.writer = WARCWriter(handle, gzip=gzip)
        self.writer.write_record(
            self.writer.create_warcinfo_record("synthetic.warc", {"software": "warcgen"})
        )

    def fetch(
        self, url: str, status: str, content_type: str, body: bytes, when: date | None, **extra
    ) -> None:
        url = quote(url, safe=":/?=&%#")  # an IRI from a page becomes a URI, as a crawler records it
        stamp = f"{when or date(2024, 1, 1)}T09:30:00Z"
        headers = [("Content-Type", content_type), *extra.items()]
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        fields = {"WARC-Date": stamp}
        request = StatusAndHeaders(
            f"GET {urlsplit(url).path or '/'} HTTP/1.1", [("Host", urlsplit(url).netloc)]
        )
        self.writer.write_record(
            self.writer.create_warc_record(url, "request", http_headers=request, warc_headers_dict=fields)
        )
        record = self.writer.create_warc_record(
            url, "response", payload=BytesIO(body), http_headers=http, warc_headers_dict=fields
        )
        self.writer.write_record(record)
        meta = BytesIO(b"fetchTimeMs: 112\r\noutlinks: 42\r\n")
        self.writer.write_record(
            self.writer.create_warc_record(
                url,
                "metadata",
                payload=meta,
                warc_content_type="application/warc-fields",
                warc_headers_dict=fields,
            )
        )


def write_warc(path: Path, pages: Iterable[Page], *, seed: int = 0, gzip: bool | None = None) -> int:
    """Write `pages` as one archive with non-article records between them; how many pages were written.
    Compressed when the name ends in .gz (unless `gzip` says otherwise)."""
    rng = random.Random(seed)
    gzip = path.name.endswith(".gz") if gzip is None else gzip
    count = 0
    with path.open("wb") as handle:
        archive = _Archive(handle, gzip)
        for page in pages:
            host = f"https://{urlsplit(page.url).netloc}"
            if rng.random() < 0.3:
                archive.fetch(
                    f"{host}/robots.txt",
                    "200 OK",
                    "text/plain",
                    b"User-agent: *\nDisallow: /search\n",
                    page.published,
                )
            if rng.random() < 0.3:
                archive.fetch(
                    f"{host}/img/{rng.randrange(10**6)}.png", "200 OK", "image/png", PNG, page.published
                )
            if rng.random() < 0.2:
                body = b'{"trending": [1, 2, 3], "weather": "sunny"}'
                archive.fetch(f"{host}/api/widgets.json", "200 OK", "application/json", body, page.published)
            if rng.random() < 0.2:
                archive.fetch(
                    page.url.replace("https://", "http://"),
                    "301 Moved Permanently",
                    "text/html",
                    b"",
                    page.published,
                    Location=page.url,
                )
            archive.fetch(page.url, "200 OK", "text/html; charset=utf-8", render(page, rng), page.published)
            count += 1
    return count


def mixed_pages(conflict: Sequence[Page], total: int, conflict_share: float, seed: int = 0) -> list[Page]:
    """`total` pages, `conflict_share` of them (rounded, at least one when the share is positive) taken in
    turn from `conflict` (copies get their own URL), the rest generated filler, shuffled reproducibly."""
    rng = random.Random(seed)
    wanted = max(1, round(total * conflict_share)) if conflict_share > 0 else 0
    pages = []
    for number in range(min(wanted, total)):
        page = conflict[number % len(conflict)]
        copy = number // len(conflict)
        pages.append(
            Page(
                f"{page.url}?copy={copy}" if copy else page.url,
                page.title,
                page.text,
                page.published,
                page.language,
            )
        )
    pages += [filler_page(seed * 1_000_003 + n) for n in range(total - len(pages))]
    rng.shuffle(pages)
    return pages


def write_corpus(
    out_dir: Path, pages: Sequence[Page], files: int, *, seed: int = 0, gzip: bool = True
) -> list[Path]:
    """Split `pages` over `files` archives `crawl-00000.warc.gz`, ...; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = ".warc.gz" if gzip else ".warc"
    paths = []
    for index in range(files):
        path = out_dir / f"crawl-{index:05d}{suffix}"
        write_warc(path, pages[index::files], seed=seed + index, gzip=gzip)
        paths.append(path)
    return paths
