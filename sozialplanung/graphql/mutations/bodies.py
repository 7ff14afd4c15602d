"""Mutations on bodies (Gremien): establishing, lead, focus, cadence, members, notices."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import Meta
from ...domain.body import cadence
from ..context import Info
from ..ids import optional_uuid, uuid_of
from ..inputs import (
    AddMemberInput,
    AssignLeadInput,
    CadenceInput,
    ChangeMemberRoleInput,
    DissolveBodyInput,
    EstablishBodyInput,
    PublishNoticeInput,
    RemoveMemberInput,
    SetCadenceInput,
    ShiftFocusInput,
)
from .runner import (
    BodyPayload,
    respond,
)

ORG, PERSON, BODY = "Organization", "Person", "Body"
BODY_RIGHTS = "ADMIN, or a COORDINATOR whose organisation leads the body or a body above it."


def _cadence(value: CadenceInput) -> dict[str, Any]:
    return cadence(
        value.description,
        min_per_year=value.min_per_year,
        max_per_year=value.max_per_year,
        every_months=value.every_months,
        self_determined=bool(value.self_determined),
    )


def _member(value: str) -> UUID:
    return uuid_of(value, "member", PERSON, ORG)


async def _body(info: Info, data: Any, command: str, call: Any) -> BodyPayload:
    """Runs a command on one body, for ADMIN or the organisation leading it or its parent."""

    def perform(app: PlanningApp, meta: Meta) -> UUID:
        body = uuid_of(data.body, "body", BODY)
        return call(app, meta, body)

    return await respond(info, data, BodyPayload, perform)


@strawberry.type
class BodyMutations:
    @strawberry.mutation(
        description="Establishes a body (Gremium) on effectiveOn. ADMIN; or a COORDINATOR whose "
        "organisation leads the parent body or a body above it, or, for a body without a parent, "
        "names its own organisation as lead. SOCIAL_CONFERENCE, COMMITTEE and COUNCIL: ADMIN only."
    )
    async def establish_body(self, info: Info, input: EstablishBodyInput) -> BodyPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            lead = optional_uuid(input.lead, "lead", ORG)
            parent = optional_uuid(input.parent, "parent", BODY)
            return app.establish_body(
                meta,
                name=input.name,
                kind=input.kind,
                topic=input.topic,
                lead=lead,
                parent=parent,
                cadence=_cadence(input.cadence) if input.cadence else None,
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, BodyPayload, perform)

    @strawberry.mutation(
        description="Federführung: makes an organisation the lead of an active body. "
        + BODY_RIGHTS
        + " SOCIAL_CONFERENCE, COMMITTEE and COUNCIL: ADMIN only."
    )
    async def assign_lead(self, info: Info, input: AssignLeadInput) -> BodyPayload:
        return await _body(
            info,
            input,
            "assignLead",
            lambda app, meta, body: app.assign_lead(
                meta,
                body=body,
                lead=uuid_of(input.lead, "lead", ORG),
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Shifts the topic (Thema, Schwerpunkt) of an active body. " + BODY_RIGHTS
    )
    async def shift_focus(self, info: Info, input: ShiftFocusInput) -> BodyPayload:
        return await _body(
            info,
            input,
            "shiftFocus",
            lambda app, meta, body: app.shift_focus(
                meta,
                body=body,
                topic=input.topic,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(description="Sets the Sitzungsrhythmus of an active body. " + BODY_RIGHTS)
    async def set_cadence(self, info: Info, input: SetCadenceInput) -> BodyPayload:
        return await _body(
            info,
            input,
            "setCadence",
            lambda app, meta, body: app.set_cadence(
                meta,
                body=body,
                cadence=_cadence(input.cadence),
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Adds a person or organisation as a member from effectiveOn (default today, "
        "not before the body was established). " + BODY_RIGHTS
    )
    async def add_member(self, info: Info, input: AddMemberInput) -> BodyPayload:
        return await _body(
            info,
            input,
            "addMember",
            lambda app, meta, body: app.add_member(
                meta,
                body=body,
                member=_member(input.member),
                role=input.role,
                on_behalf_of=optional_uuid(input.on_behalf_of, "onBehalfOf", ORG),
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Changes a current member's role from effectiveOn: the old period ends, a new "
        "one begins. " + BODY_RIGHTS
    )
    async def change_member_role(self, info: Info, input: ChangeMemberRoleInput) -> BodyPayload:
        return await _body(
            info,
            input,
            "changeMemberRole",
            lambda app, meta, body: app.change_member_role(
                meta,
                body=body,
                member=_member(input.member),
                role=input.role,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Ends a current membership on effectiveOn (no longer a member from that day). "
        + BODY_RIGHTS
    )
    async def remove_member(self, info: Info, input: RemoveMemberInput) -> BodyPayload:
        return await _body(
            info,
            input,
            "removeMember",
            lambda app, meta, body: app.remove_member(
                meta,
                body=body,
                member=_member(input.member),
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Dissolves an active body on effectiveOn; it takes no more changes. "
        + BODY_RIGHTS
        + " SOCIAL_CONFERENCE, COMMITTEE and COUNCIL: ADMIN only."
    )
    async def dissolve_body(self, info: Info, input: DissolveBodyInput) -> BodyPayload:
        return await _body(
            info,
            input,
            "dissolveBody",
            lambda app, meta, body: app.dissolve_body(
                meta,
                body=body,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Publishes a notice (Mitteilung) in an active body, e.g. news for the "
        "Allgemeine Information; recorded in the body's history, its text sealed. " + BODY_RIGHTS
    )
    async def publish_notice(self, info: Info, input: PublishNoticeInput) -> BodyPayload:
        return await _body(
            info,
            input,
            "publishNotice",
            lambda app, meta, body: app.publish_notice(
                meta,
                body=body,
                title=input.title,
                text=input.text,
                client_mutation_id=input.client_mutation_id,
            ),
        )
