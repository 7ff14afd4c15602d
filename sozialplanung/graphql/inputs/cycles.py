"""Inputs of the commands on cycles (Zyklen)."""

from __future__ import annotations

import datetime as dt

import strawberry

CYCLE = "The cycle's number; it must not be closed."


@strawberry.input(description="A working group of a new cycle with its focus there.")
class WorkingGroupInput:
    body: strawberry.ID = strawberry.field(
        description="An active CONFERENCE_WORKING_GROUP below the conference body, listed once."
    )
    focus: str = strawberry.field(description="Its Schwerpunkt in the cycle (1–500 characters).")


@strawberry.input
class OpenCycleInput:
    number: int = strawberry.field(
        description="The cycle's number (1–10,000), not used before: its identity."
    )
    label: str = strawberry.field(description="Its name, e.g. 2025–2027 (1–200 characters).")
    starts_on: dt.date = strawberry.field(description="First day of the cycle (1900–2199).")
    ends_on: dt.date = strawberry.field(description="Last day of the cycle, after startsOn.")
    conference_body: strawberry.ID = strawberry.field(
        description="The Sozialkonferenz: an active SOCIAL_CONFERENCE body."
    )
    working_groups: list[WorkingGroupInput] = strawberry.field(
        description="The working groups active in the cycle and their focus (may be empty)."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AssignWorkingGroupInput:
    cycle: int = strawberry.field(description=CYCLE)
    body: strawberry.ID = strawberry.field(
        description="An active CONFERENCE_WORKING_GROUP below the cycle's conference body."
    )
    focus: str = strawberry.field(
        description="Its Schwerpunkt in the cycle (1–500 characters); a group the cycle has "
        "gets this new focus."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RecordConferenceHeldInput:
    cycle: int = strawberry.field(description="The number of the OPEN cycle.")
    meeting: strawberry.ID = strawberry.field(
        description="A meeting of the cycle's conference body, recorded as held."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class CloseCycleInput:
    cycle: int = strawberry.field(description="The number of the cycle to close.")
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None
