"""One task = one input file → one Parquet file of its articles and events (DataTrove's shape).

The task is a plain function so that any engine (a local process pool, Ray) runs the very same code,
and it runs the very same per-article function as `conflictatlas extract`. The finished Parquet file is
the task's completion marker: a re-run skips inputs whose file exists and redoes the others.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from conflictatlas import pipeline
from conflictatlas.batch.records import AtomicParquet, FileReport, read_report
from conflictatlas.errors import InputError
from conflictatlas.model import Article, Event, stable_hash
from conflictatlas.read import read_paths, supported_files

Extract = Callable[[Article], list[Event]]
#: seconds one article may take before it is skipped: a pathological page must not hold a crawl file
ARTICLE_TIMEOUT = 120.0


class ArticleTimeout(Exception):
    """An article took longer than its time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `ArticleTimeout` after `seconds` of wall time. Works in a worker's main thread (process pool
    and Ray tasks run there); elsewhere, or on systems without SIGALRM, there is no limit."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    if not seconds or not hasattr(signal, "setitimer") or not in_main_thread:
        yield
        return

    def expire(signum, frame) -> None:
        raise ArticleTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def input_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files of a run, in the order `ingest` reads them (directories expanded, recursively, sorted)."""
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        files += supported_files(path) if path.is_dir() else [path]
    return files


def output_path(out_dir: Path, source: Path) -> Path:
    """`<name>-<hash of the absolute path>.parquet`: named after the input, unique across directories."""
    return out_dir / f"{source.name}-{stable_hash(str(source.resolve()), length=12)}.parquet"


def process_article(article: Article) -> list[Event]:
    """The default per-article function: the pipeline's, looked up at call time (so a hook added to
    `pipeline.process_article` applies in workers too)."""
    return pipeline.process_article(article)


def process_file(
    source: str,
    out_dir: str,
    published: date | None = None,
    extract: Extract = process_article,
    article_timeout: float | None = ARTICLE_TIMEOUT,
) -> FileReport:
    """Read one input file, extract every article, write its Parquet file; never raises for bad input.

    Unreadable articles, articles the extractor fails on and articles that take longer than
    `article_timeout` seconds are counted and named in the report; an exception outside them (a full
    disk, a killed worker) fails the task, which the engine retries."""
    target = output_path(Path(out_dir), Path(source))
    if target.exists():
        report = read_report(target)
        report.skipped = True
        return report
    started = time.perf_counter()
    report = FileReport(input=source, output=str(target))
    counts: Counter[str] = Counter()
    writer = AtomicParquet(target)
    try:
        for item in read_paths([source], published=published, counts=counts):
            _one(item, extract, writer, report, article_timeout)
        report.counts = dict(counts)
        report.seconds = round(time.perf_counter() - started, 3)
        writer.commit(report)
    except BaseException:
        writer.abort()
        raise
    return report


def _one(
    item: Article | InputError,
    extract: Extract,
    writer: AtomicParquet,
    report: FileReport,
    timeout: float | None,
) -> None:
    """Extract one article into the file; a failure is one line in the report, never the end of the file."""
    if isinstance(item, InputError):
        report.failed += 1
        report.problems.append(str(item))
        return
    try:
        with time_limit(timeout):
            events = extract(item)
    except ArticleTimeout as late:
        report.failed += 1
        report.problems.append(f"{item.path or item.id}: skipped, extraction {late}")
        return
    except InputError as problem:
        report.failed += 1
        report.problems.append(str(problem))
        return
    except Exception as exc:  # a bug on one odd page must not cost the rest of a crawl file
        report.failed += 1
        report.problems.append(f"{item.path or item.id}: extraction failed ({type(exc).__name__}: {exc})")
        return
    writer.add(report.articles, item, events)
    report.articles += 1
    report.events += len(events)
