"""Event: one row of the audit log, and the history connection every entity has."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from ...projections.audit import AuditFilter
from ...projections.database import Row
from ..context import Info
from ..ids import to_global
from .core import Connection, Node, require_history

if TYPE_CHECKING:
    from .organizations import Organization


@strawberry.type
class Event(Node):
    id: strawberry.ID
    position: int = strawberry.field(description="Global, gapless order of the log.")
    type: str
    aggregate_id: strawberry.ID
    aggregate_type: str
    version: int
    recorded_at: datetime
    effective_on: date | None
    actor: str
    reason: str | None
    correlation_id: str | None
    payload: JSON = strawberry.field(description="Free-text fields of a redacted event read null.")
    redacted: bool = strawberry.field(
        description="Its free text (or, for a person's registration, the name) was made "
        "unreadable by redactEvent or erasePerson; the event itself stays."
    )
    on_behalf_of_id: strawberry.Private[str | None]

    @strawberry.field
    async def on_behalf_of(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy(".organizations")] | None:
        from .organizations import organization

        return await organization(info, self.on_behalf_of_id)

    @classmethod
    def from_row(cls, row: Row) -> Event:
        return cls(
            id=strawberry.ID(to_global("Event", row["position"])),
            position=row["position"],
            type=row["type"],
            aggregate_id=strawberry.ID(to_global(row["aggregate_type"], row["aggregate_id"])),
            aggregate_type=row["aggregate_type"],
            version=row["version"],
            recorded_at=datetime.fromisoformat(row["recorded_at"]),
            effective_on=date.fromisoformat(row["effective_on"]) if row["effective_on"] else None,
            actor=row["actor"],
            reason=row["reason"],
            correlation_id=row["correlation_id"],
            payload=json.loads(row["payload"]),
            redacted=bool(row["redacted"]),
            on_behalf_of_id=row["on_behalf_of"],
        )


EventConnection = Connection[Event]


async def history(info: Info, key: str, first: int | None, after: str | None) -> Connection[Event]:
    """The events of one aggregate, oldest first."""
    require_history(info)
    audit = info.context.queries.audit
    page = await info.context.run(
        lambda: audit.page(AuditFilter(aggregate_id=key), first=first, after=after)
    )
    return Connection.of(page, [Event.from_row(row) for row in page.rows])


@strawberry.type
class WithHistory:
    """Mixed into every entity with a history: its events, oldest first."""

    key: strawberry.Private[str]

    @strawberry.field
    async def history(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Event]:
        return await history(info, self.key, first, after)
