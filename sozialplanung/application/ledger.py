"""The ledger: the event store's recorders, with the hash chain (``integrity.py``) and the
data keys written in the same transaction as the events.

Every stored event is covered by a log-wide hash chain over its stored (sealed) form, kept in
``event_chain`` beside the events (each link also names the position before it, so a removed
event is named even when its link was removed too). Erasure and redaction destroy keys,
never stored bytes, so the chain stays valid after them. ``verify()`` recomputes it and
names the first position at which an event was altered, removed, inserted or moved. Someone
who can write the database could rebuild the whole chain; the head (position and hash) that
``verify`` prints is what an auditor notes down elsewhere and checks again later
(``sozialplanung verify --expect POSITION:HASH``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from psycopg.sql import SQL, Identifier

from ..integrity import GENESIS, link
from .keys import KeyStore, Staged

BATCH = 2_000


class IdOfNoAggregate(ValueError):
    """A stored event whose aggregate id spells no UUID at all: the store was written past
    the application (the library never writes such an id). A load stops there, naming the
    position; ``verify`` names it as altered."""

    def __init__(self, position: int, stored: str):
        super().__init__(
            f"The event at position {position} names no aggregate: its id {stored[:60]!r} "
            "is no UUID. The event log was altered; `sozialplanung verify` names the first "
            "altered event."
        )
        self.position = position


# An aggregate id as the SQLite store writes it (``UUID.hex``); PostgreSQL keeps uuid values.
_AS_WRITTEN = re.compile("[0-9a-f]{32}").fullmatch


class Scanned(list[Notification]):
    """A batch as ``Ledger.scan`` reads it, and (``respelled``) the positions in it whose
    aggregate id is stored in another spelling than the store writes: upper case, hyphens,
    braces, ``urn:uuid:`` — or, for ``verify``, text that spells no UUID at all. The library
    reads every spelling of a UUID as the same UUID, and the chain hashes the id as
    ``str(UUID)`` writes it, so such an event passes the chain; but the store looks an
    aggregate's events up by the exact text, and the event drops out of its history."""

    def __init__(
        self, notifications: Iterable[Notification], stored_ids: Sequence[Sequence[Any]] = ()
    ):
        super().__init__(notifications)
        self._stored_ids = stored_ids  # (position, id as stored, …) per event

    @property
    def respelled(self) -> list[int]:
        """Found when asked, from the rows the batch was read from: only a check of the
        chain asks, and a load's part that leaves the chain to the other never pays."""
        return [row[0] for row in self._stored_ids if not _AS_WRITTEN(row[1])]


class Ledger:
    """What the recorders do besides storing events: the chain and the staged keys."""

    keys: KeyStore
    snapshots_table: str = ""
    placeholder = "?"
    chain_table = "event_chain"

    def _chain_sql(self, statement: str) -> str:
        return statement.replace("?", self.placeholder).replace("{chain}", self.chain_table)

    def record(self, cursor: Any, ids: Sequence[int], stored_events: Sequence[StoredEvent]) -> None:
        """Inside the transaction that inserted ``stored_events`` as ``ids``: the staged
        keys, the snapshots a destroyed key leaves readable, the chain's new links."""
        staged: Staged = self.keys.take_staged()
        if staged:
            self.keys.apply(cursor, staged, ids)
            if staged.snapshots_of:
                self.drop_snapshots(cursor, staged.snapshots_of)
        cursor.execute(
            self._chain_sql(
                "SELECT notification_id, hash FROM {chain} ORDER BY notification_id DESC LIMIT 1"
            )
        )
        row = cursor.fetchone()
        before, previous = (0, GENESIS)
        if row is not None:
            before, previous = int(row["notification_id"]), bytes(row["hash"])
        links = []
        for position, event in zip(sorted(ids), stored_events, strict=True):
            previous = link(
                previous,
                position,
                event.originator_id,
                event.originator_version,
                event.topic,
                event.state,
            )
            links.append((position, before, previous))
            before = position
        cursor.executemany(
            self._chain_sql(
                "INSERT INTO {chain} (notification_id, previous_id, hash) VALUES (?, ?, ?)"
            ),
            links,
        )

    def drop_snapshots(self, cursor: Any, aggregate_ids: Sequence[Any]) -> None:
        raise NotImplementedError

    def scan(
        self,
        start: int,
        limit: int,
        stop: int | None = None,
        wanted: Callable[[str], bool] | None = None,
        *,
        unreadable_ids: bool = False,
    ) -> Scanned:
        """The log from ``start`` (up to ``stop``) as a load reads it: what
        ``select_notifications`` returns, except that an event whose aggregate is not
        ``wanted`` (asked with the id's text) may keep its id as text, as ``str(UUID)``
        writes it. A load in parts counts and chains such an event, and never decodes it.
        An id that spells no UUID raises ``IdOfNoAggregate``, or with ``unreadable_ids``
        stays the text it is (``verify``, which names it). PostgreSQL keeps ids as uuid:
        one spelling, none respelled."""
        select: Any = getattr(self, "select_notifications")  # noqa: B009 - the recorder's
        return Scanned(select(start=start, limit=limit, stop=stop))

    def links(self, after: int, until: int | None) -> dict[int, tuple[int, bytes]]:
        """The chain's links after ``after`` up to ``until`` (or the next few past the last
        event, when ``until`` is None), as {position: (previous position, hash)}."""
        datastore: Any = getattr(self, "datastore")  # noqa: B009 - the recorder's
        with datastore.transaction(commit=False) as cursor:
            if until is None:  # past the last event: links that name no event
                cursor.execute(
                    self._chain_sql(
                        "SELECT notification_id, previous_id, hash FROM {chain} "
                        "WHERE notification_id > ? ORDER BY notification_id LIMIT 100"
                    ),
                    (after,),
                )
            else:
                cursor.execute(
                    self._chain_sql(
                        "SELECT notification_id, previous_id, hash FROM {chain} "
                        "WHERE notification_id > ? AND notification_id <= ?"
                    ),
                    (after, until),
                )
            return {
                int(row["notification_id"]): (int(row["previous_id"]), bytes(row["hash"]))
                for row in cursor.fetchall()
            }


