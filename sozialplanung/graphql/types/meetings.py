"""Sitzungen with agenda, attendance and resolutions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...projections.queries import Document
from ..context import Info
from ..ids import to_global
from .bodies import Body, body, time_window
from .core import Connection, DecisionKindEnum, MeetingStatusEnum, Node, nodes_of_page
from .organizations import Member, member_from_document

if TYPE_CHECKING:
    from .cycles import Cycle
    from .measures import Measure
    from .papers import Paper


@strawberry.type
class Resolution:
    decision: DecisionKindEnum  # type: ignore[valid-type]
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
        from .measures import Measure

        document = await info.context.document(self.measure_id)
        return Measure.from_document(document) if document else None

    @strawberry.field
    async def paper(self, info: Info) -> Annotated[Paper, strawberry.lazy(".papers")] | None:
        from .papers import Paper

        document = await info.context.document(self.paper_id)
        return Paper.from_document(document) if document else None


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
        measure_id=str(item["measure_id"]) if item["measure_id"] else None,
        paper_id=str(item["paper_id"]) if item["paper_id"] else None,
    )


@strawberry.type
class Meeting(Node):
    id: strawberry.ID
    title: str
    scheduled_for: datetime
    location: str | None
    status: MeetingStatusEnum  # type: ignore[valid-type]
    minutes: str | None
    agenda: list[AgendaItem]
    version: int
    key: strawberry.Private[str]
    body_id: strawberry.Private[str]
    attendee_ids: strawberry.Private[list[str]]
    cycle_number: strawberry.Private[int | None]

    @strawberry.field(name="body")
    async def resolve_body(self, info: Info) -> Body:
        found = await body(info, self.body_id)
        assert found is not None
        return found

    @strawberry.field
    async def attendees(self, info: Info) -> list[Member]:
        documents = await info.context.documents.load_many(self.attendee_ids)
        return [member_from_document(d) for d in documents if d is not None]

    @strawberry.field
    async def cycle(self, info: Info) -> Annotated[Cycle, strawberry.lazy(".cycles")] | None:
        from .cycles import cycle_by_number

        return await cycle_by_number(info, self.cycle_number)

    @classmethod
    def from_document(cls, document: Document) -> Meeting:
        s = document.state
        return cls(
            id=strawberry.ID(to_global("Meeting", document.id)),
            title=s["title"],
            scheduled_for=s["scheduled_for"],
            location=s["location"],
            status=s["status"],
            minutes=s["minutes"],
            agenda=[_agenda_item(i) for i in s["agenda"]],
            version=document.version,
            key=document.id,
            body_id=str(s["body_id"]),
            attendee_ids=[str(a["member_id"]) for a in s["attendees"]],
            cycle_number=s["cycle_number"],
        )


async def meeting(info: Info, key: Any) -> Meeting | None:
    document = await info.context.document(key)
    return Meeting.from_document(document) if document else None


async def meeting_page(
    info: Info,
    body_key: str | None,
    from_: datetime | None,
    to: datetime | None,
    first: int | None,
    after: str | None,
) -> Connection[Meeting]:
    where, params = time_window(from_, to)
    if body_key is not None:
        where.append("body_id = ?")
        params.append(body_key)
    page = await info.context.run(
        info.context.queries.page,
        "meetings",
        ["scheduled_for", "id"],
        where=where,
        params=params,
        first=first,
        after=after,
    )
    return Connection.of(page, await nodes_of_page(info, page, Meeting.from_document))
