"""Named, numbered schema migrations, recorded in ``schema_migrations`` and applied one transaction each.

To change the schema, append a ``Migration`` with the next number whose function alters the tables with
explicit DDL (``op``-style statements or ``Table.create``); never edit an applied migration.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontwatch.errors import Messages, StoreError
from frontwatch.store import schema

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    """One schema change: its number, a name saying what it does, and the function applying it."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def _create_schema(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_migrations]
    schema.metadata.create_all(conn, tables=tables)


MIGRATIONS: tuple[Migration, ...] = (Migration(1, "create_schema", _create_schema),)


def current_version(conn: Connection) -> int:
    """The highest applied migration number, 0 for an empty database."""
    if not sa.inspect(conn).has_table(schema.schema_migrations.name):
        return 0
    found = conn.execute(sa.select(sa.func.max(schema.schema_migrations.c.version))).scalar()
    return int(found or 0)


def migrate(engine: Engine, url: str, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply every pending migration in order, each in its own transaction; return the versions applied."""
    expected = max((m.version for m in migrations), default=0)
    with engine.begin() as conn:
        schema.schema_migrations.create(conn, checkfirst=True)
    with engine.connect() as conn:
        found = current_version(conn)
    if found > expected:
        raise StoreError(Messages.E014.format(url=url, found=found, expected=expected))
    applied = []
    for migration in sorted(migrations, key=lambda m: m.version):
        if migration.version <= found:
            continue
        with engine.begin() as conn:
            migration.apply(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=migration.version, name=migration.name, applied_at=datetime.now(UTC)
                )
            )
        logger.info("store %s: applied migration %d %s", url, migration.version, migration.name)
        applied.append(migration.version)
    return applied
