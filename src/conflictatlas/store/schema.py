"""The one schema both backends share (SQLAlchemy Core), in the shape of the latest migration.

`events` holds every field of `Event.to_record()` as a column, in the record's order, except
`evidence` and `article_ids`, stored as JSON text since they are only ever read whole (`article_ids`
was added last, by migration 4, so it follows `evidence` in the table). `event_sources` has the same
sources one row per reporting article, for look-ups by article; a page reads `article_ids` with its
rows instead of a second query. Indexes follow the filters of `Store.events()`; the full-text index
over `notes` is backend-specific and lives in `dialects.py`.

`events` and `event_sources` are derived: the facts are the `mentions`, one per event an article
reports (its record as extracted, evidence included), each assigned to the merged event it belongs to,
with the score and features that put it there (see `conflictatlas.merging`).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("article_id", sa.Text, primary_key=True),
    sa.Column("content_hash", sa.Text, nullable=False, unique=True),
    # Unique: the same URL under another id is the same article (NULLs never collide).
    sa.Column("url", sa.Text, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("path", sa.Text),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.Text, primary_key=True),
    sa.Column("event_date", sa.Date),
    sa.Column("year", sa.Integer),
    sa.Column("time_precision", sa.Integer),
    sa.Column("disorder_type", sa.Text, nullable=False),
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("actor1", sa.Text),
    sa.Column("assoc_actor_1", sa.Text),
    sa.Column("inter1", sa.Integer),
    sa.Column("actor2", sa.Text),
    sa.Column("assoc_actor_2", sa.Text),
    sa.Column("inter2", sa.Integer),
    sa.Column("interaction", sa.Integer),
    sa.Column("civilian_targeting", sa.Text, nullable=False, server_default=""),
    sa.Column("iso", sa.Integer),
    sa.Column("region", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("location", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("source", sa.Text, nullable=False, server_default=""),
    sa.Column("source_scale", sa.Text, nullable=False, server_default=""),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("fatalities", sa.Integer, nullable=False, server_default="0"),
    sa.Column("fatalities_low", sa.Integer),
    sa.Column("fatalities_high", sa.Integer),
    sa.Column("injuries", sa.Integer),
    sa.Column("confidence", sa.Float, nullable=False, server_default="0"),
    sa.Column("article_id", sa.Text, nullable=False),  # the first article that reported it
    sa.Column("evidence", sa.Text, nullable=False, server_default="[]"),  # JSON list of Evidence dicts
    sa.Column("article_ids", sa.Text, nullable=False, server_default="[]"),  # JSON list, as event_sources
    # Pages are read newest first: each equality filter leads an index that continues in page order,
    # so a page is a short index walk, never a sort. Latitude/longitude trail the date-led indexes so
    # that a map view (date range + bbox) is filtered inside the index; event type and fatalities
    # follow in the date index so that the map's cells and timeline of a view never read the table.
    sa.Index(
        "ix_events_date",
        sa.desc("event_date"),
        "event_id",
        "latitude",
        "longitude",
        "event_type",
        "fatalities",
    ),
    sa.Index("ix_events_type_date", "event_type", sa.desc("event_date"), "event_id", "latitude", "longitude"),
    sa.Index("ix_events_sub_type_date", "sub_event_type", sa.desc("event_date"), "event_id"),
    sa.Index("ix_events_country_date", "country", sa.desc("event_date"), "event_id"),
    sa.Index("ix_events_admin1_date", "admin1", sa.desc("event_date"), "event_id"),
    sa.Index("ix_events_lat_lon", "latitude", "longitude"),
    sa.Index("ix_events_actor1", "actor1"),
    sa.Index("ix_events_actor2", "actor2"),
    sa.Index("ix_events_fatalities", "fatalities"),
)

event_sources = sa.Table(
    "event_sources",
    metadata,
    sa.Column("event_id", sa.Text, sa.ForeignKey("events.event_id"), primary_key=True),
    # No foreign key to `articles`: an event merged upstream may name articles not stored (yet).
    sa.Column("article_id", sa.Text, primary_key=True),
    sa.Column("ordinal", sa.Integer, nullable=False),  # keeps article_ids in the order they were reported
    sa.Index("ix_event_sources_article_id", "article_id"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("mention_id", sa.Text, primary_key=True),
    sa.Column("article_id", sa.Text, nullable=False),
    sa.Column("event_key", sa.Text, nullable=False),  # the event id extraction gave it
    sa.Column("event_id", sa.Text, nullable=False),  # the merged event it belongs to
    # Its connected component of the link graph: re-clustering after an ingest reads whole components.
    sa.Column("component_id", sa.Text, nullable=False),
    sa.Column("published", sa.Date),  # of its article: the first report represents an event
    # Blocking columns (a copy of the record's), so that candidates are one index range.
    sa.Column("family", sa.Text, nullable=False),
    sa.Column("country", sa.Text),
    sa.Column("event_date", sa.Date),
    sa.Column("time_precision", sa.Integer),
    sa.Column("record", sa.Text, nullable=False),  # JSON of Event.to_record() as extracted
    sa.Column("score", sa.Float),  # mean score with the other members of its event; NULL when alone
    sa.Column("partner", sa.Text),  # the member it scores highest with
    sa.Column("features", sa.Text),  # JSON of that pair's features
    sa.Index("ix_mentions_block", "family", "country", "event_date"),
    sa.Index("ix_mentions_event_key", "event_key"),
    sa.Index("ix_mentions_event_id", "event_id"),
    sa.Index("ix_mentions_component_id", "component_id"),
    sa.Index("ix_mentions_article_id", "article_id"),
)

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)
