"""Input types, exactly as the contract names them (generated once from
api-contract.graphql, then kept by hand)."""

from __future__ import annotations

import datetime as dt

import strawberry

from .types.core import (
    BodyKindEnum,
    ConsultationRoleEnum,
    DecisionKindEnum,
    EvaluationOutcomeEnum,
    MemberRoleEnum,
    OrganizationKindEnum,
    PaperTypeEnum,
)

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
DECIDED_ON_HELP = (
    "The day of the decision; default: the date of the paper's consultation in the deciding "
    "body (its authoritative one, else its latest one up to today), else today. Not in the "
    "future, not before the measure was proposed (or carried forward) or the paper's date."
)
EVALUATED_ON_HELP = (
    "The day of the evaluation; default today. Not in the future, not before the adoption."
)
CONCLUDED_ON_HELP = (
    "The day of the conclusion, also of the measure decisions taken with it; default: the "
    "consultation's date, else today. Not in the future, not before the consultation's "
    "date or the paper's date."
)


@strawberry.input
class EventFilter:
    aggregate_id: strawberry.ID | None = None
    aggregate_type: str | None = None
    types: list[str] | None = None
    actor: str | None = None
    correlation_id: str | None = None
    recorded_from: dt.datetime | None = None
    recorded_to: dt.datetime | None = None
    after_position: int | None = None


@strawberry.input
class RegisterOrganizationInput:
    name: str
    short_name: str | None = None
    kind: OrganizationKindEnum
    parent: strawberry.ID | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RegisterPersonInput:
    name: str
    affiliation: strawberry.ID | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class CadenceInput:
    description: str
    min_per_year: int | None = None
    max_per_year: int | None = None
    every_months: int | None = None
    self_determined: bool | None = None


@strawberry.input
class EstablishBodyInput:
    name: str
    kind: BodyKindEnum
    topic: str | None = None
    lead: strawberry.ID | None = None
    parent: strawberry.ID | None = None
    cadence: CadenceInput | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AssignLeadInput:
    body: strawberry.ID
    lead: strawberry.ID
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ShiftFocusInput:
    body: strawberry.ID
    topic: str
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class SetCadenceInput:
    body: strawberry.ID
    cadence: CadenceInput
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AddMemberInput:
    body: strawberry.ID
    member: strawberry.ID
    role: MemberRoleEnum
    on_behalf_of: strawberry.ID | None = None
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ChangeMemberRoleInput:
    body: strawberry.ID
    member: strawberry.ID
    role: MemberRoleEnum
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RemoveMemberInput:
    body: strawberry.ID
    member: strawberry.ID
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class DissolveBodyInput:
    body: strawberry.ID
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class PublishNoticeInput:
    body: strawberry.ID
    title: str
    text: str
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ScheduleMeetingInput:
    body: strawberry.ID
    title: str
    scheduled_for: dt.datetime
    ends_at: dt.datetime | None = strawberry.field(default=None, description=ENDS_AT_HELP)
    location: str | None = None
    cycle: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AddAgendaItemInput:
    meeting: strawberry.ID
    number: str
    title: str
    measure: strawberry.ID | None = None
    paper: strawberry.ID | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RescheduleMeetingInput:
    meeting: strawberry.ID
    scheduled_for: dt.datetime
    ends_at: dt.datetime | None = strawberry.field(
        default=None, description=ENDS_AT_HELP + RESCHEDULED_END_HELP
    )
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RecordMeetingHeldInput:
    meeting: strawberry.ID
    attendees: list[strawberry.ID]
    minutes: str | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=HELD_ON_HELP)


@strawberry.input
class RecordResolutionInput:
    meeting: strawberry.ID
    number: str
    decision: DecisionKindEnum
    text: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=RESOLVED_ON_HELP)


@strawberry.input
class CancelMeetingInput:
    meeting: strawberry.ID
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class WorkingGroupInput:
    body: strawberry.ID
    focus: str


@strawberry.input
class OpenCycleInput:
    number: int
    label: str
    starts_on: dt.date
    ends_on: dt.date
    conference_body: strawberry.ID
    working_groups: list[WorkingGroupInput]
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AssignWorkingGroupInput:
    cycle: int
    body: strawberry.ID
    focus: str
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RecordConferenceHeldInput:
    cycle: int
    meeting: strawberry.ID
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class CloseCycleInput:
    cycle: int
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ProposeMeasureInput:
    cycle: int
    working_group: strawberry.ID
    title: str
    description: str | None = None
    lead: strawberry.ID | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ReviseMeasureInput:
    measure: strawberry.ID
    title: str | None = None
    description: str | None = None
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ReferMeasureInput:
    measure: strawberry.ID
    paper: strawberry.ID
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class DecideMeasureInput:
    measure: strawberry.ID
    adopted: bool
    body: strawberry.ID
    paper: strawberry.ID | None = None
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=DECIDED_ON_HELP)


@strawberry.input
class StartImplementationInput:
    measure: strawberry.ID
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ReportProgressInput:
    measure: strawberry.ID
    percent: int
    note: str | None = None
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class EvaluateMeasureInput:
    measure: strawberry.ID
    outcome: EvaluationOutcomeEnum
    obstacles: list[str] | None = None
    enablers: list[str] | None = None
    report: str | None = None
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=EVALUATED_ON_HELP)


@strawberry.input
class CarryForwardMeasureInput:
    measure: strawberry.ID
    to_cycle: int
    working_group: strawberry.ID | None = None
    title: str | None = None
    description: str | None = None
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class CloseMeasureInput:
    measure: strawberry.ID
    expected_version: int | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class AttachmentInput:
    name: str
    media_type: str | None = None
    size_bytes: int | None = None
    sha256: str | None = None


@strawberry.input
class SubmitPaperInput:
    reference: str
    type: PaperTypeEnum
    subject: str
    date: dt.date
    lead: strawberry.ID | None = None
    originator: strawberry.ID | None = None
    decision_proposal: str | None = None
    explanation: str | None = None
    related_papers: list[strawberry.ID] | None = None
    measures: list[strawberry.ID] | None = None
    attachments: list[AttachmentInput] | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ScheduleConsultationInput:
    paper: strawberry.ID
    body: strawberry.ID
    meeting: strawberry.ID | None = None
    date: dt.date | None = None
    role: ConsultationRoleEnum
    authoritative: bool
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class MeasureDecisionInput:
    measure: strawberry.ID
    adopted: bool


@strawberry.input
class ConcludeConsultationInput:
    consultation: strawberry.ID
    decision: DecisionKindEnum
    decision_text: str | None = None
    measure_decisions: list[MeasureDecisionInput] | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=CONCLUDED_ON_HELP)


@strawberry.input
class SettlePaperInput:
    paper: strawberry.ID
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class WithdrawPaperInput:
    paper: strawberry.ID
    reason: str
    client_mutation_id: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class RedactEventInput:
    event: strawberry.ID
    reason: str
    client_mutation_id: str | None = None


@strawberry.input
class ErasePersonInput:
    person: strawberry.ID
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class InformParliamentaryGroupsInput:
    subject: strawberry.ID
    groups: list[strawberry.ID]
    channel: str
    note: str | None = None
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None
