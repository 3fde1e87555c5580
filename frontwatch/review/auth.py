"""Analysts' tokens: ``fw_<key id>_<secret>``, printed once; the store keeps only an argon2id hash of the secret.

The key id (16 hex digits) is public and finds the analyst's row; the secret (43 URL-safe characters, 256 bits)
is checked against its argon2id hash (argon2-cffi, RFC 9106 defaults). A token checked once is remembered for
the process by its SHA-256 digest, so a busy analyst pays argon2's cost once; revocation is read from the store
on every request, so it takes effect at once.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from frontwatch.errors import InputError
from frontwatch.store.analysts import Analyst, add_analyst, analyst_by_key, list_analysts, revoke_analyst

TOKEN_RE = re.compile(r"fw_([0-9a-f]{16})_([A-Za-z0-9_-]{43})")
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
# Tokens remembered as checked (digests only); cleared when full.
_REMEMBERED = 4096

_hasher = PasswordHasher()

__all__ = ["AuthFailure", "Authenticator", "add_user", "list_users", "revoke_user"]


class AuthFailure(Exception):
    """A write request whose token is missing or wrong (401) or revoked (403); the message never holds the token."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class NewUser:
    """An analyst just added, with the token to hand over (shown once, never stored)."""

    name: str
    token: str


def add_user(store, name: str) -> NewUser:
    """Add an analyst with a fresh token; InputError for a bad or taken name."""
    if not NAME_RE.fullmatch(name or ""):
        raise InputError("An analyst's name is 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.")
    key_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    add_analyst(store, name, key_id, _hasher.hash(secret))
    return NewUser(name, f"fw_{key_id}_{secret}")


def list_users(store) -> list[Analyst]:
    """Every analyst, by name."""
    return list_analysts(store)


def revoke_user(store, name: str) -> bool:
    """Revoke an analyst's token; False when there is no such analyst."""
    return revoke_analyst(store, name)


class Authenticator:
    """Checks bearer tokens against a store's analysts."""

    def __init__(self, store) -> None:
        self.store = store
        self._checked: dict[bytes, str] = {}  # SHA-256 of a verified token -> its key id
        self._lock = threading.Lock()

    def analyst(self, authorization: str | None) -> Analyst:
        """The analyst an ``Authorization: Bearer ...`` header names; AuthFailure 401 or 403 otherwise."""
        if not authorization:
            raise AuthFailure(401, "Writing needs an analyst's token: send 'Authorization: Bearer <token>' "
                                   "(frontwatch user add NAME prints one).")
        scheme, _, token = authorization.partition(" ")
        match = TOKEN_RE.fullmatch(token.strip()) if scheme.lower() == "bearer" else None
        if match is None:
            raise AuthFailure(401, "The token is not a frontwatch analyst's token.")
        key_id, secret = match.groups()
        analyst = analyst_by_key(self.store, key_id)
        if analyst is None:
            raise AuthFailure(401, "The token is unknown to this store.")
        digest = hashlib.sha256(token.strip().encode()).digest()
        with self._lock:
            known = self._checked.get(digest) == key_id
        if not known:
            try:
                _hasher.verify(analyst.token_hash, secret)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                raise AuthFailure(401, "The token is unknown to this store.") from None
            with self._lock:
                if len(self._checked) >= _REMEMBERED:
                    self._checked.clear()
                self._checked[digest] = key_id
        if analyst.revoked:
            raise AuthFailure(403, f"The token of analyst {analyst.name!r} was revoked.")
        return analyst
