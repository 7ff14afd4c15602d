"""The filter of the audit log (events, eventAppended)."""

from __future__ import annotations

import datetime as dt

import strawberry


@strawberry.input(
    description="Which events of the audit log to read; every condition given must hold."
)
class EventFilter:
    aggregate_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only events of this object (its global id or bare UUID)."
    )
    aggregate_type: str | None = strawberry.field(
        default=None, description="Only events of this type of object, e.g. Measure or Paper."
    )
    types: list[str] | None = strawberry.field(
        default=None,
        description='Only events of these kinds, e.g. ["MeasureDecided", "MemberJoined"].',
    )
    actor: str | None = strawberry.field(
        default=None, description="Only events of this actor, as role:name, e.g. admin:demo-loader."
    )
    correlation_id: str | None = strawberry.field(
        default=None, description="Only events recorded by this request."
    )
    recorded_from: dt.datetime | None = strawberry.field(
        default=None, description="Only events recorded at or after this moment."
    )
    recorded_to: dt.datetime | None = strawberry.field(
        default=None, description="Only events recorded before this moment."
    )
    after_position: int | None = strawberry.field(
        default=None,
        description="Only events after this position in the log: resume where you left off.",
    )
