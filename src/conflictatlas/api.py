"""The Python API: what the CLI and the HTTP API are thin shells over."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from conflictatlas.errors import ConflictAtlasError, InputError
from conflictatlas.model import Article, Event
from conflictatlas.pipeline import process_article
from conflictatlas.read import read_paths, read_text

log = logging.getLogger(__name__)


def as_date(value: date | str | None) -> date | None:
    """A date from an ISO string ("2016-03-27"), a date, or None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ConflictAtlasError(f"invalid date '{value}'", hint="use the form YYYY-MM-DD") from exc


def extract(
    text_or_html: str,
    *,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    article_id: str | None = None,
) -> list[Event]:
    """Events of one article given as text or HTML. `Event.to_record()` gives the flat ACLED-style record."""
    article = read_text(
        text_or_html, published=as_date(published), url=url, title=title, article_id=article_id
    )
    return process_article(article)


@dataclass
class RunStats:
    """What a multi-article run did, by outcome: shown in the CLI's summary line."""

    articles: int = 0
    events: int = 0
    failed: int = 0
    skipped: int = 0  # already stored
    problems: list[str] = field(default_factory=list)

    def record_failure(self, problem: InputError) -> None:
        """Count an input that could not be processed and log its one line."""
        self.failed += 1
        self.problems.append(str(problem))
        log.warning("%s", problem)


def process_paths(
    paths: Iterable[str | Path], *, published: date | None = None, stats: RunStats | None = None
) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) for every readable article; unreadable inputs are counted and logged, not raised."""
    stats = stats if stats is not None else RunStats()
    for item in read_paths(paths, published=published):
        if isinstance(item, InputError):
            stats.record_failure(item)
            continue
        try:
            events = process_article(item)
        except InputError as problem:
            stats.record_failure(problem)
            continue
        except Exception as exc:  # a bug on one odd page must not stop the run (batch does the same)
            source = item.path or item.id
            stats.record_failure(InputError(source, f"extraction failed ({type(exc).__name__}: {exc})"))
            continue
        if item.published is None:
            log.warning(
                "%s: no publication date: events are left undated (give --published)", item.path or item.id
            )
        stats.articles += 1
        stats.events += len(events)
        yield item, events
