"""Gremien with their memberships and cadence."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...projections.documents import moment
from ...projections.queries import Document
from ..context import Info
from ..ids import to_global
from .core import BodyKindEnum, Connection, MemberRoleEnum, Node
from .events import WithHistory
from .organizations import Member, Organization, member_from_document

if TYPE_CHECKING:
    pass
    from .meetings import Meeting


@strawberry.type
class Cadence:
    description: str
    min_per_year: int | None
    max_per_year: int | None
    every_months: int | None
    self_determined: bool

    @classmethod
    def from_state(cls, c: dict[str, Any]) -> Cadence:
        return cls(
            description=c["description"],
            min_per_year=c["min_per_year"],
            max_per_year=c["max_per_year"],
            every_months=c["every_months"],
            self_determined=c["self_determined"],
        )


@strawberry.type
class Membership:
    role: MemberRoleEnum  # type: ignore[valid-type]
    since: date
    until: date | None
    member_id: strawberry.Private[str]
    on_behalf_of_id: strawberry.Private[str | None]

    @strawberry.field
    async def member(self, info: Info) -> Member:
        document = await info.context.document(self.member_id)
        assert document is not None  # a membership names a registered member
        return member_from_document(document)

    @strawberry.field
    async def on_behalf_of(self, info: Info) -> Organization | None:
        document = await info.context.document(self.on_behalf_of_id)
        return Organization.from_document(document) if document else None


async def organization(info: Info, key: str | None) -> Organization | None:
    document = await info.context.document(key)
    return Organization.from_document(document) if document else None


@strawberry.type
class Body(WithHistory, Node):
    id: strawberry.ID
    name: str
    kind: BodyKindEnum  # type: ignore[valid-type]
    topic: str | None
    cadence: Cadence | None
    active: bool
    established_on: date | None
    dissolved_on: date | None
    version: int
    lead_id: strawberry.Private[str | None]
    parent_id: strawberry.Private[str | None]
    memberships: strawberry.Private[list[dict[str, Any]]]

    @strawberry.field
    async def lead(self, info: Info) -> Organization | None:
        return await organization(info, self.lead_id)

    @strawberry.field
    async def parent(self, info: Info) -> Body | None:
        document = await info.context.document(self.parent_id)
        return Body.from_document(document) if document else None

    @strawberry.field(description="Members on a business date (default today).")
    def members(self, as_of: date | None = None) -> list[Membership]:
        day = as_of or date.today()
        return [
            Membership(
                role=m["role"],
                since=m["since"],
                until=m["until"],
                member_id=str(m["member_id"]),
                on_behalf_of_id=str(m["on_behalf_of_id"]) if m["on_behalf_of_id"] else None,
            )
            for m in self.memberships
            if m["since"] <= day and (m["until"] is None or day < m["until"])
        ]

    @strawberry.field
    async def meetings(
        self,
        info: Info,
        from_: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        to: datetime | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Annotated[Meeting, strawberry.lazy(".meetings")]]:
        from .meetings import meeting_page

        return await meeting_page(info, self.key, from_, to, first, after)

    @classmethod
    def from_document(cls, document: Document) -> Body:
        s = document.state
        return cls(
            id=strawberry.ID(to_global("Body", document.id)),
            name=s["name"],
            kind=s["kind"],
            topic=s["topic"],
            cadence=Cadence.from_state(s["cadence"]) if s["cadence"] else None,
            active=s["dissolved_on"] is None,
            established_on=s["established_on"],
            dissolved_on=s["dissolved_on"],
            version=document.version,
            key=document.id,
            lead_id=str(s["lead_id"]) if s["lead_id"] else None,
            parent_id=str(s["parent_id"]) if s["parent_id"] else None,
            memberships=s["memberships"],
        )


async def body(info: Info, key: Any) -> Body | None:
    document = await info.context.document(key)
    return Body.from_document(document) if document else None


def time_window(from_: datetime | None, to: datetime | None) -> tuple[list[str], list[str]]:
    where, params = [], []
    if from_ is not None:
        where.append("scheduled_for >= ?")
        params.append(moment(from_))
    if to is not None:
        where.append("scheduled_for < ?")
        params.append(moment(to))
    return where, params
