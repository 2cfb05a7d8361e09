"""Schemathesis against our own OpenAPI schema: generated requests to every endpoint (writes with the
key, through the real extraction pipeline) find no server error and no answer outside the schema.

The schema is loaded at import (schemathesis's `from_fixture` fails under pytest 9: it reads a removed
pytest attribute), so the small store lives in a temporary directory removed when the module ends.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conflictatlas.store import open_store
from conflictatlas.web import create_app
from store_factories import MOSUL, make_article, make_event

KEY = "schema-key"
_DIR = Path(tempfile.mkdtemp(prefix="conflictatlas-schema-"))


def _app():
    db = str(_DIR / "atlas.db")
    with open_store(db) as store:
        store.ingest(make_article("1"), [make_event("a", "art-1"), make_event("b", "art-1", place=MOSUL)])
    return create_app(db, api_key=KEY)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@pytest.fixture(scope="module", autouse=True)
def _remove_store():
    yield
    shutil.rmtree(_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    # Every check but "schema-valid requests are accepted": some rules span fields or values and are
    # not expressible in OpenAPI (bbox min_lat <= max_lat, start <= end, a cursor must be one of ours,
    # an article must have some text); those answer 4xx with the reason, as test_web_api.py checks.
    case.call_and_validate(headers={"X-API-Key": KEY}, excluded_checks=[positive_data_acceptance])
