"""Mutations on organisations and persons (registering, erasing a person's name)."""

from __future__ import annotations

from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import Meta, NotFound
from ..context import Info
from ..ids import event_position, optional_uuid, uuid_of
from ..inputs import (
    ErasePersonInput,
    RedactEventInput,
    RegisterOrganizationInput,
    RegisterPersonInput,
)
from ..types.events import Event
from .runner import (
    EventPayload,
    OrganizationPayload,
    PersonPayload,
    respond,
    run_command,
)

ORG, PERSON = "Organization", "Person"


@strawberry.type
class OrganizationMutations:
    @strawberry.mutation(
        description="Registers an organisation (Fachbereich, Einrichtung, Verband, Fraktion …). "
        "ADMIN, or any COORDINATOR."
    )
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

    @strawberry.mutation(
        description="Registers a person; the name is sealed under a key of the person's own. "
        "ADMIN, or any COORDINATOR."
    )
    async def register_person(self, info: Info, input: RegisterPersonInput) -> PersonPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            return app.register_person(
                meta,
                name=input.name,
                affiliation=optional_uuid(input.affiliation, "affiliation", ORG),
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PersonPayload, perform)

    @strawberry.mutation(
        description="Löschung (DSGVO): destroys the person's key, so the name reads null "
        "everywhere, also in exports made afterwards; the events and decision trails stay whole, "
        "and the person can no longer join a body or attend a meeting. ADMIN only."
    )
    async def erase_person(self, info: Info, input: ErasePersonInput) -> PersonPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            return app.erase_person(
                meta,
                person=uuid_of(input.person, "person", PERSON),
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PersonPayload, perform)


@strawberry.type
class PrivacyMutations:
    @strawberry.mutation(
        description="Schwärzung: makes every free-text field of one recorded event unreadable "
        "everywhere (the views, time travel, exports and backups made afterwards), together "
        "with the other events of the command that recorded it (they share one key); the "
        "event keeps its position, type, actor, dates and ids. Returns the event as it reads "
        "now. ADMIN only; reason required."
    )
    async def redact_event(self, info: Info, input: RedactEventInput) -> EventPayload:
        context = info.context
        try:
            position = event_position(input.event)
        except NotFound:
            position = 0
        rows = await context.run(context.queries.audit.by_positions, [position])

        def perform(app: PlanningApp, meta: Meta) -> UUID:
            if not rows:
                raise NotFound(f"{input.event!r} is no event of this service.", "event")
            return app.redact_event(
                meta,
                notification_id=int(rows[0]["notification_id"]),
                position=position,
                client_mutation_id=input.client_mutation_id,
            )

        result, errors = await run_command(info, _Redaction(input), perform)
        event = None
        if result is not None:
            again = await context.run(context.queries.audit.by_positions, [position])
            event = Event.from_row(again[0]) if again else None
        return EventPayload(
            event=event, user_errors=errors, client_mutation_id=input.client_mutation_id
        )


class _Redaction:
    """RedactEventInput as a command input (no business date: a redaction happens now)."""

    def __init__(self, data: RedactEventInput):
        self.client_mutation_id = data.client_mutation_id
        self.reason = data.reason
        self.effective_on = None
