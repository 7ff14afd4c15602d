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

MEETINGS_FROM = "Only meetings that start at or after this moment."
MEETINGS_TO = "Only meetings that start before this moment."


@strawberry.type(
    description="Sitzungsrhythmus: how often a body is meant to meet, e.g. one or two "
    "meetings a year, or every 24 months."
)
class Cadence:
    description: str = strawberry.field(
        description="The rhythm in words, as the paper states it, e.g. ein- bis zweimal jährlich."
    )
    min_per_year: int | None = strawberry.field(
        description="At least this many meetings a year (0–366); null if not fixed."
    )
    max_per_year: int | None = strawberry.field(
        description="At most this many meetings a year (0–366, not below minPerYear); null "
        "if not fixed."
    )
    every_months: int | None = strawberry.field(
        description="One meeting every this many months (1–120), e.g. 24 for the "
        "Sozialkonferenz; null if not fixed."
    )
    self_determined: bool = strawberry.field(
        description="True when the body sets its own rhythm (selbst festgelegt)."
    )

    @classmethod
    def from_row(cls, c: dict[str, Any]) -> Cadence:
        return cls(
            description=c["description"],
            min_per_year=c["min_per_year"],
            max_per_year=c["max_per_year"],
            every_months=c["every_months"],
            self_determined=c["self_determined"],
        )


@strawberry.type(
    description="Mitgliedschaft: a member's role in a body over a period of business dates; "
    "a role change closes one period and opens the next."
)
class Membership:
    role: MemberRoleEnum = strawberry.field(description="The member's role in this period.")
    since: date = strawberry.field(
        description="First business day of this period (the effectiveOn of addMember or "
        "changeMemberRole)."
    )
    until: date | None = strawberry.field(
        description="The business day it ended (not a member on that day any more); null "
        "while it lasts."
    )
    member_id: strawberry.Private[str]
    member_type: strawberry.Private[str]
    on_behalf_of_id: strawberry.Private[str | None]

    @strawberry.field(name="member", description="The person or organisation.")
    async def resolve_member(self, info: Info) -> Member:
        found = await member(info, self.member_id, self.member_type)
        assert found is not None  # a membership names a registered member
        return found

    @strawberry.field(
        description="The organisation the member represents in the body (entsendende "
        "Organisation), if any."
    )
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


@strawberry.type(
    description="Gremium: a body such as the Arbeitskreis Sozialplanung, a Lenkungsgruppe, "
    "the Sozialkonferenz and its Arbeitsgruppen, a Fachausschuss or the Rat, with its "
    "members over time and its meetings (Sitzungen)."
)
class Body(WithHistory, Node):
    id: strawberry.ID
    name: str = strawberry.field(
        description="Name, e.g. Arbeitskreis Sozialplanung (at most 200 characters)."
    )
    kind: BodyKindEnum = strawberry.field(description="What kind of body it is.")
    topic: str | None = strawberry.field(
        description="Thema or Schwerpunkt: what it works on (at most 500 characters; "
        "required for a Lenkungsgruppe); changed by shiftFocus."
    )
    cadence: Cadence | None = strawberry.field(
        description="Sitzungsrhythmus: how often it is meant to meet; null when not set."
    )
    active: bool = strawberry.field(
        description="False once dissolved (dissolveBody is recorded on or after the day it "
        "takes effect, never ahead); bodies(activeOn:) asks about a past day."
    )
    established_on: date | None = strawberry.field(
        description="Business date it was established (the effectiveOn of establishBody)."
    )
    dissolved_on: date | None = strawberry.field(
        description="Business date it was dissolved; null while it exists."
    )
    version: int
    lead_id: strawberry.Private[str | None]
    parent_id: strawberry.Private[str | None]
    memberships: strawberry.Private[list[Row]]

    @strawberry.field(
        description="Federführung: the organisation that leads the body. Its COORDINATORs "
        "manage the body, its meetings and the bodies below it."
    )
    async def lead(self, info: Info) -> Organization | None:
        return await organization(info, self.lead_id)

    @strawberry.field(
        description="The body it belongs to, e.g. the Sozialkonferenz above its "
        "Arbeitsgruppen; null for a body of its own."
    )
    async def parent(self, info: Info) -> Body | None:
        return await body(info, self.parent_id)

    @strawberry.field(
        description="Mitglieder on a business date (default today), in the order their "
        "memberships began."
    )
    def members(
        self,
        as_of: Annotated[
            date | None,
            strawberry.argument(
                description="The business date to ask about (not recorded time); default today."
            ),
        ] = None,
    ) -> list[Membership]:
        on = (as_of or date.today()).isoformat()
        return [Membership.from_row(m) for m in members_on({"memberships": self.memberships}, on)]

    @strawberry.field(description="Sitzungen of this body, in the order they start.")
    async def meetings(
        self,
        info: Info,
        from_: Annotated[
            datetime | None,
            strawberry.argument(name="from", description=MEETINGS_FROM),
        ] = None,
        to: Annotated[datetime | None, strawberry.argument(description=MEETINGS_TO)] = None,
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
