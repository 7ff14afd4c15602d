"""Mutations on Sozialkonferenz cycles: opening, working groups, the conference, closing."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import Meta
from ..context import Info
from ..ids import uuid_of
from ..inputs import (
    AssignWorkingGroupInput,
    CloseCycleInput,
    OpenCycleInput,
    RecordConferenceHeldInput,
)
from .runner import (
    CyclePayload,
    respond,
)

BODY, MEETING = "Body", "Meeting"
CYCLE_RIGHTS = "ADMIN, or a COORDINATOR whose organisation leads the cycle's conference body."


async def _cycle(info: Info, data: Any, command: str, call: Any) -> CyclePayload:
    """Runs a command on one cycle, for ADMIN or the organisation leading the conference."""

    def perform(app: PlanningApp, meta: Meta) -> UUID:
        return call(app, meta)

    return await respond(info, data, CyclePayload, perform)


@strawberry.type
class CycleMutations:
    @strawberry.mutation(
        description="Opens a cycle (Zyklus) with its period, its Sozialkonferenz and the working "
        "groups active in it. ADMIN, or a COORDINATOR whose organisation leads the conference "
        "body."
    )
    async def open_cycle(self, info: Info, input: OpenCycleInput) -> CyclePayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            conference = uuid_of(input.conference_body, "conferenceBody", BODY)
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

    @strawberry.mutation(
        description="Adds a working group of the conference to a cycle that is not closed, or "
        "shifts the focus of one it has. " + CYCLE_RIGHTS
    )
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

    @strawberry.mutation(
        description="Records the cycle's Sozialkonferenz: a held meeting of its conference body; "
        "the cycle must be OPEN. " + CYCLE_RIGHTS
    )
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

    @strawberry.mutation(
        description="Closes a cycle: it takes no new measures, working groups or carried-forward "
        "measures. " + CYCLE_RIGHTS
    )
    async def close_cycle(self, info: Info, input: CloseCycleInput) -> CyclePayload:
        return await _cycle(
            info,
            input,
            "closeCycle",
            lambda app, meta: app.close_cycle(
                meta, cycle=input.cycle, client_mutation_id=input.client_mutation_id
            ),
        )
