"""Engines that run `process_file` over many inputs: a local process pool (default) or Ray.

Both run one task per input file, load the spaCy pipeline once per worker process (`get_nlp` caches it
per process, and worker processes are reused across tasks), retry a failed task up to `max_retries`
times, and yield one `FileReport` per input as tasks finish. A task that still fails is reported as a
failed input; it never stops the run.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from conflictatlas.batch.records import FileReport
from conflictatlas.batch.task import ARTICLE_TIMEOUT, Extract, output_path, process_article, process_file
from conflictatlas.errors import ConflictAtlasError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """What every task of a run shares."""

    out_dir: Path
    published: date | None = None
    extract: Extract = process_article
    workers: int = 2
    max_retries: int = 2
    address: str | None = None  # Ray only: a cluster's address; None starts Ray on this machine
    article_timeout: float | None = ARTICLE_TIMEOUT  # seconds per article; None: no limit

    def __post_init__(self) -> None:
        # Workers may run elsewhere (another directory, another machine on a shared file system).
        object.__setattr__(self, "out_dir", Path(self.out_dir).resolve())


def warm_up(languages: Sequence[str] | None = None) -> None:
    """Ready a new worker before its first task: run one short report per language (default: each
    with a trained pipeline) through the whole pipeline, which loads the spaCy pipelines, compiles the
    patterns and opens the gazetteer. Otherwise each worker pays them inside its first tasks (a French model
    alone takes seconds), and two workers pay twice what one does."""
    from conflictatlas.knowledge import load_json
    from conflictatlas.model import Article
    from conflictatlas.nlp import trained_languages
    from conflictatlas.pipeline import process_article as pipeline_article

    samples = load_json("warm_up.json")
    for language in languages or trained_languages():
        if language in samples:
            try:
                pipeline_article(Article(id=f"warm-up-{language}", text=samples[language], language=language))
            except Exception as exc:  # only a head start: the tasks load what they need and report errors
                log.warning("warm-up in %s failed (%s: %s); continuing", language, type(exc).__name__, exc)


# Ray runs `warm_up` in each worker process when it starts, before any task is scheduled on it.
RAY_RUNTIME_ENV = {"worker_process_setup_hook": f"{__name__}.warm_up"}


def _arguments(source: Path, job: Job) -> tuple:
    """`process_file`'s arguments for one input: the same for every engine."""
    return str(source), str(job.out_dir), job.published, job.extract, job.article_timeout


def _failed(source: Path, exc: BaseException, attempts: int) -> FileReport:
    reason = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:300]
    return FileReport(
        input=str(source), failed=1, problems=[f"{source}: task failed {attempts} time(s) ({reason})"]
    )


def run_local(files: Sequence[Path], job: Job) -> Iterator[FileReport]:
    """A `ProcessPoolExecutor` of `job.workers` processes. A worker that dies (killed, out of memory)
    breaks the pool and every unfinished task with it: those go to a new pool, and only the files that
    were being processed (they have a temporary output) use up one of their `max_retries`, so one poison
    file cannot fail the rest of a crawl."""
    attempts: Counter[Path] = Counter()
    pending = list(files)
    while pending:
        broken: list[tuple[Path, BaseException]] = []
        with ProcessPoolExecutor(job.workers, initializer=warm_up) as pool:
            futures = {
                pool.submit(process_file, *_arguments(f, job)): f
                for f in pending
            }
            pending = []
            for future in as_completed(futures):
                source = futures[future]
                try:
                    yield future.result()
                except BrokenProcessPool as exc:
                    broken.append((source, exc))
                except Exception as exc:  # the task's own exception (a full disk, ...)
                    attempts[source] += 1
                    if attempts[source] > job.max_retries:
                        yield _failed(source, exc, attempts[source])
                    else:
                        pending.append(source)
        started = {source for source, _ in broken if _remove_partial(job.out_dir, source)}
        for source, exc in broken:
            # Nothing had started (the initializer failed, say): every file is a suspect.
            if source in started or not started:
                attempts[source] += 1
            if attempts[source] > job.max_retries:
                yield _failed(source, exc, attempts[source])
            else:
                pending.append(source)


def _remove_partial(out_dir: Path, source: Path) -> bool:
    """Remove what a dead task left of its output; whether it had started."""
    partial = list(out_dir.glob(f".{output_path(out_dir, source).name}.*.tmp"))
    for path in partial:
        path.unlink(missing_ok=True)
    return bool(partial)


def run_ray(files: Sequence[Path], job: Job) -> Iterator[FileReport]:
    """Ray tasks (one CPU each) with `max_retries` for dead workers and raised exceptions alike. Starts a
    local Ray of `job.workers` CPUs when none is running and no address is given, else joins the cluster
    at `job.address`, with `warm_up` as the workers' setup hook; a Ray it started is shut down at the
    end. (A Ray the caller started runs its own setup: pass `runtime_env=RAY_RUNTIME_ENV` to warm up.)"""
    try:
        import ray
        from ray.exceptions import RayError
    except ImportError:
        raise ConflictAtlasError(
            "the ray engine needs Ray", hint="pip install 'conflictatlas[ray]', or use --engine local"
        ) from None

    started = not ray.is_initialized()
    if started:
        local = job.address is None
        ray.init(
            address=job.address,
            num_cpus=job.workers if local else None,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
            runtime_env=RAY_RUNTIME_ENV,
        )
    try:
        task = ray.remote(num_cpus=1, max_retries=job.max_retries, retry_exceptions=True)(process_file)
        refs = {task.remote(*_arguments(f, job)): f for f in files}
        while refs:
            done, _ = ray.wait(list(refs), num_returns=1)
            source = refs.pop(done[0])
            try:
                yield ray.get(done[0])
            except RayError as exc:
                yield _failed(source, exc, job.max_retries + 1)
    finally:
        if started:
            ray.shutdown()


RUNNERS: dict[str, Callable[[Sequence[Path], Job], Iterator[FileReport]]] = {
    "local": run_local,
    "ray": run_ray,
}
ENGINES = tuple(RUNNERS)