class SQLiteLedgerRecorder(Ledger, SQLiteApplicationRecorder):
    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            "CREATE TABLE IF NOT EXISTS event_chain (notification_id INTEGER PRIMARY KEY, "
            "previous_id INTEGER NOT NULL, hash BLOB NOT NULL)",
        ]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        if stored_events:
            # Old content is overwritten with zeros when a key's row changes.
            c.execute("PRAGMA secure_delete=ON")
            self.record(c, list(ids or []), stored_events)
        return ids

    def scan(
        self,
        start: int,
        limit: int,
        stop: int | None = None,
        wanted: Callable[[str], bool] | None = None,
        *,
        unreadable_ids: bool = False,
    ) -> Scanned:
        # Rows as plain tuples, and no UUID made for an id the load passes by: the library's
        # reader spends more on its rows and ids than SQLite on reading (bench.rebuild).
        statement = (
            "SELECT rowid, originator_id, originator_version, topic, state "
            f"FROM {self.events_table_name} WHERE rowid >= ? "
            + ("AND rowid <= ? " if stop is not None else "")
            + "ORDER BY rowid LIMIT ?"
        )
        params = [start, *([stop] if stop is not None else []), limit]
        convert = self.convert_originator_id
        with self.datastore.transaction(commit=False) as c:
            c.sqlite_cursor.row_factory = None  # this transaction's own cursor
            c.execute(statement, params)
            rows = c.fetchall()
        try:
            notifications = [
                Notification(
                    id=rowid,
                    # Passed by as text only when spelled as the store writes ids (32
                    # hex digits, the last two the id's last byte); any other spelling is
                    # read as the UUID it spells (``Scanned.respelled`` names it).
                    originator_id=(
                        _uuid_text(text)
                        if wanted is not None and len(text) == 32 and not wanted(text)
                        else convert(text)
                    ),
                    originator_version=version,
                    topic=topic,
                    state=state,
                )
                for rowid, text, version, topic, state in rows
            ]
        except ValueError:  # an id that spells no UUID: the batch again, row by row
            notifications = [
                Notification(
                    id=rowid,
                    originator_id=_read_id(rowid, text, convert, wanted, unreadable_ids),
                    originator_version=version,
                    topic=topic,
                    state=state,
                )
                for rowid, text, version, topic, state in rows
            ]
        return Scanned(notifications, rows)

    def drop_snapshots(self, cursor: Any, aggregate_ids: Sequence[Any]) -> None:
        for aggregate_id in aggregate_ids:
            cursor.execute(
                f"DELETE FROM {self.snapshots_table} WHERE originator_id = ?",
                (aggregate_id.hex,),
            )


