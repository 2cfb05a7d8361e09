"""Throughput of extraction, single process and in batch, on synthetic crawl files.

    python bench/throughput.py [--conflict N] [--mix N] [--files N] [--engines local,ray] [--out DIR]

Two inputs, written as WARC files by `conflictatlas.batch.warcgen`: our conflict articles only, and a
realistic news mix where 1 in 10 articles is about conflict (the rest generated sport/business/culture).
On each, articles/s of
  (a) the spaCy pipeline alone over the main texts (`nlp.pipe`),
  (b) single-process extraction, a `process_article` loop over the same articles (already read),
  (c) `batch` end to end (read WARC, extract, write Parquet) with 1 and 2 workers, local pool and Ray,
with the peak resident memory of a worker. The pre-filter runs in (b) and (c) (`keep_article` before
`process_article`, as the pipeline hook will do). Writes bench/results/throughput.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from conflictatlas.batch import BatchStats, Job, run_tasks
from conflictatlas.batch.engines import RAY_RUNTIME_ENV, warm_up
from conflictatlas.batch.warcgen import example_pages, mixed_pages, write_corpus
from conflictatlas.geo.gazetteer import ensure_built
from conflictatlas.model import Article, Event
from conflictatlas.nlp import get_nlp
from conflictatlas.pipeline import process_article
from conflictatlas.prefilter import keep_article
from conflictatlas.read import read_paths

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SOURCES = [ROOT / "examples", ROOT / "bench/corpus/merge/articles.jsonl"]


def prefiltered(article: Article) -> list[Event]:
    """The pipeline behind the keyword pre-filter (what `process_article` does once the hook is in)."""
    return process_article(article) if keep_article(article) else []


def _articles(paths: list[Path]) -> list[Article]:
    return [a for a in read_paths(paths) if isinstance(a, Article)]


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _pipe(articles: list[Article]) -> None:
    for language in ("en", "fr"):
        texts = [a.text for a in articles if a.language == language]
        for _ in get_nlp(language).pipe(texts):
            pass


def _hwm_mb(pid: int | str = "self") -> float:
    """Peak resident set (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _ray_workers_hwm() -> float:
    peaks = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "cmdline").read_bytes().startswith(b"ray::"):
                peaks.append(_hwm_mb(proc.name))
        except OSError:
            continue
    return max(peaks, default=0.0)


def _batch(files: list[Path], engine: str, workers: int, scratch: Path) -> tuple[float, int, float, float]:
    """Seconds, articles, peak worker RSS (MB) and summed task seconds (worker start-up excluded) of one
    batch run into a fresh output directory."""
    out = scratch / f"out-{engine}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    stats = BatchStats()
    job = Job(out, extract=prefiltered, workers=workers, max_retries=0)
    reports: list = []
    if engine == "ray":
        import ray

        ray.init(
            num_cpus=workers,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
            runtime_env=RAY_RUNTIME_ENV,
        )
        seconds = _timed(lambda: reports.extend(run_tasks(files, job, "ray", stats)))
        peak = _ray_workers_hwm()
        ray.shutdown()
    else:
        seconds = _timed(lambda: reports.extend(run_tasks(files, job, "local", stats)))
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest worker so far
    assert stats.files_failed == 0, stats.problems
    return seconds, stats.articles, peak, sum(r.seconds for r in reports)


def measure_batch(name: str, files: list[Path], engines: list[str], scratch: Path) -> list[dict]:
    """(c), run while this process has no pipeline loaded: workers load their own, as in the CLI."""
    rows = []
    for engine in engines:
        for workers in (1, 2):
            seconds, count, peak, busy = _batch(files, engine, workers, scratch)
            note = f"{count / busy:.1f} articles per task-second (start-up excluded)"
            run = f"(c) batch {engine}"
            rows.append(
                dict(input=name, run=run, n=count, s=seconds, workers=workers, rss=peak, note=note,
                     steady=workers * count / busy)
            )  # fmt: skip
    return rows


def measure_single(name: str, files: list[Path]) -> list[dict]:
    """(a) and (b), with the pipelines loaded beforehand."""
    articles = _articles(files)
    warm_up()
    rows = []
    pipe = _timed(lambda: _pipe(articles))
    rows.append(dict(input=name, run="(a) nlp.pipe", n=len(articles), s=pipe, workers=1))
    loop = _timed(lambda: [process_article(a) for a in articles])
    rows.append(dict(input=name, run="(b) process_article loop", n=len(articles), s=loop, workers=1))
    kept = sum(keep_article(a) for a in articles)
    loop_pf = _timed(lambda: [prefiltered(a) for a in articles])
    note = f"{kept}/{len(articles)} kept by the pre-filter"
    rows.append(
        dict(input=name, run="(b) pre-filter + loop", n=len(articles), s=loop_pf, workers=1, note=note)
    )
    return rows


