"""Shared fixtures: the spaCy pipeline and the gazetteer are loaded once per test session."""

import pytest


@pytest.fixture(scope="session")
def nlp():
    from conflictatlas.nlp import get_nlp

    return get_nlp("en")


@pytest.fixture(scope="session")
def extract_one():
    """extract(text, published) -> list of records, through the whole pipeline."""
    from conflictatlas import extract

    def run(text: str, published: str = "2016-03-27") -> list[dict]:
        return [e.to_record() for e in extract(text, published=published)]

    return run
