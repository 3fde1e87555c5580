"""The event store's tables, as dialect-neutral SQLAlchemy Core metadata.

Dates are ISO strings (``YYYY-MM-DD``) so that range filters compare the same way on every backend;
payloads are ``Event.to_dict()`` serialised as JSON text, the source of truth for rebuilding records (a fused
event's claims, sources and evidence in its ``event_parts`` rows, the rest in its ``events`` row). The other columns of ``events`` copy payload fields so that filters and sorts run in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import sqlalchemy as sa

# Ids per IN (...) list: small enough for SQLite's bound-parameter limit, large enough that round trips do not
# dominate.
IN_LIST = 500


def in_chunks(items: Iterable, size: int = IN_LIST) -> Iterator[list]:
    """``items`` in lists of at most ``size``, for one IN (...) clause each."""
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


# The name of the list parameter of the statements the write path builds once (``ids``): each document's save runs
# a few dozen statements, and building a SQLAlchemy expression per call cost more than running it (about 70 µs a
# statement built afresh against 26 µs for one built once, SQLite, process time).
IDS = "ids"


def ids() -> sa.BindParameter:
    """A fresh expanding parameter ``ids``: ``column.in_(ids())`` takes a chunk of ``in_chunks`` as ``{IDS: chunk}``."""
    return sa.bindparam(IDS, expanding=True)

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
    # holding the mention ids: fusion counts a happening's mentions (``mention_counts``) in the index alone, not in
    # a thousand mention rows (migration 12)
    sa.Index("ix_mentions_event_id_mention_id", "event_id", "mention_id"),
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

# An event's claims, sources and evidence (migration 13), out of its payload: a row written whole with the event
# (``part`` empty), and one per document a report adds to it afterwards (``part`` its id), so that a happening
# reported a thousand times gets the new report's share written, not its whole payload again. Readers join the
# rows (``rows.event_from_payload``): one as it is, several in the order of their documents.
event_parts = sa.Table(
    "event_parts",
    metadata,
    sa.Column("event_id", sa.String(200), sa.ForeignKey("events.event_id"), primary_key=True),
    sa.Column("part", sa.String(200), primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
)

# One narrow row per fused event (migration 2): the keys every listing filters and sorts on, the fields of a
# summary, and lower-cased haystacks for the substring filters, so that a listing never reads a payload nor
# a child table. ``undated`` (0/1) makes "undated events last" an index order in both directions.
# The filter columns the sort indexes of ``event_search`` carry after their keys (migration 10).
_COVERED = ("latitude", "longitude", "event_type")
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
    # Migration 8: the analysts' review status of the event (machine, confirmed, corrected, rejected), so that
    # listings, exports and the review queue filter on it in SQL.
    sa.Column("review_status", sa.String(16), nullable=False, server_default="machine"),
    # One index per sort, in its exact order (query.order_by), holding the place and type after the sort keys
    # (migration 10): a page of a box, a type or both walks its sort's index and tests them there, and counts
    # them there, without reading a row; at 1,000,000 events a row read per candidate was most of the time.
    sa.Index("ix_event_search_date_cover", "undated", "event_date", "event_id", *_COVERED),
    sa.Index("ix_event_search_date_desc_cover", "undated", sa.desc("event_date"), sa.desc("event_id"), *_COVERED),
    sa.Index("ix_event_search_fatalities_cover", "fatalities", "undated", "event_date", "event_id", *_COVERED),
    sa.Index(
        "ix_event_search_fatalities_desc_cover",
        *(sa.desc("fatalities"), "undated", sa.desc("event_date"), sa.desc("event_id"), *_COVERED),
    ),
    sa.Index("ix_event_search_type_date_cover", "event_type", "undated", "event_date", "event_id", "latitude", "longitude"),
    # With the date sort keys, a box's page is chosen from this index alone (no row read before the page).
    sa.Index(
        "ix_event_search_lat_lon",
        *("latitude", "longitude", "event_type", "fatalities", "undated", "event_date", "event_id"),
    ),
    sa.Index("ix_event_search_country_admin1", "country", "admin1"),
    # A substring filter's count scans one of these (a few bytes an event) instead of the table: about 4x
    # faster at 100k events. A trigram FTS5 index was slower still on needles as common as an actor name.
    *(sa.Index(f"ix_event_search_{c}", c) for c in ("actor_text", "claimant_text", "source_text")),
    # The evidence text of an event reported hundreds of times outgrows a PostgreSQL btree row (2,704 bytes): the
    # index is SQLite's only (migration 11 drops it from PostgreSQL stores).
    sa.Index("ix_event_search_notes_text", "notes_text").ddl_if(dialect="sqlite"),
    # The review queue (migration 8): events of a status, newest first, then the most reported.
    sa.Index("ix_event_search_review", "review_status", "undated", "event_date", "n_sources", "event_id"),
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
    # Migration 7: the mention's fusion class, a hash of everything fusion's pairwise tests read of it (its role,
    # type, day, place, province, actors, evidence words); mentions of one class relate alike to any other. NULL
    # for a mention stored before classes were recorded. And its document's group (fusion unit).
    sa.Column("fuse_class", sa.String(64)),
    sa.Column("fuse_unit", sa.String(200)),  # the mention its document groups it with (``fuse_unit``), or NULL
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

# What fusion matches a fused event by (migration 7): one row per fusion class of its dated mentions, with the
# columns of the reach lookup (equal for every mention of a class), how many mentions and documents hold the
# class, the first and last of those documents and the first mention (whose payload stands for the class). A new
# report is compared with each class of a happening once, however many times it was reported. Derived from
# ``mentions`` and ``mention_dates``: the store rewrites an event's rows whenever its mentions change. Mentions
# stored without a class (NULL) are grouped by their reach columns under a NULL class.
event_classes = sa.Table(
    "event_classes",
    metadata,
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("fuse_class", sa.String(64)),
    sa.Column("event_type", sa.String(64)),
    sa.Column("fuse_role", sa.String(16)),
    sa.Column("time_precision", sa.Integer),
    sa.Column("event_date", sa.String(10), nullable=False),
    sa.Column("country", sa.String(100)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("geonameid", sa.Integer),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("first_doc", sa.String(200), nullable=False),
    sa.Column("last_doc", sa.String(200), nullable=False),
    sa.Column("first_mention", sa.String(200), nullable=False),
    sa.Index("ix_event_classes_event_id", "event_id"),
    # The reach lookup of mention_dates, on classes: equality on type, role and time precision, a date range, and
    # the other tested columns held in the index.
    sa.Index(
        "ix_event_classes_reach",
        *("event_type", "fuse_role", "time_precision", "event_date", "country", "admin1", "geonameid"),
        *("latitude", "longitude", "event_id"),
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

# Analysts' review (migration 8): a layer over the machine's output, never written by fusion. A review belongs to
# the fused event it applies to now (``event_id``; NULL when that event is gone) and holds the values analysts set
# (``fields``, JSON); the payload and search row of the event carry the reviewed values, so every reader sees them.
reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("review_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(200), unique=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("fields", sa.Text, nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# The mentions a review holds together (migration 8): every report of the reviewed happening. A review follows
# them when fusion renames or rebuilds the event, and they stay together (and apart from another review's) as
# the analyst merged or split them; rows of a document that was removed stay, so re-processing it finds them.
review_anchors = sa.Table(
    "review_anchors",
    metadata,
    sa.Column("mention_id", sa.String(200), primary_key=True),
    sa.Column("review_id", sa.Integer, nullable=False),
    sa.Index("ix_review_anchors_review_id", "review_id"),
)

# The audit log (migration 8): one row per change an analyst (or the store, following a renamed event) made.
review_audit = sa.Table(
    "review_audit",
    metadata,
    sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("review_id", sa.Integer, nullable=False),
    sa.Column("event_id", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("analyst", sa.String(100), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("field", sa.String(64)),
    sa.Column("old_value", sa.Text),  # JSON
    sa.Column("new_value", sa.Text),  # JSON
    sa.Column("reason", sa.Text),
    sa.Index("ix_review_audit_review_id", "review_id", "audit_id"),
)

# Analysts who may write (migration 8): a token is ``fw_<key_id>_<secret>``; only an argon2 hash of the secret
# is stored, found by its public ``key_id``.
analysts = sa.Table(
    "analysts",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("key_id", sa.String(32), nullable=False, unique=True),
    sa.Column("token_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)

# Feeds followed by ``frontwatch watch`` (migration 9): where each is, how it answered last time (validators for
# conditional requests, the last poll and error, failures in a row for the back-off) and when it is due again.
feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("feed_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("url", sa.String(2000), nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("publisher", sa.String(300)),
    sa.Column("language", sa.String(16)),
    sa.Column("interval_s", sa.Integer),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_poll", sa.DateTime(timezone=True)),
    sa.Column("last_ok", sa.DateTime(timezone=True)),
    sa.Column("last_status", sa.String(64)),
    sa.Column("last_error", sa.Text),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_poll", sa.DateTime(timezone=True)),
)

# The items of each feed already seen (migration 9), by a hash of their guid or link: a re-read feed fetches
# only new items, and an item whose page failed is tried again a few times.
feed_items = sa.Table(
    "feed_items",
    metadata,
    sa.Column("feed_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("item_key", sa.String(64), primary_key=True),
    sa.Column("url", sa.Text),
    sa.Column("doc_id", sa.String(200)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_error", sa.Text),
)

# Tables holding one event's child rows; replaced wholesale when the event is replaced.
EVENT_CHILDREN = (claims, evidence, event_sources, event_parts, event_search)
