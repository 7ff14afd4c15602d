"""Data keys for sealed values (crypto-shredding), kept in a table beside the events.

Three kinds of 256-bit AES keys, each identified by a random id that says nothing about
whom it belongs to:

- ``person``: one per person; their name is sealed under it. ``erasePerson`` destroys it.
- ``record``: one per recorded command; the prose of its events (reasons, minutes, notes,
  reports, descriptions …) is sealed under it. ``redactEvent`` destroys it.
- ``actor``: one per principal that acted: its events name it by this row's random id (a
  pseudonym), the row holds the name, so an export without keys names nobody.

A destroyed key keeps its row (the id, when and by which event it was destroyed) with its
material and subject set to NULL: a marker, so nothing ever quietly makes a new key for an
erased person. New record and person keys are *staged* while a command's events are
encoded and written by the ledger recorder in the same transaction as the events; a
destruction is staged the same way, so an erasure and its event commit together or not at
all. Reading caches keys only within an explicit scope (:meth:`KeyStore.reading`): a
process never keeps using a key another process destroyed.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.postgres import PostgresDatastore

KEY_BYTES = 32


@dataclass
class Staged:
    """Key changes waiting for the transaction that stores a command's events."""

    record: tuple[str, bytes] | None = None
    persons: list[tuple[str, str, bytes]] = field(default_factory=list)  # key id, person, key
    destroy: list[str] = field(default_factory=list)
    snapshots_of: list[UUID] = field(default_factory=list)  # aggregates to drop snapshots of
    imported: list[dict[str, Any]] = field(default_factory=list)  # keys of a backup
    source_positions: list[int] = field(default_factory=list)  # the backup's positions

    def __bool__(self) -> bool:
        return bool(self.record or self.persons or self.destroy or self.imported)


_scope: ContextVar[dict[str, AESGCM | None] | None] = ContextVar("key_scope", default=None)


