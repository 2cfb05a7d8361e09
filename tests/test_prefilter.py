"""The keyword pre-filter: it must keep every article that reports an event (recall first) and drop most
sport, business and culture news before the NLP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictatlas.batch.filler import filler_article
from conflictatlas.lang import detect_language
from conflictatlas.model import Article
from conflictatlas.prefilter import DROPPED, drop_reason, keep_article
from conflictatlas.read import read_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
NO_EVENTS = {"residue-only.html", "eastafrica-biz-2023-02-21-tea", "mesopotamia-sport-2024-05-12-football"}


def _recall(texts: list[str]) -> float:
    kept = sum(drop_reason(text, detect_language(text)) is None for text in texts)
    return kept / len(texts)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


@pytest.mark.parametrize(
    ("text", "language", "kept"),
    [
        ("Gunmen killed four villagers near Gao.", "en", True),
        ("Police arrested twelve people after the vote.", "en", True),
        ("Deux soldats ont été tués dans une embuscade près de Niono.", "fr", True),
        ("DES MANIFESTANTS DISPERSÉS À BAMAKO", "fr", True),  # case and accents folded
        ("The attack on the base was repelled.", "en", True),  # two weak words
        (
            "Their attack was strong and the striker's shot beat the goalkeeper in the league match.",
            "en",
            False,
        ),
        ("Shares rose after the quarterly results; analysts welcomed the dividend.", "en", False),
        ("Die Rebellen griffen das Dorf an.", "de", True),  # no list for German: never dropped
    ],
)
def test_keeps_conflict_vocabulary_and_drops_the_rest(text, language, kept):
    assert (drop_reason(text, language) is None) is kept


def test_unknown_language_checks_every_list_and_titles_count():
    assert drop_reason("Affrontements meurtriers à Niono", None) is None
    assert drop_reason("Weather: sunny spells tomorrow", None) == DROPPED
    article = Article(
        id="x", text="Markets were calm on Monday.", title="Troops clash near Goma", language="en"
    )
    assert keep_article(article)


def test_keeps_every_example_with_events():
    articles = [a for a in read_paths([ROOT / "examples"]) if isinstance(a, Article)]
    reporting = [a for a in articles if not {Path(a.path or "").name, a.id} & NO_EVENTS]
    assert len(reporting) >= 6 and all(keep_article(a) for a in reporting)
    merge = _jsonl(ROOT / "bench/corpus/merge/articles.jsonl")
    assert _recall([f"{r['title']}\n{r['text']}" for r in merge]) == 1.0


def test_keeps_every_sentence_fixture():
    assert _recall([r["text"] for r in _jsonl(ROOT / "tests/fixtures/sentences/subtypes.jsonl")]) == 1.0


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"development sets not present at {SHARED}")
def test_recall_on_the_development_sets():
    case = [r["text"] for r in _jsonl(SHARED / "case2021_task2/dev.jsonl") if r["sub_event_type"]]
    police = [r["text"] for r in _jsonl(SHARED / "india_police_events/dev.jsonl") if r["labels"]]
    assert _recall(case) >= 0.99
    assert _recall(police) >= 0.99


def test_drops_most_generated_filler():
    fillers = [filler_article(seed) for seed in range(400)]
    dropped = sum(
        not keep_article(Article(id=f.id, text=f.text, title=f.title, language=f.language)) for f in fillers
    )
    assert dropped / len(fillers) >= 0.9
