"""The analysts who may write to a store: a name, the public key id of their token and a hash of its secret.

Hashing and checking tokens is ``frontwatch.review.auth``'s job; this module only reads and writes the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from frontwatch.errors import InputError
from frontwatch.store import schema

if TYPE_CHECKING:
    from frontwatch.store.sql import SqlStore

_an = schema.analysts.c


@dataclass(frozen=True)
class Analyst:
    """One analyst's row (the hash included, for checking a token; never shown)."""

    name: str
    key_id: str
    token_hash: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def revoked(self) -> bool:
        """True once the analyst's token was revoked."""
        return self.revoked_at is not None


def _analyst(row) -> Analyst:
    return Analyst(row.name, row.key_id, row.token_hash, row.created_at, row.revoked_at)


def add_analyst(store: SqlStore, name: str, key_id: str, token_hash: str) -> Analyst:
    """Record a new analyst; InputError when the name is taken (revoked names included: they stay in the audit)."""
    now = datetime.now(UTC)
    try:
        with store._engine.begin() as conn:
            conn.execute(schema.analysts.insert().values(
                name=name, key_id=key_id, token_hash=token_hash, created_at=now, revoked_at=None))
    except IntegrityError as e:
        raise InputError(f"An analyst named {name!r} already exists in {store.url}; choose another name.") from e
    return Analyst(name, key_id, token_hash, now, None)


def list_analysts(store: SqlStore) -> list[Analyst]:
    """Every analyst, by name."""
    with store._engine.connect() as conn:
        return [_analyst(r) for r in conn.execute(sa.select(schema.analysts).order_by(_an.name))]


def analyst_by_key(store: SqlStore, key_id: str) -> Analyst | None:
    """The analyst whose token has this key id, or None."""
    with store._engine.connect() as conn:
        row = conn.execute(sa.select(schema.analysts).where(_an.key_id == key_id)).first()
    return _analyst(row) if row is not None else None


def revoke_analyst(store: SqlStore, name: str) -> bool:
    """Revoke an analyst's token (kept, so a request with it is told it was revoked); False when no such analyst."""
    with store._engine.begin() as conn:
        result = conn.execute(
            schema.analysts.update().where(_an.name == name, _an.revoked_at.is_(None)).values(revoked_at=datetime.now(UTC))
        )
        if result.rowcount:
            return True
        return conn.execute(sa.select(_an.name).where(_an.name == name)).first() is not None
