"""Mentions → events: average-linkage clustering that depends only on the set of mentions.

Determinism: mentions are sorted by their total order (`Mention.order`) before anything else, pairs are
scored in that order, and the clustering repeatedly merges the two clusters of highest average score
(ties broken by position), so the result is a function of the set, whatever order the articles came
in. Merges only happen along linking pairs, so each cluster lies inside one connected component of the
link graph: clustering a component alone gives the same clusters as clustering everything, which is what
lets the store re-cluster just the components a new article touches.

Ids: an event takes the extraction key (`Mention.key`) of its representative, its earliest report, so a
single-source event keeps the id extraction gave it; if an earlier event of the component already took
that key, the id is the hash of the key and the representative's article.
"""

from __future__ import annotations

from dataclasses import dataclass

from conflictatlas.merging.mention import Mention
from conflictatlas.merging.score import THRESHOLD, PairScore, score
from conflictatlas.model import stable_hash


@dataclass(frozen=True)
class Attachment:
    """Why a mention is in its event: its mean score with the other members, and its best partner."""

    score: float | None = None
    partner: str | None = None  # mention_id of the member it scores highest with
    features: dict[str, float] | None = None


@dataclass(frozen=True)
class Cluster:
    event_id: str
    component_id: str  # mention_id of the first mention of its link-graph component
    members: tuple[Mention, ...]  # in Mention.order; the first is the representative
    attachments: tuple[Attachment, ...]  # one per member


def pair_scores(mentions: list[Mention]) -> dict[tuple[int, int], PairScore]:
    """Scores of every unblocked pair (i < j) of `mentions`, which must be sorted."""
    found = {}
    for i, a in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            pair = score(a, mentions[j])
            if pair is not None:
                found[i, j] = pair
    return found


def components(mentions: list[Mention], scores: dict[tuple[int, int], PairScore]) -> list[list[int]]:
    """Connected components of the link graph, as sorted index lists. Mentions sharing an extraction key
    are joined too, so that two events that could claim one id always meet in one component."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        parent[max(ri, rj)] = min(ri, rj)

    for (i, j), pair in scores.items():
        if pair.links:
            join(i, j)
    first_with_key: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        join(i, first_with_key.setdefault(mention.key, i))
    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def cluster(mentions: list[Mention]) -> list[Cluster]:
    """The events of `mentions` (any order), each with its members and their attachments."""
    ordered = sorted(mentions, key=lambda m: m.order)
    scores = pair_scores(ordered)
    affinity = {pair: s.score for pair, s in scores.items() if s.links}
    groups = _average_linkage(ordered, affinity)
    component_of = {i: ordered[group[0]].mention_id for group in components(ordered, scores) for i in group}
    taken: set[str] = set()
    clusters = []
    for group in sorted(groups):
        members = tuple(ordered[i] for i in group)
        representative = members[0]
        event_id = representative.key
        if event_id in taken:
            event_id = stable_hash(representative.key, representative.article_id)
        taken.add(event_id)
        attachments = tuple(_attachment(i, group, ordered, scores, affinity) for i in group)
        clusters.append(Cluster(event_id, component_of[group[0]], members, attachments))
    return clusters


def _average_linkage(ordered: list[Mention], affinity: dict[tuple[int, int], float]) -> list[list[int]]:
    """Merge the two clusters of highest mean affinity until none reaches THRESHOLD; two mentions of
    one article never share a cluster (the article already folded its own mentions of one event)."""
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(ordered))}
    articles: dict[int, set[str]] = {i: {m.article_id} for i, m in enumerate(ordered)}
    sums: dict[tuple[int, int], float] = dict(affinity)  # keyed by (smaller, larger) cluster head
    while True:
        best, best_mean = None, THRESHOLD
        for (a, b), total in sorted(sums.items()):
            mean = total / (len(clusters[a]) * len(clusters[b]))
            if mean >= best_mean and (best is None or mean > best_mean) and not articles[a] & articles[b]:
                best, best_mean = (a, b), mean
        if best is None:
            return list(clusters.values())
        keep, gone = best
        clusters[keep] = sorted(clusters[keep] + clusters.pop(gone))
        articles[keep] |= articles.pop(gone)
        merged: dict[tuple[int, int], float] = {}
        for (a, b), total in sums.items():
            a, b = (keep if a == gone else a), (keep if b == gone else b)
            if a != b:
                key = (min(a, b), max(a, b))
                merged[key] = merged.get(key, 0.0) + total
        sums = merged


def _attachment(
    i: int,
    group: list[int],
    ordered: list[Mention],
    scores: dict[tuple[int, int], PairScore],
    affinity: dict[tuple[int, int], float],
) -> Attachment:
    others = [j for j in group if j != i]
    if not others:
        return Attachment()
    pairs = [(min(i, j), max(i, j)) for j in others]
    mean = sum(affinity.get(p, 0.0) for p in pairs) / len(pairs)
    best = max(pairs, key=lambda p: (scores[p].score if p in scores else -1.0, -p[0], -p[1]))
    partner = best[1] if best[0] == i else best[0]
    features = scores[best].features if best in scores else None
    return Attachment(round(mean, 3), ordered[partner].mention_id, features)
