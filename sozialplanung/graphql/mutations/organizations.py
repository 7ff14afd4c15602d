"""Mutations on organisations and persons (registering, erasing a person's name)."""

from __future__ import annotations

from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import Meta
from ..context import Info
from ..ids import optional_uuid, uuid_of
from ..inputs import (
    ErasePersonInput,
    RegisterOrganizationInput,
    RegisterPersonInput,
)
from .runner import (
    OrganizationPayload,
    PersonPayload,
    respond,
)

ORG, PERSON = "Organization", "Person"


@strawberry.type
class OrganizationMutations:
    @strawberry.mutation
    async def register_organization(
        self, info: Info, input: RegisterOrganizationInput
    ) -> OrganizationPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            return app.register_organization(
                meta,
                name=input.name,
                kind=input.kind,
                short_name=input.short_name,
                parent=optional_uuid(input.parent, "parent", ORG),
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, OrganizationPayload, perform)

    @strawberry.mutation
    async def register_person(self, info: Info, input: RegisterPersonInput) -> PersonPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            return app.register_person(
                meta,
                name=input.name,
                affiliation=optional_uuid(input.affiliation, "affiliation", ORG),
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PersonPayload, perform)

    @strawberry.mutation
    async def erase_person(self, info: Info, input: ErasePersonInput) -> PersonPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            return app.erase_person(
                meta,
                person=uuid_of(input.person, "person", PERSON),
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PersonPayload, perform)
