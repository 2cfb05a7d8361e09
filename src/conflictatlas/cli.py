"""The command line: a thin shell over the Python API that turns errors into one-line messages.

Warnings and errors go to stderr, one line each, naming the input and the reason; data goes to
stdout. The exit code is non-zero only when nothing at all could be processed.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from conflictatlas.api import RunStats, as_date, process_paths
from conflictatlas.batch.command import batch
from conflictatlas.errors import ConflictAtlasError
from conflictatlas.export import write_csv, write_geojson, write_jsonl
from conflictatlas.model import Article, Event
from conflictatlas.store import open_store
from conflictatlas.terminal import counted, err
from conflictatlas.web.command import serve

app = typer.Typer(
    help="News in, ACLED-style conflict events out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store URL or SQLite path (default: $CONFLICTATLAS_DB "
        "or ./atlas.db); postgresql://... for PostgreSQL.",
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date YYYY-MM-DD for every input (overrides page metadata)."
    ),
]
TABLE_COLUMNS = (
    "event_date",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "fatalities",
    "confidence",
)


class _OneLine(logging.Handler):
    """Log records as single lines on stderr: 'warning: file: reason'."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"[yellow]{record.levelname.lower()}[/]: {record.getMessage()}", soft_wrap=True)


def _setup_logging() -> None:
    root = logging.getLogger("conflictatlas")
    if not any(isinstance(h, _OneLine) for h in root.handlers):
        root.addHandler(_OneLine())
    root.setLevel(logging.WARNING)
    root.propagate = False


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error[/]: {message}", soft_wrap=True)
    return typer.Exit(code=1)


def _inputcounted(paths: list[Path]) -> int:
    """How many files a run will read (for the progress bar)."""
    total = 0
    for path in paths:
        total += (
            sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if path.is_dir()
            else 1
        )
    return total


def _with_progress(
    paths: list[Path], published: date | None, stats: RunStats
) -> Iterator[tuple[Article, list[Event]]]:
    """Articles and their events with a progress bar on stderr when there is more than one file."""
    results = process_paths(paths, published=published, stats=stats)
    if _inputcounted(paths) <= 1 or not err.is_terminal:
        yield from results
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[events]} events"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("articles", total=None, events=0)
        for article, events in results:
            progress.update(task, advance=1, events=stats.events)
            yield article, events


def _summary(stats: RunStats, verb: str) -> None:
    parts = [f"{counted(stats.articles, 'article')} {verb}", counted(stats.events, "event")]
    if stats.skipped:
        parts.append(f"{stats.skipped} already stored")
    if stats.failed:
        parts.append(f"{counted(stats.failed, 'input')} failed")
    err.print(", ".join(parts), soft_wrap=True)


def _print_table(records: list[dict]) -> None:
    table = Table(*TABLE_COLUMNS, show_lines=False)
    for record in records:
        table.add_row(*("" if record.get(c) is None else str(record.get(c)) for c in TABLE_COLUMNS))
    Console(width=200).print(table)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories: .txt, .html, .jsonl.")],
    published: PublishedOption = None,
    format: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
) -> None:
    """Extract events from articles and print them (JSONL by default); nothing is stored."""
    _setup_logging()
    if format not in {"jsonl", "table"}:
        raise _fail(f"unknown format '{format}' (use jsonl or table)")
    try:
        stats = RunStats()
        records = []
        for _, events in _with_progress(paths, as_date(published), stats):
            if format == "jsonl":
                write_jsonl((e.to_record() for e in events), sys.stdout)
            else:
                records += [e.to_record() for e in events]
        if format == "table":
            _print_table(records)
    except ConflictAtlasError as exc:
        raise _fail(str(exc)) from None
    _summary(stats, "read")
    if stats.articles == 0:
        raise typer.Exit(code=1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories: .txt, .html, .jsonl.")],
    db: DbOption = None,
    published: PublishedOption = None,
) -> None:
    """Extract events and store them; ingesting the same article again changes nothing."""
    _setup_logging()
    try:
        store = open_store(db)
        stats = RunStats()
        for article, events in _with_progress(paths, as_date(published), stats):
            if not store.ingest(article, events):
                stats.skipped += 1
        counts = store.counts()
    except ConflictAtlasError as exc:
        raise _fail(str(exc)) from None
    _summary(stats, "read")
    where = store.engine.url.render_as_string(hide_password=True)
    totals = f"{counted(counts['articles'], 'article')}, {counted(counts['events'], 'event')}"
    err.print(f"store {where}: {totals}", soft_wrap=True)
    if stats.articles == 0:
        raise typer.Exit(code=1)


