"""Gremien with their memberships and cadence."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...projections.bodies import members_on
from ...projections.database import Row
from ..context import Info
from ..ids import to_global
from .core import BodyKindEnum, Connection, MemberRoleEnum, Node
from .events import WithHistory
from .organizations import Member, Organization, member, organization

if TYPE_CHECKING:
    from .meetings import Meeting


@strawberry.type
class Cadence:
    description: str
    min_per_year: int | None
    max_per_year: int | None
    every_months: int | None
    self_determined: bool

    @classmethod
    def from_row(cls, c: dict[str, Any]) -> Cadence:
        return cls(
            description=c["description"],
            min_per_year=c["min_per_year"],
            max_per_year=c["max_per_year"],
            every_months=c["every_months"],
            self_determined=c["self_determined"],
        )


@strawberry.type
class Membership:
    role: MemberRoleEnum
    since: date
    until: date | None
    member_id: strawberry.Private[str]
    member_type: strawberry.Private[str]
    on_behalf_of_id: strawberry.Private[str | None]

    @strawberry.field(name="member")
    async def resolve_member(self, info: Info) -> Member:
        found = await member(info, self.member_id, self.member_type)
        assert found is not None  # a membership names a registered member
        return found

    @strawberry.field
    async def on_behalf_of(self, info: Info) -> Organization | None:
        return await organization(info, self.on_behalf_of_id)

    @classmethod
    def from_row(cls, m: Row) -> Membership:
        return cls(
            role=m["role"],
            since=date.fromisoformat(m["since"]),
            until=date.fromisoformat(m["until"]) if m["until"] else None,
            member_id=m["member_id"],
            member_type=m["member_type"],
            on_behalf_of_id=m["on_behalf_of_id"],
        )


@strawberry.type
class Body(WithHistory, Node):
    id: strawberry.ID
    name: str
    kind: BodyKindEnum
    topic: str | None
    cadence: Cadence | None
    active: bool
    established_on: date | None
    dissolved_on: date | None
    version: int
    lead_id: strawberry.Private[str | None]
    parent_id: strawberry.Private[str | None]
    memberships: strawberry.Private[list[Row]]

    @strawberry.field
    async def lead(self, info: Info) -> Organization | None:
        return await organization(info, self.lead_id)

    @strawberry.field
    async def parent(self, info: Info) -> Body | None:
        return await body(info, self.parent_id)

    @strawberry.field(description="Members on a business date (default today).")
    def members(self, as_of: date | None = None) -> list[Membership]:
        on = (as_of or date.today()).isoformat()
        return [Membership.from_row(m) for m in members_on({"memberships": self.memberships}, on)]

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
    def from_row(cls, row: Row) -> Body:
        return cls(
            id=strawberry.ID(to_global("Body", row["id"])),
            name=row["name"],
            kind=row["kind"],
            topic=row["topic"],
            cadence=Cadence.from_row(row["cadence"]) if row["cadence"] else None,
            active=row["dissolved_on"] is None,
            established_on=date.fromisoformat(row["established_on"]),
            dissolved_on=date.fromisoformat(row["dissolved_on"]) if row["dissolved_on"] else None,
            version=row["version"],
            key=row["id"],
            lead_id=row["lead_id"],
            parent_id=row["parent_id"],
            memberships=row["memberships"],
        )


async def body(info: Info, key: str | None) -> Body | None:
    row = await info.context.load.bodies.load(key) if key else None
    return Body.from_row(row) if row else None
