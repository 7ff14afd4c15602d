"""API tokens: random bearer tokens, stored only as SHA-256 hashes beside the event store.

`sozialplanung token create --role ROLE --name NAME [--organization ID]` prints a token
once; the server looks up its hash. Deleting the row revokes it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.postgres import PostgresDatastore

from ..domain.base import ValidationError, choice
from .access import Principal, Role

PREFIX = "sp_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
