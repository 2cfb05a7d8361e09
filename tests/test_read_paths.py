"""`read_paths` and `read_text`: dispatch by extension or content, errors yielded, never raised."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conflictatlas.errors import InputError
from conflictatlas.model import Article
from conflictatlas.read import read_paths, read_text

FIXTURES = Path(__file__).parent / "fixtures" / "read"
STORY = "Rebels took the town of Vell on Friday after two days of fighting, residents said."


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A directory of every kind of input, good and bad, nested and hidden."""
    for name in ("siege.txt", "kalvora.html", "corpus.jsonl"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    nested = tmp_path / "more" / "deeper"
    nested.mkdir(parents=True)
    (nested / "vell.md").write_text(f"Vell falls\n\n{STORY}\n")
    (nested / "empty.htm").write_bytes(b"")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # unsupported: not read
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text(STORY)  # hidden: not read
    return tmp_path


def _sources(results):
    return [r.path if isinstance(r, Article) else r.source for r in results]


def test_directory_is_read_recursively_in_sorted_order(tree):
    results = list(read_paths([tree]))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(articles) == 4 + 2  # 4 good JSONL lines, the HTML page, the text file
    assert any(a.path == str(tree / "more" / "deeper" / "vell.md") for a in articles)
    assert {e.source for e in errors} >= {
        str(tree / "more" / "deeper" / "empty.htm"),
        f"{tree / 'corpus.jsonl'}:2",
    }
    assert not any("photo" in s or ".cache" in s for s in _sources(results))
    assert _sources(results) == _sources(read_paths([str(tree)]))


def test_published_is_set_for_all(tree):
    articles = [r for r in read_paths([tree], published=date(2022, 2, 2)) if isinstance(r, Article)]
    assert {a.published for a in articles} == {date(2022, 2, 2)}


def test_bad_paths_are_yielded_as_errors(tmp_path):
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.pdf").write_bytes(b"%PDF-1.4")
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + b"fighting " * 2000 + b"</p></body></html>")
    results = list(read_paths([tmp_path / "missing.txt", tmp_path / "nothing", big], max_bytes=10_000))
    assert [type(r) for r in results] == [InputError] * 3
    missing, empty_dir, too_big = (str(r) for r in results)
    assert "missing.txt: no such file" in missing
    assert "no supported files in this directory" in empty_dir
    assert "size limit of 10,000 bytes" in too_big


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (f'{{"id": "s1", "text": "{STORY}"}}\n', "s1"),
        (f"<!DOCTYPE html><html><body><article><p>{STORY}</p></article></body></html>", "sha-"),
        (f"Vell falls\n\n{STORY}", "sha-"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path, content, expected):
    path = tmp_path / "input.dat"
    path.write_text(content)
    [article] = read_paths([path])
    assert isinstance(article, Article)
    assert article.id.startswith(expected)
    assert article.text.endswith(STORY)


def test_read_text_detects_html_and_text():
    html = (
        f"<html><head><title>Vell falls</title></head><body><article><p>{STORY}</p></article></body></html>"
    )
    from_html = read_text(html, published=date(2021, 1, 8), url="https://e.example/vell")
    from_text = read_text(f"Vell falls\n\n{STORY}", article_id="vell-1")
    assert from_html.text == STORY and from_html.title == "Vell falls"
    assert from_html.published == date(2021, 1, 8) and from_html.url == "https://e.example/vell"
    assert from_text.id == "vell-1" and from_text.title == "Vell falls"
    assert from_text.text == f"Vell falls\n\n{STORY}"
    assert read_text(STORY).id == read_text(STORY).id


def test_read_text_raises_on_empty():
    with pytest.raises(InputError, match="empty text"):
        read_text("  \n")
