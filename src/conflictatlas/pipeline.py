"""The whole per-article path in one readable function: the same code runs in `extract`,
`ingest`, the HTTP API and batch jobs.

    0. pre-filter  a cheap keyword check: articles with no conflict vocabulary skip the NLP
    1. analyse   the language's spaCy pipeline over the main text (loaded once per process)
    2. locate    place names of the text, resolved together in the article's context
    3. extract   event mentions sentence by sentence (type, actors, place, date, tolls, evidence)
    4. merge     mentions of the same event within the article → events with stable ids
"""

from __future__ import annotations

import logging

from conflictatlas.errors import InputError
from conflictatlas.extraction.events import extract_mentions
from conflictatlas.geo.recognize import toponym_spans
from conflictatlas.geo.resolve import resolve_toponyms
from conflictatlas.lang import detect_language
from conflictatlas.merge import merge_article_mentions
from conflictatlas.model import Article, Event
from conflictatlas.nlp import MODELS, get_nlp
from conflictatlas.prefilter import keep_article

log = logging.getLogger(__name__)


def article_language(article: Article) -> str:
    """The article's language, detected when the reader left it open; unsupported ones are an InputError."""
    language = article.language or detect_language(article.text)
    if language not in MODELS:
        raise InputError(
            article.path or article.id,
            f"language '{language or 'unknown'}' is not supported",
            hint=f"supported: {', '.join(MODELS)}",
        )
    return language


def process_article(article: Article, *, prefilter: bool = True) -> list[Event]:
    """Events of one article, merged within it. Raises InputError for an article we cannot read.

    `prefilter=False` runs the NLP even on articles without any conflict vocabulary (evaluations)."""
    if not article.text.strip():
        raise InputError(article.path or article.id, "no text to analyse")
    language = article_language(article)
    # 0. pre-filter: no conflict vocabulary, no NLP (most pages of a news crawl)
    if prefilter and not keep_article(article, language):
        return []
    # 1. analyse
    doc = get_nlp(language)(article.text)
    # 2. locate
    toponyms = resolve_toponyms(article.text, toponym_spans(doc), fallback=False)
    # 3. extract
    mentions = extract_mentions(article, doc, toponyms, language)
    # 4. merge
    return merge_article_mentions(mentions)
