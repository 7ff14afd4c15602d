"""Organisations and persons; a member of a body is either."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ...projections.queries import Document
from ..context import Info
from ..ids import to_global
from .core import Node, OrganizationKindEnum
from .events import WithHistory


@strawberry.type
class Organization(WithHistory, Node):
    id: strawberry.ID
    name: str
    short_name: str | None
    kind: OrganizationKindEnum  # type: ignore[valid-type]
    version: int
    parent_id: strawberry.Private[str | None]

    @strawberry.field
    async def parent(self, info: Info) -> Organization | None:
        document = await info.context.document(self.parent_id)
        return Organization.from_document(document) if document else None

    @classmethod
    def from_document(cls, document: Document) -> Organization:
        s = document.state
        return cls(
            id=strawberry.ID(to_global("Organization", document.id)),
            name=s["name"],
            short_name=s["short_name"],
            kind=s["kind"],
            version=document.version,
            key=document.id,
            parent_id=str(s["parent_id"]) if s["parent_id"] else None,
        )


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
        return await info.context.person_names.load(self.key)

    @strawberry.field
    async def affiliation(self, info: Info) -> Organization | None:
        document = await info.context.document(self.affiliation_id)
        return Organization.from_document(document) if document else None

    @classmethod
    def from_document(cls, document: Document) -> Person:
        s = document.state
        return cls(
            id=strawberry.ID(to_global("Person", document.id)),
            erased=s["erased"],
            key=document.id,
            sealed_name=s.get("name"),
            affiliation_id=str(s["affiliation_id"]) if s["affiliation_id"] else None,
        )


Member = Annotated[Person | Organization, strawberry.union("Member")]


def member_from_document(document: Document) -> Person | Organization:
    if document.type == "Person":
        return Person.from_document(document)
    return Organization.from_document(document)
