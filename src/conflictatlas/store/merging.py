"""Merging inside the store: a new article's mentions join the stored events, incrementally.

    1. candidates  for each new mention, stored mentions of its family and country within its date window
                   (one index range), scored; those that link, and those with the same extraction key,
                   name the components the mention joins
    2. regroup     new mentions and the stored components they join, merged into groups (one per
                   resulting component)
    3. re-cluster  each group from scratch (`conflictatlas.merging.cluster`), so the result does not
                   depend on which article came first
    4. write       the group's old events and sources out, its new ones in, every member's assignment

All of it runs in the caller's transaction, under the ingest lock: the write is atomic with the article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import timedelta

import sqlalchemy as sa

from conflictatlas.merging.cluster import Cluster, cluster, pair_scores
from conflictatlas.merging.consensus import merged_record
from conflictatlas.merging.mention import DATE_WINDOW, MAX_WINDOW, Mention
from conflictatlas.merging.score import THRESHOLD, score
from conflictatlas.store import queries
from conflictatlas.store.schema import event_sources, events, mentions

CHUNK = 500  # ids per IN (…) list


def add_mentions(conn: sa.Connection, new: list[Mention]) -> None:
    """Store `new` (the mentions of one new article) and re-cluster everything they touch."""
    # 1. candidates
    joins = {m.mention_id: _components_joined(conn, m) for m in new}
    joins_by_key = _components_by_key(conn, {m.key for m in new})
    # 2. regroup: new mentions that join a common component end in one group
    groups: list[tuple[set[str], list[Mention]]] = []
    for mention in new:
        joined = joins[mention.mention_id] | joins_by_key.get(mention.key, set())
        overlapping = [g for g in groups if g[0] & joined]
        for g in overlapping:
            groups.remove(g)
            joined |= g[0]
        groups.append((joined, [mention, *(m for g in overlapping for m in g[1])]))
    # 3. re-cluster, 4. write
    stale: set[str] = set()
    clusters: list[Cluster] = []
    old_ids: set[str] = set()
    for component_ids, members in groups:
        rows = list(_rows(conn, component_ids))
        stale |= {row["event_id"] for row in rows}
        old_ids |= {row["mention_id"] for row in rows}
        clusters += cluster([_mention(row) for row in rows] + members)
    _write(conn, clusters, stale, old_ids)


def _components_joined(conn: sa.Connection, mention: Mention) -> set[str]:
    if mention.event_date is None:
        return set()  # an undated mention stays alone: nothing ties it to a day
    c = mentions.c
    day, own = mention.event_date, DATE_WINDOW[mention.time_precision]
    in_window = [c.event_date.between(day - timedelta(own), day + timedelta(own))] + [
        sa.and_(c.time_precision == p, c.event_date.between(day - timedelta(w), day + timedelta(w)))
        for p, w in DATE_WINDOW.items()
        if w > own
    ]
    # One index range (family, country, date) per query; an unlocated mention meets every country.
    near = [
        c.family == mention.family,
        c.event_date.between(day - timedelta(MAX_WINDOW), day + timedelta(MAX_WINDOW)),
    ]
    countries = [c.country == mention.country, c.country.is_(None)] if mention.country else [sa.true()]
    selects = [sa.select(mentions).where(*near, country, sa.or_(*in_window)) for country in countries]
    found = set()
    for select in selects:
        for row in conn.execute(select).mappings():
            pair = score(mention, _mention(row))
            if pair is not None and pair.links:
                found.add(row["component_id"])
    return found


def _components_by_key(conn: sa.Connection, keys: set[str]) -> dict[str, set[str]]:
    """Stored components holding a mention of the same key: they must be re-clustered with the new one
    so that two events never claim one id."""
    found: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(keys)):
        query = sa.select(mentions.c.event_key, mentions.c.component_id)
        for key, component_id in conn.execute(query.where(mentions.c.event_key.in_(chunk))):
            found.setdefault(key, set()).add(component_id)
    return found


def _rows(conn: sa.Connection, component_ids: Iterable[str]) -> Iterator[sa.RowMapping]:
    for chunk in _chunks(sorted(component_ids)):
        yield from conn.execute(sa.select(mentions).where(mentions.c.component_id.in_(chunk))).mappings()


def _mention(row: sa.RowMapping) -> Mention:
    """A stored mention; its record keeps the extraction key as `event_id` (the assignment is a column)."""
    return Mention.from_record(json.loads(row["record"]), row["article_id"], row["published"])


def _write(conn: sa.Connection, clusters: list[Cluster], stale: set[str], old_ids: set[str]) -> None:
    for chunk in _chunks(sorted(stale)):
        conn.execute(event_sources.delete().where(event_sources.c.event_id.in_(chunk)))
        conn.execute(events.delete().where(events.c.event_id.in_(chunk)))
    event_rows, source_rows, inserts, updates = [], [], [], []
    for found in clusters:
        record, sources = merged_record(found)
        event_rows.append(queries.event_row(record, sources))
        source_rows += [dict(event_id=found.event_id, article_id=a, ordinal=i) for i, a in enumerate(sources)]
        for member, attachment in zip(found.members, found.attachments, strict=True):
            assignment = {
                "event_id": found.event_id,
                "component_id": found.component_id,
                "score": attachment.score,
                "partner": attachment.partner,
                "features": json.dumps(attachment.features) if attachment.features else None,
            }
            if member.mention_id in old_ids:
                updates.append({"key_id": member.mention_id, **assignment})
            else:
                inserts.append({**mention_row(member), **assignment})
    conn.execute(events.insert(), event_rows)
    conn.execute(event_sources.insert(), source_rows)
    if inserts:
        conn.execute(mentions.insert(), inserts)
    if updates:
        conn.execute(
            mentions.update().where(mentions.c.mention_id == sa.bindparam("key_id")),
            updates,
        )


def mention_row(mention: Mention) -> dict:
    """The `mentions` row of a mention, but for its assignment (event, component, score)."""
    return {
        "mention_id": mention.mention_id,
        "article_id": mention.article_id,
        "event_key": mention.key,
        "published": mention.published,
        "family": mention.family,
        "country": mention.country,
        "event_date": mention.event_date,
        "time_precision": mention.record["time_precision"],
        "record": json.dumps(mention.record, ensure_ascii=False, separators=(",", ":")),
    }


def explain(conn: sa.Connection, event_id: str) -> dict | None:
    """Why an event's mentions are together: each member's attachment and every pair's score."""
    query = sa.select(mentions).where(mentions.c.event_id == event_id)
    rows = conn.execute(query).mappings().all()
    if not rows:
        return None
    members = sorted((_mention(row) for row in rows), key=lambda m: m.order)
    stored = {row["mention_id"]: row for row in rows}
    return {
        "event_id": event_id,
        "threshold": THRESHOLD,
        "members": [_member(m, stored[m.mention_id]) for m in members],
        "pairs": [
            {
                "a": members[i].mention_id,
                "b": members[j].mention_id,
                "score": pair.score,
                "links": pair.links,
                "features": pair.features,
            }
            for (i, j), pair in pair_scores(members).items()
        ],
    }


def _member(mention: Mention, row: sa.RowMapping) -> dict:
    fields = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "fatalities")
    return {
        "mention_id": mention.mention_id,
        "article_id": mention.article_id,
        "event_key": mention.key,
        "score": row["score"],
        "partner": row["partner"],
        "features": json.loads(row["features"]) if row["features"] else None,
        **{f: mention.record[f] for f in fields},
    }


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]
