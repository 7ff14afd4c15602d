"""Mutations on meetings (Sitzungen): scheduling, agenda, minutes, resolutions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import Meta
from ..context import Info
from ..ids import optional_uuid, uuid_of
from ..inputs import (
    AddAgendaItemInput,
    CancelMeetingInput,
    RecordMeetingHeldInput,
    RecordResolutionInput,
    RescheduleMeetingInput,
    ScheduleMeetingInput,
)
from .runner import (
    MeetingPayload,
    respond,
)

ORG, PERSON, BODY, MEETING = "Organization", "Person", "Body", "Meeting"
MEETING_RIGHTS = (
    "ADMIN, or a COORDINATOR whose organisation leads the meeting's body or a body above it."
)


async def _meeting(info: Info, data: Any, command: str, call: Any) -> MeetingPayload:
    """Runs a command on one meeting, for ADMIN or the organisation leading its body."""

    def perform(app: PlanningApp, meta: Meta) -> UUID:
        meeting = uuid_of(data.meeting, "meeting", MEETING)
        return call(app, meta, meeting)

    return await respond(info, data, MeetingPayload, perform)


@strawberry.type
class MeetingMutations:
    @strawberry.mutation(
        description="Schedules a Sitzung of an active body (it may lie in the future). "
        + MEETING_RIGHTS
    )
    async def schedule_meeting(self, info: Info, input: ScheduleMeetingInput) -> MeetingPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            body = uuid_of(input.body, "body", BODY)
            return app.schedule_meeting(
                meta,
                body=body,
                title=input.title,
                scheduled_for=input.scheduled_for,
                ends_at=input.ends_at,
                location=input.location,
                cycle=input.cycle,
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, MeetingPayload, perform)

    @strawberry.mutation(
        description="Adds a Tagesordnungspunkt to a scheduled or held meeting. " + MEETING_RIGHTS
    )
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

    @strawberry.mutation(description="Moves a scheduled meeting to another time. " + MEETING_RIGHTS)
    async def reschedule_meeting(self, info: Info, input: RescheduleMeetingInput) -> MeetingPayload:
        return await _meeting(
            info,
            input,
            "rescheduleMeeting",
            lambda app, meta, meeting: app.reschedule_meeting(
                meta,
                meeting=meeting,
                scheduled_for=input.scheduled_for,
                ends_at=input.ends_at,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Records a scheduled meeting as held, with its attendees and minutes "
        "(Niederschrift). " + MEETING_RIGHTS
    )
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

    @strawberry.mutation(
        description="Records the resolution (Beschluss) on an agenda item of a held meeting, once "
        "per item. " + MEETING_RIGHTS
    )
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

    @strawberry.mutation(description="Cancels a scheduled meeting (Absage). " + MEETING_RIGHTS)
    async def cancel_meeting(self, info: Info, input: CancelMeetingInput) -> MeetingPayload:
        return await _meeting(
            info,
            input,
            "cancelMeeting",
            lambda app, meta, meeting: app.cancel_meeting(
                meta, meeting=meeting, client_mutation_id=input.client_mutation_id
            ),
        )
