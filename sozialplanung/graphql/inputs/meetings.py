"""Inputs of the commands on meetings (Sitzungen)."""

from __future__ import annotations

import datetime as dt

import strawberry

from ..types.core import DecisionKindEnum

ENDS_AT_HELP = (
    "When the meeting ends: after scheduledFor, at most 24 hours later, with a time zone. "
    "Calendars show a meeting without an end as two hours long."
)
RESCHEDULED_END_HELP = " Without it, a meeting that had an end keeps its length."
HELD_ON_HELP = (
    "The day the meeting was held; default: the meeting's day. Not in the future, not "
    "before the meeting's day."
)
RESOLVED_ON_HELP = (
    "The day of the resolution; default: the day the meeting was held. Not in the future, "
    "not before that day."
)
STARTS = (
    "When it starts, with a time zone, e.g. 2011-02-24T17:00:00+01:00; its date there is "
    "the meeting's day."
)
SCHEDULED = "The meeting; it must still be SCHEDULED."
VOTES = " (0 or more); omit when not counted."


@strawberry.input
class ScheduleMeetingInput:
    body: strawberry.ID = strawberry.field(description="The body that meets (active).")
    title: str = strawberry.field(description="Title (1–200 characters).")
    scheduled_for: dt.datetime = strawberry.field(description=STARTS)
    ends_at: dt.datetime | None = strawberry.field(default=None, description=ENDS_AT_HELP)
    location: str | None = strawberry.field(
        default=None, description="Where it takes place (at most 200 characters)."
    )
    cycle: int | None = strawberry.field(
        default=None,
        description="The number of the cycle it belongs to, e.g. for a Sozialkonferenz.",
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AddAgendaItemInput:
    meeting: strawberry.ID = strawberry.field(
        description="The meeting; it must be SCHEDULED or HELD."
    )
    number: str = strawberry.field(
        description="Its number on the agenda, e.g. 3.1 (1–20 characters, new in the meeting)."
    )
    title: str = strawberry.field(description="What it is about (1–200 characters).")
    measure: strawberry.ID | None = strawberry.field(
        default=None, description="The measure it deals with, if any."
    )
    paper: strawberry.ID | None = strawberry.field(
        default=None, description="The paper (Vorlage) it deals with, if any."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RescheduleMeetingInput:
    meeting: strawberry.ID = strawberry.field(description=SCHEDULED)
    scheduled_for: dt.datetime = strawberry.field(description="The new start. " + STARTS)
    ends_at: dt.datetime | None = strawberry.field(
        default=None, description=ENDS_AT_HELP + RESCHEDULED_END_HELP
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RecordMeetingHeldInput:
    meeting: strawberry.ID = strawberry.field(description=SCHEDULED)
    attendees: list[strawberry.ID] = strawberry.field(
        description="Who was present: persons and organisations, each once (no erased person)."
    )
    minutes: str | None = strawberry.field(
        default=None,
        description="Niederschrift (at most 100,000 characters); sealed, so redactEvent can "
        "remove it.",
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=HELD_ON_HELP)


@strawberry.input
class RecordResolutionInput:
    meeting: strawberry.ID = strawberry.field(description="The meeting; it must be HELD.")
    number: str = strawberry.field(
        description="The number of the agenda item, which has no resolution yet."
    )
    decision: DecisionKindEnum = strawberry.field(description="What the body resolved.")
    text: str | None = strawberry.field(
        default=None,
        description="Beschlusstext (at most 20,000 characters); sealed, so redactEvent can "
        "remove it.",
    )
    votes_for: int | None = strawberry.field(default=None, description="Ja-Stimmen" + VOTES)
    votes_against: int | None = strawberry.field(default=None, description="Nein-Stimmen" + VOTES)
    abstentions: int | None = strawberry.field(default=None, description="Enthaltungen" + VOTES)
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=RESOLVED_ON_HELP)


@strawberry.input
class CancelMeetingInput:
    meeting: strawberry.ID = strawberry.field(description=SCHEDULED)
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None
