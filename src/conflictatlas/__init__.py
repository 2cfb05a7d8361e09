"""conflictatlas: news in, ACLED-style conflict events out.

    >>> import conflictatlas
    >>> events = conflictatlas.extract(text, published="2016-03-27")
    >>> [e.to_record() for e in events]
"""

from conflictatlas.api import extract, process_paths
from conflictatlas.model import Article, Event, Evidence, Place
from conflictatlas.store import open_store

__all__ = ["Article", "Event", "Evidence", "Place", "extract", "open_store", "process_paths"]
__version__ = "0.1.0"
