"""The projector: applies events from the notification log to the views, a batch per
transaction, its tracking position written in the same transaction as the rows.

For each batch it checks the hash chain of what it applies, hands every event to the view of
its aggregate (the views keep the batch's rows in memory and write each touched row once),
adds a row per event to the audit log — and, when an erasure or a redaction destroyed keys,
rewrites the views of the aggregates concerned from the log, without the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from ..domain.person import Person
from ..domain.redaction import Redaction
from ..integrity import GENESIS, link
from . import audit, search
from .database import Cursor, Row, ViewDatabase
from .registry import VIEWS, check, view_class
from .schema import DATA_TABLES, VIEW_NAME
from .view import Batch, RowCache, View, moment


class Keys(Protocol):
    """The event store's data keys, as the projector reads with them."""

    def reading(self) -> AbstractContextManager[None]: ...
    def prefetch(self, first_position: int, last_position: int) -> None: ...


class Chain(Protocol):
    """The event store's hash chain, as the projector checks it."""

    def links(self, after: int, until: int | None) -> dict[int, tuple[int, bytes]]: ...


# The event store's reader for loads (the ledger's ``scan``): start, limit, stop, wanted.
Scan = Callable[[int, int, int | None, Callable[[str], bool] | None], Sequence[Notification]]


LOAD_BATCH = 5_000  # events per transaction while loading into empty views


@dataclass(frozen=True)
class Part:
    """The aggregates whose id ends in a byte from ``first`` to ``end`` (exclusive) of 256,
    for a load in parallel processes (partition.py): each applies the events of its part's
    aggregates, and every part counts every event, so that audit-log positions are the same
    in all of them. One part checks the hash chain."""

    first: int
    end: int
    checks_chain: bool

    def holds(self, aggregate_id: UUID | str) -> bool:
        """Whether the aggregate with this id (a UUID, or its text as the log stores it:
        the last two hex digits are the same byte) is in this part."""
        last = (
            aggregate_id.int & 0xFF
            if isinstance(aggregate_id, UUID)
            else int(aggregate_id[-2:], 16)
        )
        return self.first <= last < self.end


def read(
    app: Application,
    start: int,
    stop: int | None = None,
    part: Part | None = None,
    limit: int = LOAD_BATCH,
) -> Sequence[Notification]:
    """The next batch, from ``start`` up to ``stop``: through the ledger's reader where the
    store has one (plain rows; an id that spells no UUID is refused with its position, an
    id in another spelling of a UUID is named for the chain's check).
    With a ``part``, an event of another part's aggregate may keep its id as text: it is
    counted and chained, never decoded."""
    scan: Scan | None = getattr(app.recorder, "scan", None)
    if scan is None:
        return app.recorder.select_notifications(start=start, limit=limit, stop=stop)
    return scan(start, limit, stop, None if part is None else part.holds)


def decode(
    app: Application, notifications: Sequence[Notification], part: Part | None = None
) -> list[Any]:
    """The batch's events (None for bookkeeping, which no view shows), read with the keys
    of the batch. With a ``part``, only the events of its aggregates."""
    keys: Keys | None = getattr(app, "keys", None)
    with keys.reading() if keys else nullcontext():
        if notifications and keys is not None:
            keys.prefetch(notifications[0].id, notifications[-1].id)
        return [
            app.mapper.to_domain_event(n)
            if view_class(n.topic) is not None and (part is None or part.holds(n.originator_id))
            else None
            for n in notifications
        ]