Start = Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")]
End = Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")]
Country = Annotated[str | None, typer.Option(help="Country name, e.g. Syria.")]
Admin1 = Annotated[str | None, typer.Option(help="First-level region, e.g. Homs.")]
EventType = Annotated[str | None, typer.Option("--type", help="Event type, e.g. Battles.")]
SubType = Annotated[str | None, typer.Option("--sub-type", help="Sub-event type, e.g. 'Armed clash'.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Part of an actor's name.")]
MinFatalities = Annotated[int | None, typer.Option(help="At least this many fatalities.")]
Text = Annotated[str | None, typer.Option("--text", help="Words of the notes.")]
Bbox = Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat.")]
FILTER_OPTIONS = {
    "start": Start,
    "end": End,
    "country": Country,
    "admin1": Admin1,
    "event_type": EventType,
    "sub_event_type": SubType,
    "actor": ActorOpt,
    "min_fatalities": MinFatalities,
    "text": Text,
    "bbox": Bbox,
}


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the store's filters as options (one definition for `events` and `export`); the
    command receives them checked and converted, as one `filters` dict."""
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "filters"]
    options = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
        for name, annotation in FILTER_OPTIONS.items()
    ]

    @functools.wraps(command)
    def with_options(**kwargs: Any) -> None:
        raw = {name: kwargs.pop(name) for name in FILTER_OPTIONS}
        try:
            filters = _filters(**raw)
        except ConflictAtlasError as exc:
            raise _fail(str(exc)) from None
        command(filters=filters, **kwargs)

    with_options.__signature__ = inspect.Signature(own + options)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in own + options}
    return with_options


def _filters(bbox: str | None, start: str | None, end: str | None, **equal: Any) -> dict:
    box = None
    if bbox:
        try:
            box = tuple(float(v) for v in bbox.split(","))
        except ValueError:
            box = ()
        if len(box) != 4:
            raise ConflictAtlasError(f"invalid bbox '{bbox}'", hint="use min_lon,min_lat,max_lon,max_lat")
    return dict(start=as_date(start), end=as_date(end), bbox=box, **equal)


@app.command()
@with_filters
def events(
    filters: dict,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many events at most.")] = 100,
    format: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """List stored events, newest first, with filters."""
    _setup_logging()
    if format not in ("table", "jsonl"):
        raise _fail(f"unknown format '{format}' (use table or jsonl)")
    try:
        records, _ = open_store(db, existing=True).events(limit=limit, **filters)
    except ConflictAtlasError as exc:
        raise _fail(str(exc)) from None
    if format == "jsonl":
        write_jsonl(records, sys.stdout)
    else:
        _print_table(records)


@app.command()
@with_filters
def export(
    filters: dict,
    format: Annotated[
        str, typer.Option("--format", help="csv (ACLED column order), geojson or jsonl.")
    ] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Export stored events as ACLED-style CSV, GeoJSON or JSONL."""
    _setup_logging()
    writers = {"csv": write_csv, "geojson": write_geojson, "jsonl": write_jsonl}
    if format not in writers:
        raise _fail(f"unknown format '{format}' (use csv, geojson or jsonl)")
    try:
        records = open_store(db, existing=True).iter_events(**filters)
        if out is None:
            count = writers[format](records, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as handle:
                count = writers[format](records, handle)
    except (ConflictAtlasError, OSError) as exc:
        raise _fail(str(exc)) from None
    err.print(f"{counted(count, 'event')} exported", soft_wrap=True)


#: bad lines before the first good one after which a file is taken for something else than JSONL
MAX_BAD_LINES_FIRST = 10


def _jsonl_objects(path: Path) -> Iterator[dict]:
    """The JSON objects of a JSONL file; a line that is not one gets a one-line warning and is skipped,
    and a file that starts with MAX_BAD_LINES_FIRST of them is no JSONL at all."""
    good = bad = 0
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            problem = None
            try:
                record = json.loads(raw.decode("utf-8-sig")) if raw.strip() else None  # a BOM is no JSON
            except UnicodeDecodeError as exc:
                problem = f"not valid UTF-8 (byte {exc.start})"
            except json.JSONDecodeError as exc:
                problem = f"not JSON ({exc.msg} at column {exc.colno})"
            else:
                if raw.strip() and not isinstance(record, dict):
                    problem = "not a JSON object"
            if problem:
                bad += 1
                err.print(f"[yellow]warning[/]: {path}:{number}: {problem}; skipped", soft_wrap=True)
                if not good and bad >= MAX_BAD_LINES_FIRST:
                    raise _fail(f"{path}: the first {bad} lines are no JSON objects: is it a JSONL file?")
            elif record is not None:
                good += 1
                yield record


@app.command()
def geocode(
    path: Annotated[Path, typer.Argument(help="JSONL lines {id, text, toponyms?}.")],
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout).")] = None,
) -> None:
    """Find and resolve place names: one {id, toponyms: [{start, end, name, latitude, ...}]} per line."""
    from conflictatlas.geo.geocode import geocode_records

    _setup_logging()

    if path.is_dir():
        raise _fail(f"{path}: is a directory (give a JSONL file of {{id, text, toponyms?}} lines)")
    if not path.is_file():
        raise _fail(f"{path}: no such file")
    try:
        handle = out.open("w", encoding="utf-8") if out else sys.stdout
    except OSError as exc:
        raise _fail(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        for answer in geocode_records(_jsonl_objects(path)):
            handle.write(json.dumps(answer, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise _fail(f"cannot read {path} or write the answers: {exc.strerror or exc}") from None
    finally:
        if out:
            handle.close()


@app.command()
def gazetteer(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build it again even if it exists.")] = False,
) -> None:
    """Build the offline gazetteer now (`scripts/install` does; otherwise the first run would)."""
    import time

    from conflictatlas.geo.gazetteer import FILE_NAME, build, cache_dir

    path = cache_dir() / FILE_NAME
    started = time.perf_counter()
    try:
        if rebuild or not path.exists():
            err.print(f"building the gazetteer into {path.parent} (about 30 s, once)…", soft_wrap=True)
            build(path)
    except OSError as exc:
        raise _fail(f"cannot write the gazetteer into {path.parent}: {exc.strerror or exc}") from None
    seconds = time.perf_counter() - started
    err.print(
        f"gazetteer ready: {path} ({path.stat().st_size / 1e6:.0f} MB, {seconds:.1f} s)", soft_wrap=True
    )


@app.command()
def train(
    export_csv: Annotated[
        Path, typer.Argument(help="Your own ACLED-format CSV export (notes, sub_event_type).")
    ],
    out: Annotated[Path, typer.Option("--out", help="Where to save the model.")] = Path("classifier.joblib"),
) -> None:
    """Fit the optional sub-event classifier on your own ACLED export (used via $CONFLICTATLAS_CLASSIFIER)."""
    from conflictatlas.extraction.learned import train as fit

    _setup_logging()
    try:
        report = fit(export_csv, out)
    except ConflictAtlasError as exc:
        raise _fail(str(exc)) from None
    err.print(
        f"{report.rows} rows, {report.classes} sub-event types, "
        f"held-out accuracy {report.held_out_accuracy:.3f}; saved to {report.path} "
        f"(set CONFLICTATLAS_CLASSIFIER={report.path} to use it)",
        soft_wrap=True,
    )


app.command("serve")(serve)
app.command("batch")(batch)


def main() -> None:
    app()
