"""Shared fixtures: the spaCy pipeline and the gazetteer are loaded once per test session."""

import pytest

from store_factories import postgres_schema


@pytest.fixture(scope="session")
def nlp():
    from conflictatlas.nlp import get_nlp

    return get_nlp("en")


@pytest.fixture(scope="session")
def gaz():
    """Built once ever into the cache dir (CONFLICTATLAS_CACHE_DIR), opened once per test session."""
    from conflictatlas.geo.gazetteer import Gazetteer, ensure_built

    return Gazetteer(ensure_built())


@pytest.fixture(scope="session")
def extract_one():
    """extract(text, published) -> list of records, through the whole pipeline."""
    from conflictatlas import extract

    def run(text: str, published: str = "2016-03-27") -> list[dict]:
        return [e.to_record() for e in extract(text, published=published)]

    return run


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A fresh store on each backend; PostgreSQL skips with the reason when no server answers."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'atlas.db'}"
        return
    try:
        with postgres_schema() as url:
            yield url
    except ConnectionError as exc:
        pytest.skip(str(exc))
