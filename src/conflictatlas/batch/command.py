"""`conflictatlas batch`: the CLI shell over `run_tasks` and `load`, with a progress bar on stderr.

Registered in cli.py with `app.command("batch")(batch)`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from conflictatlas.api import as_date
from conflictatlas.batch.engines import ENGINES, Job
from conflictatlas.batch.run import BatchStats, load, run_tasks
from conflictatlas.batch.task import ARTICLE_TIMEOUT
from conflictatlas.errors import ConflictAtlasError
from conflictatlas.store import Store, open_store
from conflictatlas.terminal import counted, err


def _found(stats: BatchStats) -> str:
    return f"{counted(stats.articles, 'article')}, {counted(stats.events, 'event')}"


def _rates(progress: Progress, task: TaskID, stats: BatchStats, started: float) -> None:
    elapsed = max(time.perf_counter() - started, 1e-6)
    progress.update(
        task,
        rates=f"{stats.files_done / elapsed:.2f} files/s, {stats.articles / elapsed:.1f} articles/s, "
        f"{stats.events / elapsed:.1f} events/s",
        totals=f"{_found(stats)}, {stats.failed} failed",
    )


def _columns() -> tuple:
    return (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[totals]}"),
        TextColumn("[dim]{task.fields[rates]}"),
    )


def batch(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories: WARC, .jsonl, .html, .txt.")],
    out: Annotated[Path, typer.Option("--out", help="Directory of the Parquet files (one per input).")],
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or ray.")] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster address (default: Ray on this machine).")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes (local Ray CPUs).")] = 2,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Retries of a failed task.")] = 2,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Store URL or SQLite path (default: $CONFLICTATLAS_DB or ./atlas.db)."),
    ] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for every input.")
    ] = None,
    article_timeout: Annotated[
        float,
        typer.Option(
            "--article-timeout", min=0, help="Seconds an article may take before it is skipped (0: no limit)."
        ),
    ] = ARTICLE_TIMEOUT,
) -> None:
    """Extract events from many files in parallel (one task per file, one Parquet file each), then store
    them. A re-run skips finished files and retries the others."""
    if engine not in ENGINES:
        err.print(f"[red]error[/]: unknown engine '{engine}' (use {' or '.join(ENGINES)})", soft_wrap=True)
        raise typer.Exit(code=1)
    stats = BatchStats()
    try:
        job = Job(
            out,
            as_date(published),
            workers=workers,
            max_retries=retries,
            address=address,
            article_timeout=article_timeout or None,
        )
        store = open_store(db)
        with Progress(*_columns(), console=err, transient=not err.is_terminal) as progress:
            files = progress.add_task("files", total=None, totals="", rates="")
            started = time.perf_counter()
            for report in run_tasks(paths, job, engine, stats):
                progress.update(files, total=stats.files, advance=1)
                _rates(progress, files, stats, started)
                for problem in report.problems:
                    progress.console.print(f"[yellow]warning[/]: {escape(problem)}", soft_wrap=True)
            loading = progress.add_task("store", total=stats.articles, totals="", rates="")
            load(paths, job.out_dir, store, stats, lambda n: progress.update(loading, advance=n))
        counts = store.counts()
    except ConflictAtlasError as exc:
        err.print(f"[red]error[/]: {exc}", soft_wrap=True)
        raise typer.Exit(code=1) from None
    _summary(stats, store, counts)
    if stats.articles == 0:
        raise typer.Exit(code=1)


def _summary(stats: BatchStats, store: Store, counts: dict[str, int]) -> None:
    err.print(
        f"{counted(stats.files, 'file')} ({stats.files_done} done, {stats.files_skipped} already done, "
        f"{stats.files_failed} failed), {_found(stats)}, "
        f"{counted(stats.failed, 'input')} failed; {counted(stats.stored, 'article')} stored, "
        f"{stats.already_stored} already stored",
        soft_wrap=True,
    )
    where = store.engine.url.render_as_string(hide_password=True)
    totals = f"{counted(counts['articles'], 'article')}, {counted(counts['events'], 'event')}"
    err.print(f"store {where}: {totals}", soft_wrap=True)
