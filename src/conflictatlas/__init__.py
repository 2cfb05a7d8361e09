"""conflictatlas: news in, ACLED-style conflict events out.

    >>> import conflictatlas
    >>> events = conflictatlas.extract(text, published="2016-03-27")
    >>> [e.to_record() for e in events]

Names are imported on first use, so that `import conflictatlas.store` does not load spaCy.
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "extract": "conflictatlas.api",
    "process_paths": "conflictatlas.api",
    "open_store": "conflictatlas.store",
    "Article": "conflictatlas.model",
    "Event": "conflictatlas.model",
    "Evidence": "conflictatlas.model",
    "Place": "conflictatlas.model",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'conflictatlas' has no attribute {name!r}")
