"""What every route needs from the app: its store, and the filters of the request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from conflictatlas.store import EventFilter, Store
from conflictatlas.web.params import event_filter


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
