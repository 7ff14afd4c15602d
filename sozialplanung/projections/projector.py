"""The projector: applies events from the notification log to the read model, a batch
per transaction, its tracking position written in the same transaction as the rows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from ..domain.base import PlanningAggregate, is_redacted
from ..domain.person import Person
from ..domain.redaction import Redaction
from ..integrity import GENESIS, link
from .database import Cursor, ViewDatabase
from .documents import AGGREGATES, DocumentCodec, aggregate_type_of, moment, payload
from .schema import VIEW_NAME
from .statistics import term_rows


class Keys(Protocol):
    """The event store's data keys, as the projector reads with them."""

    def reading(self) -> AbstractContextManager[None]: ...
    def prefetch(self, first_position: int, last_position: int) -> None: ...


class Chain(Protocol):
    """The event store's hash chain, as the projector checks it."""

    def links(self, after: int, until: int | None) -> dict[int, tuple[int, bytes]]: ...


def _id(value: Any) -> str | None:
    return None if value is None else str(value)


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


class Projector:
    """Applies events to the views; checks the hash chain of what it applies; rewrites the
    views of whatever an erasure or a redaction made unreadable, in the same transaction."""

    def __init__(self, db: ViewDatabase, app: Application):
        self.db = db
        self.app = app
        self.mapper = app.mapper
        self.codec = DocumentCodec(app.mapper.transcoder)
        self.keys: Keys | None = getattr(app, "keys", None)
        self.chain: Chain | None = app.recorder if hasattr(app.recorder, "links") else None
        self.rewrote = False  # the last batch rewrote views: their old pages must go

    def tracking(self, cursor: Cursor | None = None) -> tuple[int, int]:
        """(last notification id applied, last audit-log position written)."""
        sql = "SELECT notification_id, position FROM view_tracking WHERE view_name = ?"
        if cursor is None:
            row = self.db.query_one(sql, [VIEW_NAME])
        else:
            cursor.execute(sql, [VIEW_NAME])
            found = cursor.fetchone()
            row = dict(found) if found else None
        return (row["notification_id"], row["position"]) if row else (0, 0)

    def apply(self, notifications: Sequence[Notification]) -> tuple[int, int]:
        """Applies a batch in one transaction; returns the new tracking position."""
        self.rewrote = False
        reading = self.keys.reading() if self.keys else nullcontext()
        with self.db.write() as cursor, reading:
            last_id, position = self.tracking(cursor)
            fresh = [n for n in notifications if n.id > last_id]  # not applied before
            if fresh and self.keys is not None:
                self.keys.prefetch(fresh[0].id, fresh[-1].id)
            self._check_chain(cursor, last_id, fresh)
            cache: dict[str, PlanningAggregate | None] = {}
            for notification in fresh:
                last_id = notification.id
                aggregate_type = aggregate_type_of(notification.topic)
                if aggregate_type not in AGGREGATES:
                    continue  # claims and receipts: bookkeeping, not part of any view
                event = self.mapper.to_domain_event(notification)
                key = str(event.originator_id)
                if key not in cache:
                    cache[key] = self._load(cursor, key)
                aggregate = event.mutate(cache[key])
                cache[key] = aggregate
                position += 1
                self._record_event(cursor, position, notification.id, aggregate_type, event)
                self._write(cursor, aggregate)
                if isinstance(event, Person.PersonDataErased):
                    self._rewrite(cursor, cache, [event.originator_id])
                elif isinstance(event, Redaction.EventRedacted):
                    self._rewrite(cursor, cache, event.aggregate_ids)
            cursor.execute("DELETE FROM view_tracking WHERE view_name = ?", [VIEW_NAME])
            cursor.execute(
                "INSERT INTO view_tracking (view_name, notification_id, position) VALUES (?, ?, ?)",
                [VIEW_NAME, last_id, position],
            )
        if self.rewrote:
            self.db.purge_traces()
        return last_id, position

    # The chain -------------------------------------------------------------------------

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

    def _check_chain(self, cursor: Cursor, after: int, batch: Sequence[Notification]) -> None:
        """Recomputes the links of the batch; the first break is kept (and reported by
        /readyz and /metrics) — the views go on, the auditor is told."""
        if self.chain is None or not batch:
            return
        state = self.chain_state(cursor)
        if state["broken_at"] is not None:
            return
        previous, head = bytes.fromhex(state["hash"]), int(state["verified"])
        links = self.chain.links(after, batch[-1].id)
        problem: tuple[int, str] | None = None
        events = {n.id: n for n in batch}
        for position in sorted(set(events) | set(links)):
            stored, event = links.get(position), events.get(position)
            if event is None or stored is None:
                problem = (position, "removed" if event is None else "inserted")
                break
            if stored[0] != head:
                problem = (min(stored[0], position), "removed or moved")
                break
            previous = link(
                previous,
                position,
                event.originator_id,
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

    # Erasure and redaction -------------------------------------------------------------

    def _rewrite(
        self, cursor: Cursor, cache: dict[str, PlanningAggregate | None], ids: Sequence[UUID]
    ) -> None:
        """The views of these aggregates, read again from the event store now that their
        keys are destroyed: documents, typed rows and audit-log rows without the text."""
        for aggregate_id in ids:
            key = str(aggregate_id)
            current = cache[key] if key in cache else self._load(cursor, key)
            if current is None:
                continue  # bookkeeping (claims, receipts): in no view
            fresh = self.app.repository.get(aggregate_id, version=current.version)
            cache[key] = fresh
            self._write(cursor, fresh)
            for stored in self.app.recorder.select_events(aggregate_id, lte=current.version):
                event = self.mapper.to_domain_event(stored)
                cursor.execute(
                    "UPDATE events SET actor = ?, reason = ?, payload = ?, redacted = ? "
                    "WHERE aggregate_id = ? AND version = ?",
                    [
                        event.actor,
                        event.reason,
                        json.dumps(payload(event), ensure_ascii=False),
                        int(is_redacted(event)),
                        key,
                        event.originator_version,
                    ],
                )
        self.rewrote = True

    def _load(self, cursor: Cursor, key: str) -> PlanningAggregate | None:
        cursor.execute("SELECT type, state FROM documents WHERE id = ?", [key])
        row = cursor.fetchone()
        return None if row is None else self.codec.decode(row["type"], row["state"])

    def _record_event(
        self, cursor: Cursor, position: int, notification_id: int, aggregate_type: str, event: Any
    ) -> None:
        cursor.execute(
            "INSERT INTO events (position, notification_id, aggregate_id, aggregate_type, "
            "type, version, recorded_at, effective_on, actor, on_behalf_of, reason, "
            "correlation_id, payload, redacted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                position,
                notification_id,
                str(event.originator_id),
                aggregate_type,
                type(event).__name__,
                event.originator_version,
                moment(event.timestamp),
                _day(event.effective_on),
                event.actor,
                _id(event.on_behalf_of),
                event.reason,
                event.correlation_id,
                json.dumps(payload(event), ensure_ascii=False),
                int(is_redacted(event)),
            ],
        )

    def _write(self, cursor: Cursor, aggregate: Any) -> None:
        key = str(aggregate.id)
        type_name = type(aggregate).__name__
        cursor.execute("DELETE FROM documents WHERE id = ?", [key])
        cursor.execute(
            "INSERT INTO documents (id, type, version, created_at, modified_at, state) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                key,
                type_name,
                aggregate.version,
                moment(aggregate.created_on),
                moment(aggregate.modified_on),
                self.codec.encode(aggregate),
            ],
        )
        writer = getattr(self, f"_write_{type_name.lower()}", None)
        if writer is not None:
            writer(cursor, key, aggregate)

    @staticmethod
    def _replace(
        cursor: Cursor, table: str, key_column: str, key: str, rows: list[dict[str, Any]]
    ) -> None:
        cursor.execute(f"DELETE FROM {table} WHERE {key_column} = ?", [key])
        if rows:
            columns = list(rows[0])
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                [[row[c] for c in columns] for row in rows],
            )

    def _write_organization(self, cursor: Cursor, key: str, org: Any) -> None:
        self._replace(
            cursor,
            "organizations",
            "id",
            key,
            [{"id": key, "name": org.name, "kind": org.kind, "parent_id": _id(org.parent_id)}],
        )

    def _write_person(self, cursor: Cursor, key: str, person: Any) -> None:
        self._replace(
            cursor,
            "persons",
            "id",
            key,
            [
                {
                    "id": key,
                    "affiliation_id": _id(person.affiliation_id),
                    "erased": int(person.erased),
                }
            ],
        )

    def _write_body(self, cursor: Cursor, key: str, body: Any) -> None:
        self._replace(
            cursor,
            "bodies",
            "id",
            key,
            [
                {
                    "id": key,
                    "name": body.name,
                    "kind": body.kind,
                    "parent_id": _id(body.parent_id),
                    "lead_id": _id(body.lead_id),
                    "established_on": _day(body.established_on),
                    "dissolved_on": _day(body.dissolved_on),
                }
            ],
        )
        self._replace(
            cursor,
            "memberships",
            "body_id",
            key,
            [
                {
                    "body_id": key,
                    "seq": seq,
                    "member_id": str(m["member_id"]),
                    "member_type": m["member_type"],
                    "role": m["role"],
                    "on_behalf_of_id": _id(m["on_behalf_of_id"]),
                    "since": _day(m["since"]),
                    "until": _day(m["until"]),
                }
                for seq, m in enumerate(body.memberships)
            ],
        )

    def _write_meeting(self, cursor: Cursor, key: str, meeting: Any) -> None:
        self._replace(
            cursor,
            "meetings",
            "id",
            key,
            [
                {
                    "id": key,
                    "body_id": str(meeting.body_id),
                    "scheduled_for": moment(meeting.scheduled_for),
                    "status": meeting.status,
                    "cycle_number": meeting.cycle_number,
                }
            ],
        )

    def _write_cycle(self, cursor: Cursor, key: str, cycle: Any) -> None:
        self._replace(
            cursor,
            "cycles",
            "id",
            key,
            [{"id": key, "number": cycle.number, "status": cycle.status}],
        )

    def _write_measure(self, cursor: Cursor, key: str, measure: Any) -> None:
        self._replace(
            cursor,
            "measures",
            "id",
            key,
            [
                {
                    "id": key,
                    "title": measure.title,
                    "search": f"{measure.title} {measure.description or ''}".casefold(),
                    "status": measure.status,
                    "cycle_number": measure.cycle_number,
                    "working_group_id": str(measure.working_group_id),
                    "lead_id": _id(measure.lead_id),
                }
            ],
        )
        self._replace(
            cursor,
            "measure_terms",
            "measure_id",
            key,
            term_rows(key, measure.terms),
        )
        self._replace(
            cursor,
            "measure_papers",
            "measure_id",
            key,
            [{"measure_id": key, "paper_id": str(p)} for p in measure.paper_ids],
        )

    def _write_paper(self, cursor: Cursor, key: str, paper: Any) -> None:
        self._replace(
            cursor,
            "papers",
            "id",
            key,
            [
                {
                    "id": key,
                    "reference": paper.reference,
                    "type": paper.type,
                    "date": _day(paper.date),
                    "withdrawn": int(paper.withdrawn),
                }
            ],
        )
        self._replace(
            cursor,
            "consultations",
            "paper_id",
            key,
            [
                {
                    "id": str(c["id"]),
                    "paper_id": key,
                    "body_id": str(c["body_id"]),
                    "meeting_id": _id(c["meeting_id"]),
                    "date": _day(c["date"]),
                }
                for c in paper.consultations
            ],
        )
