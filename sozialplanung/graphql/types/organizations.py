"""Organisations and persons; a member of a body is either."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from ...projections.database import Row
from ..context import Info
from ..ids import to_global
from .core import Node, OrganizationKindEnum
from .events import WithHistory


@strawberry.type
class Organization(WithHistory, Node):
    id: strawberry.ID
    name: str
    short_name: str | None
    kind: OrganizationKindEnum
    version: int
    parent_id: strawberry.Private[str | None]

    @strawberry.field
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


@strawberry.type
class Person(Node):
    id: strawberry.ID
    erased: bool
    key: strawberry.Private[str]
    sealed_name: strawberry.Private[str | None]
    affiliation_id: strawberry.Private[str | None]

    @strawberry.field(description="Null once erased, and for clients without a token.")
    async def name(self, info: Info) -> str | None:
        if self.erased or not info.context.principal.reads_personal_data:
            return None
        if self.sealed_name is not None:
            return self.sealed_name
        # Registered before names were sealed in events: the old personal-data table.
        return await info.context.load.legacy_names.load(self.key)

    @strawberry.field
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


Member = Annotated[Person | Organization, strawberry.union("Member")]


async def member(info: Info, key: str, member_type: str) -> Any:
    """A member of a body or an attendee: a person or an organisation."""
    if member_type == "PERSON":
        row = await info.context.load.persons.load(key)
        return Person.from_row(row) if row else None
    return await organization(info, key)
