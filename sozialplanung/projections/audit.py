"""Prüfpfad: one row per event of the log (the audit log), and the filter that selects rows.

Shared by the API's `events(filter)`, its subscription, the decision trail, time travel
("which version was recorded by then") and the `sozialplanung audit` command, so that all
answer the same question the same way. Bookkeeping events (claims of unique keys, command
receipts) are stored and chained, but not audited here: they repeat what the events of the
command they serve say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from ..domain.base import is_redacted
from .database import Cursor, Row, ViewDatabase, storable_text
from .paging import Page, keyset_page
from .view import ident, moment, plain

TABLE = "events"
COLUMNS = (
    "position BIGINT PRIMARY KEY, notification_id BIGINT NOT NULL, "
    "aggregate_id TEXT NOT NULL, aggregate_type TEXT NOT NULL, type TEXT NOT NULL, "
    "version INTEGER NOT NULL, recorded_at TEXT NOT NULL, effective_on TEXT, "
    "actor TEXT NOT NULL, on_behalf_of TEXT, reason TEXT, correlation_id TEXT, "
    "payload TEXT NOT NULL, redacted INTEGER NOT NULL"
)
INDEXES = (
    "events (aggregate_id, position)",
    "events (type, position)",
    "events (aggregate_type, position)",
    "events (actor, position)",
    "events (recorded_at, position)",
    "events (correlation_id)",
)
METADATA = frozenset(
    {
        "originator_id",
        "originator_version",
        "timestamp",
        "originator_topic",
        "actor",
        "on_behalf_of",
        "reason",
        "correlation_id",
        "effective_on",
    }
)
INSERT = (
    "INSERT INTO events (position, notification_id, aggregate_id, aggregate_type, type, "
    "version, recorded_at, effective_on, actor, on_behalf_of, reason, correlation_id, payload, "
    "redacted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def payload(event: Any) -> dict[str, Any]:
    """The event's own fields (metadata and markers such as ``_redacted`` left out)."""
    return {
        k: plain(v) for k, v in vars(event).items() if k not in METADATA and not k.startswith("_")
    }


def payload_json(event: Any) -> str:
    """``payload`` as JSON text: orjson writes ids and dates as ``plain`` would."""
    state = vars(event)
    known = _PAYLOAD_NAMES.get(type(event))
    if known is not None and known[1] == len(state):
        names = known[0]
    else:  # the first of its class, or one carrying a marker (``_redacted``)
        names = [k for k in state if k not in METADATA and k[0] != "_"]
        if not any(k[0] == "_" for k in state):
            _PAYLOAD_NAMES[type(event)] = (names, len(state))
    return orjson.dumps({k: state[k] for k in names}).decode()


# The payload's field names per event class (and how many fields such an event has),
# learnt from the first event of each class without a marker.
_PAYLOAD_NAMES: dict[type, tuple[list[str], int]] = {}


def audit_row(
    position: int,
    notification_id: int,
    aggregate_type: str,
    key: str,
    event: Any,
    stamp: str | None = None,
) -> list[Any]:
    """The event's row, storable as it is: the reason is the only free text (the payload
    is JSON, which writes a NUL as an escape)."""
    effective_on = event.effective_on
    return [
        position,
        notification_id,
        key,
        aggregate_type,
        type(event).__name__,
        event.originator_version,
        stamp or moment(event.timestamp),
        effective_on.isoformat() if effective_on else None,
        event.actor,
        ident(event.on_behalf_of),
        storable_text(event.reason),
        event.correlation_id,
        payload_json(event),
        int(is_redacted(event)),
    ]


def rewrite(cursor: Cursor, event: Any) -> None:
    """An event's row read again (its sealed text now unreadable)."""
    cursor.execute(
        "UPDATE events SET actor = ?, reason = ?, payload = ?, redacted = ? "
        "WHERE aggregate_id = ? AND version = ?",
        [
            event.actor,
            event.reason,
            payload_json(event),
            int(is_redacted(event)),
            str(event.originator_id),
            event.originator_version,
        ],
    )


