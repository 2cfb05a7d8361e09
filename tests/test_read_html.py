"""The HTML reader: main text through trafilatura, metadata from the page itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictatlas.errors import InputError
from conflictatlas.model import Article
from conflictatlas.read.html import article_from_html, read_html_bytes, read_html_file

FIXTURES = Path(__file__).parent / "fixtures" / "read"
BODY = (
    "Government troops entered the town of Kalvora on Sunday after a ten-day siege, the defence ministry "
    "said, ending months of rebel control over the river crossing."
)
UNDATED = """<html><head><title>Curfew in Osk</title></head><body>
<article><h1>Curfew in Osk</h1>
<p>The regional governor imposed a night curfew on the town of Osk after two nights of rioting in
which shops were burned and a police station was attacked by a crowd of several hundred people.</p>
</article><footer><p>© 2016 Valley Courier</p></footer></body></html>"""


@pytest.fixture(scope="module")
def kalvora() -> Article:
    article = read_html_file(FIXTURES / "kalvora.html")
    assert isinstance(article, Article)
    return article


def test_main_text_without_page_residue(kalvora):
    assert BODY in kalvora.text
    assert "engineers were clearing mines" in kalvora.text
    for residue in ("Share this", "About the author", "Lisbon", "Reader42", "©", "Home", ".share"):
        assert residue not in kalvora.text


def test_metadata_from_the_page(kalvora):
    assert kalvora.title == "Army retakes Kalvora after ten-day siege"
    assert kalvora.url == "https://gazette.example.org/2021/05/army-retakes-kalvora"
    assert kalvora.published == date(2021, 5, 16)
    assert kalvora.source == "Northern Gazette"
    assert kalvora.language == "en"
    assert kalvora.id.startswith("sha-")


def test_copyright_year_is_not_a_publication_date():
    article = article_from_html(UNDATED, source="undated.html")
    assert "night curfew" in article.text
    assert article.published is None
    assert article.title == "Curfew in Osk"


def test_caller_values_win():
    article = article_from_html(
        UNDATED, source="x", published=date(2016, 7, 2), url="https://x.example/osk", article_id="osk-7"
    )
    assert article.published == date(2016, 7, 2)
    assert (article.url, article.id) == ("https://x.example/osk", "osk-7")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing here</title></head></html>",
        "<html><body></body></html>",
        "<<<>>> </div></div>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_page_without_text_is_an_input_error(html):
    result = read_html_bytes(html.encode(), source="empty.html")
    assert isinstance(result, InputError)
    assert str(result).startswith("empty.html: ")


def test_file_errors_are_returned(tmp_path):
    assert isinstance(read_html_file(tmp_path / "missing.html"), InputError)
    (tmp_path / "bin.html").write_bytes(b"\x00\x01\x02" * 50)
    result = read_html_file(tmp_path / "bin.html")
    assert isinstance(result, InputError) and "binary" in result.reason


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/=\"' abcdiv p body html\n&;é\x00"), max_size=300))
def test_never_raises_on_tag_soup(soup):
    result = read_html_bytes(soup.encode("utf-8"), source="soup.html")
    assert isinstance(result, Article | InputError)
