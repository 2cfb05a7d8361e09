"""Merging, by its older name: within-article folding lives in `conflictatlas.merging.article`, merging
across articles in the rest of `conflictatlas.merging`; this module keeps the pipeline's import working."""

from conflictatlas.merging.article import event_id, event_key, merge_article_mentions

__all__ = ["event_id", "event_key", "merge_article_mentions"]
