"""Mutations along the measure lifecycle."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry

from ...application import PlanningApp
from ...domain.base import Meta
from ..context import Info
from ..ids import optional_uuid, uuid_of
from ..inputs import (
    CarryForwardMeasureInput,
    CloseMeasureInput,
    DecideMeasureInput,
    EvaluateMeasureInput,
    ProposeMeasureInput,
    ReferMeasureInput,
    ReportProgressInput,
    ReviseMeasureInput,
    StartImplementationInput,
)
from .runner import MeasurePayload, respond

MEASURE, BODY = "Measure", "Body"
# Who may change a measure (domain/rights.py: LEADERS, and for reports also MEMBER).
MEASURE_RIGHTS = (
    "ADMIN, or a COORDINATOR whose organisation leads the measure (Federführung), its working "
    "group or a body above it, or its cycle's conference body."
)
MEMBER_TOO = (
    " So may a MEMBER whose organisation stands so to it or is a current member of its "
    "working group."
)


async def _measure(info: Info, data: Any, command: str, call: Any) -> MeasurePayload:
    def perform(app: PlanningApp, meta: Meta) -> UUID:
        measure = uuid_of(data.measure, "measure", MEASURE)
        return call(app, meta, measure)

    return await respond(info, data, MeasurePayload, perform)


@strawberry.type
class MeasureMutations:
    @strawberry.mutation(
        description="Proposes a measure (Maßnahme) in a working group of a cycle that is not "
        "closed. ADMIN, or a COORDINATOR whose organisation leads the working group, a body above "
        "it or the cycle's conference body (naming a lead here grants nothing)."
    )
    async def propose_measure(self, info: Info, input: ProposeMeasureInput) -> MeasurePayload:
        def perform(app: PlanningApp, meta: Meta) -> UUID:
            group = uuid_of(input.working_group, "workingGroup", BODY)
            lead = optional_uuid(input.lead, "lead", "Organization")
            return app.propose_measure(
                meta,
                cycle=input.cycle,
                working_group=group,
                title=input.title,
                description=input.description,
                lead=lead,
                client_mutation_id=input.client_mutation_id,
            )

        return await respond(info, input, MeasurePayload, perform)

    @strawberry.mutation(
        description="Revises the title or description of a PROPOSED or IN_DELIBERATION measure. "
        + MEASURE_RIGHTS
    )
    async def revise_measure(self, info: Info, input: ReviseMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "reviseMeasure",
            lambda app, meta, m: app.revise_measure(
                meta,
                measure=m,
                title=input.title,
                description=input.description,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Refers a measure to a paper (Vorlage): it enters the Beratungsfolge "
        "(IN_DELIBERATION) and the paper lists it. "
        + MEASURE_RIGHTS
        + " A COORDINATOR's organisation must lead the paper too."
    )
    async def refer_measure(self, info: Info, input: ReferMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "referMeasure",
            lambda app, meta, m: app.refer_measure(
                meta,
                measure=m,
                paper=uuid_of(input.paper, "paper", "Paper"),
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Records the decision of a COMMITTEE or the COUNCIL on a measure "
        "IN_DELIBERATION: ADOPTED or REJECTED. " + MEASURE_RIGHTS
    )
    async def decide_measure(self, info: Info, input: DecideMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "decideMeasure",
            lambda app, meta, m: app.decide_measure(
                meta,
                measure=m,
                adopted=input.adopted,
                body=uuid_of(input.body, "body", BODY),
                paper=optional_uuid(input.paper, "paper", "Paper"),
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Starts the implementation of an ADOPTED measure. " + MEASURE_RIGHTS
    )
    async def start_implementation(
        self, info: Info, input: StartImplementationInput
    ) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "startImplementation",
            lambda app, meta, m: app.start_implementation(
                meta,
                measure=m,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Sachstandsbericht: reports the progress of a measure IN_IMPLEMENTATION. "
        + MEASURE_RIGHTS
        + MEMBER_TOO
    )
    async def report_progress(self, info: Info, input: ReportProgressInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "reportProgress",
            lambda app, meta, m: app.report_progress(
                meta,
                measure=m,
                percent=input.percent,
                note=input.note,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Bewertung: records the evaluation of an ADOPTED or IN_IMPLEMENTATION "
        "measure, with any outcome. " + MEASURE_RIGHTS + MEMBER_TOO
    )
    async def evaluate_measure(self, info: Info, input: EvaluateMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "evaluateMeasure",
            lambda app, meta, m: app.evaluate_measure(
                meta,
                measure=m,
                outcome=input.outcome,
                obstacles=input.obstacles,
                enablers=input.enablers,
                report=input.report,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Fortführung: carries an EVALUATED measure into a later cycle that is not "
        "closed: unchanged it stays ADOPTED, with a revised title or description it starts as "
        "PROPOSED. "
        + MEASURE_RIGHTS
        + " A COORDINATOR's organisation must also lead the target working group, a "
        "body above it or the target cycle's conference body."
    )
    async def carry_forward_measure(
        self, info: Info, input: CarryForwardMeasureInput
    ) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "carryForwardMeasure",
            lambda app, meta, m: app.carry_forward_measure(
                meta,
                measure=m,
                to_cycle=input.to_cycle,
                working_group=optional_uuid(input.working_group, "workingGroup", BODY),
                title=input.title,
                description=input.description,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Completes an EVALUATED measure (not one evaluated NOT_IMPLEMENTED). "
        + MEASURE_RIGHTS
    )
    async def complete_measure(self, info: Info, input: CloseMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "completeMeasure",
            lambda app, meta, m: app.complete_measure(
                meta,
                measure=m,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Drops an EVALUATED measure (nicht weiterverfolgt). " + MEASURE_RIGHTS
    )
    async def drop_measure(self, info: Info, input: CloseMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "dropMeasure",
            lambda app, meta, m: app.drop_measure(
                meta,
                measure=m,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )

    @strawberry.mutation(
        description="Withdraws a PROPOSED or IN_DELIBERATION measure. " + MEASURE_RIGHTS
    )
    async def withdraw_measure(self, info: Info, input: CloseMeasureInput) -> MeasurePayload:
        return await _measure(
            info,
            input,
            "withdrawMeasure",
            lambda app, meta, m: app.withdraw_measure(
                meta,
                measure=m,
                expected_version=input.expected_version,
                client_mutation_id=input.client_mutation_id,
            ),
        )
