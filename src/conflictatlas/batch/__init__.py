"""Backfills at crawl scale: one task per input file on a local process pool or Ray, one Parquet file of
events per input, then one idempotent load into the store. `conflictatlas batch` is the CLI over it.

    from conflictatlas.batch import BatchStats, Job, load, run_tasks
    stats = BatchStats()
    for report in run_tasks(["crawl/"], Job(Path("out")), engine="ray", stats=stats):
        ...
    load(["crawl/"], Path("out"), open_store("atlas.db"), stats)
"""

from conflictatlas.batch.engines import ENGINES, Job
from conflictatlas.batch.records import FileReport, read_results
from conflictatlas.batch.run import BatchStats, load, run_tasks

__all__ = ["ENGINES", "BatchStats", "FileReport", "Job", "load", "read_results", "run_tasks"]
