"""The write API: articles in, events out, through the same per-article path as `conflictatlas ingest`.

Like the CLI, a batch goes on past a bad article (its result says why) and fails as a whole (422) only
when no article could be processed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException
from fastapi.responses import JSONResponse

from conflictatlas.errors import ConflictAtlasError
from conflictatlas.pipeline import process_article
from conflictatlas.read import read_text
from conflictatlas.store import Store
from conflictatlas.web.deps import StoreDep
from conflictatlas.web.models import ArticleIn, ArticleResults, ErrorBody
from conflictatlas.web.security import require_api_key

router = APIRouter(tags=["articles"])
MAX_ARTICLES = 100

Articles = Annotated[
    ArticleIn | Annotated[list[ArticleIn], Body(min_length=1, max_length=MAX_ARTICLES)],
    Body(description=f"one article, or a list of up to {MAX_ARTICLES}"),
]


@router.post(
    "/articles",
    response_model=ArticleResults,
    dependencies=[Depends(require_api_key)],
    responses={
        401: {"model": ErrorBody, "description": "missing or wrong X-API-Key"},
        403: {"model": ErrorBody, "description": "writes disabled: the server has no API key"},
    },
)
def post_articles(store: StoreDep, body: Articles) -> JSONResponse:
    """Extract the events of each article, store article and events, answer with the stored events."""
    items = body if isinstance(body, list) else [body]
    results = [_ingest(store, item) for item in items]
    if all(r["status"] == "error" for r in results):
        raise HTTPException(422, "; ".join(r["error"] for r in results))
    return JSONResponse({"results": results})


def _ingest(store: Store, item: ArticleIn) -> dict:
    content = item.text if item.text is not None else item.html or ""
    try:
        article = read_text(
            content, published=item.published, url=item.url, title=item.title, article_id=item.id
        )
        events = process_article(article)
    except ConflictAtlasError as problem:
        return {"article_id": item.id, "status": "error", "error": str(problem), "events": []}
    stored = store.ingest(article, events)
    # The store's merged version of the article's events: a report of a known event joins it.
    records = store.article_events(article.id)
    status = "stored" if stored else "duplicate"
    return {"article_id": article.id, "status": status, "error": None, "events": records}
