"""The command line: one-line errors, exit codes, idempotent ingest, exports, help text."""

import json

import pytest
from typer.testing import CliRunner

from conflictatlas.cli import app

runner = CliRunner()

ARTICLE = (
    "Gunmen kill five villagers near Gao\n"
    "Published: 2020-02-11\n\n"
    "Gunmen on motorbikes killed five villagers on Monday in a village near Gao, in northern Mali, "
    "local officials said.\n"
)


@pytest.fixture()
def inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin1.txt").write_bytes("Un texte \xe9crit en latin-1 \xff\xfe\x00".encode("latin-1"))
    (tmp_path / "nobody.html").write_text("<html><head><title>x</title></head></html>", encoding="utf-8")
    return tmp_path


def test_every_command_has_help():
    for command in (
        "extract",
        "ingest",
        "events",
        "export",
        "geocode",
        "gazetteer",
        "serve",
        "batch",
        "train",
    ):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage" in result.output


def test_gazetteer_command_reports_the_built_file():
    result = runner.invoke(app, ["gazetteer"])
    assert result.exit_code == 0
    assert "gazetteer ready:" in result.output and ".sqlite" in result.output


def test_gazetteer_in_an_unwritable_place_is_a_one_line_error(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CONFLICTATLAS_CACHE_DIR", str(blocker / "cache"))
    result = runner.invoke(app, ["gazetteer"])
    assert result.exit_code == 1
    assert "cannot write the gazetteer" in result.output and "Traceback" not in result.output


def test_extract_prints_jsonl(inputs):
    result = runner.invoke(app, ["extract", str(inputs / "good.txt")])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(r["sub_event_type"], r["event_date"], r["fatalities"]) for r in records] == [
        ("Attack", "2020-02-10", 5)
    ]


def test_bad_inputs_get_one_line_each_and_the_rest_goes_on(inputs, tmp_path):
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["ingest", str(inputs), str(missing), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    for name in ("empty.txt", "binary.txt", "nobody.html", "missing.txt"):
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert len(lines) == 1, (name, result.stderr)
    assert "1 article read" in result.stderr


def test_exit_code_is_non_zero_only_when_nothing_could_be_processed(inputs):
    result = runner.invoke(app, ["extract", str(inputs / "empty.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_ingest_twice_changes_nothing_and_exports(inputs, tmp_path):
    db = str(tmp_path / "atlas.db")
    runner.invoke(app, ["ingest", str(inputs / "good.txt"), "--db", db])
    again = runner.invoke(app, ["ingest", str(inputs / "good.txt"), "--db", db])
    assert "1 already stored" in again.stderr
    assert "1 article, 1 event" in again.stderr
    csv_out = runner.invoke(app, ["export", "--format", "csv", "--db", db])
    header = csv_out.stdout.splitlines()[0].split(",")
    assert header[:4] == ["event_id", "event_date", "year", "time_precision"]
    geo = runner.invoke(app, ["export", "--format", "geojson", "--db", db])
    assert json.loads(geo.stdout)["type"] == "FeatureCollection"
    listed = runner.invoke(app, ["events", "--db", db, "--country", "Mali", "--format", "jsonl"])
    assert len(listed.stdout.splitlines()) == 1


def test_events_and_export_take_the_same_filters(inputs, tmp_path):
    db = str(tmp_path / "atlas.db")
    runner.invoke(app, ["ingest", str(inputs / "good.txt"), "--db", db])
    for command in ("events", "export"):
        inside = runner.invoke(app, [command, "--db", db, "--format", "jsonl", "--bbox", "-5,10,5,20"])
        outside = runner.invoke(app, [command, "--db", db, "--format", "jsonl", "--sub-type", "Arrests"])
        assert (len(inside.stdout.splitlines()), len(outside.stdout.splitlines())) == (1, 0), command


def test_invalid_options_are_one_line_errors(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "x.db"), "--start", "yesterday"])
    assert result.exit_code == 1
    assert "invalid date" in result.stderr
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--bbox", "1,2"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "invalid bbox" in result.stderr


def test_an_internal_error_on_one_article_is_one_line_and_the_run_goes_on(inputs, tmp_path, monkeypatch):
    import conflictatlas.api as api

    real = api.process_article

    def flaky(article):
        if "Gao" not in article.text:
            raise RuntimeError("boom")
        return real(article)

    (tmp_path / "other.txt").write_text("Rebels attacked a village near Kidal on Monday, killing three.\n")
    monkeypatch.setattr(api, "process_article", flaky)
    result = runner.invoke(app, ["extract", str(inputs / "good.txt"), str(tmp_path / "other.txt")])
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    assert [line for line in result.stderr.splitlines() if "extraction failed (RuntimeError: boom)" in line]
    assert "1 article read" in result.stderr


def test_geocode_warns_about_bad_lines_and_spans_and_answers_the_rest(tmp_path):
    lines = tmp_path / "in.jsonl"
    lines.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "Clashes near Aleppo.", "toponyms": [{"start": 50, "end": 60}, '
        b'{"start": 13, "end": 19}]}\nnot json\n[1, 2]\n\xff\xfe\n{"id": "b", "text": ""}\n'
    )
    result = runner.invoke(app, ["geocode", str(lines)])
    assert result.exit_code == 0
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["a", "b"]
    assert [t["name"] for t in answers[0]["toponyms"]] == ["Aleppo"]
    for problem in ("in.jsonl:2: not JSON", "in.jsonl:3: not a JSON object", "in.jsonl:4: not valid UTF-8",
                    "record a: toponym (50, 60) lies outside", "record b: no text"):  # fmt: skip
        assert problem in result.stderr
    assert "Traceback" not in result.stderr


def test_geocode_refuses_a_directory_a_bad_output_path_and_a_file_that_is_no_jsonl(tmp_path):
    junk = tmp_path / "junk.jsonl"
    junk.write_bytes(bytes(range(256)) * 40)
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": 1, "text": "Clashes near Aleppo."}\n', encoding="utf-8")
    for args, message in (
        ([str(tmp_path)], "is a directory"),
        ([str(good), "--out", str(tmp_path / "missing" / "out.jsonl")], "cannot write"),
        ([str(junk)], "is it a JSONL file?"),
    ):
        result = runner.invoke(app, ["geocode", *args])
        assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_reading_commands_do_not_create_a_store_and_check_their_format(tmp_path):
    missing = tmp_path / "nowhere" / "atlas.db"
    for command in (["events"], ["export", "--format", "csv"]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 1 and "no store at" in result.stderr
    assert not missing.parent.exists()
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "x.db"), "--format", "csv"])
    assert result.exit_code == 1 and "unknown format 'csv'" in result.stderr
