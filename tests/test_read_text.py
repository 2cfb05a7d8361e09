"""The plain-text reader and its residue cleaner."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictatlas.errors import InputError
from conflictatlas.model import Article
from conflictatlas.read.clean import clean_text
from conflictatlas.read.text import article_from_text, read_text_bytes, read_text_file

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SAMPLE = Path("/work/shared/samples/palmyra-2016-03-27.txt")
TITLE = "Army retakes Kalvora after ten-day siege"
BODY = [
    "Government troops entered the town of Kalvora on Sunday after a ten-day siege, the defence ministry "
    "said, ending months of rebel control over the river crossing.",
    "At least twelve fighters were killed in the final assault, according to a local monitoring group, "
    "while residents who had fled began returning to the market district.",
    "The ministry said engineers were clearing mines from the main road leading north towards the border.",
]


def test_fixture_is_cleaned_and_body_kept_exactly():
    article = read_text_file(FIXTURES / "siege.txt", published=date(2021, 5, 16))
    assert isinstance(article, Article)
    assert article.title == TITLE
    assert article.text == "\n\n".join([TITLE, *BODY])
    assert article.published == date(2021, 5, 16)
    assert article.language == "en"
    assert article.path == str(FIXTURES / "siege.txt")
    assert article.id.startswith("sha-")


def test_id_is_deterministic_and_follows_content():
    first = read_text_file(FIXTURES / "siege.txt")
    again = read_text_file(FIXTURES / "siege.txt")
    other = article_from_text("Another story\n\nRebels seized a bridge near Osk.", source="x")
    assert isinstance(first, Article) and isinstance(again, Article)
    assert first.id == again.id != other.id


def test_body_offsets_survive_cleaning():
    raw = "<p>\nHeadline here\n\nFirst paragraph, with  two  spaces.\nA wrapped line.\n\nShare this\nBio."
    text = clean_text(raw).text
    assert "First paragraph, with  two  spaces.\nA wrapped line." in text
    assert text.endswith("A wrapped line.")


def test_byline_before_the_body_is_dropped_not_cut():
    cleaned = clean_text(
        "Town falls to rebels\nWritten by Ana Lima\n\nRebels took the town of Vell on Friday"
    )
    assert cleaned.title == "Town falls to rebels"
    assert cleaned.text == "Town falls to rebels\n\nRebels took the town of Vell on Friday"


def test_marker_words_inside_a_sentence_are_body():
    raw = "Written by hand, the note said the militia would withdraw from Osk, a claim officials denied."
    assert clean_text(raw).text == raw


def test_first_line_that_is_a_sentence_is_not_a_title():
    cleaned = clean_text("Rebels took the town of Vell on Friday.\n\nTwo people died.")
    assert cleaned.title is None


def test_given_title_wins():
    article = article_from_text("Rebels took the town of Vell on Friday.", source="x", title="Vell falls")
    assert article.title == "Vell falls"


def test_crlf_and_latin1_are_read_with_a_warning_naming_the_encoding(tmp_path, caplog):
    path = tmp_path / "fr.txt"
    french = "Les forces prorégime ont repris la ville dimanche après vingt jours de combats."
    path.write_bytes(f"{french}\r\n".encode("latin-1"))
    article = read_text_file(path)
    assert isinstance(article, Article)
    assert article.text == french
    assert article.language == "fr"
    [warning] = [r.getMessage() for r in caplog.records if "not valid UTF-8" in r.getMessage()]
    assert warning == f"{path}: not valid UTF-8 (byte 15); read as cp1252"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        (bytes(range(1, 32)) * 20, "binary content"),
        (b"\x81\x8d\x8f\x90\xfe\xfa" * 4, "not valid UTF-8"),
        (b"12,5 ; 13,7 ; 99,1 ; 0,4 ; 17,2", "hardly any letters"),
        (b"<style>.a{}</style>\n<div>\n</div>", "no article text left"),
    ],
)
def test_bad_bytes_give_one_line_errors(data, reason):
    result = read_text_bytes(data, source="bad.txt")
    assert isinstance(result, InputError)
    assert str(result).startswith("bad.txt: ") and reason in str(result)
    assert "\n" not in str(result)


def test_missing_and_oversized_files(tmp_path):
    missing = read_text_file(tmp_path / "nope.txt")
    assert isinstance(missing, InputError) and "no such file" in missing.reason
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 400)
    too_big = read_text_file(big, max_bytes=1000)
    assert isinstance(too_big, InputError) and "size limit of 1,000 bytes" in too_big.reason


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_never_raises_on_arbitrary_bytes(data):
    result = read_text_bytes(data, source="fuzz.txt")
    assert isinstance(result, Article | InputError)
    if isinstance(result, Article):
        assert result.text and result.text == result.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_never_raises_on_arbitrary_text(text):
    result = read_text_bytes(text.encode("utf-8"), source="fuzz.txt")
    assert isinstance(result, Article | InputError)


def test_palmyra_sample_is_cleaned():
    if not SAMPLE.exists():
        pytest.skip(f"shared sample {SAMPLE} not present on this machine")
    article = read_text_file(SAMPLE)
    assert isinstance(article, Article)
    assert article.title and article.text.startswith(article.title)
    assert article.text.count(article.title) == 1
    assert "<style" not in article.text
    assert "Share Post" not in article.text and "Written by" not in article.text
    bio = SAMPLE.read_text("utf-8").split("Written by", 1)[1].strip()
    assert bio[:40] not in article.text
    assert article.language == "en"


def test_markdown_heading_title_and_url_host_as_source():
    article = article_from_text(
        "# Vell falls\n\nRebels took the town of Vell on Friday.",
        source="x",
        url="https://www.wire.example/v",
    )
    assert article.title == "Vell falls"
    assert article.text.startswith("# Vell falls\n\n")
    assert article.source == "wire.example"
