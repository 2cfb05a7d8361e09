"""Merging: mentions of one real event → one event with many sources.

    article.py    within one article: its sentences' mentions of one event fold into one (pipeline stage 4)
    mention.py    across articles: one article's account of one event, read from its record
    score.py      blocking, features and the pair score, with the gates that keep near-misses apart
    cluster.py    average-linkage clustering that depends only on the set of mentions; event ids
    consensus.py  the merged record: voted fields, conservative tolls, every source and its evidence

The store (`conflictatlas.store.merging`) runs the cross-article part incrementally at ingest.
"""