def _read_id(
    position: int,
    stored: str,
    convert: Callable[[str], Any],
    wanted: Callable[[str], bool] | None,
    unreadable_ids: bool,
) -> Any:
    """One id as ``scan`` reads it, for a batch holding an id that spells no UUID."""
    try:
        aggregate_id = convert(stored)
    except ValueError:
        if unreadable_ids:
            return stored
        raise IdOfNoAggregate(position, stored) from None
    if wanted is not None and len(stored) == 32 and not wanted(stored):
        return _uuid_text(stored)
    return aggregate_id


def _uuid_text(stored: str) -> str:
    """An id as ``str(UUID)`` writes it, from the 32 hex digits the SQLite store keeps, in a
    quarter of the time a UUID takes to make (in lower case, as a UUID reads any spelling:
    ``verify`` names a respelled id, a load does not trip over it in one part only)."""
    text = stored.lower()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


class PostgresLedgerRecorder(Ledger, PostgresApplicationRecorder):
    placeholder = "%s"

    def __init__(self, datastore: Any, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        self.chain_table = f'"{datastore.schema}".event_chain'
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {schema}.event_chain (notification_id BIGINT "
                "PRIMARY KEY, previous_id BIGINT NOT NULL, hash BYTEA NOT NULL)"
            ).format(schema=Identifier(datastore.schema))
        )

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """One plain transaction: the library's pipelined insert commits when an exception
        is raised after the insert, which would leave events without their links."""
        with self.datastore.get_connection() as conn, conn.transaction():
            with conn.cursor() as curs:
                self._insert_events(curs, stored_events, **kwargs)
            if not stored_events:
                return []
            with conn.cursor() as curs:
                self._insert_stored_events(curs, stored_events, **kwargs)
                ids = [row["notification_id"] for row in curs.fetchall()]
                self.record(curs, ids, stored_events)
        return ids

    def drop_snapshots(self, cursor: Any, aggregate_ids: Sequence[Any]) -> None:
        cursor.execute(
            f'DELETE FROM "{self.datastore.schema}".{self.snapshots_table} '
            "WHERE originator_id = ANY(%s)",
            (list(aggregate_ids),),
        )


# Verification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    intact: bool
    checked: int  # events whose links were recomputed
    head_position: int
    head_hash: str
    problem: str | None = None  # what was found at the first broken position
    position: int | None = None


def verify(recorder: Any, *, expect: tuple[int, str] | None = None) -> Verdict:
    """Recomputes the chain over the whole log; the first broken position and what broke."""
    previous, checked, head = GENESIS, 0, 0
    expected_hash: str | None = None
    for position, event, stored, respelled in _walk(recorder):
        if event is None:
            return _broken(checked, head, previous, position, "removed (its link remains)")
        if stored is None:
            return _broken(checked, head, previous, position, "inserted (it has no link)")
        if respelled:
            problem = (
                "altered (its aggregate id is respelled)"
                if isinstance(event.originator_id, UUID)
                else "altered (its aggregate id is no UUID)"
            )
            return _broken(checked, head, previous, position, problem)
        before, stored_hash = stored
        if before > head:
            return _broken(checked, head, previous, before, "removed together with its link")
        if before < head:
            return _broken(checked, head, previous, position, "inserted or moved")
        previous = link(
            previous,
            position,
            event.originator_id,
            event.originator_version,
            event.topic,
            event.state,
        )
        if previous != stored_hash:
            return _broken(
                checked, head, previous, position, "altered, removed before it, or moved"
            )
        checked, head = checked + 1, position
        if expect is not None and position == expect[0]:
            expected_hash = previous.hex()
    if expect is not None and expected_hash != expect[1]:
        return Verdict(
            False,
            checked,
            head,
            previous.hex(),
            f"the head noted earlier ({expect[0]}:{expect[1][:16]}…) is not in the chain: "
            "events at or before it were changed or removed",
            expect[0],
        )
    return Verdict(True, checked, head, previous.hex())


def _broken(checked: int, head: int, previous: bytes, position: int, problem: str) -> Verdict:
    return Verdict(False, checked, head, previous.hex(), problem, position)


def _walk(recorder: Any) -> Iterator[tuple[int, Any, tuple[int, bytes] | None, bool]]:
    """(position, stored event or None, its link (previous position, hash) or None, whether
    its aggregate id is respelled), in log order, for every position that has an event or a
    link."""
    last = 0
    while True:
        events = recorder.scan(last + 1, BATCH, unreadable_ids=True)
        links = recorder.links(last, events[-1].id if events else None)
        if not events and not links:
            return
        respelled = set(events.respelled)
        by_position = {e.id: e for e in events}
        for position in sorted(set(by_position) | set(links)):
            yield position, by_position.get(position), links.get(position), position in respelled
        last = max([last, *by_position, *links])