@dataclass(frozen=True)
class AuditFilter:
    aggregate_id: str | None = None
    aggregate_type: str | None = None
    types: list[str] | None = None
    actor: str | None = None
    correlation_id: str | None = None
    recorded_from: datetime | None = None  # inclusive
    recorded_to: datetime | None = None  # exclusive
    after_position: int | None = None

    def conditions(self) -> tuple[list[str], list[Any]]:
        """SQL conditions over the indexed columns of the `events` view, with parameters."""
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("aggregate_id", self.aggregate_id),
            ("aggregate_type", self.aggregate_type),
            ("actor", self.actor),
            ("correlation_id", self.correlation_id),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if self.types:
            where.append(f"type IN ({', '.join('?' for _ in self.types)})")
            params += list(self.types)
        if self.recorded_from:
            where.append("recorded_at >= ?")
            params.append(moment(self.recorded_from))
        if self.recorded_to:
            where.append("recorded_at < ?")
            params.append(moment(self.recorded_to))
        if self.after_position is not None:
            where.append("position > ?")
            params.append(self.after_position)
        return where, params


class AuditLog:
    """The named questions of the audit log."""

    table = TABLE

    def __init__(self, db: ViewDatabase):
        self.db = db

    def decode_all(self, rows: list[Row]) -> list[Row]:
        return rows  # the payload stays JSON text: the API hands it out as it is

    def page(self, audit: AuditFilter, *, first: int | None, after: str | None) -> Page:
        where, params = audit.conditions()
        return keyset_page(
            self.db, self, ["position"], where=where, params=params, first=first, after=after
        )

    def between(self, audit: AuditFilter, after: int, until: int) -> Page:
        """The filter's events after one position up to another (a subscription's round)."""
        where, params = AuditFilter(**{**vars(audit), "after_position": None}).conditions()
        return keyset_page(
            self.db,
            self,
            ["position"],
            where=[*where, "position > ?", "position <= ?"],
            params=[*params, after, until],
            first=200,
        )

    def by_positions(self, positions: list[int]) -> list[Row]:
        if not positions:
            return []
        marks = ", ".join("?" for _ in positions)
        return self.db.query(
            f"SELECT * FROM events WHERE position IN ({marks}) ORDER BY position", positions
        )

    def of_aggregates(self, aggregate_ids: list[str]) -> list[Row]:
        if not aggregate_ids:
            return []
        marks = ", ".join("?" for _ in aggregate_ids)
        return self.db.query(
            f"SELECT * FROM events WHERE aggregate_id IN ({marks}) ORDER BY position",
            aggregate_ids,
        )

    def naming(self, key: str) -> list[Row]:
        """Every event of or about an aggregate (its id in the payload): Auskunft, Art. 15."""
        return self.db.query(
            "SELECT * FROM events WHERE aggregate_id = ? OR payload LIKE ? ORDER BY position",
            [key, f"%{key}%"],
        )

    def version_at(self, aggregate_id: str, recorded: datetime) -> int | None:
        row = self.db.query_one(
            "SELECT MAX(version) AS v FROM events WHERE aggregate_id = ? AND recorded_at <= ?",
            [aggregate_id, moment(recorded)],
        )
        return row["v"] if row and row["v"] is not None else None

    def versions_at(self, aggregate_ids: list[str], recorded: datetime) -> dict[str, int]:
        """Each aggregate's last version recorded by then; absent if it did not exist yet."""
        if not aggregate_ids:
            return {}
        marks = ", ".join("?" for _ in aggregate_ids)
        rows = self.db.query(
            f"SELECT aggregate_id, MAX(version) AS v FROM events WHERE aggregate_id IN ({marks})"
            " AND recorded_at <= ? GROUP BY aggregate_id",
            [*aggregate_ids, moment(recorded)],
        )
        return {row["aggregate_id"]: int(row["v"]) for row in rows}

    def of_type(self, aggregate_type: str, types: tuple[str, ...]) -> list[Row]:
        marks = ", ".join("?" for _ in types)
        return self.db.query(
            "SELECT aggregate_id, type, effective_on, payload FROM events "
            f"WHERE aggregate_type = ? AND type IN ({marks}) ORDER BY position",
            [aggregate_type, *types],
        )
