"""Organisations and persons; a member of a body is either."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from ...projections.database import Row
from ..context import Info
from ..ids import to_global
from .core import Node, OrganizationKindEnum
from .events import WithHistory


@strawberry.type(
    description="Organisation: a Fachbereich of the city, a regional institution, a welfare "
    "association, a Fraktion … It leads bodies, measures and papers (Federführung), is a "
    "member of bodies, and is what COORDINATOR and MEMBER tokens act for."
)
class Organization(WithHistory, Node):
    id: strawberry.ID
    name: str = strawberry.field(
        description="Full name, e.g. Fachbereich Soziales und Integration (at most 200 characters)."
    )
    short_name: str | None = strawberry.field(
        description="Kürzel, e.g. FB 50 (at most 40 characters): the code its paper "
        "references begin with (FB 50/0098/WP16); null when it has none."
    )
    kind: OrganizationKindEnum = strawberry.field(description="What kind of organisation it is.")
    version: int
    parent_id: strawberry.Private[str | None]

    @strawberry.field(
        description="The organisation it belongs to, e.g. the welfare association above a "
        "member association; null for a top-level one."
    )
    async def parent(self, info: Info) -> Organization | None:
        return await organization(info, self.parent_id)

    @classmethod
    def from_row(cls, row: Row) -> Organization:
        return cls(
            id=strawberry.ID(to_global("Organization", row["id"])),
            name=row["name"],
            short_name=row["short_name"],
            kind=row["kind"],
            version=row["version"],
            key=row["id"],
            parent_id=row["parent_id"],
        )


async def organization(info: Info, key: str | None) -> Organization | None:
    row = await info.context.load.organizations.load(key) if key else None
    return Organization.from_row(row) if row else None


@strawberry.type(
    description="Person: an expert or department head taking part in a body or a meeting. "
    "Personal data (DSGVO): the name is sealed under a key of the person's own and "
    "erasePerson destroys it. Listed by persons and node for signed-in clients only."
)
class Person(Node):
    id: strawberry.ID
    erased: bool = strawberry.field(
        description="True once erasePerson destroyed the name: it reads null everywhere, in "
        "the views, history and exports; the decision trail stays whole."
    )
    key: strawberry.Private[str]
    sealed_name: strawberry.Private[str | None]
    affiliation_id: strawberry.Private[str | None]

    @strawberry.field(
        description="Full name; null once erased, and for clients without a token (PUBLIC)."
    )
    async def name(self, info: Info) -> str | None:
        if self.erased or not info.context.principal.reads_personal_data:
            return None
        if self.sealed_name is not None:
            return self.sealed_name
        # Registered before names were sealed in events: the old personal-data table.
        return await info.context.load.legacy_names.load(self.key)

    @strawberry.field(
        description="The organisation the person works for or represents, if recorded."
    )
    async def affiliation(self, info: Info) -> Organization | None:
        return await organization(info, self.affiliation_id)

    @classmethod
    def from_row(cls, row: Row) -> Person:
        return cls(
            id=strawberry.ID(to_global("Person", row["id"])),
            erased=bool(row["erased"]),
            key=row["id"],
            sealed_name=row["name"],
            affiliation_id=row["affiliation_id"],
        )


Member = Annotated[
    Person | Organization,
    strawberry.union(
        "Member",
        description="Mitglied: a member of a body or an attendee of a meeting, a person or "
        "an organisation.",
    ),
]


async def member(info: Info, key: str, member_type: str) -> Any:
    """A member of a body or an attendee: a person or an organisation."""
    if member_type == "PERSON":
        row = await info.context.load.persons.load(key)
        return Person.from_row(row) if row else None
    return await organization(info, key)
