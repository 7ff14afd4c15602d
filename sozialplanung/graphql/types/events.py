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


@strawberry.type(
    description="Ereignis: one entry of the audit log (Prüfpfad), an immutable change to one "
    "object with who, when, why and for which business date. Read through events, history, "
    "decisionTrail and eventAppended (ADMIN and ANALYST)."
)
class Event(Node):
    id: strawberry.ID = strawberry.field(
        description="Global id of the event (base64 of Event:<position>)."
    )
    position: int = strawberry.field(
        description="Its place in the audit log: global, gapless, increasing; resume a "
        "subscription after it with afterPosition."
    )
    type: str = strawberry.field(
        description="The kind of change, the domain's event name, e.g. MeasureDecided, "
        "ConsultationConcluded, MemberJoined."
    )
    aggregate_id: strawberry.ID = strawberry.field(
        description="Global id of the object (aggregate) the event belongs to."
    )
    aggregate_type: str = strawberry.field(
        description="The object's type: Organization, Person, Body, Meeting, Cycle, Measure, "
        "Paper, Briefing (informParliamentaryGroups) or Redaction (redactEvent)."
    )
    version: int = strawberry.field(
        description="The object's version after this event (its first event is version 1)."
    )
    recorded_at: datetime = strawberry.field(
        description="Recorded time: when the system stored the event (what it knew then), "
        "not when it happened in the city."
    )
    effective_on: date | None = strawberry.field(
        description="Business date (Wirksamkeitsdatum): the day the change happened or takes "
        "effect in the city, e.g. the meeting's day; null if none was recorded."
    )
    actor: str = strawberry.field(
        description="Who acted: the authenticated principal as role:name, e.g. "
        "admin:demo-loader; never a value the request supplied."
    )
    reason: str | None = strawberry.field(
        description="Why (Begründung), as the mutation's reason gave it; null when none was "
        "given or once redacted."
    )
    correlation_id: str | None = strawberry.field(
        description="Id of the request that recorded it: the events of one request share it."
    )
    payload: JSON = strawberry.field(
        description="The event's own fields as JSON (ids, dates, texts; the metadata above "
        "left out). Free-text fields of a redacted event read null."
    )
    redacted: bool = strawberry.field(
        description="Its free text (or, for a person's registration, the name) was made "
        "unreadable by redactEvent or erasePerson; the event itself stays."
    )
    on_behalf_of_id: strawberry.Private[str | None]

    @strawberry.field(
        description="The organisation the actor acted for (its token's organisation); null "
        "when the token names none."
    )
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

    @strawberry.field(
        description="Every event recorded for this object, oldest first: its part of the "
        "audit log. ADMIN and ANALYST only."
    )
    async def history(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Event]:
        return await history(info, self.key, first, after)
