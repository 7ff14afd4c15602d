"""Inputs of the commands on papers (Vorlagen), their Beratungsfolge, and informing the
parliamentary groups."""

from __future__ import annotations

import datetime as dt

import strawberry

from ..types.core import ConsultationRoleEnum, DecisionKindEnum, PaperTypeEnum

CONCLUDED_ON_HELP = (
    "The day of the conclusion, also of the measure decisions taken with it; default: the "
    "consultation's date, else today. Not in the future, not before the consultation's "
    "date or the paper's date."
)
OPEN = "The paper; it must be neither settled nor withdrawn."
SEALED = "; sealed, so redactEvent can remove it."


@strawberry.input(description="Anlage: metadata of a document; the file stays elsewhere.")
class AttachmentInput:
    name: str = strawberry.field(description="File name or title (1–200 characters).")
    media_type: str | None = strawberry.field(
        default=None, description="Media type, e.g. application/pdf (at most 100 characters)."
    )
    size_bytes: int | None = strawberry.field(
        default=None, description="Size in bytes (0 or more)."
    )
    sha256: str | None = strawberry.field(
        default=None, description="SHA-256 of the document as 64 hexadecimal digits."
    )


@strawberry.input
class SubmitPaperInput:
    reference: str = strawberry.field(
        description="Drucksachennummer, e.g. FB 50/0100/WP19 (1–60 characters), not in use; "
        "a COORDINATOR's begins with its organisation's short name."
    )
    type: PaperTypeEnum = strawberry.field(description="What kind of paper.")
    subject: str = strawberry.field(description="Betreff (1–1,000 characters).")
    date: dt.date = strawberry.field(description="The paper's date (1900–2199).")
    lead: strawberry.ID | None = strawberry.field(
        default=None,
        description="Federführung: the leading organisation; a COORDINATOR names its own.",
    )
    originator: strawberry.ID | None = strawberry.field(
        default=None, description="Urheber, e.g. the Fraktion behind a motion."
    )
    decision_proposal: str | None = strawberry.field(
        default=None, description="Beschlussvorschlag (at most 20,000 characters)" + SEALED
    )
    explanation: str | None = strawberry.field(
        default=None,
        description="Begründung or Sachverhalt (at most 200,000 characters)" + SEALED,
    )
    related_papers: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Bezugsvorlagen: papers it refers to."
    )
    measures: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Measures to refer to it (PROPOSED or IN_DELIBERATION), as referMeasure does.",
    )
    attachments: list[AttachmentInput] | None = strawberry.field(
        default=None, description="Anlagen: metadata of its attachments."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class ScheduleConsultationInput:
    paper: strawberry.ID = strawberry.field(description=OPEN)
    body: strawberry.ID = strawberry.field(description="The deliberating body (active).")
    meeting: strawberry.ID | None = strawberry.field(
        default=None,
        description="The meeting of that body where it is deliberated (not cancelled), if known.",
    )
    date: dt.date | None = strawberry.field(
        default=None, description="The day; default the meeting's day. It may lie ahead."
    )
    role: ConsultationRoleEnum = strawberry.field(description="What the body does with it.")
    authoritative: bool = strawberry.field(
        description="True for the consultation that decides the paper; at most one per paper."
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input(description="One measure's decision, taken with concludeConsultation.")
class MeasureDecisionInput:
    measure: strawberry.ID = strawberry.field(
        description="A measure IN_DELIBERATION that is referred to the paper, listed once."
    )
    adopted: bool = strawberry.field(description="True: ADOPTED; false: REJECTED.")


@strawberry.input
class ConcludeConsultationInput:
    consultation: strawberry.ID = strawberry.field(
        description="The consultation (Paper.consultations' id), not concluded yet."
    )
    decision: DecisionKindEnum = strawberry.field(description="What the body concluded.")
    decision_text: str | None = strawberry.field(
        default=None, description="Wording of the conclusion (at most 20,000 characters)" + SEALED
    )
    measure_decisions: list[MeasureDecisionInput] | None = strawberry.field(
        default=None,
        description="Decisions on the paper's measures, recorded with it: only in the "
        "authoritative consultation, and a REJECTED paper adopts none.",
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = strawberry.field(default=None, description=CONCLUDED_ON_HELP)


@strawberry.input
class SettlePaperInput:
    paper: strawberry.ID = strawberry.field(description=OPEN)
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class WithdrawPaperInput:
    paper: strawberry.ID = strawberry.field(
        description=OPEN + " No consultation of it may be concluded."
    )
    reason: str = strawberry.field(
        description="Why it is withdrawn (required, at most 2,000 characters)."
    )
    client_mutation_id: str | None = None
    effective_on: dt.date | None = None


@strawberry.input
class InformParliamentaryGroupsInput:
    subject: strawberry.ID = strawberry.field(description="The measure or paper concerned.")
    groups: list[strawberry.ID] = strawberry.field(
        description="The groups informed: PARLIAMENTARY_GROUP organisations, at least one."
    )
    channel: str = strawberry.field(
        description="How they were informed, e.g. E-Mail (1–100 characters)."
    )
    note: str | None = strawberry.field(
        default=None, description="A note (at most 5,000 characters)" + SEALED
    )
    client_mutation_id: str | None = None
    reason: str | None = None
    effective_on: dt.date | None = None