class Projector:
    def __init__(self, db: ViewDatabase, app: Application):
        check()  # every event of every registered aggregate has a handler
        self.db = db
        self.app = app
        self.mapper = app.mapper
        self.views: dict[str, View] = {cls.aggregate.__name__: cls() for cls in VIEWS}
        self.keys: Keys | None = getattr(app, "keys", None)
        self.chain: Chain | None = app.recorder if hasattr(app.recorder, "links") else None
        self.cache = RowCache()
        self._by_topic: dict[str, View | None] = {}
        self.rewrote = False  # the last batch rewrote views: their old pages must go
        # The audit-log position of the last rewrite (erasure, redaction): answers computed
        # from the views before it hold what is gone now (the response cache drops them).
        self.rewritten_at = 0
        # A load in parallel processes (partition.py): the part of the aggregates this
        # projector applies; None (always, but during such a load): all of them.
        self.part: Part | None = None
        # Whether it keeps the full-text index current with the search documents: not in
        # the second part of a load in parts, whose documents are indexed as they merge.
        self.full_text = True

    def tracking(self, cursor: Cursor | None = None) -> tuple[int, int]:
        """(last notification id applied, last audit-log position written); reads the
        position of the last rewrite along (``rewritten_at``)."""
        sql = (
            "SELECT notification_id, position, rewritten_at FROM view_tracking WHERE view_name = ?"
        )
        if cursor is None:
            row = self.db.query_one(sql, [VIEW_NAME])
        else:
            cursor.execute(sql, [VIEW_NAME])
            found = cursor.fetchone()
            row = dict(found) if found else None
        if row is None:
            return 0, 0
        self.rewritten_at = max(self.rewritten_at, row["rewritten_at"])
        return row["notification_id"], row["position"]

    def view_of(self, topic: str) -> View | None:
        """The view of an event's aggregate; None for bookkeeping; an unknown aggregate is
        an error, never skipped."""
        try:
            return self._by_topic[topic]
        except KeyError:
            cls = view_class(topic)
            found = self._by_topic[topic] = None if cls is None else self.views[cls.name]
            return found

    # Applying a batch --------------------------------------------------------------------

    def apply(
        self, notifications: Sequence[Notification], events: Sequence[Any] | None = None
    ) -> tuple[int, int]:
        """Applies a batch in one transaction; returns the new tracking position. ``events``:
        the batch decoded already (by :func:`decode`)."""
        self.rewrote = False
        reading = self.keys.reading() if self.keys else nullcontext()
        with self.db.write() as cursor, reading:
            last_id, position = self.tracking(cursor)
            decoded = (
                dict(zip((n.id for n in notifications), events, strict=True)) if events else {}
            )
            fresh = [n for n in notifications if n.id > last_id]  # not applied before
            if fresh and self.keys is not None and not decoded:
                self.keys.prefetch(fresh[0].id, fresh[-1].id)
            # The aggregates' ids as the views key them: this part's only (in a load in parts).
            keys = {
                n.id: str(n.originator_id)
                for n in fresh
                if self.part is None or self.part.holds(n.originator_id)
            }
            self._check_chain(cursor, fresh, keys, as_read=notifications)
            batch = Batch()
            self._prefetch(cursor, batch, fresh, keys)
            audited: list[list[Any]] = []
            for notification in fresh:
                last_id = notification.id
                view = self.view_of(notification.topic)
                if view is None:
                    continue
                # An event of the view's aggregate (its handlers take their own classes).
                position += 1  # every part counts every event: positions are the log's
                key = keys.get(notification.id)
                event: Any = decoded.get(notification.id)
                if key is not None:
                    if event is None:  # not decoded beforehand
                        event = self.mapper.to_domain_event(notification)
                    stamp = moment(event.timestamp)
                    row = self._row(cursor, batch, view, key)
                    batch.after.setdefault(view.table, {})[key] = view.apply(row, event, stamp)
                    audited.append(
                        audit.audit_row(position, notification.id, view.name, key, event, stamp)
                    )
                if isinstance(event, Person.PersonDataErased | Redaction.EventRedacted):
                    cursor.executemany(audit.INSERT, audited, storable=True)
                    audited = []
                    ids = (
                        event.aggregate_ids
                        if isinstance(event, Redaction.EventRedacted)
                        else [event.originator_id]
                    )
                    self._rewrite(cursor, batch, ids)
                    self.rewritten_at = position
            if audited:
                cursor.executemany(audit.INSERT, audited, storable=True)
            for view in self.views.values():
                view.flush(
                    cursor, batch.before.get(view.table, {}), batch.after.get(view.table, {})
                )
            search.refresh(
                cursor, self.db.postgres, batch.before, batch.after, full_text=self.full_text
            )
            if self.rewrote and self.full_text:
                search.purge(cursor, self.db.postgres)
            cursor.execute("DELETE FROM view_tracking WHERE view_name = ?", [VIEW_NAME])
            cursor.execute(
                "INSERT INTO view_tracking (view_name, notification_id, position, rewritten_at) "
                "VALUES (?, ?, ?, ?)",
                [VIEW_NAME, last_id, position, self.rewritten_at],
            )
        for table, rows in batch.after.items():  # written: the next batch starts from these
            for key, row in rows.items():
                self.cache.put(table, key, row)
        if self.rewrote:
            self.db.purge_traces(DATA_TABLES)
        return last_id, position

    def _prefetch(
        self, cursor: Cursor, batch: Batch, fresh: Sequence[Notification], keys: dict[int, str]
    ) -> None:
        """The rows the batch will change, read in one query per view, not one per event."""
        wanted: dict[str, list[str]] = {}
        for notification in fresh:
            if notification.originator_version == 1:
                continue  # created in this batch: nothing to read
            view = self.view_of(notification.topic)
            key = keys.get(notification.id)
            if view is None or key is None:
                continue
            cached, row = self.cache.get(view.table, key)
            before = batch.before.setdefault(view.table, {})
            if cached:
                before[key] = row
            elif key not in before:
                wanted.setdefault(view.table, []).append(key)
        for view in self.views.values():
            missing = list(dict.fromkeys(wanted.get(view.table, [])))
            if missing:
                found = view.load(cursor, missing)
                before = batch.before[view.table]
                for key in missing:
                    before[key] = found.get(key)

    def _row(self, cursor: Cursor, batch: Batch, view: View, key: str) -> Row | None:
        after = batch.after.get(view.table, {})
        if key in after:
            return after[key]
        before = batch.before.setdefault(view.table, {})
        if key not in before:
            cached, row = self.cache.get(view.table, key)
            before[key] = row if cached else view.load(cursor, [key]).get(key)
        return before[key]

    # The chain ---------------------------------------------------------------------------

    def chain_state(self, cursor: Cursor | None = None) -> dict[str, Any]:
        """How far the hash chain was checked: {verified, hash, broken_at, problem}."""
        sql = "SELECT verified, hash, broken_at, problem FROM chain_tracking"
        if cursor is None:
            row = self.db.query_one(sql)
        else:
            cursor.execute(sql)
            found = cursor.fetchone()
            row = dict(found) if found else None
        return row or {"verified": 0, "hash": GENESIS.hex(), "broken_at": None, "problem": None}

    def _check_chain(
        self,
        cursor: Cursor,
        notifications: Sequence[Notification],
        keys: dict[int, str],
        as_read: Sequence[Notification],
    ) -> None:
        """Recomputes the links of what the batch brings beyond the last checked one; the
        first break is kept (and reported by /readyz and /metrics) — the views go on, the
        auditor is told. ``as_read``: the batch as the store's reader returned it, naming
        the events whose aggregate id is respelled (the ledger's ``Scanned``)."""
        if self.chain is None or not notifications:
            return
        if self.part is not None and not self.part.checks_chain:
            return  # a load in parts: the other part checks the whole chain
        state = self.chain_state(cursor)
        if state["broken_at"] is not None:
            return
        previous, head = bytes.fromhex(state["hash"]), int(state["verified"])
        batch = [n for n in notifications if n.id > head]
        if not batch:
            return
        links = self.chain.links(head, batch[-1].id)
        # An id in another spelling of the same UUID hashes as the same link, yet drops out
        # of its aggregate's history in the store: altered, as verify says.
        respelled = set(getattr(as_read, "respelled", ()))
        problem: tuple[int, str] | None = None
        events = {n.id: n for n in batch}
        for position in sorted(set(events) | set(links)):
            stored, event = links.get(position), events.get(position)
            if event is None or stored is None:
                problem = (position, "removed" if event is None else "inserted")
                break
            if position in respelled:
                problem = (position, "altered (its aggregate id is respelled)")
                break
            if stored[0] != head:
                problem = (min(stored[0], position), "removed or moved")
                break
            previous = link(
                previous,
                position,
                keys.get(position) or str(event.originator_id),
                event.originator_version,
                event.topic,
                event.state,
            )
            if previous != stored[1]:
                problem = (position, "altered")
                break
            head = position
        cursor.execute("DELETE FROM chain_tracking")
        cursor.execute(
            "INSERT INTO chain_tracking (verified, hash, broken_at, problem) VALUES (?, ?, ?, ?)",
            [head, previous.hex() if problem is None else state["hash"]]
            + ([problem[0], problem[1]] if problem else [None, None]),
        )

    # Erasure and redaction ---------------------------------------------------------------

    def _rewrite(self, cursor: Cursor, batch: Batch, ids: Sequence[UUID]) -> None:
        """The rows of these aggregates read again from the log, up to the version the views
        hold, now that keys are destroyed: rows and audit rows without the text."""
        for aggregate_id in ids:
            if self.part is not None and not self.part.holds(aggregate_id):
                # Another part's row. (In a load, which is where parts are, a key destroyed
                # by an earlier erasure or redaction was missing when the events were
                # decoded: the rewrite finds nothing left to remove.)
                continue
            stored = list(self.app.recorder.select_events(aggregate_id))
            view = self.view_of(stored[0].topic) if stored else None
            if view is None:
                continue  # bookkeeping (claims, receipts): in no view
            key = str(aggregate_id)
            current = self._row(cursor, batch, view, key)
            if current is None:
                continue
            events = [
                self.mapper.to_domain_event(s)
                for s in stored
                if s.originator_version <= current["version"]
            ]
            replayed = view.replay(events)
            assert replayed is not None  # the events up to the row's version: one at least
            batch.after.setdefault(view.table, {})[key] = replayed
            for event in events:
                audit.rewrite(cursor, event)
        self.rewrote = True
