"""Migration 1 as it ran: the DDL of `articles`, `events` and `event_sources`, frozen.

It was `metadata.create_all()` over `schema.py` at the time; frozen here so that later changes to
`schema.py` can never change what migration 1 creates. Only the timestamp type differs by backend.
"""

TIMESTAMP = {"sqlite": "DATETIME", "postgresql": "TIMESTAMP WITH TIME ZONE"}

STATEMENTS = [
    """CREATE TABLE articles (
        article_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        url TEXT,
        title TEXT,
        published DATE,
        language TEXT,
        source TEXT,
        path TEXT,
        ingested_at {timestamp} NOT NULL,
        PRIMARY KEY (article_id),
        UNIQUE (content_hash),
        UNIQUE (url)
    )""",
    """CREATE TABLE events (
        event_id TEXT NOT NULL,
        event_date DATE,
        year INTEGER,
        time_precision INTEGER,
        disorder_type TEXT NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        actor1 TEXT,
        assoc_actor_1 TEXT,
        inter1 INTEGER,
        actor2 TEXT,
        assoc_actor_2 TEXT,
        inter2 INTEGER,
        interaction INTEGER,
        civilian_targeting TEXT DEFAULT '' NOT NULL,
        iso INTEGER,
        region TEXT,
        country TEXT,
        admin1 TEXT,
        admin2 TEXT,
        location TEXT,
        latitude FLOAT,
        longitude FLOAT,
        geo_precision INTEGER,
        source TEXT DEFAULT '' NOT NULL,
        source_scale TEXT DEFAULT '' NOT NULL,
        notes TEXT DEFAULT '' NOT NULL,
        fatalities INTEGER DEFAULT '0' NOT NULL,
        fatalities_low INTEGER,
        fatalities_high INTEGER,
        injuries INTEGER,
        confidence FLOAT DEFAULT '0' NOT NULL,
        article_id TEXT NOT NULL,
        evidence TEXT DEFAULT '[]' NOT NULL,
        PRIMARY KEY (event_id)
    )""",
    "CREATE INDEX ix_events_actor1 ON events (actor1)",
    "CREATE INDEX ix_events_actor2 ON events (actor2)",
    "CREATE INDEX ix_events_admin1_date ON events (admin1, event_date DESC, event_id)",
    "CREATE INDEX ix_events_country_date ON events (country, event_date DESC, event_id)",
    "CREATE INDEX ix_events_date ON events (event_date DESC, event_id, latitude, longitude)",
    "CREATE INDEX ix_events_fatalities ON events (fatalities)",
    "CREATE INDEX ix_events_lat_lon ON events (latitude, longitude)",
    "CREATE INDEX ix_events_sub_type_date ON events (sub_event_type, event_date DESC, event_id)",
    "CREATE INDEX ix_events_type_date ON events (event_type, event_date DESC, event_id, latitude, longitude)",
    """CREATE TABLE event_sources (
        event_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        PRIMARY KEY (event_id, article_id),
        FOREIGN KEY(event_id) REFERENCES events (event_id)
    )""",
    "CREATE INDEX ix_event_sources_article_id ON event_sources (article_id)",
]


def statements(dialect_name: str) -> list[str]:
    return [s.replace("{timestamp}", TIMESTAMP[dialect_name]) for s in STATEMENTS]