class KeyStore:
    def __init__(self, datastore: Any):
        self.datastore = datastore
        self.postgres = isinstance(datastore, PostgresDatastore)
        self.table = f'"{datastore.schema}".data_keys' if self.postgres else "data_keys"
        self._local = threading.local()
        # Actors' pseudonyms, both ways, for the life of the process (never destroyed).
        self._pseudonyms: dict[str, str] = {}
        self._actor_names: dict[str, str] = {}
        self._actors_lock = threading.Lock()
        self._create_table()

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.postgres else statement

    def _create_table(self) -> None:
        blob = "BYTEA" if self.postgres else "BLOB"
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (key_id TEXT PRIMARY KEY, "
                f"kind TEXT NOT NULL, subject TEXT, material {blob}, first_position BIGINT, "
                "last_position BIGINT, created_at TEXT NOT NULL, destroyed_at TEXT)"
            )
            index = "data_keys_subject" if self.postgres else "ix_data_keys_subject"
            cursor.execute(
                f"CREATE UNIQUE INDEX IF NOT EXISTS {index} ON {self.table} (kind, subject)"
            )
            index = "data_keys_positions" if self.postgres else "ix_data_keys_positions"
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {self.table} (first_position)")

    # Staging (the command's thread) ----------------------------------------------------

    @property
    def staged(self) -> Staged:
        staged = getattr(self._local, "staged", None)
        if staged is None:
            staged = self._local.staged = Staged()
        return staged

    def take_staged(self) -> Staged:
        staged = self.staged
        self._local.staged = Staged()
        return staged

    def discard_staged(self) -> None:
        self._local.staged = Staged()

    def record_key(self) -> tuple[str, AESGCM]:
        """The key of the events being saved now (one per command), made on first use."""
        staged = self.staged
        if staged.record is None:
            staged.record = (f"r-{uuid4().hex}", os.urandom(KEY_BYTES))
        return staged.record[0], AESGCM(staged.record[1])

    def person_key_id(self, person: UUID) -> str | None:
        """The id of the person's stored key, if it exists and was not destroyed."""
        rows = self._select("kind = 'person' AND subject = ?", [str(person)])
        return rows[0]["key_id"] if rows else None

    def person_key(self, person: UUID) -> tuple[str, AESGCM] | None:
        """The person's key: the one staged for a person registered now, else the stored
        one, else a new one; None when it was destroyed (an erased person gets no new key)."""
        for key_id, subject, material in self.staged.persons:
            if subject == str(person):
                return key_id, AESGCM(material)
        rows = self._select("kind = 'person' AND subject = ?", [str(person)])
        if rows:
            return rows[0]["key_id"], AESGCM(bytes(rows[0]["material"]))
        if self._destroyed_person(person):
            return None
        made = (f"p-{uuid4().hex}", str(person), os.urandom(KEY_BYTES))
        self.staged.persons.append(made)
        return made[0], AESGCM(made[2])

    def _destroyed_person(self, person: UUID) -> bool:
        # A destroyed key keeps no subject; its id is named by the erasure instead.
        return bool(self._select("kind = 'person-erased' AND subject = ?", [str(person)]))

    def stage_import(self, rows: Sequence[dict[str, Any]], positions: Sequence[int]) -> None:
        """A backup's keys, written with its events (record keys renumbered with them)."""
        staged = self.staged
        staged.imported, staged.source_positions = list(rows), list(positions)

    def destroy(self, key_id: str, *, snapshots_of: Sequence[UUID] = ()) -> None:
        staged = self.staged
        staged.destroy.append(key_id)
        staged.snapshots_of.extend(snapshots_of)

    def pseudonym(self, actor: str) -> str:
        """The random id an actor's events name it by, made (in a transaction of its own, so
        two processes agree on one) the first time the actor records anything."""
        found = self._pseudonyms.get(actor)
        if found is not None:
            return found
        with self._actors_lock:
            with self.datastore.transaction(commit=True) as cursor:
                cursor.execute(
                    self._sql(
                        f"INSERT INTO {self.table} (key_id, kind, subject, created_at) VALUES "
                        "(?, 'actor', ?, ?) ON CONFLICT DO NOTHING"
                    ),
                    (f"a-{uuid4().hex}", actor, _now()),
                )
            key_id = self._select("kind = 'actor' AND subject = ?", [actor])[0]["key_id"]
            self._pseudonyms[actor], self._actor_names[key_id] = key_id, actor
        return key_id

    def actor_name(self, key_id: str) -> str | None:
        """Who a pseudonym names (None: unknown here, e.g. restored without keys)."""
        found = self._actor_names.get(key_id)
        if found is None:
            rows = self._select("key_id = ? AND kind = 'actor'", [key_id])
            found = rows[0]["subject"] if rows else None
            if found is not None:
                self._actor_names[key_id] = found
        return found

    # Applying (inside the recorder's transaction) --------------------------------------

    def apply(self, cursor: Any, staged: Staged, positions: Sequence[int]) -> None:
        now = _now()
        if staged.record is not None and positions:
            key_id, material = staged.record
            cursor.execute(
                self._sql(
                    f"INSERT INTO {self.table} (key_id, kind, material, first_position, "
                    "last_position, created_at) VALUES (?, 'record', ?, ?, ?, ?)"
                ),
                (key_id, material, min(positions), max(positions), now),
            )
        for key_id, subject, material in staged.persons:
            cursor.execute(
                self._sql(
                    f"INSERT INTO {self.table} (key_id, kind, subject, material, created_at) "
                    "VALUES (?, 'person', ?, ?, ?)"
                ),
                (key_id, subject, material, now),
            )
        renumbered = dict(zip(staged.source_positions, sorted(positions), strict=False))
        for row in staged.imported:
            first, last = row["first_position"], row["last_position"]
            cursor.execute(
                self._sql(
                    f"INSERT INTO {self.table} (key_id, kind, subject, material, "
                    "first_position, last_position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                ),
                (
                    row["key_id"],
                    row["kind"],
                    row["subject"],
                    bytes.fromhex(row["material"]) if row["material"] else None,
                    None if first is None else renumbered[first],
                    None if last is None else renumbered[last],
                    row["created_at"],
                ),
            )
        for key_id in staged.destroy:
            # The material goes; for a person the row keeps marking the erasure.
            cursor.execute(
                self._sql(
                    f"UPDATE {self.table} SET material = NULL, destroyed_at = ?, "
                    "kind = CASE WHEN kind = 'person' THEN 'person-erased' ELSE kind END "
                    "WHERE key_id = ?"
                ),
                (now, key_id),
            )

    # Reading -----------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Caches keys for the reads inside the block (one command, one replay, one batch
        of the projector) and no longer."""
        if _scope.get() is not None:
            yield
            return
        token = _scope.set({})
        try:
            yield
        finally:
            _scope.reset(token)

    def cipher(self, key_id: str) -> AESGCM | None:
        """The key (as a cipher), or None once destroyed (or never made)."""
        cache = _scope.get()
        if cache is not None and key_id in cache:
            return cache[key_id]
        rows = self._select("key_id = ?", [key_id])
        cipher = AESGCM(bytes(rows[0]["material"])) if rows and rows[0]["material"] else None
        if cache is not None:
            cache[key_id] = cipher
        return cipher

    def prefetch(self, first_position: int, last_position: int) -> None:
        """Loads the record keys of a stretch of the log into the current scope (the
        projector and the rebuild read the log in batches)."""
        cache = _scope.get()
        if cache is None:
            return
        rows = self._select(
            "kind = 'record' AND first_position <= ? AND last_position >= ?",
            [last_position, first_position],
        )
        for row in rows:
            material = row["material"]
            cache[row["key_id"]] = AESGCM(bytes(material)) if material else None

    def record_of(self, position: int) -> dict[str, Any] | None:
        """The record key whose events include that notification, destroyed or not."""
        rows = self._select(
            "kind = 'record' AND first_position <= ? AND last_position >= ?", [position, position]
        )
        return rows[0] if rows else None

    def is_destroyed(self, key_id: str) -> bool:
        rows = self._select("key_id = ?", [key_id])
        return bool(rows) and rows[0]["destroyed_at"] is not None

    def _select(self, where: str, params: list[Any]) -> list[dict[str, Any]]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self._sql(f"SELECT * FROM {self.table} WHERE {where}"), params)
            return [dict(row) for row in cursor.fetchall()]

    # Backup ------------------------------------------------------------------------------

    def export_rows(self) -> list[dict[str, Any]]:
        """Every key that still exists, for a backup (`export --with-keys`)."""
        return [
            {
                "key_id": row["key_id"],
                "kind": row["kind"],
                "subject": row["subject"],
                "material": bytes(row["material"]).hex() if row["material"] else None,
                "first_position": row["first_position"],
                "last_position": row["last_position"],
                "created_at": row["created_at"],
            }
            for row in self._select(
                "material IS NOT NULL OR (kind = 'actor' AND subject IS NOT NULL) ORDER BY key_id",
                [],
            )
        ]

    # Traces ------------------------------------------------------------------------------

    def purge_traces(self, snapshots_table: str) -> None:
        """After keys were destroyed: no copy of them left where the database can be read.
        SQLite: the WAL checkpointed into the file and truncated (secure_delete zeroed
        the old content in the file). PostgreSQL: the key and snapshot tables vacuumed;
        WAL segments and free page space keep old bytes until reused (see the README)."""
        if self.postgres:
            import psycopg

            kwargs = self.datastore.pool.kwargs
            connect = {k: kwargs[k] for k in ("dbname", "host", "port", "user", "password")}
            with psycopg.connect(**connect, autocommit=True) as connection:
                connection.execute(f"VACUUM {self.table}")
                connection.execute(f'VACUUM "{self.datastore.schema}".{snapshots_table}')
            return
        with closing(sqlite3.connect(self.datastore.pool.db_name, timeout=30)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _now() -> str:
    return datetime.now(UTC).isoformat()
