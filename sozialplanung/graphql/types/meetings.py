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


@strawberry.type(description="Beschluss: what the body resolved on an agenda item, with the vote.")
class Resolution:
    decision: DecisionKindEnum = strawberry.field(description="What the body concluded.")
    text: str | None = strawberry.field(
        description="Beschlusstext: the resolution's wording; null if none was given or once "
        "redacted."
    )
    votes_for: int | None = strawberry.field(
        description="Ja-Stimmen: votes in favour; null if not counted."
    )
    votes_against: int | None = strawberry.field(
        description="Nein-Stimmen: votes against; null if not counted."
    )
    abstentions: int | None = strawberry.field(
        description="Enthaltungen: abstentions; null if not counted."
    )


@strawberry.type(
    description="Tagesordnungspunkt (TOP): one item of a meeting's agenda, possibly about a "
    "measure or a paper."
)
class AgendaItem:
    number: str = strawberry.field(
        description="Its number on the agenda, e.g. 3 or 3.1 (at most 20 characters, unique "
        "within the meeting)."
    )
    title: str = strawberry.field(description="What the item is about (at most 200 characters).")
    resolution: Resolution | None = strawberry.field(
        description="The resolution recorded on it (recordResolution); null until then."
    )
    measure_id: strawberry.Private[str | None]
    paper_id: strawberry.Private[str | None]

    @strawberry.field(description="The measure (Maßnahme) it deals with, if any.")
    async def measure(self, info: Info) -> Annotated[Measure, strawberry.lazy(".measures")] | None:
        from .measures import measure

        return await measure(info, self.measure_id)

    @strawberry.field(description="The paper (Vorlage) it deals with, if any.")
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


@strawberry.type(
    description="Sitzung: a meeting of a body with its agenda (Tagesordnung), attendance, "
    "minutes (Niederschrift) and resolutions (Beschlüsse)."
)
class Meeting(Node):
    id: strawberry.ID
    title: str = strawberry.field(
        description="Title, e.g. Sozialkonferenz 2013 (at most 200 characters)."
    )
    scheduled_for: datetime = strawberry.field(
        description="When it starts, with the time zone it was given in, e.g. "
        "2011-02-24T17:00:00+01:00; the meeting's day is the date there."
    )
    ends_at: datetime | None = strawberry.field(
        description="When the meeting ends (at most 24 hours after the start), if given; "
        "the calendar feed assumes two hours otherwise."
    )
    location: str | None = strawberry.field(
        description="Where it takes place (at most 200 characters)."
    )
    status: MeetingStatusEnum = strawberry.field(description="Scheduled, held or cancelled.")
    minutes: str | None = strawberry.field(
        description="Niederschrift: the minutes recorded with recordMeetingHeld; null if none "
        "or once redacted."
    )
    agenda: list[AgendaItem] = strawberry.field(
        description="Tagesordnung: the agenda items in the order they were added."
    )
    version: int
    key: strawberry.Private[str]
    body_id: strawberry.Private[str]
    attendees_of: strawberry.Private[list[Row]]
    cycle_number: strawberry.Private[int | None]

    @strawberry.field(name="body", description="The body that meets.")
    async def resolve_body(self, info: Info) -> Body:
        found = await body(info, self.body_id)
        assert found is not None
        return found

    @strawberry.field(
        description="Anwesende: the persons and organisations recorded as present when it "
        "was held; empty before."
    )
    async def attendees(self, info: Info) -> list[Member]:
        found = await asyncio.gather(
            *(member(info, a["member_id"], a["member_type"]) for a in self.attendees_of)
        )  # together, so the loaders read them in one batch
        return [m for m in found if m is not None]

    @strawberry.field(
        description="The cycle it was scheduled for, e.g. a Sozialkonferenz of that cycle; "
        "null for meetings outside the cycles."
    )
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
    page = await info.context.read(
        lambda: queries.meetings.page(
            body=body_key, starting=from_, before=to, first=first, after=after
        )
    )
    return Connection.of(page, [Meeting.from_row(row) for row in page.rows])
