"""API tokens: random bearer tokens, stored only as SHA-256 hashes beside the event store.

`sozialplanung token create --role ROLE --name NAME [--organization ID]` prints a token
once; the server looks up its hash on every request, so `token revoke` takes effect at once.
`token list` shows each token by its fingerprint (the start of its hash), never the token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.postgres import PostgresDatastore

from ..domain.base import NotFound, ValidationError, choice, text
from ..domain.rights import PUBLIC, Principal, Role, Unauthenticated

PREFIX = "sp_"
FINGERPRINT = 12  # hex digits of the hash that name a token in `token list`


@dataclass(frozen=True)
class TokenInfo:
    fingerprint: str
    name: str
    role: str
    organization_id: str | None
    created_at: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header; None without the header.

    Anything else (``Basic …``, ``Bearer`` alone, a tab for the space) is refused rather than
    read as anonymous: a client that meant to sign in must learn that it did not."""
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    token = value.strip()
    if scheme.lower() != "bearer" or not token or any(c.isspace() for c in token):
        raise Unauthenticated(
            "The Authorization header must read 'Bearer <token>' (one space, the token "
            "that `sozialplanung token create` printed)."
        )
    return token


class TokenStore:
    def __init__(self, datastore: Any):
        self.datastore = datastore
        self.postgres = isinstance(datastore, PostgresDatastore)
        self.table = f'"{datastore.schema}".api_tokens' if self.postgres else "api_tokens"
        with datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (token_hash TEXT PRIMARY "
                "KEY, name TEXT NOT NULL, role TEXT NOT NULL, organization_id TEXT, "
                "created_at TEXT NOT NULL)"
            )

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.postgres else statement

    def create(self, role: str, name: str, organization_id: UUID | None = None) -> str:
        chosen = choice(Role, role, "role")
        if chosen is Role.PUBLIC:
            raise ValidationError("PUBLIC needs no token.", "role")
        if chosen in (Role.COORDINATOR, Role.MEMBER) and organization_id is None:
            raise ValidationError(f"A {chosen} token needs --organization.", "organization")
        name = text(name, "name")
        token = PREFIX + secrets.token_urlsafe(32)
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                self._sql(
                    f"INSERT INTO {self.table} (token_hash, name, role, organization_id, "
                    "created_at) VALUES (?, ?, ?, ?, ?)"
                ),
                (
                    _hash(token),
                    name,
                    chosen.value,
                    str(organization_id) if organization_id else None,
                    datetime.now(UTC).isoformat(),
                ),
            )
        return token

    def resolve(self, authorization: str | None) -> Principal:
        """The principal an Authorization header names: PUBLIC without one; Unauthenticated
        for a malformed header or an unknown or revoked token."""
        token = bearer_token(authorization)
        if token is None:
            return PUBLIC
        found = self.principal(token)
        if found is None:
            raise Unauthenticated("That token is unknown or revoked.")
        return found

    def principal(self, token: str) -> Principal | None:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                self._sql(
                    f"SELECT name, role, organization_id FROM {self.table} WHERE token_hash = ?"
                ),
                (_hash(token),),
            )
            row = cursor.fetchone()
        if row is None:
            return None
        org = row["organization_id"]
        return Principal(
            name=row["name"], role=Role(row["role"]), organization_id=UUID(org) if org else None
        )

    def fingerprint(self, token: str) -> str:
        return _hash(token)[:FINGERPRINT]

    def list(self) -> list[TokenInfo]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT {COLUMNS} FROM {self.table} ORDER BY created_at, token_hash")
            return [_info(row) for row in cursor.fetchall()]

    def revoke(self, fingerprint: str) -> TokenInfo:
        """Deletes the one token whose hash starts with ``fingerprint`` (8 or more digits)."""
        prefix = fingerprint.strip().lower()
        if len(prefix) < 8 or any(c not in "0123456789abcdef" for c in prefix):
            raise ValidationError(
                "Give at least 8 hex digits of a fingerprint that `token list` shows.",
                "fingerprint",
            )
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                self._sql(f"SELECT {COLUMNS} FROM {self.table} WHERE token_hash LIKE ?"),
                (prefix + "%",),
            )
            rows = cursor.fetchall()
            if not rows:
                raise NotFound(f"No token has the fingerprint {prefix}.", "fingerprint")
            if len(rows) > 1:
                raise ValidationError(
                    f"{prefix} fits {len(rows)} tokens; give more digits.", "fingerprint"
                )
            cursor.execute(
                self._sql(f"DELETE FROM {self.table} WHERE token_hash = ?"),
                (rows[0]["token_hash"],),
            )
        return _info(rows[0])


COLUMNS = "token_hash, name, role, organization_id, created_at"


def _info(row: Any) -> TokenInfo:
    return TokenInfo(
        row["token_hash"][:FINGERPRINT],
        row["name"],
        row["role"],
        row["organization_id"],
        row["created_at"],
    )
