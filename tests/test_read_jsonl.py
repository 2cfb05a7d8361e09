"""The JSONL reader: one article per line, a bad line costs only itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflictatlas.errors import InputError
from conflictatlas.model import Article
from conflictatlas.read.jsonl import parse_published, read_jsonl

CORPUS = Path(__file__).parent / "fixtures" / "read" / "corpus.jsonl"


def _by_line(results):
    return {(r.path if isinstance(r, Article) else r.source).rsplit(":", 1)[1]: r for r in results}


def test_good_lines_become_articles_bad_lines_errors():
    results = _by_line(read_jsonl(CORPUS))
    assert sorted(results, key=int) == ["1", "2", "3", "5", "6", "7", "8"]  # line 4 is blank
    osk = results["1"]
    assert isinstance(osk, Article)
    assert osk.id == "osk-1"
    assert osk.title == "Shelling kills two in Osk"
    assert osk.url == "https://wire.example.net/osk"
    assert osk.published == date(2019, 8, 12)
    assert osk.text.startswith("Rebel artillery shelled the village of Osk")
    assert osk.language == "en"
    html = results["3"]
    assert isinstance(html, Article)
    assert html.id == "7" and html.published == date(2019, 8, 13)
    assert "central square of Morvia" in html.text
    no_id = results["8"]
    assert isinstance(no_id, Article) and no_id.id.startswith("sha-")


def test_error_lines_name_file_line_and_reason():
    results = _by_line(read_jsonl(CORPUS))
    expected = {
        "2": "not valid JSON",
        "5": "no 'text' or 'html' field",
        "6": "expected a JSON object, got list",
        "7": "'published' is not an ISO date",
    }
    for line, reason in expected.items():
        error = results[line]
        assert isinstance(error, InputError)
        assert error.source == f"{CORPUS}:{line}"
        assert reason in str(error) and "\n" not in str(error)


def test_published_override_wins():
    articles = [r for r in read_jsonl(CORPUS, published=date(2020, 1, 1)) if isinstance(r, Article)]
    assert {a.published for a in articles} == {date(2020, 1, 1)}
    assert len(articles) == 4  # the bad date on line 7 no longer matters


def test_field_types_and_long_lines(tmp_path):
    path = tmp_path / "odd.jsonl"
    long_text = "word " * 300
    path.write_text(
        '{"id": "a", "text": 12}\n'
        '{"id": ["x"], "text": "Police arrested nine people in Tarsk."}\n'
        f'{{"id": "long", "text": "{long_text}"}}\n'
        '{"id": "b", "text": "Police arrested nine people in Tarsk."}\n'
        "\xff\n",
        encoding="latin-1",
    )
    results = list(read_jsonl(path, max_bytes=1000))
    assert [isinstance(r, Article) for r in results] == [False, False, False, True, False]
    assert "'text' must be a string" in str(results[0])
    assert "'id' must be a string or an integer" in str(results[1])
    assert "longer than the size limit" in str(results[2])
    assert results[3].id == "b"


def test_empty_and_missing_files(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n\n")
    assert [str(e) for e in read_jsonl(tmp_path / "empty.jsonl")] == [
        f"{tmp_path / 'empty.jsonl'}: empty file (nothing to read)"
    ]
    [missing] = read_jsonl(tmp_path / "missing.jsonl")
    assert isinstance(missing, InputError) and missing.reason == "no such file"


def test_parse_published():
    assert parse_published("2016-03-27") == date(2016, 3, 27)
    assert parse_published("2016-03-27T23:10:00+02:00") == date(2016, 3, 27)
    assert parse_published("2016-03-27T10:00:00Z") == date(2016, 3, 27)
