"""The WARC reader: HTML responses → Articles, other records counted, damage reported where it starts."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest

pytest.importorskip("warcio", reason="warcio is needed to read WARC archives")

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from conflictatlas.errors import InputError  # noqa: E402
from conflictatlas.model import Article  # noqa: E402
from conflictatlas.read import read_paths  # noqa: E402
from conflictatlas.read.warc import read_warc  # noqa: E402

DATED = (Path(__file__).parent / "fixtures" / "read" / "kalvora.html").read_bytes()
UNDATED = (
    b"<html><head><title>Curfew in Osk</title></head><body><article><h1>Curfew in Osk</h1>"
    b"<p>The regional governor imposed a night curfew on the town of Osk after two nights of rioting in "
    b"which shops were burned and a police station was attacked by a crowd of several hundred people.</p>"
    b"</article></body></html>"
)


def _write(path: Path, *, gzip: bool) -> Path:
    records = [
        ("https://gazette.example.org/kalvora", "text/html; charset=utf-8", "200 OK", DATED),
        ("https://gazette.example.org/logo.png", "image/png", "200 OK", b"\x89PNG\r\n\x1a\n"),
        ("https://gazette.example.org/old", "text/html", "301 Moved Permanently", b""),
        ("https://courier.example.net/osk", "text/html", "200 OK", UNDATED),
    ]
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, content_type, status, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=BytesIO(body),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2021-05-18T10:00:00Z"},
                )
            )
        writer.write_record(
            writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        )
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_articles(tmp_path, name):
    counts: Counter[str] = Counter()
    results = list(read_warc(_write(tmp_path / name, gzip=name.endswith(".gz")), counts=counts))
    assert all(isinstance(r, Article) for r in results)
    kalvora, osk = results
    assert kalvora.url == "https://gazette.example.org/kalvora"
    assert kalvora.published == date(2021, 5, 16)  # the page's own date wins over the crawl date
    assert kalvora.path and kalvora.path.startswith(f"{tmp_path / name}@")
    assert osk.url == "https://courier.example.net/osk" and "night curfew" in osk.text
    assert osk.published == date(2021, 5, 18)  # crawl date as fallback, counted
    assert counts == Counter(
        article=2, skipped_not_html=1, skipped_http_status=1, skipped_not_response=1, crawl_date_used=1
    )


def test_crawl_date_fallback_can_be_off(tmp_path):
    results = list(read_warc(_write(tmp_path / "c.warc", gzip=False), crawl_date_fallback=False))
    assert [r.published for r in results] == [date(2021, 5, 16), None]


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_truncated_archive_is_read_up_to_the_damage(tmp_path, name):
    path = _write(tmp_path / name, gzip=name.endswith(".gz"))
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])
    results = list(read_warc(path))
    assert isinstance(results[0], Article) and results[0].url.endswith("/kalvora")
    assert isinstance(results[-1], InputError)
    assert "stopped" in str(results[-1]) and str(path) in str(results[-1])


def test_not_an_archive(tmp_path):
    (tmp_path / "fake.warc").write_text("just some text, not a crawl archive")
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    results = list(read_paths([tmp_path / "fake.warc", tmp_path / "empty.warc.gz"]))
    assert [type(r) for r in results] == [InputError, InputError]


def test_read_paths_finds_archives_in_directories(tmp_path):
    _write(tmp_path / "crawl.warc.gz", gzip=True)
    counts: Counter[str] = Counter()
    results = list(read_paths([tmp_path], counts=counts))
    assert [type(r) for r in results] == [Article, Article]
    assert counts["skipped_not_html"] == 1


def test_archive_without_html(tmp_path):
    path = tmp_path / "requests.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        writer.write_record(
            writer.create_warc_record("https://e.example/", "request", payload=BytesIO(b"GET /"))
        )
    [error] = read_warc(path)
    assert isinstance(error, InputError) and "no HTML response records" in error.reason


def test_a_wrong_content_length_is_one_line_of_ours_not_warcio_note(tmp_path, capsys):
    data = bytearray(_write(tmp_path / "crawl.warc", gzip=False).read_bytes())
    marker = b"Content-Length: "
    at = data.index(marker) + len(marker)
    end = data.index(b"\r\n", at)
    data[at:end] = str(int(data[at:end]) - 4).encode()  # the first record's length is 4 bytes short
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(bytes(data))
    errors = [r for r in read_warc(damaged, counts=Counter()) if isinstance(r, InputError)]
    assert any("wrong Content-Length" in str(e) for e in errors)
    assert "WARNING" not in capsys.readouterr().err