def _table(rows: list[dict]) -> str:
    lines = [
        "| input | run | workers | articles | seconds | articles/s | per worker | peak RSS/worker | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        rate = r["n"] / r["s"]
        rss = f"{r['rss']:.0f} MB" if r.get("rss") else ""
        lines.append(
            f"| {r['input']} | {r['run']} | {r['workers']} | {r['n']} | {r['s']:.1f} | {rate:.1f} | "
            f"{rate / r['workers']:.1f} | {rss} | {r.get('note', '')} |"
        )
    return "\n".join(lines)


def _spin(_: int = 0) -> float:
    """Seconds of a fixed pure-Python loop: the unit of the machine's parallel capacity."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i * i
    return time.perf_counter() - started


def machine_parallelism(repeats: int = 3) -> float:
    """How much faster two processes of a pure CPU loop finish two loops than one process does, now, on
    this machine (median of `repeats`): the ceiling of any 2-worker speed-up measured beside it. Shared
    virtual CPUs often give well under 2."""
    from multiprocessing import Pool

    ratios = []
    with Pool(2) as pool:
        for _ in range(repeats):
            alone = _spin()
            together = max(pool.map(_spin, [0, 1]))
            ratios.append(2 * alone / together)
    return statistics.median(ratios)


def _ratios(rows: list[dict]) -> list[str]:
    rate = {(r["input"], r["run"], r["workers"]): r["n"] / r["s"] for r in rows}
    b_over_a = rate["conflict", "(b) process_article loop", 1] / rate["conflict", "(a) nlp.pipe", 1]
    out = [f"- (b)/(a) on conflict articles: {b_over_a:.2f} (target >= 0.5)"]
    steady = {(r["input"], r["run"], r["workers"]): r["steady"] for r in rows if "steady" in r}
    for key in sorted({(i, run) for i, run, _ in rate if run.startswith("(c)")}):
        one, two = rate[key + (1,)], rate[key + (2,)]
        out.append(
            f"- {key[0]}, {key[1]}: 2 workers / 1 worker = {two / one:.2f} wall clock, "
            f"{steady[key + (2,)] / steady[key + (1,)]:.2f} once started (target >= 1.8)"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conflict", type=int, default=100, help="articles of the conflict-only input")
    parser.add_argument(
        "--mix", type=int, default=400, help="articles of the realistic mix (1 in 10 conflict)"
    )
    parser.add_argument("--files", type=int, default=8, help="WARC files per input (one batch task each)")
    parser.add_argument("--engines", default="local,ray")
    parser.add_argument("--out", type=Path, default=RESULTS / "throughput.md")
    args = parser.parse_args()
    ensure_built()  # the gazetteer index, built once (after an upgrade) outside the timings
    load_before = os.getloadavg()[0]
    pages = example_pages(SOURCES)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        inputs = {
            "conflict": mixed_pages(pages, args.conflict, 1.0),
            "mix 1:10": mixed_pages(pages, args.mix, 0.1, seed=1),
        }
        corpora = {
            name: write_corpus(scratch / name.replace(" ", "-").replace(":", ""), chosen, args.files)
            for name, chosen in inputs.items()
        }
        for name, files in corpora.items():
            rows += measure_batch(name, files, args.engines.split(","), scratch)
            print(_table(rows), flush=True)
        for name, files in corpora.items():
            rows += measure_single(name, files)
    report = "\n".join(
        [
            "# Throughput",
            "",
            f"`python bench/throughput.py --conflict {args.conflict} --mix {args.mix} --files {args.files}` "
            f"on {platform.machine()}, {os.cpu_count()} cores; load average {load_before:.1f} before, "
            f"{os.getloadavg()[0]:.1f} after (other jobs share the machine: wall-clock rates are "
            "pessimistic).",
            "",
            _table(rows),
            "",
            *_ratios(rows),
            f"- two pure-Python CPU loops in two processes vs one, measured after the runs: "
            f"{machine_parallelism():.2f}x (this machine's own ceiling for the 2-worker ratio now)",
            "",
            f"Peak RSS of this (driver) process: {_hwm_mb():.0f} MB.",
            "",
        ]
    )
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
