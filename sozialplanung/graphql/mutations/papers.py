"""Mutations on papers, their Beratungsfolge, and informing the parliamentary groups."""

from __future__ import annotations

from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import Meta
from ...domain.paper import attachment
from ..context import Info
from ..ids import optional_uuid, uuid_of
from ..inputs import (
    ConcludeConsultationInput,
    InformParliamentaryGroupsInput,
    ScheduleConsultationInput,
    SettlePaperInput,
    SubmitPaperInput,
    WithdrawPaperInput,
)
from ..types.events import Event
from .runner import EventPayload, PaperPayload, respond, run_command

PAPER = "Paper"
PAPER_RIGHTS = "ADMIN, or a COORDINATOR whose organisation leads the paper."


@strawberry.type
class PaperMutations:
    @strawberry.mutation(
        description="Submits a paper (Vorlage) under a new reference, possibly referring measures "
        "to it. ADMIN; or a COORDINATOR naming its own organisation as lead, under a reference "
        "that begins with its organisation's short name (FB 50/…), leading each measure it refers "
        "as for referMeasure. Plain-number references (council motions): ADMIN only."
    )
    async def submit_paper(self, info: Info, input: SubmitPaperInput) -> PaperPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            lead = optional_uuid(input.lead, "lead", "Organization")
            return app.submit_paper(
                meta,
                reference=input.reference,
                type=input.type,
                subject=input.subject,
                date=input.date,
                lead=lead,
                originator=optional_uuid(input.originator, "originator", "Organization"),
                decision_proposal=input.decision_proposal,
                explanation=input.explanation,
                related_papers=[
                    uuid_of(p, f"relatedPapers.{i}", PAPER)
                    for i, p in enumerate(input.related_papers or [])
                ],
                measures=[
                    uuid_of(m, f"measures.{i}", "Measure")
                    for i, m in enumerate(input.measures or [])
                ],
                attachments=[
                    attachment(a.name, a.media_type, a.size_bytes, a.sha256)
                    for a in input.attachments or []
                ],
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PaperPayload, perform)

    @strawberry.mutation(
        description="Adds a consultation (Beratung) to the paper's Beratungsfolge: a body, its "
        "role, possibly a meeting and a date; at most one is authoritative. " + PAPER_RIGHTS
    )
    async def schedule_consultation(
        self, info: Info, input: ScheduleConsultationInput
    ) -> PaperPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            paper = uuid_of(input.paper, "paper", PAPER)
            return app.schedule_consultation(
                meta,
                paper=paper,
                body=uuid_of(input.body, "body", "Body"),
                meeting=optional_uuid(input.meeting, "meeting", "Meeting"),
                date=input.date,
                role=input.role,
                authoritative=input.authoritative,
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PaperPayload, perform)

    @strawberry.mutation(
        description="Records what the body concluded in a consultation and, in the same "
        "transaction, its decisions on measures (measureDecisions: only in the authoritative "
        "consultation, with APPROVED, APPROVED_AMENDED or REJECTED). "
        + PAPER_RIGHTS
        + " A COORDINATOR needs, for each measure decided, the rights of "
        "decideMeasure."
    )
    async def conclude_consultation(
        self, info: Info, input: ConcludeConsultationInput
    ) -> PaperPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            consultation = uuid_of(input.consultation, "consultation", "Consultation")
            return app.conclude_consultation(
                meta,
                consultation=consultation,
                decision=input.decision,
                decision_text=input.decision_text,
                measure_decisions=[
                    (uuid_of(d.measure, f"measureDecisions.{i}.measure", "Measure"), d.adopted)
                    for i, d in enumerate(input.measure_decisions or [])
                ],
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, PaperPayload, perform)

    @strawberry.mutation(
        description="Erledigt: marks the paper settled; it takes no more consultations or "
        "measures. " + PAPER_RIGHTS
    )
    async def settle_paper(self, info: Info, input: SettlePaperInput) -> PaperPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            paper = uuid_of(input.paper, "paper", PAPER)
            return app.settle_paper(meta, paper=paper, client_mutation_id=input.client_mutation_id)

        return await respond(info, input, PaperPayload, perform)

    @strawberry.mutation(
        description="Zurückziehen: withdraws a paper submitted in error, before any consultation "
        "was concluded; reason required. Its reference is free again, and its measures return to "
        "PROPOSED unless referred to another paper. " + PAPER_RIGHTS
    )
    async def withdraw_paper(self, info: Info, input: WithdrawPaperInput) -> PaperPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            paper = uuid_of(input.paper, "paper", PAPER)
            return app.withdraw_paper(
                meta, paper=paper, client_mutation_id=input.client_mutation_id
            )

        return await respond(info, input, PaperPayload, perform)

    @strawberry.mutation(
        description="Information der Fraktionen: records which parliamentary groups "
        "(PARLIAMENTARY_GROUP organisations) were informed about a measure or paper, how and "
        "when; returns the recorded event. ADMIN, or a COORDINATOR whose organisation leads the "
        "paper, or the measure, its working group (or a body above it) or its cycle's conference "
        "body."
    )
    async def inform_parliamentary_groups(
        self, info: Info, input: InformParliamentaryGroupsInput
    ) -> EventPayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            subject = uuid_of(input.subject, "subject", "Measure", PAPER)
            return app.inform_parliamentary_groups(
                meta,
                subject=subject,
                groups=[
                    uuid_of(g, f"groups.{i}", "Organization") for i, g in enumerate(input.groups)
                ],
                channel=input.channel,
                note=input.note,
                client_mutation_id=input.client_mutation_id,
            )

        result, errors = await run_command(info, input, perform)
        event = None
        if result is not None:
            rows = await info.context.run(info.context.queries.audit.of_aggregates, [str(result)])
            event = Event.from_row(rows[-1]) if rows else None
        return EventPayload(
            event=event, user_errors=errors, client_mutation_id=input.client_mutation_id
        )
