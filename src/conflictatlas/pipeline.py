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
import re

from conflictatlas.errors import InputError
from conflictatlas.extraction.events import extract_mentions
from conflictatlas.geo.resolve import find_toponyms, resolve_toponyms
from conflictatlas.lang import detect_language
from conflictatlas.merge import merge_article_mentions
from conflictatlas.model import Article, Event
from conflictatlas.nlp import MODELS, doc_text, get_nlp
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


#: capitalised word runs ("San Juan de Pasto"): place-name candidates where no entity recogniser exists
CAPITALISED = re.compile(
    r"\b[A-ZÁÉÍÓÚÑÇÈÊ][\w'’-]+(?:\s+(?:(?:de|del|la|las|los|el|al|do|da|dos)\s+)?[A-ZÁÉÍÓÚÑÇÈÊ][\w'’-]+)*"
)


def _split_lines(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A name never runs across a line break (an entity like "Mali\n\nMOPTI" is two names)."""
    pieces, start = [], span[0]
    for part in text[span[0] : span[1]].split("\n"):
        stripped = part.strip()
        if stripped:
            begin = start + part.index(stripped)
            pieces.append((begin, begin + len(stripped)))
        start += len(part) + 1
    return pieces


def toponym_spans(doc) -> list[tuple[int, int]]:
    """Place-name candidates: the geo stage's recogniser, plus, for pipelines without entity
    recognition (blank tokenizers), capitalised word runs that do not open a sentence."""
    spans = [piece for span in find_toponyms(doc) for piece in _split_lines(doc_text(doc), span)]
    if doc.has_annotation("ENT_IOB"):
        return spans
    starts = {sentence.start_char for sentence in doc.sents}
    taken = [range(start, end) for start, end in spans]
    for match in CAPITALISED.finditer(doc_text(doc)):
        if match.start() in starts or any(match.start() in r for r in taken):
            continue
        spans.append((match.start(), match.end()))
    return sorted(spans)


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
    toponyms = resolve_toponyms(article.text, toponym_spans(doc))
    # 3. extract
    mentions = extract_mentions(article, doc, toponyms, language)
    # 4. merge
    return merge_article_mentions(mentions)
