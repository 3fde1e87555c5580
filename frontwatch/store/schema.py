"""The event store's tables, as dialect-neutral SQLAlchemy Core metadata.

Dates are ISO strings (``YYYY-MM-DD``) so that range filters compare the same way on every backend;
payloads are ``Event.to_dict()`` serialised as JSON text, the source of truth for rebuilding records.
The other columns of ``events`` copy payload fields so that filters and sorts run in SQL.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("doc_id", sa.String(200), primary_key=True),
    sa.Column("content_hash", sa.String(128), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("original", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("publisher", sa.String(300)),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.String(16)),
    sa.Column("source", sa.Text),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("mention_id", sa.String(200), primary_key=True),
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.doc_id"), nullable=False),
    # Not a foreign key: a mention may point at a fused event saved later in the same transaction.
    sa.Column("event_id", sa.String(200)),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Index("ix_mentions_event_id", "event_id"),
    sa.Index("ix_mentions_doc_id", "doc_id"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String(200), primary_key=True),
    sa.Column("event_date", sa.String(10)),
    sa.Column("event_type", sa.String(100), nullable=False),
    sa.Column("sub_event_type", sa.String(100), nullable=False),
    sa.Column("actor1", sa.String(300)),
    sa.Column("actor2", sa.String(300)),
    # Associated actors of both sides joined with "; ", so the actor filter needs no JSON functions.
    sa.Column("assoc_actors", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("fatalities", sa.Integer, nullable=False, default=0),
    sa.Column("country", sa.String(200)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("location", sa.String(300)),
    sa.Column("notes", sa.Text),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Index("ix_events_event_date", "event_date"),
    sa.Index("ix_events_lat_lon", "latitude", "longitude"),
    sa.Index("ix_events_event_type", "event_type"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("event_id", sa.String(200), sa.ForeignKey("events.event_id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("claimant", sa.String(300)),
    sa.Column("kind", sa.String(100), nullable=False),
    sa.Column("subject", sa.String(300)),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("qualifier", sa.String(32), nullable=False),
    sa.Column("doc_id", sa.String(200), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("claimant_relation", sa.String(64)),
    sa.Index("ix_claims_event_id", "event_id"),
    sa.Index("ix_claims_claimant", "claimant"),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("event_id", sa.String(200), sa.ForeignKey("events.event_id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("doc_id", sa.String(200), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_evidence_event_id", "event_id"),
)

event_sources = sa.Table(
    "event_sources",
    metadata,
    sa.Column("event_id", sa.String(200), sa.ForeignKey("events.event_id"), primary_key=True),
    sa.Column("doc_id", sa.String(200), primary_key=True),
    sa.Column("publisher", sa.String(300)),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String(32)),
    sa.Index("ix_event_sources_event_id", "event_id"),
)

# One narrow row per fused event (migration 2): the keys every listing filters and sorts on, the fields of a
# summary, and lower-cased haystacks for the substring filters, so that a listing never reads a payload nor
# a child table. ``undated`` (0/1) makes "undated events last" an index order in both directions.
event_search = sa.Table(
    "event_search",
    metadata,
    sa.Column("event_id", sa.String(200), sa.ForeignKey("events.event_id"), primary_key=True),
    sa.Column("undated", sa.Integer, nullable=False),
    sa.Column("event_date", sa.String(10)),
    sa.Column("time_precision", sa.Integer, nullable=False),
    sa.Column("event_type", sa.String(100), nullable=False),
    sa.Column("sub_event_type", sa.String(100), nullable=False),
    sa.Column("actor1", sa.String(300)),
    sa.Column("actor2", sa.String(300)),
    sa.Column("country", sa.String(200)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("location", sa.String(300)),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer, nullable=False),
    sa.Column("fatalities", sa.Integer, nullable=False),
    sa.Column("n_claims", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    # str.lower() of the searchable texts, one per line: actors, claimants, source ids and publishers, notes
    # and evidence; the filters look for the lower-cased needle in them.
    sa.Column("actor_text", sa.Text, nullable=False),
    sa.Column("claimant_text", sa.Text, nullable=False),
    sa.Column("source_text", sa.Text, nullable=False),
    sa.Column("notes_text", sa.Text, nullable=False),
    sa.Index("ix_event_search_date", "undated", "event_date", "event_id"),
    sa.Index("ix_event_search_date_desc", "undated", sa.desc("event_date"), sa.desc("event_id")),
    sa.Index("ix_event_search_fatalities", "fatalities", "undated", "event_date", "event_id"),
    sa.Index(
        "ix_event_search_fatalities_desc", sa.desc("fatalities"), "undated", sa.desc("event_date"), sa.desc("event_id")
    ),
    sa.Index("ix_event_search_type_date", "event_type", "undated", "event_date"),
    # With the date sort keys, a box's page is chosen from this index alone (no row read before the page).
    sa.Index(
        "ix_event_search_lat_lon",
        *("latitude", "longitude", "event_type", "fatalities", "undated", "event_date", "event_id"),
    ),
    sa.Index("ix_event_search_country_admin1", "country", "admin1"),
    # A substring filter's count scans one of these (a few bytes an event) instead of the table: about 4x
    # faster at 100k events. A trigram FTS5 index was slower still on needles as common as an actor name.
    *(sa.Index(f"ix_event_search_{c}", c) for c in ("actor_text", "claimant_text", "source_text", "notes_text")),
)

# Where and when each dated mention happened (migration 3), so fusion finds a new document's candidates by
# date window without reading every payload. Rows go with their document (``doc_id``), like mentions.
mention_dates = sa.Table(
    "mention_dates",
    metadata,
    sa.Column("mention_id", sa.String(200), primary_key=True),
    sa.Column("doc_id", sa.String(200), nullable=False),
    sa.Column("event_date", sa.String(10), nullable=False),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("event_type", sa.String(64)),  # migration 5: fusion pairs mentions of one type and country only, and reads precise ones on fewer days
    sa.Column("country", sa.String(100)),
    sa.Column("time_precision", sa.Integer),
    # Migration 6: what fusion's pairwise tests read before a payload, so a new mention reads only the stored
    # ones within reach: the fusion role (precise/attached/vague; NULL when unmarked), the province, the
    # gazetteer entry. A precise mention then reads precise ones near it (latitude/longitude), not the country's.
    sa.Column("fuse_role", sa.String(16)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("geonameid", sa.Integer),
    sa.Index("ix_mention_dates_date", "event_date"),
    sa.Index("ix_mention_dates_type_date", "event_type", "event_date"),
    sa.Index("ix_mention_dates_doc_id", "doc_id"),
    # Fusion's reach lookup (migration 6): equality on type, role and time precision, a date range, and every
    # other column it tests held in the index, so a reach is answered from the index alone (no row read per
    # mention of the days scanned; at 100k events that was most of the lookup's time).
    sa.Index(
        "ix_mention_dates_reach",
        *("event_type", "fuse_role", "time_precision", "event_date", "country", "admin1", "geonameid"),
        *("latitude", "longitude", "mention_id"),
    ),
)

# One row (migration 4): a number every write transaction of the store raises by one, in the same
# transaction. A reader that sees the same number sees the same events, so derived figures such as
# listing totals can be cached under it, across processes and backends.
store_generation = sa.Table(
    "store_generation",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("generation", sa.BigInteger, nullable=False),
)
GENERATION_ROW = 1

# Tables holding one event's child rows; replaced wholesale when the event is replaced.
EVENT_CHILDREN = (claims, evidence, event_sources, event_search)
