"""The batch job: one task per file on a process pool or Ray, Parquet files, then the store.

The reference for every run is `conflictatlas ingest` on the same inputs (process_paths + Store.ingest):
a batch run must leave the store exactly as it does, through worker crashes and re-runs.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from typer import Typer
from typer.testing import CliRunner

from conflictatlas.api import process_paths
from conflictatlas.batch import BatchStats, Job, load, read_results, run_tasks
from conflictatlas.batch.command import batch
from conflictatlas.batch.engines import RAY_RUNTIME_ENV, warm_up
from conflictatlas.batch.records import AtomicParquet, FileReport
from conflictatlas.batch.task import output_path, process_article
from conflictatlas.batch.warcgen import example_pages, filler_page, write_warc
from conflictatlas.model import Article
from conflictatlas.store import open_store
from conflictatlas.store.schema import articles as articles_table

ROOT = Path(__file__).resolve().parents[1]
FILES = 3
INPUTS = FILES + 1  # and one broken archive
VICTIM = "victim"  # the URL part of the page whose worker gets killed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Three small crawl files (English conflict articles, filler, non-article records) and a broken one."""
    pages = example_pages([ROOT / "examples", ROOT / "bench/corpus/merge/articles.jsonl"])
    conflict = [p for p in pages if p.language == "en"][:6]
    conflict[4] = replace(conflict[4], url=f"{conflict[4].url}?{VICTIM}")
    mixed = conflict + [filler_page(seed) for seed in (1, 2, 4)]
    directory = tmp_path_factory.mktemp("crawl")
    for index in range(FILES):
        write_warc(directory / f"crawl-{index}.warc.gz", mixed[index::FILES], seed=index)
    (directory / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip " * 20)
    warm_up()  # loaded before the pools fork: their workers start at once
    return directory


def _store_state(url: str) -> tuple[list, list[dict]]:
    """Everything a run leaves in the store that does not depend on the clock."""
    store = open_store(url)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(articles_table).order_by(articles_table.c.article_id)).mappings().all()
    docs = [{k: v for k, v in row.items() if k != "ingested_at"} for row in rows]
    events = sorted(store.iter_events(), key=lambda r: r["event_id"])
    store.close()
    return docs, events


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> tuple[list, list[dict]]:
    url = str(tmp_path_factory.mktemp("ref") / "ref.db")
    store = open_store(url)
    for article, events in process_paths([corpus]):
        store.ingest(article, events)
    store.close()
    return _store_state(url)


def _run(corpus: Path, out: Path, db: Path, engine: str = "local", **options) -> BatchStats:
    stats = BatchStats()
    reports = list(run_tasks([corpus], Job(out, **options), engine, stats))
    assert len(reports) == INPUTS
    with open_store(str(db)) as store:
        load([corpus], out, store, stats)
    return stats


def kill_once(article: Article, *, marker: str) -> list:
    """The pipeline, except that the worker holding the victim page dies (SIGKILL) the first time."""
    if VICTIM in (article.url or "") and not os.path.exists(marker):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return process_article(article)


def slow_victim(article: Article) -> list:
    """The pipeline, except that the victim page hangs far longer than its time limit."""
    if VICTIM in (article.url or ""):
        time.sleep(30)
    return process_article(article)


def test_an_article_over_its_time_limit_is_skipped_and_its_file_goes_on(corpus, reference, tmp_path):
    stats = _run(corpus, tmp_path / "out", tmp_path / "b.db", extract=slow_victim, article_timeout=1)
    assert (stats.files_done, stats.files_failed) == (INPUTS, 0)
    late = [p for p in stats.problems if "took longer than 1 s" in p]
    assert len(late) == 1 and ".warc.gz@" in late[0]  # names the record
    assert stats.stored == len(reference[0]) - 1


def test_local_engine_stores_what_ingest_stores(corpus, reference, tmp_path):
    stats = _run(corpus, tmp_path / "out", tmp_path / "b.db")
    assert _store_state(str(tmp_path / "b.db")) == reference
    assert stats.files_done == INPUTS and stats.files_failed == 0
    assert stats.failed == 1 and "broken.warc.gz" in stats.problems[0]  # reported, the run went on
    assert stats.stored == len(reference[0])
    rerun = _run(corpus, tmp_path / "out", tmp_path / "b.db")
    assert (rerun.files_done, rerun.files_skipped, rerun.stored) == (0, INPUTS, 0)
    assert rerun.already_stored == len(reference[0]) and rerun.articles == stats.articles
    assert _store_state(str(tmp_path / "b.db")) == reference


def test_killed_worker_is_retried_on_a_new_pool(corpus, reference, tmp_path):
    extract = partial(kill_once, marker=str(tmp_path / "killed"))
    stats = _run(corpus, tmp_path / "out", tmp_path / "b.db", extract=extract)
    assert (tmp_path / "killed").exists() and (stats.files_done, stats.files_failed) == (INPUTS, 0)
    assert _store_state(str(tmp_path / "b.db")) == reference


