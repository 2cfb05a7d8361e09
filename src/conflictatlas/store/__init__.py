"""The event store: one schema over SQLite (the zero-set-up default) and PostgreSQL (for teams).

`open_store()` opens $CONFLICTATLAS_DB, else ./atlas.db; `Store.ingest(article, events)` returns False
when the article is already stored; `Store.events(country="Syria", limit=100)` returns a page of
records and the cursor of the next page.
"""

from conflictatlas.store.base import Store, open_store
from conflictatlas.store.queries import EventFilter

__all__ = ["EventFilter", "Store", "open_store"]
