"""Sitzungen with agenda, attendance and resolutions."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...projections.database import Row
from ..context import Info
from ..ids import to_global
from .bodies import Body, body
from .core import Connection, DecisionKindEnum, MeetingStatusEnum, Node
from .organizations import Member, member

if TYPE_CHECKING:
    from .cycles import Cycle
    from .measures import Measure
    from .papers import Paper


@strawberry.type
class Resolution:
    decision: DecisionKindEnum
    text: str | None
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None


@strawberry.type
class AgendaItem:
    number: str
    title: str
    resolution: Resolution | None
    measure_id: strawberry.Private[str | None]
    paper_id: strawberry.Private[str | None]

    @strawberry.field
    async def measure(self, info: Info) -> Annotated[Measure, strawberry.lazy(".measures")] | None:
        from .measures import measure

        return await measure(info, self.measure_id)

    @strawberry.field
    async def paper(self, info: Info) -> Annotated[Paper, strawberry.lazy(".papers")] | None:
        from .papers import paper

        return await paper(info, self.paper_id)


def _agenda_item(item: dict[str, Any]) -> AgendaItem:
    r = item["resolution"]
    return AgendaItem(
        number=item["number"],
        title=item["title"],
        resolution=Resolution(
            decision=r["decision"],
            text=r["text"],
            votes_for=r["votes_for"],
            votes_against=r["votes_against"],
            abstentions=r["abstentions"],
        )
        if r
        else None,
        measure_id=item["measure_id"],
        paper_id=item["paper_id"],
    )


@strawberry.type
class Meeting(Node):
    id: strawberry.ID
    title: str
    scheduled_for: datetime
    ends_at: datetime | None = strawberry.field(
        description="When the meeting ends, if given (the calendar feed assumes two hours)."
    )
    location: str | None
    status: MeetingStatusEnum
    minutes: str | None
    agenda: list[AgendaItem]
    version: int
    key: strawberry.Private[str]
    body_id: strawberry.Private[str]
    attendees_of: strawberry.Private[list[Row]]
    cycle_number: strawberry.Private[int | None]

    @strawberry.field(name="body")
    async def resolve_body(self, info: Info) -> Body:
        found = await body(info, self.body_id)
        assert found is not None
        return found

    @strawberry.field
    async def attendees(self, info: Info) -> list[Member]:
        found = await asyncio.gather(
            *(member(info, a["member_id"], a["member_type"]) for a in self.attendees_of)
        )  # together, so the loaders read them in one batch
        return [m for m in found if m is not None]

    @strawberry.field
    async def cycle(self, info: Info) -> Annotated[Cycle, strawberry.lazy(".cycles")] | None:
        from .cycles import cycle_by_number

        return await cycle_by_number(info, self.cycle_number)

    @classmethod
    def from_row(cls, row: Row) -> Meeting:
        return cls(
            id=strawberry.ID(to_global("Meeting", row["id"])),
            title=row["title"],
            scheduled_for=datetime.fromisoformat(row["starts"]),
            ends_at=datetime.fromisoformat(row["ends"]) if row["ends"] else None,
            location=row["location"],
            status=row["status"],
            minutes=row["minutes"],
            agenda=[_agenda_item(i) for i in row["agenda"]],
            version=row["version"],
            key=row["id"],
            body_id=row["body_id"],
            attendees_of=row["attendees"],
            cycle_number=row["cycle_number"],
        )


async def meeting(info: Info, key: str | None) -> Meeting | None:
    row = await info.context.load.meetings.load(key) if key else None
    return Meeting.from_row(row) if row else None


async def meeting_page(
    info: Info,
    body_key: str | None,
    from_: datetime | None,
    to: datetime | None,
    first: int | None,
    after: str | None,
) -> Connection[Meeting]:
    queries = info.context.queries
    page = await info.context.run(
        lambda: queries.meetings.page(
            body=body_key, starting=from_, before=to, first=first, after=after
        )
    )
    return Connection.of(page, [Meeting.from_row(row) for row in page.rows])