def test_without_retries_the_rerun_completes_without_duplicates(corpus, reference, tmp_path):
    out, db = tmp_path / "out", tmp_path / "b.db"
    extract = partial(kill_once, marker=str(tmp_path / "killed"))
    first = _run(corpus, out, db, extract=extract, max_retries=0, workers=1)
    assert first.files_failed == 1 and any("task failed" in p for p in first.problems)
    finished = sorted(out.glob("*.parquet"))
    assert len(finished) == INPUTS - 1  # none for the killed file
    for path in finished:
        pq.read_table(path)  # complete, readable files only
    second = _run(corpus, out, db, extract=extract)
    assert (second.files_done, second.files_skipped, second.files_failed) == (1, INPUTS - 1, 0)
    assert not list(out.glob(".*.tmp"))  # what the crash left was cleaned up
    assert second.stored + first.stored == len(reference[0])
    assert _store_state(str(db)) == reference


def test_parquet_file_appears_only_when_committed(tmp_path, corpus):
    article = Article(id="a1", text="Rebels attacked Gao.", title="Gao")
    target = tmp_path / "x.parquet"
    writer = AtomicParquet(target)
    writer.add(0, article, [])
    writer._flush()  # rows on disk in the temporary file, as when a worker dies mid-file
    assert not target.exists() and writer.tmp.exists()
    writer.commit(FileReport(input="x", output=str(target), articles=1))
    assert target.exists() and not writer.tmp.exists()
    [(back, events)] = list(read_results(target))
    assert (back.id, back.title, back.content_hash, events) == ("a1", "Gao", article.content_hash, [])
    aborted = AtomicParquet(tmp_path / "y.parquet")
    aborted.add(0, article, [])
    aborted.abort()
    assert list(tmp_path.iterdir()) == [target]


def test_output_is_named_after_the_input(tmp_path):
    one, two = output_path(tmp_path, Path("a/crawl.warc.gz")), output_path(tmp_path, Path("b/crawl.warc.gz"))
    assert one.name.startswith("crawl.warc.gz-") and one.suffix == ".parquet" and one != two


def test_cli_reports_and_skips_on_rerun(corpus, reference, tmp_path):
    app = Typer()
    app.command()(batch)
    app.command("noop")(lambda: None)  # two commands: typer then expects the command's name
    args = ["batch", str(corpus), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "b.db")]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "broken.warc.gz" in first.output and f"{INPUTS} files ({INPUTS} done" in first.output
    second = CliRunner().invoke(app, args)
    assert f"0 done, {INPUTS} already done" in second.output
    assert _store_state(str(tmp_path / "b.db")) == reference


# --- Ray (local mode): one session for the tests below ---------------------------------------------


@pytest.fixture(scope="module")
def ray_session():
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'conflictatlas[ray]')")
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # kill_once lives in this test module
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        runtime_env=RAY_RUNTIME_ENV,
    )
    yield ray
    ray.shutdown()


def _records(out: Path) -> dict[str, list]:
    return {
        path.name: [
            (a.id, a.content_hash, [e.to_record() for e in events]) for a, events in read_results(path)
        ]
        for path in sorted(out.glob("*.parquet"))
    }


def test_ray_engine_equals_local_engine_and_ingest(corpus, reference, tmp_path, ray_session):
    _run(corpus, tmp_path / "local", tmp_path / "local.db")
    _run(corpus, tmp_path / "ray", tmp_path / "ray.db", engine="ray")
    assert _records(tmp_path / "ray") == _records(tmp_path / "local")
    assert _store_state(str(tmp_path / "ray.db")) == reference


def _loaded_pipelines() -> int:
    from conflictatlas.nlp import get_nlp

    return get_nlp.cache_info().currsize


def test_ray_workers_warm_up_before_their_first_task(ray_session):
    """The setup hook has loaded every trained pipeline by the time a worker runs anything."""
    from conflictatlas.nlp import trained_languages

    loaded = ray_session.get(ray_session.remote(_loaded_pipelines).remote())
    assert loaded == len(trained_languages()) >= 2


def test_each_warm_up_report_is_coded_so_warming_up_runs_every_stage():
    from conflictatlas.knowledge import load_json
    from conflictatlas.nlp import trained_languages
    from conflictatlas.pipeline import process_article as pipeline_article

    samples = load_json("warm_up.json")
    for language in trained_languages():
        [event] = pipeline_article(Article(id=language, text=samples[language], language=language))
        assert (event.sub_event_type, event.fatalities, event.place.location) == ("Armed clash", 4, "Gao")


def test_a_failing_warm_up_is_a_warning_not_a_dead_worker(monkeypatch, caplog):
    """Warming up is only a head start: a worker whose warm-up fails still takes tasks."""
    import conflictatlas.pipeline

    def broken(article, **_):
        raise RuntimeError("no model")

    monkeypatch.setattr(conflictatlas.pipeline, "process_article", broken)
    warm_up(("en",))
    assert "warm-up in en failed (RuntimeError: no model)" in caplog.text


def test_ray_retries_a_killed_worker(corpus, reference, tmp_path, ray_session):
    extract = partial(kill_once, marker=str(tmp_path / "killed"))
    stats = _run(corpus, tmp_path / "out", tmp_path / "b.db", engine="ray", extract=extract)
    assert (tmp_path / "killed").exists() and (stats.files_done, stats.files_failed) == (INPUTS, 0)
    assert _store_state(str(tmp_path / "b.db")) == reference
