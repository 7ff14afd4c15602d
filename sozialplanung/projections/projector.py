"""The projector: applies events from the notification log to the read model, a batch
per transaction, its tracking position written in the same transaction as the rows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Mapper, Notification

from ..domain.base import PlanningAggregate
from .database import Cursor, ViewDatabase
from .documents import AGGREGATES, DocumentCodec, aggregate_type_of, moment, payload
from .schema import VIEW_NAME
from .statistics import term_rows


def _id(value: Any) -> str | None:
    return None if value is None else str(value)


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


class Projector:
    def __init__(self, db: ViewDatabase, mapper: Mapper):
        self.db = db
        self.mapper = mapper
        self.codec = DocumentCodec(mapper.transcoder)

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
        with self.db.write() as cursor:
            last_id, position = self.tracking(cursor)
            cache: dict[str, PlanningAggregate | None] = {}
            for notification in notifications:
                if notification.id <= last_id:
                    continue  # already applied by an earlier batch
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
            cursor.execute("DELETE FROM view_tracking WHERE view_name = ?", [VIEW_NAME])
            cursor.execute(
                "INSERT INTO view_tracking (view_name, notification_id, position) VALUES (?, ?, ?)",
                [VIEW_NAME, last_id, position],
            )
        return last_id, position

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
            "correlation_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
