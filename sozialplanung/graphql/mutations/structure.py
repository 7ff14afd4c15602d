"""Mutations on organisations, persons, bodies, meetings and cycles."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...application.guard import Guard
from ...domain.base import Meta
from ...domain.body import cadence
from ..context import Info
from ..ids import optional_uuid, uuid_of
from ..inputs import (
    AddAgendaItemInput,
    AddMemberInput,
    AssignLeadInput,
    AssignWorkingGroupInput,
    CadenceInput,
    CancelMeetingInput,
    ChangeMemberRoleInput,
    CloseCycleInput,
    DissolveBodyInput,
    ErasePersonInput,
    EstablishBodyInput,
    OpenCycleInput,
    PublishNoticeInput,
    RecordConferenceHeldInput,
    RecordMeetingHeldInput,
    RecordResolutionInput,
    RegisterOrganizationInput,
    RegisterPersonInput,
    RemoveMemberInput,
    RescheduleMeetingInput,
    ScheduleMeetingInput,
    SetCadenceInput,
    ShiftFocusInput,
)
from .runner import (
    BodyPayload,
    CyclePayload,
    MeetingPayload,
    OrganizationPayload,
    PersonPayload,
    respond,
)

ORG, PERSON, BODY, MEETING = "Organization", "Person", "Body", "Meeting"


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
    def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
        body = uuid_of(data.body, "body", BODY)
        guard.check(command, guard.body_leads(body))
        return call(app, meta, body)

    return await respond(info, data, BodyPayload, perform)


async def _meeting(info: Info, data: Any, command: str, call: Any) -> MeetingPayload:
    def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
        meeting = uuid_of(data.meeting, "meeting", MEETING)
        guard.check(command, guard.meeting_leads(meeting))
        return call(app, meta, meeting)

    return await respond(info, data, MeetingPayload, perform)


async def _cycle(info: Info, data: Any, command: str, call: Any) -> CyclePayload:
    def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
        guard.check(command, guard.cycle_leads(data.cycle))
        return call(app, meta)

    return await respond(info, data, CyclePayload, perform)


@strawberry.type
class StructureMutations:
    @strawberry.mutation
    async def register_organization(
        self, info: Info, input: RegisterOrganizationInput
    ) -> OrganizationPayload:
        def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
            guard.check("registerOrganization", [])
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
        def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
            guard.check("registerPerson", [])
            return app.register_person(
                meta,
                name=input.name,
                affiliation=optional_uuid(input.affiliation, "affiliation", ORG),
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PersonPayload, perform)

    @strawberry.mutation
    async def erase_person(self, info: Info, input: ErasePersonInput) -> PersonPayload:
        def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
            guard.check("erasePerson", [None])  # ADMIN only: no organisation leads a person
            return app.erase_person(
                meta,
                person=uuid_of(input.person, "person", PERSON),
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PersonPayload, perform)

    @strawberry.mutation
    async def establish_body(self, info: Info, input: EstablishBodyInput) -> BodyPayload:
        def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
            lead = optional_uuid(input.lead, "lead", ORG)
            parent = optional_uuid(input.parent, "parent", BODY)
            guard.check("establishBody", [lead, *guard.body_leads(parent)])
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

    @strawberry.mutation
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

    @strawberry.mutation
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

    @strawberry.mutation
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

    @strawberry.mutation
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

    @strawberry.mutation
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

    @strawberry.mutation
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

    @strawberry.mutation
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

    @strawberry.mutation
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

    @strawberry.mutation
    async def schedule_meeting(self, info: Info, input: ScheduleMeetingInput) -> MeetingPayload:
        def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
            body = uuid_of(input.body, "body", BODY)
            guard.check("scheduleMeeting", guard.body_leads(body))
            return app.schedule_meeting(
                meta,
                body=body,
                title=input.title,
                scheduled_for=input.scheduled_for,
                location=input.location,
                cycle=input.cycle,
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, MeetingPayload, perform)

    @strawberry.mutation
    async def add_agenda_item(self, info: Info, input: AddAgendaItemInput) -> MeetingPayload:
        return await _meeting(
            info,
            input,
            "addAgendaItem",
            lambda app, meta, meeting: app.add_agenda_item(
                meta,
                meeting=meeting,
                number=input.number,
                title=input.title,
                measure=optional_uuid(input.measure, "measure", "Measure"),
                paper=optional_uuid(input.paper, "paper", "Paper"),
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def reschedule_meeting(self, info: Info, input: RescheduleMeetingInput) -> MeetingPayload:
        return await _meeting(
            info,
            input,
            "rescheduleMeeting",
            lambda app, meta, meeting: app.reschedule_meeting(
                meta,
                meeting=meeting,
                scheduled_for=input.scheduled_for,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def record_meeting_held(
        self, info: Info, input: RecordMeetingHeldInput
    ) -> MeetingPayload:
        return await _meeting(
            info,
            input,
            "recordMeetingHeld",
            lambda app, meta, meeting: app.record_meeting_held(
                meta,
                meeting=meeting,
                attendees=[
                    uuid_of(a, f"attendees.{i}", PERSON, ORG) for i, a in enumerate(input.attendees)
                ],
                minutes=input.minutes,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def record_resolution(self, info: Info, input: RecordResolutionInput) -> MeetingPayload:
        return await _meeting(
            info,
            input,
            "recordResolution",
            lambda app, meta, meeting: app.record_resolution(
                meta,
                meeting=meeting,
                number=input.number,
                decision=input.decision,
                text=input.text,
                votes_for=input.votes_for,
                votes_against=input.votes_against,
                abstentions=input.abstentions,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def cancel_meeting(self, info: Info, input: CancelMeetingInput) -> MeetingPayload:
        return await _meeting(
            info,
            input,
            "cancelMeeting",
            lambda app, meta, meeting: app.cancel_meeting(
                meta, meeting=meeting, client_mutation_id=input.client_mutation_id
            ),
        )

    @strawberry.mutation
    async def open_cycle(self, info: Info, input: OpenCycleInput) -> CyclePayload:
        def perform(app: PlanningApp, guard: Guard, meta: Meta) -> UUID:
            conference = uuid_of(input.conference_body, "conferenceBody", BODY)
            guard.check("openCycle", guard.body_leads(conference))
            return app.open_cycle(
                meta,
                number=input.number,
                label=input.label,
                starts_on=input.starts_on,
                ends_on=input.ends_on,
                conference_body=conference,
                working_groups=[
                    (uuid_of(g.body, f"workingGroups.{i}.body", BODY), g.focus)
                    for i, g in enumerate(input.working_groups)
                ],
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, CyclePayload, perform)

    @strawberry.mutation
    async def assign_working_group(
        self, info: Info, input: AssignWorkingGroupInput
    ) -> CyclePayload:
        return await _cycle(
            info,
            input,
            "assignWorkingGroup",
            lambda app, meta: app.assign_working_group(
                meta,
                cycle=input.cycle,
                body=uuid_of(input.body, "body", BODY),
                focus=input.focus,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def record_conference_held(
        self, info: Info, input: RecordConferenceHeldInput
    ) -> CyclePayload:
        return await _cycle(
            info,
            input,
            "recordConferenceHeld",
            lambda app, meta: app.record_conference_held(
                meta,
                cycle=input.cycle,
                meeting=uuid_of(input.meeting, "meeting", MEETING),
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation
    async def close_cycle(self, info: Info, input: CloseCycleInput) -> CyclePayload:
        return await _cycle(
            info,
            input,
            "closeCycle",
            lambda app, meta: app.close_cycle(
                meta, cycle=input.cycle, client_mutation_id=input.client_mutation_id
            ),
        )
