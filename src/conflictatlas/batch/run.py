"""A whole batch run: inputs → one task per file on an engine → Parquet files → the store.

Loading happens after every task has finished, file by file in input order, so the store ends up
exactly as `ingest` leaves it on the same inputs (an event seen in several articles keeps the fields of
the first one), whatever the engine and whichever task finished first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from conflictatlas.batch.engines import RUNNERS, Job
from conflictatlas.batch.records import FileReport, read_results
from conflictatlas.batch.task import input_files, output_path
from conflictatlas.errors import ConflictAtlasError
from conflictatlas.store import Store


@dataclass
class BatchStats:
    """What a run did: files by outcome, articles and events extracted, what the store took."""

    files: int = 0
    files_done: int = 0
    files_skipped: int = 0  # finished by an earlier run
    files_failed: int = 0
    articles: int = 0
    events: int = 0
    failed: int = 0  # unreadable inputs and articles, failed tasks
    stored: int = 0  # articles new to the store
    already_stored: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, report: FileReport) -> None:
        if report.output:
            self.files_skipped += report.skipped
            self.files_done += not report.skipped
        else:
            self.files_failed += 1
        self.articles += report.articles
        self.events += report.events
        self.failed += report.failed
        self.problems += report.problems


def clean_temporary(out_dir: Path) -> int:
    """Remove what crashed tasks of earlier runs left (hidden `.*.tmp` files); how many were removed."""
    stale = list(out_dir.glob(".*.parquet.*.tmp"))
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def run_tasks(
    paths: Sequence[str | Path], job: Job, engine: str = "local", stats: BatchStats | None = None
) -> Iterator[FileReport]:
    """Run one task per input file; yields each file's report as it finishes. Missing inputs are reported
    without a task (a later run retries them)."""
    if engine not in RUNNERS:
        raise ConflictAtlasError(f"unknown engine '{engine}'", hint=f"use one of: {', '.join(RUNNERS)}")
    stats = stats if stats is not None else BatchStats()
    job.out_dir.mkdir(parents=True, exist_ok=True)
    clean_temporary(job.out_dir)
    files = input_files(paths)
    stats.files = len(files)
    present = [f for f in files if f.is_file()]
    for missing in (f for f in files if not f.is_file()):
        report = FileReport(input=str(missing), failed=1, problems=[f"{missing}: no such file"])
        stats.add(report)
        yield report
    if present:
        _build_gazetteer_once()
    for report in RUNNERS[engine](present, job):
        stats.add(report)
        yield report


def _build_gazetteer_once() -> None:
    """Build the gazetteer index here, before the workers start, so they do not all build it at once."""
    from conflictatlas.geo.gazetteer import ensure_built

    ensure_built()


def load(
    paths: Sequence[str | Path],
    out_dir: Path,
    store: Store,
    stats: BatchStats,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Ingest the Parquet files of `paths` in input order (idempotent: stored articles are left alone)."""
    for source in input_files(paths):
        target = output_path(out_dir, source)
        if not target.exists():
            continue
        count = 0
        for article, events in read_results(target):
            if store.ingest(article, events):
                stats.stored += 1
            else:
                stats.already_stored += 1
            count += 1
        if progress:
            progress(count)
